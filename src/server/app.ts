import { OpenAPIHono } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { timingSafeEqual } from 'node:crypto';
import { fieldName } from '../core/input.js';
import type { Database } from '../db/database.js';
import { LATEST_MIGRATION } from '../db/migrations.js';
import { ping } from '../db/database.js';
import type { AppEnv, ServerContext } from './context.js';
import { ApiError, badRequest, forbidden } from './errors.js';
import { DEFAULT_SCRYPT, type ScryptParams } from './passwords.js';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits, LoginLimiter } from './ratelimit.js';
import { registerAuthRoutes, SESSION_COOKIE } from './routes/auth.js';
import { registerEvaluationRoutes } from './routes/evaluations.js';
import { registerImportRoutes } from './routes/imports.js';
import { registerOrganisationRoutes } from './routes/organisations.js';
import { registerReportRoutes } from './routes/reports.js';
import { registerRoundRoutes } from './routes/rounds.js';
import { registerWebDashboardRoutes } from './routes/web-dashboard.js';
import { registerWebFrameworkRoutes } from './routes/web-frameworks.js';
import { type AttachmentLimits, DEFAULT_ATTACHMENT_LIMITS } from './services/attachments.js';
import { ReportService } from './services/reports.js';
import { resolveSession } from './services/sessions.js';
import { mountWebApp } from './web.js';

export const API_VERSION = '0.1.0';

export interface AppOptions {
  database: Database;
  scrypt?: ScryptParams;
  loginLimits?: LoginLimits;
  attachments?: AttachmentLimits;
  /** Shared with whoever closes it (startServer); a new one otherwise. */
  reports?: ReportService;
  trustProxy?: boolean;
  cookieSecure?: 'auto' | 'always' | 'never';
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Requests that may change state without a session (and so without a CSRF token). */
const NO_SESSION_WRITES = new Set(['/api/auth/login']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The Origin (or Referer) of a browser request must be this server. */
function foreignOrigin(url: string, origin: string | undefined, forwardedHost: string | undefined): boolean {
  if (!origin) return false;
  try {
    const o = new URL(origin);
    const u = new URL(url);
    return o.host !== u.host && o.host !== forwardedHost;
  } catch {
    return true;
  }
}

export function createApp(opts: AppOptions): OpenAPIHono<AppEnv> {
  const ctx: ServerContext = {
    database: opts.database,
    db: opts.database.db,
    scrypt: opts.scrypt ?? DEFAULT_SCRYPT,
    limiter: new LoginLimiter(opts.loginLimits ?? DEFAULT_LOGIN_LIMITS),
    attachments: opts.attachments ?? DEFAULT_ATTACHMENT_LIMITS,
    reports: opts.reports ?? new ReportService(),
    trustProxy: opts.trustProxy ?? false,
    cookieSecure: opts.cookieSecure ?? 'auto',
    version: API_VERSION,
  };

  const app = new OpenAPIHono<AppEnv>({
    // Every zod failure becomes a 400 in Chinese naming the field (zod speaks Chinese: core/input.ts).
    defaultHook: (result) => {
      if (!result.success) {
        const where = result.target === 'query' ? '查询参数 ' : result.target === 'param' ? '路径参数 ' : '';
        throw badRequest(
          result.error.issues
            .slice(0, 20)
            .map((i) => ({ field: `${where}${fieldName(i.path as PropertyKey[]) || '(请求体)'}`, message: i.message })),
        );
      }
    },
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(err.toJSON(), err.status);
    if (err instanceof HTTPException) {
      const status = err.status;
      if (status === 400)
        return c.json(
          badRequest([{ field: '(请求体)', message: '请求体不是合法的 JSON' }], '请求格式有误').toJSON(),
          400,
        );
      return c.json({ error: { code: 'http', message: err.message || '请求有误' } }, status);
    }
    console.error('jixiao: 未处理的错误', err);
    return c.json({ error: { code: 'internal', message: '服务器内部错误，请稍后再试；如持续出现请联系管理员' } }, 500);
  });

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/'))
      return c.json({ error: { code: 'not-found', message: `没有这个接口：${c.req.method} ${c.req.path}` } }, 404);
    return c.text('未找到该页面', 404);
  });

  // Security headers on every answer.
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', c.res.headers.get('Cache-Control') ?? 'no-store');
  });

  // JSON bodies up to 2 MB (attachments have their own limit).
  app.use('/api/*', async (c, next) => {
    if ((c.req.path.endsWith('/attachments') || c.req.path === '/api/import') && c.req.method === 'POST') return next();
    return bodyLimit({
      maxSize: 2 * 1024 * 1024,
      onError: () => {
        throw new ApiError(413, 'too-large', '请求体超过 2 MB 上限');
      },
    })(c, next);
  });

  // Session from the cookie; CSRF token and same origin for every state-changing request.
  app.use('/api/*', async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    c.set('actor', undefined);
    if (token) {
      const s = await resolveSession(ctx.db, token);
      if (s) {
        c.set('actor', s.actor);
        c.set('sessionId', s.sessionId);
        c.set('csrfToken', s.csrfToken);
      }
    }
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin') ?? c.req.header('referer');
      if (foreignOrigin(c.req.url, origin, ctx.trustProxy ? c.req.header('x-forwarded-host') : undefined)) {
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
  });

  app.get('/api/health', async (c) => {
    try {
      await ping(ctx.db);
      return c.json({ status: 'ok', database: ctx.database.kind, schema: LATEST_MIGRATION, version: ctx.version });
    } catch {
      return c.json({ status: 'error', message: '数据库不可用', database: ctx.database.kind }, 503);
    }
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/health',
    tags: ['系统'],
    summary: '健康检查（不需登录）',
    security: [],
    responses: {
      200: { description: '{ status: "ok", database: "pglite" | "postgres", schema, version }' },
      503: { description: '数据库不可用' },
    },
  });

  registerAuthRoutes(app, ctx);
  registerOrganisationRoutes(app, ctx);
  registerRoundRoutes(app, ctx);
  registerEvaluationRoutes(app, ctx);
  registerWebDashboardRoutes(app, ctx);
  registerWebFrameworkRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerImportRoutes(app, ctx);

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'POST /api/auth/login 设置的会话 Cookie（HttpOnly、SameSite=Strict，HTTPS 下 Secure）',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'csrf', {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: '写操作必带：登录或 GET /api/auth/me 返回的 csrfToken',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '绩效 Jixiao API',
      version: ctx.version,
      description:
        '部门整体支出绩效自评。JSON；所有消息为中文。除 /api/health、/api/openapi.json、/api/auth/login 外均须登录；写操作须带 X-CSRF-Token。每个查询都限定在调用者的组织与角色范围内：不可见的资源一律 404。',
    },
    security: [{ session: [], csrf: [] }],
  });

  mountWebApp(app);
  return app;
}
