/** @module The caller: the session cookie resolved to an actor (or none) before any route runs. */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv, ServerContext } from '../context.js';
import { SESSION_COOKIE } from '../resources/auth/contract.js';
import { resolveSession } from '../resources/auth/service.js';

export function session(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('actor', undefined);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const s = await resolveSession(ctx.db, token);
      if (s) {
        c.set('actor', s.actor);
        c.set('sessionId', s.sessionId);
        c.set('csrfToken', s.csrfToken);
      }
    }
    await next();
  };
}
