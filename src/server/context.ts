import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { Actor } from './access.js';
import { unauthorized } from './errors.js';
import type { ScryptParams } from './passwords.js';
import type { LoginLimiter } from './ratelimit.js';
import type { AttachmentLimits } from './services/attachments.js';
import type { ReportService } from './services/reports.js';

export interface ServerContext {
  database: Database;
  db: Kysely<DB>;
  scrypt: ScryptParams;
  limiter: LoginLimiter;
  attachments: AttachmentLimits;
  /** Report files and round zips; owns the server's Chromium for PDF. */
  reports: ReportService;
  /** Behind a reverse proxy: believe X-Forwarded-For / X-Forwarded-Proto. */
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
