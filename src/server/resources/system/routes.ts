/** @module System: the health check, bound to the database's ping. */
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
}
