/** @module The region dashboard: binds the contract's route to the service. */
import { type Api, actorOf, type ServerContext } from '../../context.js';
import * as route from './contract.js';
import { roundDashboard } from './service.js';

export function registerDashboard(app: Api, ctx: ServerContext): void {
  app.openapi(route.dashboard, async (c) =>
    c.json(
      await roundDashboard(ctx.db, actorOf(c), c.req.valid('param').id, c.req.valid('query').scope ?? 'approved'),
      200,
    ),
  );
}
