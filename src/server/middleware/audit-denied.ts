/**
 * @module Refusals leave a trace: a signed-in caller's request refused with 403 (role, CSRF), 404
 * (another unit's or region's resource — or one that does not exist, which the API does not tell
 * apart) or 409 (a stale version, a forbidden transition) is appended to the audit log — who, what
 * (method and path, status and code) and when — in the caller's region's chain.
 */
import type { MiddlewareHandler } from 'hono';
import { appendAudit } from '../../db/audit.js';
import { type AppEnv, clientIp, type ServerContext } from '../context.js';
import { ApiError } from '../errors.js';

const LOGGED = new Set([403, 404, 409]);

export function auditDenied(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const e = c.error;
    const actor = c.get('actor');
    if (!(e instanceof ApiError) || !LOGGED.has(e.status) || !actor || !ctx.database.health.available) return;
    const what = `${c.req.method} ${c.req.path}`.slice(0, 300);
    try {
      await appendAudit(ctx.db, {
        actorId: actor.userId,
        actorName: actor.name,
        regionId: actor.regionId,
        orgId: actor.orgId,
        entity: 'request',
        entityId: what,
        action: 'denied',
        detail: { status: e.status, code: e.code, message: e.message, ip: clientIp(c, ctx.trustProxy) },
      });
    } catch {
      // The refusal stands whether or not its trace could be written (the database may be going away).
    }
  };
}
