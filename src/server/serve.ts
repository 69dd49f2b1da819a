/** @module Running the server: open and migrate the database, listen, close in order. */
import { serve as nodeServe, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { type Database, type DatabaseOptions, openDatabase } from '../db/database.js';
import { type FrameworkSyncReport, syncFrameworkVersions } from '../db/frameworks.js';
import { migrateToLatest } from '../db/migrations.js';
import { type AppOptions, createApp } from './app.js';
import { ReportService } from './resources/reports/service.js';

/** Opens the database, applies migrations and copies the built-in frameworks in. */
export async function prepareDatabase(
  opts: DatabaseOptions,
): Promise<{ database: Database; applied: string[]; frameworks: FrameworkSyncReport }> {
  // With DATABASE_OWNER_URL the schema is changed as its owner; the server then runs as the app role.
  const owner = opts.url && opts.ownerUrl ? await openDatabase({ ...opts, url: opts.ownerUrl }) : undefined;
  let applied: string[];
  let frameworks: FrameworkSyncReport;
  if (owner) {
    try {
      applied = await migrateToLatest(owner.db);
      frameworks = await syncFrameworkVersions(owner.db);
    } finally {
      await owner.close();
    }
  }
  const database = await openDatabase(opts);
  try {
    applied ??= await migrateToLatest(database.db);
    frameworks ??= await syncFrameworkVersions(database.db);
    return { database, applied, frameworks };
  } catch (e) {
    await database.close();
    throw e;
  }
}

export interface RunningServer {
  url: string;
  port: number;
  database: Database;
  /** Stops accepting, finishes what is in flight, closes the database. */
  close(): Promise<void>;
}

/** The port the README names: `npm start` serves on http://127.0.0.1:8787 unless --port or $PORT says otherwise. */
export const DEFAULT_PORT = 8787;

export async function startServer(
  database: Database,
  opts: { port?: number; host?: string } & Omit<AppOptions, 'database'> = {},
): Promise<RunningServer> {
  const { port = DEFAULT_PORT, host = '127.0.0.1', ...appOpts } = opts;
  const reports = appOpts.reports ?? new ReportService();
  const app = createApp({ database, ...appOpts, reports });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = nodeServe({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${addr.port}`,
    port: addr.port,
    database,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive connections would hold close() open.
          (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        });
        await reports.close();
        await database.close();
      })()),
  };
}
