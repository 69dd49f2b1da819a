/**
 * @module Evaluations (评价): one unit's self-evaluation in a round — lists, the detail with its
 * score, saves under an optimistic lock, workflow transitions. Shapes and routes; types inferred
 * from the schemas. The workflow itself is src/core/workflow.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Provenance } from '../../../core/carry-over.js';
import type { Evaluation } from '../../../core/evaluation.js';
import type { ScoreResult } from '../../../core/scoring.js';
import { ACTIONS, STATUSES, WORKFLOW } from '../../../core/workflow.js';
import { body, errors, Id, IdParam, json, QueryId } from '../../contract.js';

const TAG = '评价';

export const EvaluationSummarySchema = z
  .object({
    id: z.number().int(),
    roundId: z.number().int(),
    roundName: z.string(),
    year: z.number().int(),
    orgId: z.number().int(),
    orgName: z.string(),
    status: z.enum(STATUSES),
    statusLabel: z.string(),
    version: z.number().int().openapi({ description: '乐观锁版本号：保存与状态变更时须带上' }),
    total: z
      .number()
      .nullable()
      .openapi({ description: '核定总分：按评分规则核实的指标计规则得分，缺少数据待核实的指标暂计自评得分' }),
    grade: z.string().nullable().openapi({ description: '核定总分对应的等级' }),
    claimedTotal: z
      .number()
      .nullable()
      .openapi({ description: '自评分：单位填报的自评总分（未填时为各项自评得分合计）' }),
    strictTotal: z.number().nullable().openapi({ description: '严格口径总分：待核实的指标按0分计' }),
    strictGrade: z.string().nullable(),
    unverifiable: z
      .object({ count: z.number().int(), points: z.number() })
      .nullable()
      .openapi({ description: '待核实：缺少计分数据的指标数及其自评得分合计' }),
    gradeMayChange: z
      .boolean()
      .nullable()
      .openapi({ description: '待核实得分可能影响等级（严格口径等级与核定等级不同）' }),
    updatedAt: z.string(),
  })
  .openapi('EvaluationSummary');
export type EvaluationSummary = z.infer<typeof EvaluationSummarySchema>;

/** The document as sent: checked field by field by the core when saved (400 naming the field). */
export const DocumentSchema = z.record(z.string(), z.any()).openapi('EvaluationDocument', {
  description:
    '评价文档，与 examples/seeds/*.yaml 同构（figures 基础数据、tailoring、indicators 指标值/实际完成值/定性判断/偏差原因、claimed、narrative）。framework、frameworkVersion、unit、year 由轮次和单位决定，可省略。金额以万元计，最多两位小数。',
});

