// 整改 and 结果应用: shapes and routes — items, generation from a 自评, the results page and its export, the region's settings.
import { createRoute, z } from '@hono/zod-openapi';
import { RECTIFICATION_SOURCES, RECTIFICATION_STATUSES } from '../../../core/cycle/labels.js';
import { binary, body, errors, Id, IdParam, json, QueryId } from '../../contract.js';

const TAG = '整改与结果应用';
const Year = z.coerce.number().int().min(2000).max(2100);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });

export const RectificationSchema = z
  .object({
    id: z.number().int(),
    orgId: z.number().int(),
    orgName: z.string(),
    year: z.number().int(),
    source: z.enum(RECTIFICATION_SOURCES),
    sourceLabel: z.string(),
    problem: z.string(),
    owner: z.string().nullable(),
    measure: z.string().nullable(),
    due: z.string().nullable(),
    status: z.enum(RECTIFICATION_STATUSES),
    statusLabel: z.string(),
    overdue: z.boolean(),
    evidence: z.array(z.string()),
    outcome: z.string().nullable(),
    origin: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('RectificationItem', { description: '整改事项：问题、责任人、措施、期限、状态、佐证、结果' });
export type RectificationView = z.infer<typeof RectificationSchema>;

export const list = createRoute({
  method: 'get',
  path: '/api/rectification',
  tags: [TAG],
  summary: '可见的整改事项（单位：本单位及下属；财政局：本地区）',
  request: { query: z.object({ year: Year.optional(), orgId: QueryId.optional() }) },
  responses: { 200: json(z.array(RectificationSchema), '整改事项'), ...errors(400, 401, 403) },
});

export const create = createRoute({
  method: 'post',
  path: '/api/rectification',
  tags: [TAG],
  summary: '新增整改事项（单位为本单位；财政局为本地区的单位，来源为确认的核查问题）',
  request: {
    body: body(
      z.object({
        orgId: Id.optional(),
        year: Year,
        source: z.enum(RECTIFICATION_SOURCES),
        problem: z.string().min(2).max(4000),
        owner: z.string().max(200).optional(),
        measure: z.string().max(4000).optional(),
        due: Day.optional(),
      }),
    ),
  },
  responses: { 201: json(RectificationSchema, '已新增'), ...errors(400, 401, 403, 404) },
});

export const fromEvaluation = createRoute({
  method: 'post',
  path: '/api/evaluations/{id}/rectification',
  tags: [TAG],
  summary: '由自评生成整改事项：报告所列问题（单位或财政局），以及财政局确认的错误/警告',
  request: {
    params: IdParam,
    body: body(
      z.object({
        findings: z
          .array(z.object({ code: z.string(), message: z.string().min(2), indicator: z.string().optional() }))
          .max(200)
          .optional(),
      }),
    ),
  },
  responses: {
    201: json(z.array(RectificationSchema), '新生成的整改事项（已有的不重复生成）'),
    ...errors(400, 401, 403, 404),
  },
});

export const update = createRoute({
  method: 'patch',
  path: '/api/rectification/{id}',
  tags: [TAG],
  summary: '更新整改事项（本单位或财政局）：整改中须有责任人、措施、期限；已完成还须有佐证和结果',
  request: {
    params: IdParam,
    body: body(
      z.object({
        version: Id,
        owner: z.string().max(200).nullable().optional(),
        measure: z.string().max(4000).nullable().optional(),
        due: Day.nullable().optional(),
        status: z.enum(RECTIFICATION_STATUSES).optional(),
        evidence: z.array(z.string().min(1).max(500)).max(50).optional(),
        outcome: z.string().max(4000).nullable().optional(),
      }),
    ),
  },
  responses: { 200: json(RectificationSchema, '已更新'), ...errors(400, 401, 403, 404, 409) },
});

export const ResultsSchema = z
  .object({
    year: z.number().int(),
    rules: z.record(z.string(), z.string()),
    rows: z.array(
      z.object({
        orgId: z.number().int(),
        evaluationId: z.number().int(),
        unit: z.string(),
        year: z.number().int(),
        total: z.number(),
        grade: z.string(),
        use: z.string(),
        openItems: z.number().int(),
      }),
    ),
  })
  .openapi('Results', { description: '结果应用：各单位已通过自评的规则总分、等级与本地区的应用规则' });
export type Results = z.infer<typeof ResultsSchema>;

export const results = createRoute({
  method: 'get',
  path: '/api/results',
  tags: [TAG],
  summary: '结果应用（财政局）：各单位等级及其在预算安排中的应用',
  request: { query: z.object({ year: Year }) },
  responses: { 200: json(ResultsSchema, '结果'), ...errors(400, 401, 403) },
});

export const resultsCsv = createRoute({
  method: 'get',
  path: '/api/results/export',
  tags: [TAG],
  summary: '结果应用导出为 CSV（UTF-8，带 BOM），供预算安排使用',
  request: { query: z.object({ year: Year }) },
  responses: { 200: binary('text/csv', 'CSV 文件'), ...errors(400, 401, 403) },
});

export const SettingsSchema = z
  .object({
    lagThreshold: z.number().min(0).max(100),
    monitoringMonths: z.array(z.number().int().min(1).max(12)).min(1).max(12),
    resultRules: z.record(z.string().min(1), z.string().min(2)),
    publishTargets: z.boolean(),
  })
  .openapi('CycleSettings', {
    description:
      '本地区设置：执行进度预警阈值（百分点）、监控期（月）、结果应用规则（等级 → 用途）、是否公开绩效目标表',
  });
export type CycleSettings = z.infer<typeof SettingsSchema>;

export const getSettings = createRoute({
  method: 'get',
  path: '/api/cycle/settings',
  tags: [TAG],
  summary: '本地区的全年管理设置',
  responses: { 200: json(SettingsSchema, '设置'), ...errors(401, 403) },
});

export const putSettings = createRoute({
  method: 'put',
  path: '/api/cycle/settings',
  tags: [TAG],
  summary: '修改本地区的全年管理设置（财政局管理员），记入日志',
  request: { body: body(SettingsSchema.partial()) },
  responses: { 200: json(SettingsSchema, '已修改'), ...errors(400, 401, 403) },
});
