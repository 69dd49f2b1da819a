/** @module Users: binds the contract's routes to the service. */
import { type Api, actorOf, type ServerContext } from '../../context.js';
import * as route from './contract.js';
import { createUser, listUsers, updateUser } from './service.js';

export function registerUsers(app: Api, ctx: ServerContext): void {
  app.openapi(route.list, async (c) => c.json(await listUsers(ctx.db, actorOf(c)), 200));
  app.openapi(route.create, async (c) =>
    c.json(await createUser(ctx.db, actorOf(c), c.req.valid('json'), ctx.scrypt), 201),
  );
  app.openapi(route.update, async (c) => {
    const b = c.req.valid('json');
    const patch = Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined));
    return c.json(await updateUser(ctx.db, actorOf(c), c.req.valid('param').id, patch, ctx.scrypt), 200);
  });
}
