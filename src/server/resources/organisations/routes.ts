/** @module Organisations: binds the contract's routes to the service. */
import { type Api, actorOf, type ServerContext } from '../../context.js';
import * as route from './contract.js';
import { createOrganisation, getOrganisation, listOrganisations, renameOrganisation } from './service.js';

export function registerOrganisations(app: Api, ctx: ServerContext): void {
  app.openapi(route.list, async (c) => c.json(await listOrganisations(ctx.db, actorOf(c)), 200));
  app.openapi(route.create, async (c) => {
    const b = c.req.valid('json');
    return c.json(
      await createOrganisation(ctx.db, actorOf(c), {
        kind: b.kind,
        name: b.name,
        parentId: b.parentId,
        ...(b.code !== undefined ? { code: b.code } : {}),
      }),
      201,
    );
  });
  app.openapi(route.get, async (c) => c.json(await getOrganisation(ctx.db, actorOf(c), c.req.valid('param').id), 200));
  app.openapi(route.rename, async (c) =>
    c.json(await renameOrganisation(ctx.db, actorOf(c), c.req.valid('param').id, c.req.valid('json').name), 200),
  );
}
