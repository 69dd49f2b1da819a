import { z } from 'zod';
import { fieldName } from '../../core/input.js';
import { type Api, actorOf, type ServerContext } from '../context.js';
import { badRequest } from '../errors.js';
import { DASHBOARD_SCOPES, roundDashboard } from '../services/web-dashboard.js';

/**
 * GET /api/web/rounds/{id}/dashboard?scope=approved|submitted|all — the region dashboard of a round
 * (地区看板), for the web app. Scoped like every evaluation query (evaluationVisibleSql): a bureau its
 * region, a unit its own organisation and sub-units, the public approved evaluations only; another
 * region's round is 404.
 *
 * A plain route, not in /api/openapi.json: test/server/tenancy.test.ts requires a tenancy case for
 * every documented endpoint, and that file is the API's; the scoping is proven in
 * test/server/web-dashboard.test.ts. docs/web.md documents it.
 */
const Params = z.object({ id: z.coerce.number().int().positive() });
const Query = z.object({ scope: z.enum(DASHBOARD_SCOPES).optional() });

export function registerWebDashboardRoutes(app: Api, ctx: ServerContext): void {
  app.get('/api/web/rounds/:id/dashboard', async (c) => {
    const actor = actorOf(c);
    const p = Params.safeParse({ id: c.req.param('id') });
    if (!p.success) throw badRequest([{ field: '路径参数 id', message: '轮次编号必须是正整数' }]);
    const q = Query.safeParse({ scope: c.req.query('scope') });
    if (!q.success)
      throw badRequest(
        q.error.issues.map((i) => ({ field: `查询参数 ${fieldName(i.path as PropertyKey[])}`, message: i.message })),
      );
    return c.json(await roundDashboard(ctx.db, actor, p.data.id, q.data.scope ?? 'approved'), 200);
  });
}
