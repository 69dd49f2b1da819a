/** @module Opening the database — embedded PGlite or PostgreSQL — behind one Kysely instance. */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect, type WriteCount } from './pglite-dialect.js';
import { initPGliteDir, pgliteDirExists } from './pglite-init.js';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseOptions {
  /** postgres://… — run on PostgreSQL. Without it, embedded PGlite. */
  url?: string;
  /** PGlite: the data directory (the database lives in <dataDir>/pglite). Ignored with url. */
  dataDir?: string;
  /** PGlite in memory (tests). */
  memory?: boolean;
  /**
   * PGlite: PostgreSQL's fsync on (the default), so an acknowledged save survives a power cut;
   * false (JIXIAO_PGLITE_FSYNC=off) trades that for speed. PGlite's own default is off.
   */
  durable?: boolean;
  /** PostgreSQL: put every table in this schema (search_path), e.g. one schema per test file. */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /**
   * PostgreSQL: the table owner's connection, for migrations (DATABASE_OWNER_URL). The server itself then
   * connects with `url`, a role that does not own audit_log and may only INSERT and SELECT it.
   */
  ownerUrl?: string;
  /** PostgreSQL application_name of the pool's connections (tests find their own backends by it). */
  applicationName?: string;
}

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Where the data lives, for messages (no password). */
  where: string;
  /** Whether the database answers; the server refuses with 503 while it does not. */
  health: DatabaseHealth;
  /** PGlite: the engine (backups dump its data directory). */
  pglite?: PGlite;
  /** PostgreSQL: the connection string (backups run pg_dump on it). Never shown. */
  url?: string;
  /** PostgreSQL opened in a schema of its own (tests): the job queue's tables go there too. */
  schema?: string;
  /**
   * Plain SQL for libraries that bring their own (the job queue): one statement with $n parameters,
   * or several statements without parameters. On PGlite it waits its turn with Kysely's queries, so
   * it never lands inside another caller's transaction.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;
  close(): Promise<void>;
}

/**
 * The database's reachability as the server sees it. A request that fails with a connection error
 * marks it down; from then on requests are answered 503 at once (no pile-up of connection attempts)
 * while a probe retries with back-off (100 ms doubling to 1 s); the first probe that succeeds
 * brings it back. PGlite (in process) is never down.
 */
export class DatabaseHealth {
  private down: { since: number; error: string } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private delay: number;
  private closed = false;

  constructor(
    private readonly probe: () => Promise<void>,
    private readonly backoff = { minMs: 100, maxMs: 1000 },
  ) {
    this.delay = backoff.minMs;
  }

  get available(): boolean {
    return this.down === undefined;
  }

  /** Since when and why it is down, or undefined. */
  get state(): { since: number; error: string } | undefined {
    return this.down;
  }

  /** A query failed because the connection went away. */
  failed(e: unknown): void {
    if (this.closed || this.down) return;
    this.down = { since: Date.now(), error: e instanceof Error ? e.message : String(e) };
    this.delay = this.backoff.minMs;
    this.schedule();
  }

  private schedule(): void {
    this.timer = setTimeout(async () => {
      try {
        await this.probe();
        this.down = undefined;
      } catch {
        this.delay = Math.min(this.backoff.maxMs, this.delay * 2);
        if (!this.closed) this.schedule();
      }
    }, this.delay);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

/**
 * The database layer's one error: it could not be opened, a migration failed, a backup or restore
 * failed, or it is unreachable right now (the server answers 503 and retries). The message is Chinese
 * and names the place, without a password.
 */
export class DatabaseError extends Error {
  constructor(
    readonly kind: 'open' | 'migrate' | 'backup' | 'unavailable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * Whether an error means the connection to PostgreSQL is gone (not that the query was wrong): socket
 * errors, pg's "Connection terminated", SQLSTATE class 08 and the shutdown codes 57P01–57P03
 * (pg_terminate_backend, an immediate stop, a server still starting).
 */
export function isConnectionError(e: unknown): boolean {
  if (e instanceof DatabaseError) return e.kind === 'unavailable';
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code)) return true;
  }
  const message = (e as { message?: unknown }).message;
  return (
    typeof message === 'string' &&
    /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|terminating connection/i.test(
      message,
    )
  );
}

/** Options from the environment: DATABASE_URL, DATABASE_OWNER_URL, JIXIAO_DATA_DIR (default ./data), JIXIAO_DB_POOL. */
export function databaseOptionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  override: { url?: string; dataDir?: string } = {},
): DatabaseOptions {
  const url = override.url ?? (env.DATABASE_URL?.trim() || undefined);
  const ownerUrl = env.DATABASE_OWNER_URL?.trim() || undefined;
  if (url)
    return {
      url,
      ...(ownerUrl ? { ownerUrl } : {}),
      ...(env.JIXIAO_DB_POOL ? { poolSize: Number(env.JIXIAO_DB_POOL) } : {}),
    };
  return {
    dataDir: path.resolve(override.dataDir ?? (env.JIXIAO_DATA_DIR?.trim() || './data')),
    durable: env.JIXIAO_PGLITE_FSYNC?.trim().toLowerCase() !== 'off',
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'PostgreSQL';
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const writeCounts = new WeakMap<Kysely<DB>, WriteCount>();
/**
 * PGlite: how many statements that may change data have run (src/db/pglite-dialect.ts WriteCount);
 * what was read while it had one value is current while it keeps it. Undefined on PostgreSQL, where
 * other processes write too.
 */
export function writeCountOf(db: Kysely<DB>): WriteCount | undefined {
  return writeCounts.get(db);
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts);
  return openPGlite(opts);
}

async function openPostgres(url: string, opts: DatabaseOptions): Promise<Database> {
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema))
    throw new DatabaseError('open', `模式名不合法：${opts.schema}`);
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      // int8 (count(*), sums) as a number, as PGlite returns it; our ids are int4.
      if (oid === 20) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format as 'text');
    }) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 20,
    types,
    // A database that does not answer fails a request in seconds (a 503), never hangs it.
    connectionTimeoutMillis: 3000,
    application_name: opts.applicationName ?? 'jixiao',
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool removes it. Queries report their own errors.
  });
  pool.on('connect', (client) => {
    // A checked-out client whose backend is terminated (pg_terminate_backend, a restart) emits
    // 'error'; unhandled, that would end the process. The query in flight rejects on its own (the
    // request answers 503) and the pool drops the broken client when it is released.
    client.on('error', () => {});
  });
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new DatabaseError('open', `无法连接 PostgreSQL（${redact(url)}）：${(e as Error).message}`);
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const health = new DatabaseHealth(() => ping(db));
  return {
    db,
    kind: 'postgres',
    where: `${redact(url)}${opts.schema ? `（模式 ${opts.schema}）` : ''}`,
    health,
    url,
    ...(opts.schema ? { schema: opts.schema } : {}),
    executeSql: async (text, values) => {
      const r = await pool.query(text, values as unknown[] | undefined);
      // Several statements answer with one result each; the last is the caller's.
      const last = (Array.isArray(r) ? r.at(-1) : r) as pg.QueryResult | undefined;
      return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
    },
    close: async () => {
      health.close();
      await db.destroy();
    },
  };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time may open a PGlite data directory (two would corrupt it). A lock file holds
 * the owner's pid; a lock left by a process that no longer runs (kill -9) is taken over.
 */
