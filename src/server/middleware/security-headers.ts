/** @module Security headers on every answer; API answers are never cached unless the route says so. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Frame-Options', 'DENY');
  if (c.req.path.startsWith('/api/')) c.header('Cache-Control', c.res.headers.get('Cache-Control') ?? 'no-store');
};
