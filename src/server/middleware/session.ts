/**
 * @module The caller: the session cookie resolved to an actor (or none) before any route runs —
 * from this process's short-lived session memory when it has it (src/server/middleware/session-cache.ts),
 * else from the database; writes that can revoke a session make the memory forget.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv, ServerContext } from '../context.js';
import { SESSION_COOKIE } from '../resources/auth/contract.js';
import { resolveSession, tokenHash } from '../resources/auth/service.js';
import { mayRevoke, sessionCacheOf } from './session-cache.js';

export function session(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  const cache = sessionCacheOf(ctx.db);
  return async (c, next) => {
    c.set('actor', undefined);
    const token = getCookie(c, SESSION_COOKIE);
    if (token && /^[A-Za-z0-9_-]{20,100}$/.test(token)) {
      let s = cache.get(tokenHash(token));
      if (!s) {
        const ticket = cache.begin();
        s = await resolveSession(ctx.db, token);
        if (s) cache.set(ticket, s);
      }
      if (s) {
        c.set('actor', s.actor);
        c.set('sessionId', s.sessionId);
        c.set('csrfToken', s.csrfToken);
      }
    }
    if (!mayRevoke(c.req.method, c.req.path)) return next();
    try {
      await next();
    } finally {
      // After the write committed and before its answer leaves: the next request asks the database.
      cache.clear();
    }
  };
}
