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

export const NewRoundBody = z.object({
  name: z.string().min(1).max(200).openapi({ example: '2025年度部门整体支出绩效自评' }),
  year: z.number().int().min(2000).max(2100),
  frameworkVersionId: Id,
  deadline: Deadline,
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