const openHere = new Set<string>();

function lockDataDir(dir: string): () => void {
  if (openHere.has(dir)) throw new DatabaseError('open', `数据目录 ${dir} 已在本进程中打开，不能再打开一次`);
  const lock = path.join(dir, 'jixiao.lock');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid)) {
      throw new DatabaseError(
        'open',
        `数据目录 ${dir} 正被进程 ${pid} 使用。同一数据目录只能由一个 jixiao 进程打开；多个进程共用数据请改用 PostgreSQL（设置 DATABASE_URL）。`,
      );
    }
  }
  writeFileSync(lock, String(process.pid));
  openHere.add(dir);
  return () => {
    openHere.delete(dir);
    try {
      if (readFileSync(lock, 'utf8').trim() === String(process.pid)) rmSync(lock);
    } catch {
      // already gone
    }
  };
}

/** PGlite's buffer pool for a data directory (PostgreSQL's default is 128MB). */
export const PGLITE_SHARED_BUFFERS = '16MB';

async function openPGlite(opts: DatabaseOptions): Promise<Database> {
  let unlock = () => {};
  let pglite: PGlite;
  let where = 'PGlite（内存）';
  if (opts.memory || !opts.dataDir) {
    pglite = await PGlite.create();
  } else {
    const dir = path.resolve(opts.dataDir);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new DatabaseError('open', `无法创建数据目录 ${dir}：${(e as Error).message}`);
    }
    unlock = lockDataDir(dir);
    // PGlite starts PostgreSQL with -F (fsync off); without it, writes are flushed before a commit returns.
    // shared_buffers: PostgreSQL's 128 MB default sits in the WASM heap for good (a server idled at ~500 MiB
    // RSS); the files stay in the operating system's page cache anyway, so a small buffer pool costs little
    // (docs/performance.md, "Server memory"). JIXIAO_PGLITE_SHARED_BUFFERS overrides it.
    const buffers = process.env.JIXIAO_PGLITE_SHARED_BUFFERS ?? PGLITE_SHARED_BUFFERS;
    const startParams = [
      ...PGlite.defaultStartParams.filter((p) => opts.durable === false || p !== '-F'),
      ...(/^\d+(kB|MB|GB)$/.test(buffers) ? ['-c', `shared_buffers=${buffers}`] : []),
    ];
    const home = path.join(dir, 'pglite');
    try {
      if (!pgliteDirExists(home)) await initPGliteDir(home, startParams);
      pglite = await PGlite.create(home, { startParams });
    } catch (e) {
      unlock();
      throw new DatabaseError('open', `无法打开数据目录 ${dir} 中的数据库：${(e as Error).message}`);
    }
    where = `PGlite（${dir}）`;
  }
  const dialect = new PGliteDialect(pglite);
  const db = new Kysely<DB>({ dialect });
  writeCounts.set(db, dialect.writes);
  let closed = false;
  return {
    db,
    kind: 'pglite',
    where,
    pglite,
    health: new DatabaseHealth(() => ping(db)),
    executeSql: (text, values) =>
      // Through Kysely's connection so the statement waits for the PGlite session like any query.
      db.connection().execute(async () => {
        dialect.writes.value++; // the job queue's SQL: counted as a write, whatever it is
        if (values && values.length > 0) {
          const r = await pglite.query<Record<string, unknown>>(text, values);
          return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
        }
        const all = await pglite.exec(text);
        const last = all.at(-1);
        return { rows: (last?.rows ?? []) as Record<string, unknown>[], rowCount: last?.affectedRows ?? 0 };
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
      await pglite.close();
      unlock();
    },
  };
}

/** PostgreSQL only: create a fresh schema (tests, benchmarks). */
export async function createSchema(url: string, schema: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new DatabaseError('open', `模式名不合法：${schema}`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`create schema ${schema}`);
  } finally {
    await c.end();
  }
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new DatabaseError('open', `模式名不合法：${schema}`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await c.end();
  }
}

export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
