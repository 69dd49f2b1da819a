// 公开: binds the routes; the public list, files and page answer without login.
import { z } from '@hono/zod-openapi';
import { type Api, actorOf, type ServerContext } from '../../context.js';
import { contentDisposition } from '../../download.js';
import { badRequest } from '../../errors.js';
import * as route from './contract.js';
import { publicPage } from './page.js';
import { listPublications, publicFile, publicList, publish, withdraw } from './service.js';

const PageQuery = z.object({
  unit: z.string().max(100).optional(),
  year: z.union([z.literal(''), z.coerce.number().int().min(2000).max(2100)]).optional(),
});

export function registerPublication(app: Api, ctx: ServerContext): void {
  app.openapi(route.list, async (c) =>
    c.json(await listPublications(ctx.db, actorOf(c), c.req.valid('query').year), 200),
  );
  app.openapi(route.publish, async (c) => c.json(await publish(ctx.db, actorOf(c), c.req.valid('json')), 201));
  app.openapi(route.withdraw, async (c) =>
    c.json(await withdraw(ctx.db, actorOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );
  app.openapi(route.publicList, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await publicList(ctx.db, c.req.valid('param').code, {
        ...(q.unit !== undefined && { unit: q.unit }),
        ...(q.year !== undefined && { year: q.year }),
      }),
      200,
    );
  });
  app.openAPIRegistry.registerPath(route.publicFile);
  app.get('/api/public/publications/:id/:file', async (c) => {
    const p = route.publicFile.request.params.safeParse({ id: c.req.param('id'), file: c.req.param('file') });
    if (!p.success)
      throw badRequest([
        { field: '路径参数', message: `文件须为 ${route.PUBLIC_FILES.join('、')} 之一，编号为正整数` },
      ]);
    const f = await publicFile(ctx.db, ctx.reports, p.data.id, p.data.file);
    const html = f.contentType.startsWith('text/html');
    c.header('Content-Type', f.contentType);
    c.header('Content-Disposition', contentDisposition(f.fileName, html ? 'inline' : 'attachment'));
    // Withdrawal takes effect at once: nothing cached on the way.
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(f.data), 200);
  });
  // The page itself: not an API route (HTML), the same data as /api/public/regions/{code}/publications.
  app.get('/public/:code', async (c) => {
    const code = c.req.param('code');
    const q = PageQuery.safeParse(c.req.query());
    const query = q.success
      ? {
          ...(q.data.unit?.trim() && { unit: q.data.unit.trim() }),
          ...(typeof q.data.year === 'number' && { year: q.data.year }),
        }
      : {};
    try {
      const list = await publicList(ctx.db, /^[a-z0-9-]{1,63}$/.test(code) ? code : '-', query);
      return c.html(publicPage(list, query), 200);
    } catch (e) {
      if ((e as { status?: number }).status === 404)
        return c.html(
          '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>未找到</title><p>未找到该地区的公开页面。</p></html>',
          404,
        );
      throw e;
    }
  });
}
