/**
 * @module Review at scale (审核): the paged, filtered, sorted evaluation list, its XLSX export,
 * batch approve/return, a round's progress with 催办 reminders, a unit's notifications, and what
 * changed since the last submission. Shapes and routes; types inferred from the schemas.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ORG_KINDS, STATUSES } from '../../../core/workflow.js';
import { binary, body, errors, Id, IdParam, json, QueryId } from '../../contract.js';
import { EvaluationSummarySchema } from '../evaluations/contract.js';

const TAG = '审核';

export const SORT_FIELDS = ['orgName', 'status', 'total', 'claimed', 'diff', 'unverifiable', 'updatedAt'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/** A comma-separated list of one of the given words (`status=draft,returned`). */
const csv = <T extends string>(words: readonly T[], what: string) =>
  z
    .string()
    .max(400)
    .transform((s, ctx) => {
      const list = s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const bad = list.filter((x) => !(words as readonly string[]).includes(x));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `${what}“${bad.join('、')}”不存在；可选 ${words.join('、')}` });
        return z.NEVER;
      }
      return list as T[];
    })
    .openapi({ type: 'string', description: `${what}，多个用逗号分隔：${words.join('、')}` });

export const ReviewQuery = z.object({
  roundId: QueryId.optional(),
  q: z.string().trim().max(100).optional().openapi({ description: '关键词：单位名称或编码' }),
  status: csv(STATUSES, '状态').optional(),
  grade: z.string().max(100).optional().openapi({ description: '等级，多个用逗号分隔（如 优,良）' }),
  orgKind: z.enum(ORG_KINDS).optional().openapi({ description: '单位类型' }),
  diffMin: z.coerce
    .number()
    .min(0)
    .max(1000)
    .optional()
    .openapi({ description: '自评分与核定分之差（绝对值）不小于此数；只列有自评分的评价' }),
  sortField: z.enum(SORT_FIELDS).optional(),
  sortOrder: z.enum(['ascend', 'descend']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ReviewFilter = z.infer<typeof ReviewQuery>;

export const ReviewRowSchema = EvaluationSummarySchema.extend({
  orgKind: z.enum(ORG_KINDS),
  orgKindLabel: z.string(),
  diff: z.number().nullable().openapi({ description: '自评分 − 核定分；无自评分为 null' }),
}).openapi('ReviewRow');
export type ReviewRow = z.infer<typeof ReviewRowSchema>;

export const ReviewPageSchema = z
  .object({
    items: z.array(ReviewRowSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('ReviewPage');
export type ReviewPage = z.infer<typeof ReviewPageSchema>;

export const BATCH_ACTIONS = ['approve', 'return', 'leader-approve', 'leader-return'] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];
export const BatchBody = z.object({
  action: z.enum(BATCH_ACTIONS),
  ids: z.array(Id).min(1).max(200),
  comment: z.string().trim().max(5000).optional(),
});
export const BatchResultSchema = z
  .object({
    results: z.array(
      z.object({
        id: z.number().int(),
        orgName: z.string().nullable(),
        ok: z.boolean(),
        status: z.enum(STATUSES).optional(),
        statusLabel: z.string().optional(),
        message: z.string().optional().openapi({ description: '未成功时的中文原因' }),
      }),
    ),
    succeeded: z.number().int(),
    failed: z.number().int(),
  })
  .openapi('BatchResult');
export type BatchResult = z.infer<typeof BatchResultSchema>;

export const ProgressSchema = z
  .object({
    roundId: z.number().int(),
    units: z.number().int(),
    notStarted: z.number().int(),
    byStatus: z.array(z.object({ status: z.enum(STATUSES), label: z.string(), count: z.number().int() })),
    notStartedUnits: z.array(
      z.object({
        orgId: z.number().int(),
        orgName: z.string(),
        orgKindLabel: z.string(),
        reminders: z.number().int(),
        lastRemindedAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('RoundProgress');
export type RoundProgress = z.infer<typeof ProgressSchema>;

export const RemindBody = z.object({
  orgIds: z.array(Id).min(1).max(500),
  message: z.string().trim().max(500).optional(),
});
/** 催办: how many were reminded, and when. */
export const RemindedSchema = z.object({ sent: z.number().int(), at: z.string() }).openapi('Reminded');
export type Reminded = z.infer<typeof RemindedSchema>;

export const NotificationSchema = z
  .object({
    id: z.number().int(),
    orgId: z.number().int(),
    roundId: z.number().int(),
    roundName: z.string(),
    deadline: z.string().nullable(),
    sentAt: z.string(),
    sentBy: z.string(),
    message: z.string(),
  })
  .openapi('Notification');
export type Notification = z.infer<typeof NotificationSchema>;

const ChangeSchema = z.object({
  field: z.string().openapi({ description: '文档中的路径，如 figures.budget.initial' }),
  old: z.unknown(),
  new: z.unknown(),
});
export const SinceSubmissionSchema = z
  .object({
    baseline: z
      .object({ at: z.string(), by: z.string() })
      .nullable()
      .openapi({ description: '比较的基准：上一次提交；从未提交过为 null' }),
    until: z.object({ at: z.string(), by: z.string() }).nullable().openapi({ description: '本次提交；未提交为 null' }),
    figures: z.array(ChangeSchema),
    indicators: z.array(ChangeSchema),
    narrative: z.array(ChangeSchema),
    other: z.array(ChangeSchema),
    scores: z.array(ChangeSchema).openapi({ description: '核定分、等级的变化' }),
    attachments: z.array(z.object({ filename: z.string(), change: z.enum(['added', 'removed']), at: z.string() })),
  })
  .openapi('SinceSubmission');
export type SinceSubmission = z.infer<typeof SinceSubmissionSchema>;

export const list = createRoute({
  method: 'get',
  path: '/api/review/evaluations',
  tags: [TAG],
  summary: '评价列表（分页）：关键词、状态、等级、单位类型、自评分与核定分之差筛选，排序',
  request: { query: ReviewQuery },
  responses: { 200: json(ReviewPageSchema, '一页评价及总数'), ...errors(400, 401) },
});

export const exportXlsx = createRoute({
  method: 'get',
  path: '/api/review/evaluations.xlsx',
  tags: [TAG],
  summary: '按同样的筛选与排序导出评价列表（XLSX，全部页，至多 5000 行；财政局与单位负责人）',
  request: { query: ReviewQuery.omit({ page: true, pageSize: true }) },
  responses: {
    200: binary('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '评价列表.xlsx'),
    ...errors(400, 401, 403),
  },
});

export const batch = createRoute({
  method: 'post',
  path: '/api/review/batch',
  tags: [TAG],
  summary: '批量通过或退回（同一条意见）：逐份按工作流办理，逐份报告结果；一份失败不影响其他',
  request: { body: body(BatchBody) },
  responses: { 200: json(BatchResultSchema, '每份评价的结果'), ...errors(400, 401, 403) },
});

export const progress = createRoute({
  method: 'get',
  path: '/api/rounds/{id}/progress',
  tags: [TAG],
  summary: '轮次进度：各状态数量、未开始的单位及催办记录（财政局）',
  request: { params: IdParam },
  responses: { 200: json(ProgressSchema, '进度'), ...errors(400, 401, 403, 404) },
});

export const remind = createRoute({
  method: 'post',
  path: '/api/rounds/{id}/reminders',
  tags: [TAG],
  summary: '催办：通知尚未开始填报的单位（财政局）；单位在工作台的待办中看到',
  request: { params: IdParam, body: body(RemindBody) },
  responses: {
    201: json(RemindedSchema, '已催办'),
    ...errors(400, 401, 403, 404),
  },
});

export const notifications = createRoute({
  method: 'get',
  path: '/api/notifications',
  tags: [TAG],
  summary: '本单位收到的催办通知（最近 50 条）',
  responses: { 200: json(z.array(NotificationSchema), '通知'), ...errors(401) },
});

export const sinceSubmission = createRoute({
  method: 'get',
  path: '/api/evaluations/{id}/since-submission',
  tags: [TAG],
  summary: '自上次提交以来的修改：基础数据、指标、自评报告、得分、佐证材料',
  request: { params: IdParam },
  responses: { 200: json(SinceSubmissionSchema, '修改'), ...errors(400, 401, 403, 404) },
});
