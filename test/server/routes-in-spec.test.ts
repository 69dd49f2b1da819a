// Every route the server answers is in /api/openapi.json, and every path there is a route: so the
// per-endpoint tests that walk the spec (tenancy.test.ts, edge.test.ts) walk every route.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { type Database, openDatabase } from '../../src/db/database.js';
import { createApp } from '../../src/server/app.js';
import type { AppEnv } from '../../src/server/context.js';

/** Routes outside /api, HTML for browsers: the web app (any other path → index.html) and a region's public
 * page (the same list as GET /api/public/regions/{code}/publications, which the spec describes). */
const OUTSIDE_API = ['GET /*', 'GET /public/{code}'];
/** Not operations of the API: the description itself, and the pages outside /api. */
const NOT_OPERATIONS = ['GET /api/openapi.json', ...OUTSIDE_API];

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Hono's `:id` (and `:id{regex}`) → OpenAPI's `{id}`. */
const asSpecPath = (p: string): string => p.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');

describe('the router and the OpenAPI description', () => {
  let database: Database;
  let app: OpenAPIHono<AppEnv>;
  let registered: string[];
  let documented: string[];

  before(async () => {
    database = await openDatabase({ memory: true });
    app = createApp({ database });
    // Middleware is registered with method ALL on a wildcard; handlers carry a real method.
    registered = [
      ...new Set(app.routes.filter((r) => METHODS.has(r.method)).map((r) => `${r.method} ${asSpecPath(r.path)}`)),
    ].sort();
    const res = await app.request('/api/openapi.json');
    assert.equal(res.status, 200);
    const spec = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    documented = Object.entries(spec.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
  });
  after(async () => database?.close());

  test('every registered route is in the spec (but the spec itself and the HTML pages)', () => {
    const spec = new Set(documented);
    const missing = registered.filter((r) => !spec.has(r) && !NOT_OPERATIONS.includes(r));
    assert.deepEqual(missing, [], `routes without an OpenAPI description: ${missing.join(', ')}`);
    const outside = registered.filter((r) => !r.split(' ')[1]!.startsWith('/api/'));
    assert.deepEqual(outside.sort(), [...OUTSIDE_API].sort());
  });

  test('every operation in the spec is a registered route', () => {
    const routes = new Set(registered);
    const ghost = documented.filter((d) => !routes.has(d));
    assert.deepEqual(ghost, [], `spec operations with no route: ${ghost.join(', ')}`);
  });

  test('the web app’s own API (/api/web/*) is described like the rest', () => {
    const web = registered.filter((r) => r.includes(' /api/web/'));
    assert.ok(web.length >= 4, `only ${web.length} /api/web routes`);
    for (const r of web) assert.ok(documented.includes(r), `${r} not in the spec`);
    assert.ok(registered.length >= 60, `only ${registered.length} routes`);
  });
});
