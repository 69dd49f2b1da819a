// 整改 and 结果应用: binds the contract's routes to the service.
import { type Api, actorOf, type ServerContext } from '../../context.js';
import { contentDisposition } from '../../download.js';
import { badRequest } from '../../errors.js';
import * as route from './contract.js';
import {
  createRectification,
  getSettings,
  listRectification,
  putSettings,
  rectificationFromEvaluation,
  resultsExport,
  resultsOf,
  updateRectification,
} from './service.js';

export function registerRectification(app: Api, ctx: ServerContext): void {
  app.openapi(route.list, async (c) => c.json(await listRectification(ctx.db, actorOf(c), c.req.valid('query')), 200));
  app.openapi(route.create, async (c) =>
    c.json(await createRectification(ctx.db, actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(route.fromEvaluation, async (c) =>
    c.json(
      await rectificationFromEvaluation(ctx.db, actorOf(c), c.req.valid('param').id, c.req.valid('json').findings),
      201,
    ),
  );
  app.openapi(route.update, async (c) =>
    c.json(await updateRectification(ctx.db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(route.results, async (c) => c.json(await resultsOf(ctx.db, actorOf(c), c.req.valid('query').year), 200));
  app.openAPIRegistry.registerPath(route.resultsCsv);
  app.get('/api/results/export', async (c) => {
    const q = route.resultsCsv.request.query.safeParse(c.req.query());
    if (!q.success) throw badRequest([{ field: '查询参数 year', message: '须为2000–2100的年度' }]);
    const csv = await resultsExport(ctx.db, actorOf(c), q.data.year);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', contentDisposition(`${q.data.year}年度绩效评价结果应用.csv`));
    c.header('Cache-Control', 'private, no-store');
    return c.body(csv, 200);
  });
  app.openapi(route.getSettings, async (c) => c.json(await getSettings(ctx.db, actorOf(c)), 200));
  app.openapi(route.putSettings, async (c) => c.json(await putSettings(ctx.db, actorOf(c), c.req.valid('json')), 200));
}
