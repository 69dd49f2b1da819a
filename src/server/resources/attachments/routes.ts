/** @module Evidence: list, upload (multipart), download and delete, bound to the service. */
import { type Api, actorOf, type ServerContext } from '../../context.js';
import { IdParam } from '../../contract.js';
import { contentDisposition } from '../../download.js';
import { badRequest } from '../../errors.js';
import { uploadedFile, uploadLimit } from '../../upload.js';
import * as route from './contract.js';
import { addAttachment, ATTACHMENT_TYPES, deleteAttachment, getAttachmentContent, listAttachments } from './service.js';

function idOf(raw: string | undefined, what: string): number {
  const id = IdParam.safeParse({ id: raw });
  if (!id.success) throw badRequest([{ field: '路径参数 id', message: `${what}编号必须是不超过 2147483647 的正整数` }]);
  return id.data.id;
}

export function registerAttachments(app: Api, ctx: ServerContext): void {
  app.openapi(route.list, async (c) => c.json(await listAttachments(ctx.db, actorOf(c), c.req.valid('param').id), 200));
  app.openapi(route.remove, async (c) => {
    await deleteAttachment(ctx.db, actorOf(c), c.req.valid('param').id);
    return c.json({ ok: true as const }, 200);
  });

  const maxMb = ctx.attachments.maxBytes / 1048576;
  const types = Object.keys(ATTACHMENT_TYPES)
    .map((e) => `.${e}`)
    .join('、');
  const upload = route.upload(types, maxMb, ctx.attachments.maxPerEvaluation);
  app.openAPIRegistry.registerPath(upload);
  app.post(
    '/api/evaluations/:id/attachments',
    uploadLimit(ctx.attachments.maxBytes, { message: `文件超过上限 ${maxMb.toFixed(0)} MB` }),
    async (c) => {
      const actor = actorOf(c);
      const id = idOf(c.req.param('id'), '评价');
      // The file name as sent: attachments have their own name rules (cleanFilename).
      const { form, file, bytes } = await uploadedFile(c);
      const indicator = typeof form.indicator === 'string' ? form.indicator : null;
      const view = await addAttachment(ctx.db, actor, id, { filename: file.name, bytes, indicator }, ctx.attachments);
      return c.json(view, 201);
    },
  );

  app.openAPIRegistry.registerPath(route.download);
  app.get('/api/attachments/:id', async (c) => {
    const actor = actorOf(c);
    const a = await getAttachmentContent(ctx.db, actor, idOf(c.req.param('id'), '佐证材料'));
    c.header('Content-Type', a.contentType);
    c.header('Content-Disposition', contentDisposition(a.filename));
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'private, no-store');
    return c.body(a.content as Uint8Array<ArrayBuffer>, 200);
  });
}
