// 绩效目标 (target sets): shapes and routes — filing, the bureau's review and approval, 目标调整, and a 自评's cycle view.
import { createRoute, z } from '@hono/zod-openapi';
import type { ApprovedTargets, TargetReview, TargetSet } from '../../../core/cycle/index.js';
import { CYCLE_CODES } from '../../../core/cycle/findings.js';
import { SEVERITIES } from '../../../core/findings.js';
import { TARGET_ACTIONS, TARGET_STATUSES } from '../../../core/cycle/workflow.js';
import { body, errors, Id, IdParam, json } from '../../contract.js';
import { RectificationSchema } from '../rectification/contract.js';

const TAG = '绩效目标与运行监控';
const Year = z.coerce.number().int().min(2000).max(2100);

export const FindingSchema = z
  .object({
    severity: z.enum(SEVERITIES),
    code: z.enum(CYCLE_CODES),
    path: z.array(z.union([z.string(), z.number()])),
    indicator: z.string().optional(),
    message: z.string(),
  })
  .openapi('CycleFinding', { description: '检查发现：severity 错误/警告/提示，path 为文档内的字段路径' });

const TargetDocument = z.record(z.string(), z.any()).openapi('TargetSetDocument', {
  description:
    '部门整体支出绩效目标表，与 examples/cycle/targets-2021.yaml 同构：goals 年度总体目标、tasks 年度主要任务（预算资金，万元）、budget 预算情况、indicators 绩效指标（指标值、来源 计划标准/行业标准/历史标准）。unit、year 由单位和年度决定，可省略。',
});

export const TargetSetSchema = z
  .object({
    id: z.number().int(),
    orgId: z.number().int(),
    orgName: z.string(),
    year: z.number().int(),
    status: z.enum(TARGET_STATUSES),
    statusLabel: z.string(),
    version: z.number().int(),
    document: z.custom<TargetSet>().openapi({ type: 'object' }),
    review: z.custom<TargetReview>().nullable().openapi({ type: 'object' }),
    approved: z
      .custom<ApprovedTargets>()
      .nullable()
      .openapi({ type: 'object', description: '批复（冻结）的目标：版本、批复人、调整记录' }),
    findings: z.array(FindingSchema),
    actions: z.array(z.enum(TARGET_ACTIONS)),
    editable: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('TargetSet', { description: '一个单位一个年度的绩效目标表' });
export type TargetSetView = z.infer<typeof TargetSetSchema>;

export const TargetSummarySchema = TargetSetSchema.pick({
  id: true,
  orgId: true,
  orgName: true,
  year: true,
  status: true,
  statusLabel: true,
  version: true,
  updatedAt: true,
})
  .extend({ approvedVersion: z.number().int().nullable(), errors: z.number().int(), warnings: z.number().int() })
  .openapi('TargetSummary');
export type TargetSummary = z.infer<typeof TargetSummarySchema>;

export const list = createRoute({
  method: 'get',
  path: '/api/targets',
  tags: [TAG],
  summary: '可见的绩效目标表（单位：本单位及下属；财政局：本地区）',
  request: { query: z.object({ year: Year.optional() }) },
  responses: { 200: json(z.array(TargetSummarySchema), '目标表列表'), ...errors(400, 401, 403) },
});

export const create = createRoute({
  method: 'post',
  path: '/api/targets',
  tags: [TAG],
  summary: '新建本单位某年度的绩效目标表（单位填报人）',
  request: { body: body(z.object({ year: Year, document: TargetDocument })) },
  responses: { 201: json(TargetSetSchema, '已新建'), ...errors(400, 401, 403, 409) },
});

export const get = createRoute({
  method: 'get',
  path: '/api/targets/{id}',
  tags: [TAG],
  summary: '一份绩效目标表，含质量检查结果（与上年已通过自评的实际完成值比较）',
  request: { params: IdParam },
  responses: { 200: json(TargetSetSchema, '目标表'), ...errors(400, 401, 404) },
});

export const save = createRoute({
  method: 'put',
  path: '/api/targets/{id}',
  tags: [TAG],
  summary: '保存绩效目标表（单位填报人；草稿或已退回时）',
  request: { params: IdParam, body: body(z.object({ version: Id, document: TargetDocument })) },
  responses: { 200: json(TargetSetSchema, '已保存'), ...errors(400, 401, 403, 404, 409) },
});

export const ReviewBody = z
  .record(z.string(), z.object({ verdict: z.string(), reason: z.string().optional() }))
  .openapi({ description: '逐项审核意见：指标名 → { verdict: 合理/需调整（或 reasonable/adjust）, reason }' });

export const transition = createRoute({
  method: 'post',
  path: '/api/targets/{id}/transitions',
  tags: [TAG],
  summary: '报送（单位）、退回或批复（财政局，批复须逐项审核为合理）',
  request: {
    params: IdParam,
    body: body(
      z.object({
        action: z.enum(['submit', 'return', 'approve']),
        version: Id,
        comment: z.string().max(2000).optional(),
        review: ReviewBody.optional(),
      }),
    ),
  },
  responses: { 200: json(TargetSetSchema, '已办理'), ...errors(400, 401, 403, 404, 409) },
});

export const adjust = createRoute({
  method: 'post',
  path: '/api/targets/{id}/adjustments',
  tags: [TAG],
  summary: '目标调整（财政局）：已批复的指标值或任务预算资金改动，须写明理由，生成新版本并记入日志',
  request: {
    params: IdParam,
    body: body(
      z.object({
        version: Id,
        indicator: z.string().optional(),
        task: z.string().optional(),
        target: z.union([z.string(), z.number()]).optional(),
        budget: z.number().optional(),
        reason: z.string().max(2000),
      }),
    ),
  },
  responses: { 200: json(TargetSetSchema, '已调整'), ...errors(400, 401, 403, 404, 409) },
});

export const CycleViewSchema = z
  .object({
    evaluationId: z.number().int(),
    targetSetId: z.number().int().nullable(),
    approvedVersion: z.number().int().nullable(),
    /** What a new 自评 starts from: 年度总体目标, tasks and 指标值 of the approved set (locked). */
    prefill: z
      .object({
        goals: z.string(),
        tasks: z.array(z.object({ name: z.string(), content: z.string().optional(), budget: z.number() })),
        indicators: z.record(z.string(), z.object({ target: z.union([z.string(), z.number()]) })),
      })
      .nullable(),
    monitoring: z.array(
      z.object({
        id: z.number().int(),
        month: z.number().int(),
        indicators: z.array(
          z.object({
            name: z.string(),
            actualToDate: z.union([z.string(), z.number()]).optional(),
            forecast: z.union([z.string(), z.number()]).optional(),
            likelihood: z.string(),
          }),
        ),
      }),
    ),
    signals: z.array(FindingSchema),
    /** Last year's items not 已完成, whole: the 自评 asks for their outcome (PATCH /api/rectification/{id}). */
    carriedOver: z.array(RectificationSchema),
  })
  .openapi('EvaluationCycle', {
    description: '自评与全年的联系：批复的目标（预填、锁定）、监控填报、对照发现（虚高信号）、上年未完成的整改事项',
  });
export type CycleView = z.infer<typeof CycleViewSchema>;

export const cycleOfEvaluation = createRoute({
  method: 'get',
  path: '/api/evaluations/{id}/cycle',
  tags: [TAG],
  summary: '一份自评的绩效目标、监控、对照发现和上年整改事项',
  request: { params: IdParam },
  responses: { 200: json(CycleViewSchema, '自评的全年情况'), ...errors(400, 401, 404) },
});
