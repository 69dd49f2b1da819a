/** @module Frameworks: binds the contract's routes to the version service and the editor. */
import { type Api, actorOf, type ServerContext } from '../../context.js';
import { tooLarge } from '../../errors.js';
import * as route from './contract.js';
import { createFrameworkVersion, listFrameworkCatalogue } from './editor.js';
import { getFrameworkVersion, listFrameworkVersions } from './service.js';

/** A framework is a few dozen KB of data; a megabyte is far beyond any real one. */
const MAX_SOURCE_CHARS = 1_000_000;

export function registerFrameworks(app: Api, ctx: ServerContext): void {
  app.openapi(route.list, async (c) => c.json(await listFrameworkVersions(ctx.db, actorOf(c)), 200));
  app.openapi(route.get, async (c) =>
    c.json(await getFrameworkVersion(ctx.db, actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(route.catalogue, async (c) => c.json(await listFrameworkCatalogue(ctx.db, actorOf(c)), 200));
  app.openapi(route.save, async (c) => {
    const actor = actorOf(c);
    const b = c.req.valid('json');
    if (JSON.stringify(b.source).length > MAX_SOURCE_CHARS) throw tooLarge('指标框架超过 1 MB');
    return c.json(
      await createFrameworkVersion(ctx.db, actor, {
        source: b.source,
        ...(b.basedOn !== undefined ? { basedOn: b.basedOn } : {}),
      }),
      201,
    );
  });
}
