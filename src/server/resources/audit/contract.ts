/** @module The audit log (审计日志) as the API shows it: a region's log and one evaluation's history. */
import { createRoute, z } from '@hono/zod-openapi';
import { AUDIT_ENTITIES } from '../../../db/audit.js';
import { errors, IdParam, json, QueryId } from '../../contract.js';

const TAG = '审计';

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorId: z.number().int().nullable(),
    actor: z.string(),
    orgId: z.number().int().nullable(),
    entity: z.string(),
    entityId: z.string(),
    action: z.string(),
    changes: z
      .array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() }))
      .openapi({ description: '逐字段：原值 → 新值' }),
    detail: z.record(z.string(), z.unknown()).nullable(),
    text: z.string().openapi({
      description: '这条记录的中文叙述（src/core/history.ts），如“王某将“年初预算数”由 837.69万元 改为 800.00万元”',
    }),
    lines: z.array(z.string()).openapi({ description: '逐项改动的中文叙述（至多 12 条，其后“另有 N 处改动”）' }),
  })
  .openapi('AuditEntry');
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuery = z.object({
  entity: z.enum(AUDIT_ENTITIES).optional(),
  entityId: z.string().max(50).optional(),
  beforeId: QueryId.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type AuditFilter = z.infer<typeof AuditQuery>;

export const list = createRoute({
  method: 'get',
  path: '/api/audit',
  tags: [TAG],
  summary: '审计日志（只追加，逐条哈希链）：财政局看本地区，单位看本单位评价与佐证材料的记录；新的在前',
  request: { query: AuditQuery },
  responses: { 200: json(z.array(AuditEntrySchema), '记录'), ...errors(400, 401, 403) },
});

export const history = createRoute({
  method: 'get',
  path: '/api/evaluations/{id}/history',
  tags: [TAG],
  summary: '一份评价的修改与状态记录（原值 → 新值）',
  request: { params: IdParam },
  responses: { 200: json(z.array(AuditEntrySchema), '记录，按时间先后'), ...errors(400, 401, 403, 404) },
});
