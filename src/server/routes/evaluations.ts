import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { STATUSES } from '../../db/schema.js';
import { type Api, actorOf, type ServerContext } from '../context.js';
import { contentDisposition } from '../download.js';
import { ApiError, badRequest } from '../errors.js';
import {
  AttachmentSchema,
  AuditEntrySchema,
  body,
  DocumentSchema,
  errors,
  EvaluationDetailSchema,
  EvaluationSummarySchema,
  IdParam,
  json,
  OkSchema,
} from '../schemas.js';
import {
  addAttachment,
  ATTACHMENT_TYPES,
  deleteAttachment,
  getAttachmentContent,
  listAttachments,
} from '../services/attachments.js';
import { evaluationHistory, listAudit } from '../services/audit.js';
import { ACTIONS, getEvaluation, listEvaluations, saveEvaluation, transition } from '../services/evaluations.js';

const listRoute = createRoute({
  method: 'get',
  path: '/api/evaluations',
  tags: ['评价'],
  summary: '调用者可见的评价（可按轮次、状态、单位筛选）',
  request: {
    query: z.object({
      roundId: z.coerce.number().int().positive().optional(),
      status: z.enum(STATUSES).optional(),
      orgId: z.coerce.number().int().positive().optional(),
    }),
  },
  responses: { 200: json(z.array(EvaluationSummarySchema), '评价列表'), ...errors(400, 401) },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/evaluations/{id}',
  tags: ['评价'],
  summary: '一份评价：文档、计分结果、意见、调用者可做的操作',
  request: { params: IdParam },
  responses: { 200: json(EvaluationDetailSchema, '评价'), ...errors(401, 404) },
});

const saveRoute = createRoute({
  method: 'put',
  path: '/api/evaluations/{id}',
  tags: ['评价'],
  summary:
    '保存评价文档（本单位填报人；草稿或已退回状态）。带上读取时的 version；期间他人已保存则 409，不会覆盖。保存时按核心规则重新计分。',
  request: {
    params: IdParam,
    body: body(z.object({ version: z.number().int().positive(), document: DocumentSchema })),
  },
  responses: { 200: json(EvaluationDetailSchema, '已保存（version 加一）'), ...errors(400, 401, 403, 404, 409) },
});

const transitionRoute = createRoute({
  method: 'post',
  path: '/api/evaluations/{id}/transitions',
  tags: ['评价'],
  summary:
    '状态操作：submit（填报人提交负责人）、leader-approve（负责人报送财政局）、leader-return（负责人退回，须填意见）、approve（财政局通过）、return（财政局退回，须填意见）、lock（管理员锁定）、reopen（管理员重新打开，须填意见）',
  request: {
    params: IdParam,
    body: body(
      z.object({
        action: z.enum(ACTIONS),
        version: z.number().int().positive(),
        comment: z.string().max(5000).optional(),
      }),
    ),
  },
  responses: { 200: json(EvaluationDetailSchema, '已变更'), ...errors(400, 401, 403, 404, 409) },
});

const historyRoute = createRoute({
  method: 'get',
  path: '/api/evaluations/{id}/history',
  tags: ['审计'],
  summary: '一份评价的修改与状态记录（原值 → 新值）',
  request: { params: IdParam },
  responses: { 200: json(z.array(AuditEntrySchema), '记录，按时间先后'), ...errors(401, 403, 404) },
});

const listAttachmentsRoute = createRoute({
  method: 'get',
  path: '/api/evaluations/{id}/attachments',
  tags: ['佐证材料'],
  summary: '一份评价的佐证材料',
  request: { params: IdParam },
  responses: { 200: json(z.array(AttachmentSchema), '佐证材料列表'), ...errors(401, 403, 404) },
});

const deleteAttachmentRoute = createRoute({
  method: 'delete',
  path: '/api/attachments/{id}',
  tags: ['佐证材料'],
  summary: '删除佐证材料（本单位填报人；草稿或已退回状态）',
  request: { params: IdParam },
  responses: { 200: json(OkSchema, '已删除'), ...errors(401, 403, 404, 409) },
});

const auditRoute = createRoute({
  method: 'get',
  path: '/api/audit',
  tags: ['审计'],
  summary: '审计日志（只追加）：财政局看本地区，单位看本单位评价与佐证材料的记录；新的在前',
  request: {
    query: z.object({
      entity: z
        .enum(['organisation', 'user', 'session', 'framework_version', 'round', 'evaluation', 'attachment'])
        .optional(),
      entityId: z.string().max(50).optional(),
      beforeId: z.coerce.number().int().positive().optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    }),
  },
  responses: { 200: json(z.array(AuditEntrySchema), '记录'), ...errors(400, 401, 403) },
});

