/** @module Running the server: open and migrate the database, listen, close in order. */
import { serve as nodeServe, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { type Database, type DatabaseOptions, openDatabase } from '../db/database.js';
import { type FrameworkSyncReport, syncFrameworkVersions } from '../db/frameworks.js';
import { migrateToLatest } from '../db/migrations.js';
import { type AppOptions, createApp } from './app.js';
import { JobQueue, type JobQueueOptions } from './jobs/queue.js';
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
  jobs: JobQueue;
  /** Readiness goes 503 (the proxy stops sending), then after `drainMs` the server stops accepting. */
  drain(drainMs: number): Promise<void>;
  /** Stops accepting, finishes what is in flight, releases running jobs, closes the database. */
  close(): Promise<void>;
}

/** Queue options from the environment: JIXIAO_JOB_FILES_DIR, JIXIAO_QUEUE_SCHEMA, JIXIAO_WORKER_CONCURRENCY. */
export function queueOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): JobQueueOptions {
  return {
    ...(env.JIXIAO_JOB_FILES_DIR?.trim() ? { filesDir: env.JIXIAO_JOB_FILES_DIR.trim() } : {}),
    ...(env.JIXIAO_QUEUE_SCHEMA?.trim() ? { schema: env.JIXIAO_QUEUE_SCHEMA.trim() } : {}),
    ...(Number(env.JIXIAO_WORKER_CONCURRENCY) > 0 ? { concurrency: Number(env.JIXIAO_WORKER_CONCURRENCY) } : {}),
  };
}

export interface RunningWorker {
  jobs: JobQueue;
  database: Database;
  /** Waits up to `graceMs` for running jobs, hands the rest back to the queue, closes the database. */
  close(graceMs?: number): Promise<void>;
}

/** `jixiao worker`: runs background jobs (and their Chromium for PDFs) without serving HTTP. */
export async function startWorker(
  database: Database,
  opts: JobQueueOptions & { log?: (line: string) => void } = {},
): Promise<RunningWorker> {
  const reports = opts.reports ?? new ReportService();
  const jobs = new JobQueue(database, { ...opts, work: true, reports });
  await jobs.start();
  let closing: Promise<void> | undefined;
  return {
    jobs,
    database,
    close: (graceMs = 10_000) =>
      (closing ??= (async () => {
        await jobs.stop(graceMs);
        await jobs.stop();
        await reports.close();
        await database.close();
      })()),
  };
}

/** The port the README names: `npm start` serves on http://127.0.0.1:8787 unless --port or $PORT says otherwise. */
export const DEFAULT_PORT = 8787;

export async function startServer(
  database: Database,
  opts: {
    port?: number;
    host?: string;
    /** Run background jobs in this process too (default); false for an API-only instance. */
    work?: boolean;
    queue?: JobQueueOptions;
  } & Omit<AppOptions, 'database'> = {},
): Promise<RunningServer> {
  const { port = DEFAULT_PORT, host = '127.0.0.1', work = true, queue = queueOptionsFromEnv(), ...appOpts } = opts;
  const reports = appOpts.reports ?? new ReportService();
  const jobs = appOpts.jobs ?? new JobQueue(database, { ...queue, work, reports });
  await jobs.start();
  const lifecycle = appOpts.lifecycle ?? { draining: false };
  const app = createApp({ database, ...appOpts, reports, jobs, lifecycle });
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
    jobs,
    drain: async (drainMs) => {
      lifecycle.draining = true;
      if (drainMs > 0) await new Promise((r) => setTimeout(r, drainMs));
    },
    close: () =>
      (closing ??= (async () => {
        lifecycle.draining = true;
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive connections would hold close() open.
          (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        });
        await jobs.stop();
        await reports.close();
        await database.close();
      })()),
  };
}
