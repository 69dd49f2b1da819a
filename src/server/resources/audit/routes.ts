/** @module The audit log: binds the contract's routes to the service. */
import { type Api, actorOf, type ServerContext } from '../../context.js';
import * as route from './contract.js';
import { evaluationHistory, listAudit } from './service.js';

export function registerAudit(app: Api, ctx: ServerContext): void {
  app.openapi(route.list, async (c) => c.json(await listAudit(ctx.db, actorOf(c), c.req.valid('query')), 200));
  app.openapi(route.history, async (c) =>
    c.json(await evaluationHistory(ctx.db, actorOf(c), c.req.valid('param').id), 200),
  );
}
