/** @module What every route handler is given: the server's context, the request's variables, the caller. */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { Actor } from './access.js';
import { unauthorized } from './errors.js';
import type { ScryptParams } from './passwords.js';
import type { AttachmentLimits } from './resources/attachments/service.js';
import type { LoginThrottle } from './resources/auth/throttle.js';
import type { JobQueue } from './jobs/queue.js';
import type { ReportService } from './resources/reports/service.js';

export interface ServerContext {
  database: Database;
  db: Kysely<DB>;
  scrypt: ScryptParams;
  limiter: LoginThrottle;
  attachments: AttachmentLimits;
  /** Report files and round zips; owns the server's Chromium for PDF. */
  reports: ReportService;
  /** Background jobs (pg-boss on this database): enqueue, progress, cancel, files; runs them on a worker. */
  jobs: JobQueue;
  /** draining: shutting down, /api/ready says 503. */
  lifecycle: { draining: boolean };
  /** Behind a reverse proxy: believe X-Forwarded-For / X-Forwarded-Proto / X-Forwarded-Host. */
  trustProxy: boolean;
  /** Secure cookie flag: auto = on unless plain http to a loopback address (local use). */
  cookieSecure: 'auto' | 'always' | 'never';
  version: string;
}

export type AppEnv = {
  Variables: {
    actor: Actor | undefined;
    sessionId: string | undefined;
    csrfToken: string | undefined;
  };
};

export type Api = OpenAPIHono<AppEnv>;

/** The signed-in caller, or 401. */
export function actorOf(c: Context<AppEnv>): Actor {
  const a = c.get('actor');
  if (!a) throw unauthorized();
  return a;
}

/** The client's address: the socket's, or the first X-Forwarded-For behind a trusted proxy. */
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
