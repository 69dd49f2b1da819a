/**
 * Shared set-up for the API load and kill scripts: a database (PGlite data directory or a fresh
 * PostgreSQL schema) with one region, one round and N units, each with a filler, a signed-in
 * session and a draft evaluation (seed 000's data); and `jixiao serve` as a child process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createSchema, type DatabaseOptions, dropSchema } from '../src/db/database.js';
import { PACKAGE_ROOT } from '../src/load/paths.js';
import { systemActor } from '../src/server/access.js';
import { FAST_SCRYPT, hashPassword } from '../src/server/passwords.js';
import { prepareDatabase } from '../src/server/serve.js';
import { createEvaluation } from '../src/server/resources/evaluations/service.js';
import { createOrganisation } from '../src/server/resources/organisations/service.js';
import { createRound } from '../src/server/resources/rounds/service.js';
import { createSession } from '../src/server/resources/auth/service.js';
import { createUser } from '../src/server/resources/users/service.js';

export const PG_URL =
  process.env.JIXIAO_BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CLI = path.join(PACKAGE_ROOT, 'src', 'cli', 'main.ts');
/** What `npm start` runs: the bundle `npm run build` writes (dist/bin), without tsx. */
const BIN = path.join(PACKAGE_ROOT, 'bin', 'jixiao.js');

export interface Target {
  name: 'pglite' | 'postgres';
  /** For in-process set-up and checks. */
  dbOptions: DatabaseOptions;
  /** For the server process. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function makeTarget(name: 'pglite' | 'postgres'): Promise<Target> {
  if (name === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-bench-'));
    return {
      name,
      dbOptions: { dataDir: dir },
      env: { JIXIAO_DATA_DIR: dir },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `jx_bench_${process.pid}_${Date.now().toString(36)}`;
  await createSchema(PG_URL, schema);
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    name,
    dbOptions: { url, poolSize: 20 },
    env: { DATABASE_URL: url, JIXIAO_DB_POOL: '20' },
    cleanup: () => dropSchema(PG_URL, schema),
  };
}

export interface Unit {
  evaluationId: number;
  cookie: string;
  csrf: string;
  version: number;
}

export function seedDocument(): Record<string, unknown> {
  const doc = parseYaml(
    readFileSync(path.join(PACKAGE_ROOT, 'examples', 'seeds', '000_6ca4beea76738c10.yaml'), 'utf8'),
  ) as Record<string, unknown>;
  delete doc.unit;
  delete doc.source;
  return doc;
}

/** n units with a filler each, a session each (no login round-trips, no rate limit) and a draft evaluation. */
export async function setupUnits(t: Target, n: number): Promise<Unit[]> {
  const { database } = await prepareDatabase(t.dbOptions);
  try {
    const db = database.db;
    const sys = systemActor('压测准备');
    const bureau = await createOrganisation(db, sys, { kind: 'bureau', name: '压测市财政局', code: 'bench' });
    const fv = await db
      .selectFrom('framework_versions')
      .select('id')
      .where('framework_id', '=', 'zhengzhou-shangjie-2021')
      .executeTakeFirstOrThrow();
    const hash = await hashPassword('bench password', FAST_SCRYPT);
    const doc = seedDocument();
    const users: number[] = [];
    for (let i = 0; i < n; i++) {
      const org = await createOrganisation(db, sys, {
        kind: 'unit',
        name: `压测单位${i}`,
        code: `bench-${i}`,
        parentId: bureau.id,
      });
      const u = await createUser(
        db,
        sys,
        {
          orgId: org.id,
          username: `bench-${i}`,
          displayName: `压测填报人${i}`,
          role: 'unit_filler',
          password: 'bench password',
        },
        FAST_SCRYPT,
        hash,
      );
      users.push(u.id);
    }
    // The round after the units: it enrols every unit of the region there is when it opens.
    const round = await createRound(db, sys, {
      regionId: bureau.id,
      name: '2021年度压测',
      year: 2021,
      frameworkVersionId: fv.id,
      deadline: null,
    });
    const units: Unit[] = [];
    for (const userId of users) {
      const s = await createSession(db, userId);
      const ev = await createEvaluation(db, s.actor, round.id, { document: doc });
      units.push({ evaluationId: ev.id, cookie: `jixiao_session=${s.token}`, csrf: s.csrfToken, version: ev.version });
    }
    return units;
  } finally {
    await database.close();
  }
}

export interface Server {
  url: string;
  child: ChildProcess;
  pid: number;
  stop(): Promise<void>;
}

/**
 * `jixiao serve --port 0` (and `extra`, e.g. `--seed-demo`) as a child process; resolves once it listens. `built`
 * runs the built bundle as `npm start` does (build first); otherwise the sources through tsx.
 */
export function startServer(t: Target, extra: string[] = [], opts: { built?: boolean } = {}): Promise<Server> {
  const { DATABASE_URL: _a, JIXIAO_DATA_DIR: _b, ...rest } = process.env;
  const nodeArgs = process.env.JIXIAO_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []; // e.g. --cpu-prof
  const entry = opts.built ? [BIN] : ['--import', 'tsx', CLI];
  const argv = [...nodeArgs, ...entry, 'serve', '--port', '0', ...extra];
  // JIXIAO_BENCH_SERVER_CPUS=1 pins the server to CPU 1 (taskset), e.g. with the load generator on CPU 0.
  const cpus = process.env.JIXIAO_BENCH_SERVER_CPUS;
  const child = cpus
    ? spawn('taskset', ['-c', cpus, process.execPath, ...argv], { cwd: PACKAGE_ROOT, env: { ...rest, ...t.env } })
    : spawn(process.execPath, argv, { cwd: PACKAGE_ROOT, env: { ...rest, ...t.env } });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 180_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /jixiao 已启动：(http:\/\/[^\s　]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve({
          url: m[1]!,
          child,
          pid: child.pid!,
          stop: () =>
            new Promise<void>((res) => {
              if (child.exitCode !== null || child.signalCode !== null) return res();
              child.once('exit', () => res());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
      if (process.env.JIXIAO_BENCH_VERBOSE) process.stderr.write(d);
    });
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code ?? sig}):\n${out}`));
    });
  });
}
