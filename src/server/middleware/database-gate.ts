/**
 * @module While the database is unreachable every API request (but /api/health, which says
 * "degraded") is answered at once with 503, a Chinese body and Retry-After, instead of waiting on
 * connection attempts; a request that fails because the connection went away marks it unreachable,
 * and the database's probe (src/db/database.ts DatabaseHealth) brings it back with back-off.
 */
import type { MiddlewareHandler } from 'hono';
import { isConnectionError } from '../../db/database.js';
import type { AppEnv, ServerContext } from '../context.js';
import { databaseUnavailable } from '../errors.js';

export function databaseGate(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const health = ctx.database.health;
    if (!health.available && c.req.path !== '/api/health') throw databaseUnavailable();
    await next();
    if (c.error && isConnectionError(c.error)) health.failed(c.error);
  };
}
