/**
 * @module Cross-site request forgery: every state-changing request must come from this server's own
 * origin (Origin or Referer, when the browser sends one), and with a session it must carry the
 * session's CSRF token in X-CSRF-Token.
 */
import type { MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import type { AppEnv, ServerContext } from '../context.js';
import { ApiError, forbidden } from '../errors.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Requests that may change state without a session (and so without a CSRF token). */
const NO_SESSION_WRITES = new Set(['/api/auth/login']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The Origin (or Referer) of a browser request must be this server: scheme, host and port all equal
 * (an `https://` Origin is foreign to a plain-http server on the same host). Behind a trusted proxy the
 * proxy's X-Forwarded-Proto and X-Forwarded-Host say what the browser sees.
 */
function foreignOrigin(
  url: string,
  origin: string | undefined,
  forwarded: { proto: string | undefined; host: string | undefined } | undefined,
): boolean {
  if (!origin) return false;
  try {
    const o = new URL(origin);
    const u = new URL(url);
    const own = new Set([u.origin]);
    if (forwarded?.host || forwarded?.proto) {
      const proto = (forwarded.proto?.split(',')[0]?.trim() || u.protocol.replace(':', '')).toLowerCase();
      const host = forwarded.host?.split(',')[0]?.trim() || u.host;
      own.add(new URL(`${proto}://${host}`).origin);
    }
    return !own.has(o.origin);
  } catch {
    return true;
  }
}

export function csrf(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin') ?? c.req.header('referer');
      const forwarded = ctx.trustProxy
        ? { proto: c.req.header('x-forwarded-proto'), host: c.req.header('x-forwarded-host') }
        : undefined;
      if (foreignOrigin(c.req.url, origin, forwarded)) {
        throw forbidden('跨站请求被拒绝：请求来源与本站不一致');
      }
      if (!NO_SESSION_WRITES.has(c.req.path) && c.get('actor')) {
        const sent = c.req.header('x-csrf-token') ?? '';
        if (!sent || !sameToken(sent, c.get('csrfToken')!)) {
          throw new ApiError(
            403,
            'csrf',
            'CSRF 校验失败：写操作须在请求头 X-CSRF-Token 中带上登录时返回的令牌，请刷新页面后重试',
          );
        }
      }
    }
    await next();
  };
}
