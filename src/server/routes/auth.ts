import { createRoute, z } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { type Actor, ROLE_LABELS } from '../access.js';
import { type Api, type AppEnv, actorOf, type ServerContext } from '../context.js';
import { ApiError, unauthorized } from '../errors.js';
import { body, errors, json, MeSchema, OkSchema } from '../schemas.js';
import { login, logout, SESSION_TTL_MS } from '../services/sessions.js';
import { changeOwnPassword } from '../services/users.js';

export const SESSION_COOKIE = 'jixiao_session';

export function clientIp(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const xff = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (xff) return xff;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests: no socket
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function cookieIsSecure(c: Context<AppEnv>, ctx: ServerContext): boolean {
  if (ctx.cookieSecure !== 'auto') return ctx.cookieSecure === 'always';
  const url = new URL(c.req.url);
  if (url.protocol === 'https:') return true;
  if (ctx.trustProxy && c.req.header('x-forwarded-proto') === 'https') return true;
  return !LOOPBACK.has(url.hostname);
}

function me(actor: Actor, csrfToken: string) {
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
  };
}

const loginRoute = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['登录'],
  summary: '登录：设置会话 Cookie，返回 CSRF 令牌（不需登录；同一用户名连续失败、同一地址频繁尝试会被限流 429）',
  security: [],
  request: {
    body: body(
      z.object({
        username: z.string().min(1).max(64).openapi({ example: 'demo-admin' }),
        password: z.string().min(1).max(200),
      }),
    ),
  },
  responses: { 200: json(MeSchema, '已登录'), ...errors(400, 401, 403, 429) },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['登录'],
  summary: '退出登录',
  responses: { 200: json(OkSchema, '已退出'), ...errors(401, 403) },
});

const meRoute = createRoute({
  method: 'get',
  path: '/api/auth/me',
  tags: ['登录'],
  summary: '当前用户、所属组织和 CSRF 令牌',
  responses: { 200: json(MeSchema, '当前用户'), ...errors(401) },
});

const passwordRoute = createRoute({
  method: 'post',
  path: '/api/auth/password',
  tags: ['登录'],
  summary: '修改自己的密码（其他会话随之失效）',
  request: { body: body(z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(1) })) },
  responses: { 200: json(OkSchema, '已修改'), ...errors(400, 401, 403) },
});

export function registerAuthRoutes(app: Api, ctx: ServerContext): void {
  app.openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid('json');
    const ip = clientIp(c, ctx.trustProxy);
    const wait = ctx.limiter.attempt(ip, username);
    if (wait !== undefined) {
      c.header('Retry-After', String(wait));
      throw new ApiError(
        429,
        'too-many-attempts',
        `登录尝试过于频繁，请 ${Math.ceil(wait / 60)} 分钟后再试`,
        undefined,
        { retryAfter: wait },
      );
    }
    const out = await login(
      ctx.db,
      username,
      password,
      { ip, userAgent: c.req.header('user-agent') ?? null },
      ctx.scrypt,
    );
    if (!out.ok) {
      if (out.reason === 'disabled') throw new ApiError(403, 'account-disabled', '该账号已停用，请联系财政局管理员');
      ctx.limiter.failed(username);
      throw unauthorized('用户名或密码错误');
    }
    ctx.limiter.succeeded(username);
    setCookie(c, SESSION_COOKIE, out.session.token, {
      path: '/',
      httpOnly: true,
      secure: cookieIsSecure(c, ctx),
      sameSite: 'Strict',
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    return c.json(me(out.session.actor, out.session.csrfToken), 200);
  });

  app.openapi(logoutRoute, async (c) => {
    const actor = actorOf(c);
    await logout(ctx.db, c.get('sessionId')!, actor);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: cookieIsSecure(c, ctx) });
    return c.json({ ok: true as const }, 200);
  });

  app.openapi(meRoute, async (c) => c.json(me(actorOf(c), c.get('csrfToken')!), 200));

  app.openapi(passwordRoute, async (c) => {
    const { currentPassword, newPassword } = c.req.valid('json');
    await changeOwnPassword(ctx.db, actorOf(c), currentPassword, newPassword, c.get('sessionId'), ctx.scrypt);
    return c.json({ ok: true as const }, 200);
  });
}
