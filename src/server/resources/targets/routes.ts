// 绩效目标: binds the contract's routes to the service.
import { type Api, actorOf, type ServerContext } from '../../context.js';
import * as route from './contract.js';
import { registerCycleDocuments } from './documents.js';
import { cycleOfEvaluation } from './evaluation-cycle.js';
import {
  adjustApprovedTargets,
  createTargets,
  getTargets,
  listTargets,
  saveTargets,
  transitionTargets,
} from './service.js';

export function registerTargets(app: Api, ctx: ServerContext): void {
  app.openapi(route.list, async (c) => c.json(await listTargets(ctx.db, actorOf(c), c.req.valid('query').year), 200));
  app.openapi(route.create, async (c) => c.json(await createTargets(ctx.db, actorOf(c), c.req.valid('json')), 201));
  app.openapi(route.get, async (c) => c.json(await getTargets(ctx.db, actorOf(c), c.req.valid('param').id), 200));
  app.openapi(route.save, async (c) => {
    const b = c.req.valid('json');
    return c.json(await saveTargets(ctx.db, actorOf(c), c.req.valid('param').id, b.version, b.document), 200);
  });
  app.openapi(route.transition, async (c) => {
    const b = c.req.valid('json');
    return c.json(
      await transitionTargets(ctx.db, actorOf(c), c.req.valid('param').id, {
        action: b.action,
        version: b.version,
        ...(b.comment !== undefined && { comment: b.comment }),
        ...(b.review !== undefined && { review: b.review }),
      }),
      200,
    );
  });
  app.openapi(route.adjust, async (c) =>
    c.json(await adjustApprovedTargets(ctx.db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(route.cycleOfEvaluation, async (c) =>
    c.json(await cycleOfEvaluation(ctx.db, actorOf(c), c.req.valid('param').id), 200),
  );
  registerCycleDocuments(app, ctx);
}
