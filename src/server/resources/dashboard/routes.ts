/** @module The region dashboard: binds the contract's route to the service. */
import { type Api, actorOf, type ServerContext } from '../../context.js';
import * as route from './contract.js';
import { forbidden } from '../../errors.js';
import { getRound } from '../rounds/service.js';
import { roundDashboard, roundProgress } from './service.js';

export function registerDashboard(app: Api, ctx: ServerContext): void {
  app.openapi(route.dashboard, async (c) =>
    c.json(
      await roundDashboard(ctx.db, actorOf(c), c.req.valid('param').id, c.req.valid('query').scope ?? 'approved'),
      200,
    ),
  );
  app.openapi(route.progress, async (c) => {
    const actor = actorOf(c);
    const round = await getRound(ctx.db, actor, c.req.valid('param').id);
    if (actor.role === 'public') throw forbidden('公众账号不能查看填报进度');
    return c.json(await roundProgress(ctx.db, actor, round), 200);
  });
}
