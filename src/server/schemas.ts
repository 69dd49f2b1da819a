import { z } from '@hono/zod-openapi';
import { ORG_KINDS, ROLES, STATUSES } from '../db/schema.js';
import { ACTIONS } from './services/evaluations.js';

/** Request and response shapes of the API, for validation and for /api/openapi.json. */

export const ErrorSchema = z
  .object({
    error: z
      .object({
        code: z.string().openapi({ example: 'bad-request' }),
        message: z.string().openapi({ example: '输入有误：字段 document.year：须与评价轮次和本单位一致' }),
        fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
      })
      .catchall(z.unknown()),
  })
  .openapi('Error', { description: '错误：code 稳定可判断，message 为中文说明；输入错误时 fields 列出出错的字段' });

const ERROR_TEXT: Record<number, string> = {
  400: '输入有误（message 与 fields 指明字段）',
  401: '未登录或会话已过期',
  403: '无权限，或缺少/错误的 CSRF 令牌',
  404: '不存在，或调用者无权查看（不区分两者，避免泄露其他单位的数据）',
  409: '冲突：版本已变（乐观锁）、状态不允许、或重复',
  413: '文件过大',
  415: '文件类型不支持',
  429: '登录尝试过于频繁',
};

export function errors(...codes: Array<400 | 401 | 403 | 404 | 409 | 413 | 415 | 429>) {
  return Object.fromEntries(
    codes.map((c) => [c, { description: ERROR_TEXT[c]!, content: { 'application/json': { schema: ErrorSchema } } }]),
  ) as Record<number, { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } }>;
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
export const body = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { 'application/json': { schema } },
});

export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const OkSchema = z.object({ ok: z.literal(true) }).openapi('Ok');

export const OrganisationSchema = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    regionId: z.number().int(),
    kind: z.enum(ORG_KINDS),
    kindLabel: z.string(),
    name: z.string(),
    code: z.string(),
    createdAt: z.string(),
  })
  .openapi('Organisation', { description: '组织：财政局（地区的根）、部门（单位）、下属单位' });

export const UserSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    roleLabel: z.string(),
    orgId: z.number().int(),
    orgName: z.string(),
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('User');

export const MeSchema = z
  .object({
    user: z.object({
      id: z.number().int(),
      username: z.string(),
      displayName: z.string(),
      role: z.enum(ROLES),
      roleLabel: z.string(),
    }),
    organisation: z.object({
      id: z.number().int(),
      name: z.string(),
      kind: z.enum(ORG_KINDS),
      regionId: z.number().int(),
    }),
    csrfToken: z.string().openapi({ description: '写操作（POST/PUT/PATCH/DELETE）须在请求头 X-CSRF-Token 中带上此值' }),
  })
  .openapi('Me');

export const FrameworkVersionSchema = z
  .object({
    id: z.number().int(),
    frameworkId: z.string(),
    version: z.number().int(),
    name: z.string(),
    region: z.string(),
    year: z.number().int(),
    kind: z.string(),
    frozen: z.boolean().openapi({ description: '已有评价轮次使用，内容不可再改' }),
    frozenAt: z.string().nullable(),
    sha256: z.string(),
  })
  .openapi('FrameworkVersion');

export const FrameworkDetailSchema = FrameworkVersionSchema.extend({
  total: z.number(),
  decimals: z.number().int(),
  grades: z.array(z.object({ name: z.string(), min: z.number() })),
  nodes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      level: z.number().int(),
      path: z.array(z.string()),
      weight: z.number().nullable(),
      rule: z.string().nullable(),
      metric: z.string().nullable(),
      target: z.string().nullable(),
      optional: z.boolean(),
      fixedWeight: z.boolean(),
      open: z.boolean(),
    }),
  ),
  sourceYaml: z.string(),
}).openapi('FrameworkDetail');

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
    total: z.number().nullable().openapi({ description: '按评分规则计算的总分' }),
    grade: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('EvaluationSummary');

export const DocumentSchema = z.record(z.string(), z.any()).openapi('EvaluationDocument', {
  description:
    '评价文档，与 examples/seeds/*.yaml 同构（figures 基础数据、tailoring、indicators 指标值/实际完成值/定性判断/偏差原因、claimed、narrative）。framework、frameworkVersion、unit、year 由轮次和单位决定，可省略。金额以万元计，最多两位小数。',
});

export const EvaluationDetailSchema = EvaluationSummarySchema.extend({
  framework: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
  deadline: z.string().nullable(),
  document: DocumentSchema,
  result: z.any().openapi({
    description: '核心计分结果 ScoreResult：total、grade、indicators、nodes、metrics、findings；每次保存时重算',
  }),
  comments: z.array(
    z.object({ id: z.number().int(), author: z.string(), action: z.string(), body: z.string(), createdAt: z.string() }),
  ),
  editable: z.boolean(),
  actions: z.array(z.enum(ACTIONS)).openapi({ description: '调用者现在可以执行的状态操作' }),
}).openapi('EvaluationDetail');

export const AttachmentSchema = z
  .object({
    id: z.number().int(),
    evaluationId: z.number().int(),
    indicator: z.string().nullable(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    uploadedBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Attachment', { description: '佐证材料' });

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
  })
  .openapi('AuditEntry');
