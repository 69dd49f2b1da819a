/** @module Rounds: binds the contract's routes to the service. */
import { type Api, actorOf, type ServerContext } from '../../context.js';
import * as route from './contract.js';
import { createRound, getRound, listRounds, updateRound } from './service.js';
import { addRoundUnits, listRoundUnits, withdrawRoundUnit } from './units.js';
import { registerUnitList } from './unit-list.js';

export function registerRounds(app: Api, ctx: ServerContext): void {
  registerUnitList(app, ctx);
  app.openapi(route.list, async (c) => c.json(await listRounds(ctx.db, actorOf(c)), 200));
  app.openapi(route.create, async (c) => {
    const b = c.req.valid('json');
    return c.json(
      await createRound(ctx.db, actorOf(c), {
        name: b.name,
        year: b.year,
        frameworkVersionId: b.frameworkVersionId,
        deadline: b.deadline ?? null,
        ...(b.units ? { units: b.units } : {}),
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
  app.openapi(route.listUnits, async (c) => {
    const actor = actorOf(c);
    const round = await getRound(ctx.db, actor, c.req.valid('param').id);
    return c.json(await listRoundUnits(ctx.db, actor, round.id), 200);
  });
  app.openapi(route.addUnits, async (c) => {
    const actor = actorOf(c);
    const round = await getRound(ctx.db, actor, c.req.valid('param').id);
    return c.json(await addRoundUnits(ctx.db, actor, round, c.req.valid('json')), 200);
  });
  app.openapi(route.withdrawUnit, async (c) => {
    const actor = actorOf(c);
    const { id, orgId } = c.req.valid('param');
    const round = await getRound(ctx.db, actor, id);
    return c.json(await withdrawRoundUnit(ctx.db, actor, round, orgId), 200);
  });
}
