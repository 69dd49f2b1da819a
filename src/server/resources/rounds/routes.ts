/** @module Rounds: binds the contract's routes to the service. */
import { type Api, actorOf, type ServerContext } from '../../context.js';
import * as route from './contract.js';
import { createRound, getRound, listRounds, updateRound } from './service.js';

export function registerRounds(app: Api, ctx: ServerContext): void {
  app.openapi(route.list, async (c) => c.json(await listRounds(ctx.db, actorOf(c)), 200));
  app.openapi(route.create, async (c) => {
    const b = c.req.valid('json');
    return c.json(
      await createRound(ctx.db, actorOf(c), {
        name: b.name,
        year: b.year,
        frameworkVersionId: b.frameworkVersionId,
        deadline: b.deadline ?? null,
      }),
      201,
    );
  });
  app.openapi(route.get, async (c) => c.json(await getRound(ctx.db, actorOf(c), c.req.valid('param').id), 200));
  app.openapi(route.update, async (c) => {
    const b = c.req.valid('json');
    return c.json(
      await updateRound(ctx.db, actorOf(c), c.req.valid('param').id, {
        ...(b.name !== undefined ? { name: b.name } : {}),
        ...(b.deadline !== undefined ? { deadline: b.deadline } : {}),
      }),
      200,
    );
  });
}
