// 运行监控: binds the contract's routes to the service (the dashboard before {id}).
import { type Api, actorOf, type ServerContext } from '../../context.js';
import * as route from './contract.js';
import { registerExecutionImport } from './execution.js';
import {
  createMonitoring,
  getMonitoring,
  listMonitoring,
  monitoringDashboard,
  saveMonitoring,
  urgeMonitoring,
} from './service.js';

export function registerMonitoring(app: Api, ctx: ServerContext): void {
  app.openapi(route.dashboard, async (c) =>
    c.json(await monitoringDashboard(ctx.db, actorOf(c), c.req.valid('query').year), 200),
  );
  app.openapi(route.list, async (c) =>
    c.json(await listMonitoring(ctx.db, actorOf(c), c.req.valid('query').year), 200),
  );
  app.openapi(route.create, async (c) => c.json(await createMonitoring(ctx.db, actorOf(c), c.req.valid('json')), 201));
  app.openapi(route.get, async (c) => c.json(await getMonitoring(ctx.db, actorOf(c), c.req.valid('param').id), 200));
  app.openapi(route.save, async (c) => {
    const b = c.req.valid('json');
    return c.json(await saveMonitoring(ctx.db, actorOf(c), c.req.valid('param').id, b.version, b.document), 200);
  });
  app.openapi(route.urge, async (c) =>
    c.json(await urgeMonitoring(ctx.db, actorOf(c), c.req.valid('param').id, c.req.valid('json').note), 200),
  );
  registerExecutionImport(app, ctx);
}
