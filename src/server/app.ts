/**
 * @module The HTTP application: middleware in order, then one registration per resource, then the
 * OpenAPI description built from the same route definitions. Adding an API route: see
 * docs/architecture.md ("Adding an API route").
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { fieldName } from '../core/input.js';
import type { Database } from '../db/database.js';
import { PACKAGE_VERSION } from '../load/paths.js';
import type { AppEnv, ServerContext } from './context.js';
import { badRequest } from './errors.js';
import { jsonBodyLimit } from './middleware/body-limit.js';
import { auditDenied } from './middleware/audit-denied.js';
import { csrf } from './middleware/csrf.js';
import { databaseGate } from './middleware/database-gate.js';
import { notFoundIn, onError } from './middleware/errors.js';
import { inputGuard } from './middleware/input-guard.js';
import { securityHeaders } from './middleware/security-headers.js';
import { session } from './middleware/session.js';
import { DEFAULT_SCRYPT, type ScryptParams } from './passwords.js';
import { type AttachmentLimits, DEFAULT_ATTACHMENT_LIMITS } from './resources/attachments/service.js';
import { registerAttachments } from './resources/attachments/routes.js';
import { registerAudit } from './resources/audit/routes.js';
import { SESSION_COOKIE } from './resources/auth/contract.js';
import { registerAuth } from './resources/auth/routes.js';
import { type LoginLimits, LoginThrottle } from './resources/auth/throttle.js';
import { registerDashboard } from './resources/dashboard/routes.js';
import { registerEvaluations } from './resources/evaluations/routes.js';
import { registerFrameworks } from './resources/frameworks/routes.js';
import { registerImports } from './resources/imports/routes.js';
import { registerJobs } from './resources/jobs/routes.js';
import { JobQueue } from './jobs/queue.js';
import { registerOrganisations } from './resources/organisations/routes.js';
import { registerReports } from './resources/reports/routes.js';
import { registerReview } from './resources/review/routes.js';
import { ReportService } from './resources/reports/service.js';
import { registerRounds } from './resources/rounds/routes.js';
import { registerSystem } from './resources/system/routes.js';
import { registerTargets } from './resources/targets/routes.js';
import { registerMonitoring } from './resources/monitoring/routes.js';
import { registerRectification } from './resources/rectification/routes.js';
import { registerPublication } from './resources/publication/routes.js';
import { registerUsers } from './resources/users/routes.js';
import { mountWebApp } from './web.js';

/** The package's version (package.json, read once in src/load/paths.ts): /api/health and the OpenAPI description. */
export const API_VERSION: string = PACKAGE_VERSION;

export interface AppOptions {
  database: Database;
  scrypt?: ScryptParams;
  loginLimits?: Partial<LoginLimits>;
  attachments?: AttachmentLimits;
  /** Shared with whoever closes it (startServer); a new one otherwise. */
  reports?: ReportService;
  /** Background jobs; shared with whoever stops it (startServer). A client-only queue otherwise. */
  jobs?: JobQueue;
  /** Set draining on SIGTERM: /api/ready answers 503 so the proxy sends no more. */
  lifecycle?: { draining: boolean };
  trustProxy?: boolean;
  cookieSecure?: 'auto' | 'always' | 'never';
}

/** Every resource of the API, in the order of the OpenAPI description. */
const RESOURCES = [
  registerSystem,
  registerAuth,
  registerOrganisations,
  registerUsers,
  registerFrameworks,
  registerRounds,
  registerEvaluations,
  registerAttachments,
  registerAudit,
  registerDashboard,
  registerReports,
  registerReview,
  registerImports,
  registerJobs,
  registerTargets,
  registerMonitoring,
  registerRectification,
  registerPublication,
] as const;

export function createApp(opts: AppOptions): OpenAPIHono<AppEnv> {
  const ctx: ServerContext = {
    database: opts.database,
    db: opts.database.db,
    scrypt: opts.scrypt ?? DEFAULT_SCRYPT,
    limiter: new LoginThrottle(opts.database.db, opts.loginLimits),
    attachments: opts.attachments ?? DEFAULT_ATTACHMENT_LIMITS,
    reports: opts.reports ?? new ReportService(),
    jobs: opts.jobs ?? new JobQueue(opts.database, opts.reports ? { reports: opts.reports } : {}),
    lifecycle: opts.lifecycle ?? { draining: false },
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

  app.onError(onError);
  app.use('*', securityHeaders);
  app.use('/api/*', databaseGate(ctx));
  app.use('/api/*', jsonBodyLimit);
  app.use('/api/*', inputGuard);
  app.use('/api/*', session(ctx));
  app.use('/api/*', auditDenied(ctx));
  app.use('/api/*', csrf(ctx));

  for (const register of RESOURCES) register(app, ctx);
  // After the routes: a path that exists with other methods answers 405, in Chinese.
  app.notFound(notFoundIn(app.routes));

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
