/** @module The region dashboard (地区看板) of a round: shapes and route; types inferred from the schemas. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Dashboard } from '../../../core/dashboard.js';
import { STATUSES } from '../../../core/workflow.js';
import { errors, IdParam, json } from '../../contract.js';
import { RoundSchema } from '../rounds/contract.js';

export const DASHBOARD_SCOPES = ['approved', 'submitted', 'all'] as const;
export type DashboardScope = (typeof DASHBOARD_SCOPES)[number];

export const DashboardViewSchema = z
  .object({
    round: RoundSchema,
    scope: z.enum(DASHBOARD_SCOPES),
    scopeLabel: z.string(),
    framework: z.object({
      id: z.string(),
      version: z.number().int(),
      name: z.string(),
      decimals: z.number().int(),
      total: z.number(),
    }),
    progress: z
      .object({
        byStatus: z.array(z.object({ status: z.enum(STATUSES), label: z.string(), count: z.number().int() })),
        units: z.number().int(),
        notStarted: z.number().int(),
      })
      .nullable()
      .openapi({ description: '进度：各状态的评价数、尚未开始的单位数（公众为 null）' }),
    trend: z
      .array(z.object({ year: z.number().int(), count: z.number().int(), average: z.number() }))
      .openapi({ description: '本地区历年平均分（同一范围）' }),
  })
  // The aggregates are the core's (src/core/dashboard.ts), defined there once and carried as they are.
  .and(
    z.custom<Dashboard>().openapi({
      type: 'object',
      description:
        '核心汇总（src/core/dashboard.ts Dashboard）：count、average、median、max、min、grades 等级分布、ranking 排名、missed 失分最多的指标、level1 一级指标得分、withPrevious',
    }),
  )
  .openapi('DashboardView');
export type DashboardView = z.infer<typeof DashboardViewSchema>;

export const dashboard = createRoute({
  method: 'get',
  path: '/api/web/rounds/{id}/dashboard',
  tags: ['评价'],
  summary:
    '一个轮次的地区看板：等级分布、排名、失分最多的指标、一级指标得分、同比。范围 scope：approved 已通过（默认）、submitted 已报送、all 全部；按调用者可见的评价计算（公众只含已通过）',
  request: { params: IdParam, query: z.object({ scope: z.enum(DASHBOARD_SCOPES).optional() }) },
  responses: { 200: json(DashboardViewSchema, '看板'), ...errors(400, 401, 404) },
});

export const ProgressViewSchema = z
  .object({
    byStatus: z.array(z.object({ status: z.enum(STATUSES), label: z.string(), count: z.number().int() })),
    units: z.number().int(),
    notStarted: z.number().int(),
  })
  .openapi('RoundProgress');

export const progress = createRoute({
  method: 'get',
  path: '/api/web/rounds/{id}/progress',
  tags: ['评价'],
  summary: '一个轮次的进度：各状态的评价数、单位数、尚未开始的单位数（按调用者可见的单位计；公众 403）',
  request: { params: IdParam },
  responses: { 200: json(ProgressViewSchema, '进度'), ...errors(400, 401, 403, 404) },
});
