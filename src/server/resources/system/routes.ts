/** @module System: the health (liveness) and readiness checks, bound to the database's ping. */
import { ping } from '../../../db/database.js';
import { LATEST_MIGRATION } from '../../../db/migrations.js';
import type { Api, ServerContext } from '../../context.js';
import { DATABASE_RETRY_AFTER } from '../../errors.js';
import * as route from './contract.js';

export function registerSystem(app: Api, ctx: ServerContext): void {
  app.openapi(route.health, async (c) => {
    const base = { database: ctx.database.kind, schema: LATEST_MIGRATION, version: ctx.version };
    try {
      if (!ctx.database.health.available) throw new Error('down');
      await ping(ctx.db);
      return c.json({ status: 'ok' as const, ...base }, 200);
    } catch (e) {
      if (ctx.database.health.available) ctx.database.health.failed(e);
      c.header('Retry-After', String(DATABASE_RETRY_AFTER));
      return c.json({ status: 'degraded' as const, message: '数据库暂时不可用，服务正在重连', ...base }, 503);
    }
  });
  app.openapi(route.ready, async (c) => {
    const reasons: string[] = [];
    if (ctx.lifecycle.draining) reasons.push('正在停止');
    try {
      await ping(ctx.db);
    } catch {
      reasons.push('数据库暂时不可用');
    }
    const body = {
      ready: reasons.length === 0,
      reasons,
      jobs: ctx.jobs.works ? ('worker' as const) : ('client' as const),
    };
    return reasons.length ? c.json(body, 503) : c.json(body, 200);
  });
}
