/** @module Sign-in: binds the contract's routes to the session service; cookies and the client address. */
import { LIMITS } from '../../../importers/limits.js';
import { ATTACHMENT_TYPES } from '../attachments/service.js';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { ROLE_LABELS } from '../../../core/workflow.js';
import type { Actor } from '../../access.js';
import { type Api, type AppEnv, actorOf, clientIp, type ServerContext } from '../../context.js';
import { ApiError, unauthorized } from '../../errors.js';
import { changeOwnPassword } from '../users/service.js';
import * as route from './contract.js';
import { type Me, SESSION_COOKIE } from './contract.js';
import { login, logout, SESSION_TTL_MS } from './service.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function cookieIsSecure(c: Context<AppEnv>, ctx: ServerContext): boolean {
  if (ctx.cookieSecure !== 'auto') return ctx.cookieSecure === 'always';
  const url = new URL(c.req.url);
  if (url.protocol === 'https:') return true;
  if (ctx.trustProxy && c.req.header('x-forwarded-proto') === 'https') return true;
  return !LOOPBACK.has(url.hostname);
}

function me(actor: Actor, csrfToken: string, ctx: ServerContext): Me {
  if (actor.role === 'system' || actor.userId === null || actor.orgId === null || actor.orgKind === null)
    throw unauthorized();
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.name,
      role: actor.role,
      roleLabel: ROLE_LABELS[actor.role],
    },
    organisation: {
      id: actor.orgId,
      name: actor.orgName,
      kind: actor.orgKind,
      regionId: actor.regionId ?? actor.orgId,
    },
    csrfToken,
    limits: {
      attachmentMaxBytes: ctx.attachments.maxBytes,
      attachmentTypes: Object.keys(ATTACHMENT_TYPES),
      importMaxBytes: LIMITS.maxFileBytes,
    },
  };
}

export function registerAuth(app: Api, ctx: ServerContext): void {
  app.openapi(route.login, async (c) => {
    const { username, password } = c.req.valid('json');
    const ip = clientIp(c, ctx.trustProxy);
    const gate = await ctx.limiter.before(ip, username);
    if ('refuseFor' in gate) {
      const wait = gate.refuseFor;
      c.header('Retry-After', String(wait));
      throw new ApiError(
        429,
        'too-many-attempts',
        `从此地址登录该账号失败次数过多，请 ${wait < 60 ? `${wait} 秒` : `${Math.ceil(wait / 60)} 分钟`}后再试`,
        undefined,
        { retryAfter: wait },
      );
    }
    // Someone has been failing on this account: slow every attempt on it down (right or wrong alike).
    if (gate.delayMs > 0) await new Promise((r) => setTimeout(r, gate.delayMs));
    const out = await login(
      ctx.db,
      username,
      password,
      { ip, userAgent: c.req.header('user-agent') ?? null },
      ctx.scrypt,
    );
    if (!out.ok) {
      // A disabled account answers exactly like a wrong password (and counts like one).
      await ctx.limiter.failed(ip, username);
      if (Math.random() < 0.01) await ctx.limiter.prune();
      throw unauthorized('用户名或密码错误');
    }
    await ctx.limiter.succeeded(ip, username);
    setCookie(c, SESSION_COOKIE, out.session.token, {
      path: '/',
      httpOnly: true,
      secure: cookieIsSecure(c, ctx),
      sameSite: 'Strict',
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    return c.json(me(out.session.actor, out.session.csrfToken, ctx), 200);
  });

  app.openapi(route.logout, async (c) => {
    const actor = actorOf(c);
    await logout(ctx.db, c.get('sessionId')!, actor);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: cookieIsSecure(c, ctx) });
    return c.json({ ok: true as const }, 200);
  });

  app.openapi(route.me, async (c) => c.json(me(actorOf(c), c.get('csrfToken')!, ctx), 200));
  app.openapi(route.session, async (c) => {
    const actor = c.get('actor');
    return c.json({ me: actor ? me(actor, c.get('csrfToken')!, ctx) : null }, 200);
  });

  app.openapi(route.changePassword, async (c) => {
    const { currentPassword, newPassword } = c.req.valid('json');
    await changeOwnPassword(ctx.db, actorOf(c), currentPassword, newPassword, c.get('sessionId'), ctx.scrypt);
    return c.json({ ok: true as const }, 200);
  });
}