export function registerEvaluationRoutes(app: Api, ctx: ServerContext): void {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await listEvaluations(ctx.db, actorOf(c), {
        ...(q.roundId ? { roundId: q.roundId } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.orgId ? { orgId: q.orgId } : {}),
      }),
      200,
    );
  });
  app.openapi(getRoute, async (c) => c.json(await getEvaluation(ctx.db, actorOf(c), c.req.valid('param').id), 200));
  app.openapi(saveRoute, async (c) => {
    const b = c.req.valid('json');
    return c.json(await saveEvaluation(ctx.db, actorOf(c), c.req.valid('param').id, b.version, b.document), 200);
  });
  app.openapi(transitionRoute, async (c) => {
    const b = c.req.valid('json');
    return c.json(await transition(ctx.db, actorOf(c), c.req.valid('param').id, b.action, b.version, b.comment), 200);
  });
  app.openapi(historyRoute, async (c) =>
    c.json(await evaluationHistory(ctx.db, actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(listAttachmentsRoute, async (c) =>
    c.json(await listAttachments(ctx.db, actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(deleteAttachmentRoute, async (c) => {
    await deleteAttachment(ctx.db, actorOf(c), c.req.valid('param').id);
    return c.json({ ok: true as const }, 200);
  });
  app.openapi(auditRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await listAudit(ctx.db, actorOf(c), {
        ...(q.entity ? { entity: q.entity } : {}),
        ...(q.entityId ? { entityId: q.entityId } : {}),
        ...(q.beforeId ? { beforeId: q.beforeId } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      }),
      200,
    );
  });

  // Upload and download are not JSON: plain routes, documented in the registry by hand.
  const types = Object.keys(ATTACHMENT_TYPES)
    .map((e) => `.${e}`)
    .join('、');
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/evaluations/{id}/attachments',
    tags: ['佐证材料'],
    summary: `上传佐证材料（multipart/form-data：file，可选 indicator 指标名）。类型：${types}；单个文件不超过 ${ctx.attachments.maxBytes / 1048576} MB，每份评价不超过 ${ctx.attachments.maxPerEvaluation} 个`,
    request: {
      params: IdParam,
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({
              file: z.string().openapi({ type: 'string', format: 'binary' }),
              indicator: z.string().optional(),
            }),
          },
        },
      },
    },
    responses: { 201: json(AttachmentSchema, '已上传'), ...errors(400, 401, 403, 404, 409, 413, 415) },
  });
  app.post(
    '/api/evaluations/:id/attachments',
    bodyLimit({
      maxSize: ctx.attachments.maxBytes + 256 * 1024,
      onError: () => {
        throw new ApiError(413, 'too-large', `文件超过上限 ${(ctx.attachments.maxBytes / 1048576).toFixed(0)} MB`, [
          { field: 'file', message: '文件过大' },
        ]);
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const id = IdParam.safeParse({ id: c.req.param('id') });
      if (!id.success) throw badRequest([{ field: 'id', message: '评价编号必须是正整数' }]);
      if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
        throw badRequest([{ field: 'file', message: '请以 multipart/form-data 上传，文件放在 file 字段' }]);
      }
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody();
      } catch {
        throw badRequest([{ field: 'file', message: '无法解析上传的表单' }]);
      }
      const file = form.file;
      if (!(file instanceof File)) throw badRequest([{ field: 'file', message: '缺少文件（字段名 file）' }]);
      const indicator = typeof form.indicator === 'string' ? form.indicator : null;
      const bytes = new Uint8Array(await file.arrayBuffer());
      const view = await addAttachment(
        ctx.db,
        actor,
        id.data.id,
        { filename: file.name, bytes, indicator },
        ctx.attachments,
      );
      return c.json(view, 201);
    },
  );

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/attachments/{id}',
    tags: ['佐证材料'],
    summary: '下载佐证材料',
    request: { params: IdParam },
    responses: {
      200: {
        description: '文件内容',
        content: { 'application/octet-stream': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
      },
      ...errors(401, 403, 404),
    },
  });
  app.get('/api/attachments/:id', async (c) => {
    const actor = actorOf(c);
    const id = IdParam.safeParse({ id: c.req.param('id') });
    if (!id.success) throw badRequest([{ field: 'id', message: '编号必须是正整数' }]);
    const a = await getAttachmentContent(ctx.db, actor, id.data.id);
    c.header('Content-Type', a.contentType);
    c.header('Content-Disposition', contentDisposition(a.filename));
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'private, no-store');
    return c.body(a.content as Uint8Array<ArrayBuffer>, 200);
  });
}
