/** @module Evaluations: binds the contract's routes to the service. */
import { type Api, actorOf, type ServerContext } from '../../context.js';
import { getRound } from '../rounds/service.js';
import * as route from './contract.js';
import { createEvaluation, listEvaluations, readEvaluation, saveEvaluation, transition } from './service.js';

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
    return c.json(await createEvaluation(ctx.db, actorOf(c), c.req.valid('param').id, { document: b.document }), 201);
  });
}
