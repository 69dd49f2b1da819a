/** @module Rounds (评价轮次): a region's year, framework version and deadline — shapes and routes. */
import { createRoute, z } from '@hono/zod-openapi';
import { body, errors, Id, IdParam, json } from '../../contract.js';

const TAG = '指标框架与评价轮次';

export const RoundSchema = z
  .object({
    id: z.number().int(),
    regionId: z.number().int(),
    name: z.string(),
    year: z.number().int(),
    frameworkVersionId: z.number().int(),
    frameworkId: z.string(),
    frameworkVersion: z.number().int(),
    frameworkName: z.string(),
    deadline: z.string().nullable(),
    createdAt: z.string(),
    unitCount: z.number().int().openapi({ description: '本轮次评价范围内（未撤出）的单位数' }),
  })
  .openapi('Round', { description: '评价轮次：年度、指标框架版本（使用后冻结）、截止时间' });
export type Round = z.infer<typeof RoundSchema>;

/** A 4-digit year from 2000 to 2100 (`+275760-09-13` is a valid JavaScript date but no deadline, and not a PostgreSQL one). */
const ISO_DATE_TIME = /^(\d{4})-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const Deadline = z
  .string()
  .max(40)
  .refine(
    (v) => {
      if (v === '') return true;
      const m = ISO_DATE_TIME.exec(v);
      if (!m) return false;
      const year = Number(m[1]);
      return year >= 2000 && year <= 2100 && !Number.isNaN(new Date(v).getTime());
    },
    { message: '须为 ISO 8601 日期时间（例如 2026-03-31T18:00:00+08:00），年份 2000～2100' },
  )
  .nullable()
  .optional()
  .openapi({ example: '2026-03-31T18:00:00+08:00', description: 'ISO 8601 日期时间，年份 2000～2100' });

export const UnitSelectionSchema = z
  .object({
    orgIds: z.array(Id).max(5000).optional().openapi({ description: '单位（组织）编号' }),
    kinds: z
      .array(z.enum(['unit', 'subunit']))
      .max(2)
      .optional()
      .openapi({ description: '某一类的全部单位：unit 部门（单位），subunit 下属单位' }),
    list: z
      .string()
      .max(200_000)
      .optional()
      .openapi({ description: '粘贴或由 XLSX 读出的单位清单：每行一个单位代码或全称（整行或其中一列）' }),
  })
  .openapi('UnitSelection', { description: '评价范围：三种方式可以并用，结果取并集' });
export type UnitSelection = z.infer<typeof UnitSelectionSchema>;

export const RoundUnitSchema = z
  .object({
    orgId: z.number().int(),
    name: z.string(),
    code: z.string(),
    kind: z.enum(['unit', 'subunit']),
    kindLabel: z.string(),
    parentId: z.number().int().nullable(),
    active: z.boolean().openapi({ description: 'false：已撤出（其评价保留，不再提交）' }),
    addedAt: z.string(),
    withdrawnAt: z.string().nullable(),
    evaluationId: z.number().int().nullable(),
    evaluationStatus: z.string().nullable(),
    evaluationStatusLabel: z.string().nullable(),
  })
  .openapi('RoundUnit', { description: '轮次评价范围内的一个单位，及其评价（如已开始）' });
export type RoundUnit = z.infer<typeof RoundUnitSchema>;

export const NewRoundBody = z.object({
  name: z.string().min(1).max(200).openapi({ example: '2025年度部门整体支出绩效自评' }),
  year: z.number().int().min(2000).max(2100),
  frameworkVersionId: Id,
  deadline: Deadline,
  units: UnitSelectionSchema.optional().openapi({ description: '评价范围；省略则为本地区全部单位和下属单位' }),
});

export const RoundPatchBody = z
  .object({ name: z.string().min(1).max(200).optional(), deadline: Deadline })
  .refine((b) => b.name !== undefined || b.deadline !== undefined, { message: '至少修改一项：name 或 deadline' });

export const list = createRoute({
  method: 'get',
  path: '/api/rounds',
  tags: [TAG],
  summary: '本地区的评价轮次',
  responses: { 200: json(z.array(RoundSchema), '轮次列表'), ...errors(401) },
});

export const create = createRoute({
  method: 'post',
  path: '/api/rounds',
  tags: [TAG],
  summary: '新建评价轮次（财政局管理员）；所用框架版本（内置或本地区自建）随即冻结',
  request: { body: body(NewRoundBody) },
  responses: { 201: json(RoundSchema, '已新建'), ...errors(400, 401, 403, 404, 409) },
});

export const get = createRoute({
  method: 'get',
  path: '/api/rounds/{id}',
  tags: [TAG],
  summary: '一个评价轮次',
  request: { params: IdParam },
  responses: { 200: json(RoundSchema, '轮次'), ...errors(400, 401, 404) },
});

export const update = createRoute({
  method: 'patch',
  path: '/api/rounds/{id}',
  tags: [TAG],
  summary: '修改轮次名称或截止时间（财政局管理员；框架不可改）',
  request: { params: IdParam, body: body(RoundPatchBody) },
  responses: { 200: json(RoundSchema, '已修改'), ...errors(400, 401, 403, 404, 409) },
});

const UnitsParam = z.object({
  id: IdParam.shape.id,
  orgId: IdParam.shape.id.openapi({ param: { name: 'orgId', in: 'path' }, example: 2 }),
});

export const listUnits = createRoute({
  method: 'get',
  path: '/api/rounds/{id}/units',
  tags: [TAG],
  summary: '轮次的评价范围：各单位及其评价状态（财政局；单位只见本单位及下属单位）',
  request: { params: IdParam },
  responses: { 200: json(z.array(RoundUnitSchema), '评价范围'), ...errors(400, 401, 404) },
});

export const addUnits = createRoute({
  method: 'post',
  path: '/api/rounds/{id}/units',
  tags: [TAG],
  summary: '把单位加入评价范围（财政局管理员；已撤出的单位重新加入）',
  request: { params: IdParam, body: body(UnitSelectionSchema) },
  responses: { 200: json(z.array(RoundUnitSchema), '新的评价范围'), ...errors(400, 401, 403, 404) },
});

export const withdrawUnit = createRoute({
  method: 'delete',
  path: '/api/rounds/{id}/units/{orgId}',
  tags: [TAG],
  summary: '把单位撤出评价范围（财政局管理员）：其评价（如有）保留，不再出现在待办，不能再提交；记入审计日志',
  request: { params: UnitsParam },
  responses: { 200: json(z.array(RoundUnitSchema), '新的评价范围'), ...errors(400, 401, 403, 404) },
});

export const UnitListAnswerSchema = z
  .object({
    lines: z.array(z.string()),
    matched: z.array(z.object({ line: z.number().int(), text: z.string(), orgId: z.number().int() })),
    unmatched: z.array(z.object({ line: z.number().int(), text: z.string() })),
  })
  .openapi('UnitListAnswer');
export type UnitListAnswer = z.infer<typeof UnitListAnswerSchema>;

export const unitList = createRoute({
  method: 'post',
  path: '/api/rounds/unit-list',
  tags: [TAG],
  summary: '读一份单位清单（XLSX 或文本，multipart/form-data：file，不超过 1 MB），与本地区单位对照',
  request: {
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: z.object({ file: z.string().openapi({ type: 'string', format: 'binary' }) }),
        },
      },
    },
  },
  responses: {
    200: json(UnitListAnswerSchema, '清单各行与对照结果'),
    ...errors(400, 401, 403, 413),
  },
});
