/** @module Evaluations: binds the contract's routes to the service. */
import { type Api, actorOf, type ServerContext } from '../../context.js';
import { getRound } from '../rounds/service.js';
import * as route from './contract.js';
import {
  confirmProvenance,
  createEvaluation,
  listEvaluations,
  readEvaluation,
  saveEvaluation,
  transition,
} from './service.js';
import { roundTemplate, startFromFile, startFromPrevious } from './start.js';
import { z } from '@hono/zod-openapi';
import { LIMITS } from '../../../importers/limits.js';
import { errors, IdParam, json } from '../../contract.js';
import { contentDisposition } from '../../download.js';
import { badRequest } from '../../errors.js';
import { uploadedFile, uploadLimit } from '../../upload.js';
import { EvaluationDetailSchema } from './contract.js';

export function registerEvaluations(app: Api, ctx: ServerContext): void {
  app.openapi(route.list, async (c) => {
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
  app.openapi(route.get, async (c) => {
    const r = await readEvaluation(ctx.db, actorOf(c), c.req.valid('param').id, c.req.header('if-none-match'));
    // Revalidated on every use (no-cache), never shared (private): the answer depends on who asks.
    const headers = { ETag: r.etag, 'Cache-Control': 'private, no-cache' };
    if (r.body === undefined) return c.body(null, 304, headers);
    return c.body(r.body, 200, { ...headers, 'Content-Type': 'application/json' });
  });
  app.openapi(route.save, async (c) => {
    const b = c.req.valid('json');
    return c.json(await saveEvaluation(ctx.db, actorOf(c), c.req.valid('param').id, b.version, b.document), 200);
  });
  app.openapi(route.transition, async (c) => {
    const b = c.req.valid('json');
    return c.json(await transition(ctx.db, actorOf(c), c.req.valid('param').id, b.action, b.version, b.comment), 200);
  });
  app.openapi(route.listInRound, async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    await getRound(ctx.db, actor, id); // 404 outside the caller's region
    const { status } = c.req.valid('query');
    return c.json(await listEvaluations(ctx.db, actor, { roundId: id, ...(status ? { status } : {}) }), 200);
  });
  app.openapi(route.create, async (c) => {
    const b = c.req.valid('json');
    const { id } = c.req.valid('param');
    if (b.from === 'previous') return c.json(await startFromPrevious(ctx.db, actorOf(c), id), 201);
    return c.json(await createEvaluation(ctx.db, actorOf(c), id, { document: b.document }), 201);
  });
  app.openapi(route.confirm, async (c) => {
    const b = c.req.valid('json');
    return c.json(await confirmProvenance(ctx.db, actorOf(c), c.req.valid('param').id, b.version, b.fields), 200);
  });
  app.openapi(route.template, async (c) => {
    const t = await roundTemplate(ctx.db, actorOf(c), c.req.valid('param').id);
    return c.body(t.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': contentDisposition(t.filename),
    });
  });
  registerImportStart(app, ctx);
}

function registerImportStart(app: Api, ctx: ServerContext): void {
  const mb = LIMITS.maxFileBytes / 1048576;
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/rounds/{id}/evaluations/import',
    tags: ['评价'],
    summary: `从文件新建本单位评价草稿（单位填报人；multipart/form-data：file）：已发布的报告（txt、html、docx、xlsx、pdf，在导入沙箱中解析）或本轮次填好的离线模板；不超过 ${mb} MB。导入的内容逐项标记待确认`,
    request: {
      params: IdParam,
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
      201: json(EvaluationDetailSchema, '已新建（草稿）'),
      422: json(z.object({ error: z.record(z.string(), z.unknown()) }), '文件无法导入（中文说明）'),
      ...errors(400, 401, 403, 404, 409, 413),
    },
  });
  app.post(
    '/api/rounds/:id/evaluations/import',
    uploadLimit(LIMITS.maxFileBytes, { message: `文件超过上限 ${mb} MB` }),
    async (c) => {
      const actor = actorOf(c);
      const id = IdParam.safeParse({ id: c.req.param('id') });
      if (!id.success) throw badRequest([{ field: '路径参数 id', message: '轮次编号必须是正整数' }]);
      const { name, bytes } = await uploadedFile(c);
      const d = await startFromFile(ctx.db, actor, id.data.id, {
        name,
        bytes,
      });
      return c.json(d, 201);
    },
  );
}