export const CommentSchema = z.object({
  id: z.number().int(),
  author: z.string(),
  action: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type EvaluationComment = z.infer<typeof CommentSchema>;

export const EvaluationDetailSchema = EvaluationSummarySchema.extend({
  framework: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
  deadline: z.string().nullable(),
  document: z.custom<Evaluation>().openapi({ type: 'object', description: '评价文档（核心 EvaluationSchema 解析后）' }),
  result: z.custom<ScoreResult | null>().openapi({
    type: ['object', 'null'],
    description:
      '核心计分结果 ScoreResult：total（核定分）、grade、strictTotal、strictGrade、unverifiable、gradeMayChange、indicators（verification、ruleScore、missing、adjustment）、nodes、metrics、findings；每次保存时重算',
  }),
  comments: z.array(CommentSchema),
  editable: z.boolean(),
  actions: z.array(z.enum(ACTIONS)).openapi({ description: '调用者现在可以执行的状态操作' }),
  provenance: z.custom<Provenance | null>().openapi({
    type: ['object', 'null'],
    description:
      '草稿中来自上年评价、导入的报告或离线模板、尚待填报人确认的内容：source、label、fields（文档路径）、cleared（已清空的年度数值及上年值）',
  }),
}).openapi('EvaluationDetail');
export type EvaluationDetail = z.infer<typeof EvaluationDetailSchema>;

export const SaveBody = z.object({ version: Id, document: DocumentSchema });
export const TransitionBody = z.object({
  action: z.enum(ACTIONS),
  version: Id,
  comment: z.string().max(5000).optional(),
});

const ACTION_TEXT = ACTIONS.map(
  (a) => `${a}（${WORKFLOW[a].label}${WORKFLOW[a].comment === 'required' ? '，须填意见' : ''}）`,
).join('、');

export const list = createRoute({
  method: 'get',
  path: '/api/evaluations',
  tags: [TAG],
  summary: '调用者可见的评价（可按轮次、状态、单位筛选）',
  request: {
    query: z.object({ roundId: QueryId.optional(), status: z.enum(STATUSES).optional(), orgId: QueryId.optional() }),
  },
  responses: { 200: json(z.array(EvaluationSummarySchema), '评价列表'), ...errors(400, 401) },
});

export const get = createRoute({
  method: 'get',
  path: '/api/evaluations/{id}',
  tags: [TAG],
  summary: '一份评价：文档、计分结果、意见、调用者可做的操作',
  description:
    '读取存储的文档与计分结果（读取时不计分）。响应带 ETag；请求带 If-None-Match 且与当前 ETag 相同时返回 304（无正文）。',
  request: {
    params: IdParam,
    headers: z.object({ 'if-none-match': z.string().optional() }),
  },
  responses: {
    200: { ...json(EvaluationDetailSchema, '评价'), headers: z.object({ ETag: z.string() }) },
    304: { description: '未修改：与 If-None-Match 所给版本相同', headers: z.object({ ETag: z.string() }) },
    ...errors(400, 401, 404),
  },
});

export const save = createRoute({
  method: 'put',
  path: '/api/evaluations/{id}',
  tags: [TAG],
  summary:
    '保存评价文档（本单位填报人；草稿或已退回状态）。带上读取时的 version；期间他人已保存则 409，不会覆盖。保存时按核心规则重新计分。',
  request: { params: IdParam, body: body(SaveBody) },
  responses: { 200: json(EvaluationDetailSchema, '已保存（version 加一）'), ...errors(400, 401, 403, 404, 409) },
});

export const transition = createRoute({
  method: 'post',
  path: '/api/evaluations/{id}/transitions',
  tags: [TAG],
  summary: `状态操作：${ACTION_TEXT}`,
  request: { params: IdParam, body: body(TransitionBody) },
  responses: { 200: json(EvaluationDetailSchema, '已变更'), ...errors(400, 401, 403, 404, 409) },
});

export const listInRound = createRoute({
  method: 'get',
  path: '/api/rounds/{id}/evaluations',
  tags: [TAG],
  summary: '本轮次中调用者可见的评价',
  request: { params: IdParam, query: z.object({ status: z.enum(STATUSES).optional() }) },
  responses: { 200: json(z.array(EvaluationSummarySchema), '评价列表'), ...errors(400, 401, 404) },
});

export const create = createRoute({
  method: 'post',
  path: '/api/rounds/{id}/evaluations',
  tags: [TAG],
  summary: '本单位在本轮次新建评价（单位填报人；每单位每轮一份）',
  request: {
    params: IdParam,
    body: body(
      z.object({
        document: DocumentSchema.optional(),
        from: z.literal('previous').optional().openapi({
          description: 'previous：以本单位上一年度的评价为起点（沿用的内容标记待确认，年度数值清空并列出）',
        }),
      }),
    ),
  },
  responses: { 201: json(EvaluationDetailSchema, '已新建（草稿）'), ...errors(400, 401, 403, 404, 409) },
});

export const confirm = createRoute({
  method: 'post',
  path: '/api/evaluations/{id}/confirm',
  tags: [TAG],
  summary: '确认草稿中沿用或导入的内容（本单位填报人）：fields 省略则全部确认',
  request: {
    params: IdParam,
    body: body(z.object({ version: Id, fields: z.array(z.string().max(500)).max(5000).optional() })),
  },
  responses: { 200: json(EvaluationDetailSchema, '已确认'), ...errors(400, 401, 403, 404, 409) },
});

export const template = createRoute({
  method: 'get',
  path: '/api/rounds/{id}/template',
  tags: [TAG],
  summary: '本轮次的离线填报模板（XLSX：基础数据、工作任务、指标、报告正文），填好后经导入读回',
  request: { params: IdParam },
  responses: {
    200: {
      description: 'XLSX',
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ type: 'string', format: 'binary' }),
        },
      },
    },
    ...errors(400, 401, 404),
  },
});
