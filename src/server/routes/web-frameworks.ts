import { z } from 'zod';
import { fieldName } from '../../core/input.js';
import { type Api, actorOf, type ServerContext } from '../context.js';
import { ApiError, badRequest } from '../errors.js';
import { createFrameworkVersion, listFrameworkCatalogue } from '../services/web-frameworks.js';

/**
 * The web app's framework catalogue and editor:
 * - GET /api/web/frameworks: built-in frameworks and the caller's region's own (source, editable);
 * - POST /api/web/frameworks { source, basedOn? }: a bureau admin saves an edited framework as the
 *   next version of one of its region's frameworks (201), 400 naming the indicator when weights do
 *   not add up, 409 when the id is a built-in's or another region's.
 *
 * Plain routes, not in /api/openapi.json (see web-dashboard.ts for why); scoping is proven in
 * test/server/web-frameworks.test.ts and documented in docs/web.md.
 */
const Body = z.object({
  source: z.record(z.string(), z.unknown()),
  basedOn: z.number().int().positive().optional(),
});

export function registerWebFrameworkRoutes(app: Api, ctx: ServerContext): void {
  app.get('/api/web/frameworks', async (c) => c.json(await listFrameworkCatalogue(ctx.db, actorOf(c)), 200));
  app.post('/api/web/frameworks', async (c) => {
    const actor = actorOf(c);
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      throw badRequest([{ field: '(请求体)', message: '请求体不是合法的 JSON' }], '请求格式有误');
    }
    const b = Body.safeParse(raw);
    if (!b.success)
      throw badRequest(
        b.error.issues.map((i) => ({ field: fieldName(i.path as PropertyKey[]) || '(请求体)', message: i.message })),
      );
    if (JSON.stringify(b.data.source).length > 1_000_000) throw new ApiError(413, 'too-large', '指标框架超过 1 MB');
    return c.json(
      await createFrameworkVersion(ctx.db, actor, {
        source: b.data.source,
        ...(b.data.basedOn !== undefined ? { basedOn: b.data.basedOn } : {}),
      }),
      201,
    );
  });
}
