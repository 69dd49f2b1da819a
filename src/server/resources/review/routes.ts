/** @module Review at scale: binds the contract's routes to the list, export, batch, progress and change services. */
import { type Api, actorOf, type ServerContext } from '../../context.js';
import { contentDisposition } from '../../download.js';
import { badRequest } from '../../errors.js';
import { sinceSubmission } from './changes.js';
import * as route from './contract.js';
import { reviewWorkbook } from './export.js';
import { myNotifications, remindUnits, roundProgress } from './progress.js';
import { batchTransition, reviewPage, reviewRows } from './service.js';

export function registerReview(app: Api, ctx: ServerContext): void {
  app.openapi(route.list, async (c) => c.json(await reviewPage(ctx.db, actorOf(c), c.req.valid('query')), 200));

  // A file, not JSON: a plain route, described in the registry from the contract.
  app.openAPIRegistry.registerPath(route.exportXlsx);
  app.get('/api/review/evaluations.xlsx', async (c) => {
    const q = route.ReviewQuery.omit({ page: true, pageSize: true }).safeParse(c.req.query());
    if (!q.success)
      throw badRequest(q.error.issues.map((i) => ({ field: `查询参数 ${i.path.join('.')}`, message: i.message })));
    const rows = await reviewRows(ctx.db, actorOf(c), q.data);
    const date = new Date().toISOString().slice(0, 10);
    const data = await reviewWorkbook(rows, `评价列表（${rows.length}份，导出于 ${date}）`);
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('Content-Disposition', contentDisposition(`评价列表-${date}.xlsx`));
    c.header('Cache-Control', 'private, no-store');
    return c.body(new Uint8Array(data), 200);
  });

  app.openapi(route.batch, async (c) => {
    const b = c.req.valid('json');
    return c.json(await batchTransition(ctx.db, actorOf(c), b.action, b.ids, b.comment), 200);
  });
  app.openapi(route.progress, async (c) =>
    c.json(await roundProgress(ctx.db, actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(route.remind, async (c) => {
    const b = c.req.valid('json');
    return c.json(await remindUnits(ctx.db, actorOf(c), c.req.valid('param').id, b.orgIds, b.message), 201);
  });
  app.openapi(route.notifications, async (c) => c.json(await myNotifications(ctx.db, actorOf(c)), 200));
  app.openapi(route.sinceSubmission, async (c) =>
    c.json(await sinceSubmission(ctx.db, actorOf(c), c.req.valid('param').id), 200),
  );
}
