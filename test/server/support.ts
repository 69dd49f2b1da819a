import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { parse as parseYaml } from 'yaml';
import { createSchema, type Database, dropSchema, openDatabase } from '../../src/db/database.js';
import { syncFrameworkVersions } from '../../src/db/frameworks.js';
import { migrateToLatest } from '../../src/db/migrations.js';
import type { Role } from '../../src/db/schema.js';
import { type Actor, systemActor } from '../../src/server/access.js';
import { type AppOptions, createApp } from '../../src/server/app.js';
import { FAST_SCRYPT } from '../../src/server/passwords.js';
import { createEvaluation } from '../../src/server/resources/evaluations/service.js';
import { createOrganisation } from '../../src/server/resources/organisations/service.js';
import { createRound } from '../../src/server/resources/rounds/service.js';
import { loadActor } from '../../src/server/resources/auth/service.js';
import { createUser } from '../../src/server/resources/users/service.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';

/**
 * Data-layer and API tests run on both databases: embedded PGlite (in memory) and PostgreSQL
 * (JIXIAO_TEST_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test), each
 * test file in a schema of its own that is dropped afterwards, so files can run side by side.
 * JIXIAO_TEST_SKIP_PG=1 leaves PostgreSQL out (say so when you use it).
 */
export const PG_URL =
  process.env.JIXIAO_TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

let counter = 0;
let swept = false;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Schemas left by test processes that died before their `after` ran (jx_t_<pid>_…): dropped. */
async function sweepStaleSchemas(): Promise<void> {
  if (swept) return;
  swept = true;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const { rows } = await c.query<{ nspname: string }>(
      "select nspname from pg_namespace where nspname like 'jx\\_t\\_%'",
    );
    for (const { nspname } of rows) {
      const pid = Number(/^jx_t_(\d+)_/.exec(nspname)?.[1]);
      if (pid && !alive(pid)) await c.query(`drop schema if exists ${nspname} cascade`);
    }
  } finally {
    await c.end();
  }
}

export function backends(): Backend[] {
  const list: Backend[] = [{ name: 'pglite', open: () => openDatabase({ memory: true }) }];
  if (process.env.JIXIAO_TEST_SKIP_PG !== '1') {
    list.push({
      name: 'postgres',
      open: async () => {
        const schema = `jx_t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
        try {
          await sweepStaleSchemas();
          await createSchema(PG_URL, schema);
        } catch (e) {
          throw new Error(
            `PostgreSQL 不可用（${PG_URL}）：${(e as Error).message}。启动它（.ci/run 会启动），或设置 JIXIAO_TEST_SKIP_PG=1 只测 PGlite。`,
            { cause: e },
          );
        }
        const db = await openDatabase({ url: PG_URL, schema, poolSize: 10 });
        return {
          ...db,
          close: async () => {
            await db.close();
            await dropSchema(PG_URL, schema);
          },
        };
      },
    });
  }
  return list;
}

export async function openPrepared(b: Backend): Promise<Database> {
  const database = await b.open();
  await migrateToLatest(database.db);
  await syncFrameworkVersions(database.db);
  return database;
}

// ---------- HTTP client with a real cookie jar and the CSRF header ----------

type Fetcher = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

export class Client {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(
    private readonly app: Fetcher,
    readonly base = 'http://localhost',
  ) {}

  async login(username: string, password = PASSWORD): Promise<Reply> {
    const r = await this.send('POST', '/api/auth/login', { username, password });
    if (r.status === 200) this.csrf = r.body.csrfToken;
    return r;
  }

  async send(
    method: string,
    p: string,
    body?: unknown,
    opts: { csrf?: string | false; headers?: Record<string, string>; raw?: BodyInit } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && opts.csrf !== false) {
      const t = opts.csrf ?? this.csrf;
      if (t) headers['x-csrf-token'] = t;
    }
    let payload: BodyInit | undefined = opts.raw;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await this.app.request(`${this.base}${p}`, {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';');
      const [name, value] = pair!.split('=');
      if (name === 'jixiao_session') this.cookie = value && !/max-age=0/i.test(sc) ? `${name}=${value}` : undefined;
    }
    const type = res.headers.get('content-type') ?? '';
    const out = type.includes('application/json') ? await res.json() : new Uint8Array(await res.arrayBuffer());
    return { status: res.status, body: out, headers: res.headers };
  }

  get = (p: string) => this.send('GET', p);
  post = (p: string, b?: unknown) => this.send('POST', p, b ?? {});
  put = (p: string, b: unknown) => this.send('PUT', p, b);
  patch = (p: string, b: unknown) => this.send('PATCH', p, b);
  del = (p: string) => this.send('DELETE', p);

  upload(p: string, filename: string, bytes: Uint8Array, indicator?: string): Promise<Reply> {
    const form = new FormData();
    form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], filename));
    if (indicator) form.append('indicator', indicator);
    return this.send('POST', p, undefined, { raw: form });
  }
}

// ---------- A world of two regions ----------

export const PASSWORD = 'correct horse battery';

/** Seed 000's document without its unit name (the API fills in the organisation's). */
export function seedDocument(): Record<string, unknown> {
  const doc = parseYaml(
    readFileSync(path.join(PACKAGE_ROOT, 'examples', 'seeds', '000_6ca4beea76738c10.yaml'), 'utf8'),
  ) as Record<string, unknown>;
  delete doc.unit;
  delete doc.source;
  return doc;
}

export const PDF = new TextEncoder().encode('%PDF-1.4\n% jixiao test evidence\n%%EOF\n');

export interface World {
  database: Database;
  app: ReturnType<typeof createApp>;
  org: Record<'A' | 'U1' | 'U2' | 'U1S' | 'B' | 'V1', number>;
  round: { A: number; B: number };
  ev: { U1: number; U2: number; U1S: number; V1: number };
  users: Record<string, { id: number; role: Role }>;
  actors: Record<string, Actor>;
  client(): Client;
  /** A signed-in client. */
  as(username: string): Promise<Client>;
  close(): Promise<void>;
}

/**
 * Region A: 财政局 A with units U1 and U2 and U1's sub-unit U1S; region B: 财政局 B with unit V1.
 * One round per region on the 上街 framework (2021), one draft evaluation per unit (seed 000's data).
 * Users: a-admin, a-reviewer, a-public, u1-filler, u1-leader, u2-filler, u2-leader, u1s-filler,
 * u1s-leader, b-admin, b-reviewer, v1-filler, v1-leader.
 */
export async function makeWorld(b: Backend, opts: Partial<Omit<AppOptions, 'database'>> = {}): Promise<World> {
  const database = await openPrepared(b);
  const db = database.db;
  const sys = systemActor('测试');
  const A = await createOrganisation(db, sys, { kind: 'bureau', name: '甲市财政局', code: 'a-bureau' });
  const U1 = await createOrganisation(db, sys, { kind: 'unit', name: '甲市一号单位', code: 'a-u1', parentId: A.id });
  const U2 = await createOrganisation(db, sys, { kind: 'unit', name: '甲市二号单位', code: 'a-u2', parentId: A.id });
  const U1S = await createOrganisation(db, sys, {
    kind: 'subunit',
    name: '甲市一号单位下属中心',
    code: 'a-u1-s',
    parentId: U1.id,
  });
  const B = await createOrganisation(db, sys, { kind: 'bureau', name: '乙市财政局', code: 'b-bureau' });
  const V1 = await createOrganisation(db, sys, { kind: 'unit', name: '乙市一号单位', code: 'b-v1', parentId: B.id });
  const specs: Array<[string, number, Role]> = [
    ['a-admin', A.id, 'bureau_admin'],
    ['a-reviewer', A.id, 'bureau_reviewer'],
    ['a-public', A.id, 'public'],
    ['u1-filler', U1.id, 'unit_filler'],
    ['u1-leader', U1.id, 'unit_leader'],
    ['u2-filler', U2.id, 'unit_filler'],
    ['u2-leader', U2.id, 'unit_leader'],
    ['u1s-filler', U1S.id, 'unit_filler'],
    ['u1s-leader', U1S.id, 'unit_leader'],
    ['b-admin', B.id, 'bureau_admin'],
    ['b-reviewer', B.id, 'bureau_reviewer'],
    ['v1-filler', V1.id, 'unit_filler'],
    ['v1-leader', V1.id, 'unit_leader'],
  ];
  const users: World['users'] = {};
  const actors: World['actors'] = {};
  for (const [username, orgId, role] of specs) {
    const u = await createUser(
      db,
      sys,
      { orgId, username, displayName: `${username}（测试）`, role, password: PASSWORD },
      FAST_SCRYPT,
    );
    users[username] = { id: u.id, role };
    actors[username] = (await loadActor(db, u.id))!;
  }
  const fv = await db
    .selectFrom('framework_versions')
    .select('id')
    .where('framework_id', '=', 'zhengzhou-shangjie-2021')
    .executeTakeFirstOrThrow();
  const rA = await createRound(db, sys, {
    regionId: A.id,
    name: '2021年度自评',
    year: 2021,
    frameworkVersionId: fv.id,
    deadline: null,
  });
  const rB = await createRound(db, sys, {
    regionId: B.id,
    name: '2021年度自评',
    year: 2021,
    frameworkVersionId: fv.id,
    deadline: null,
  });
  const doc = seedDocument();
  const e1 = await createEvaluation(db, actors['u1-filler']!, rA.id, { document: doc });
  const e2 = await createEvaluation(db, actors['u2-filler']!, rA.id, { document: doc });
  const e1s = await createEvaluation(db, actors['u1s-filler']!, rA.id, { document: doc });
  const v1 = await createEvaluation(db, actors['v1-filler']!, rB.id, { document: doc });
  const app = createApp({
    database,
    scrypt: FAST_SCRYPT,
    loginLimits: { pairFree: 100_000, accountFree: 100_000 },
    ...opts,
  });
  const w: World = {
    database,
    app,
    org: { A: A.id, U1: U1.id, U2: U2.id, U1S: U1S.id, B: B.id, V1: V1.id },
    round: { A: rA.id, B: rB.id },
    ev: { U1: e1.id, U2: e2.id, U1S: e1s.id, V1: v1.id },
    users,
    actors,
    client: () => new Client(app),
    as: async (username: string) => {
      const c = new Client(app);
      const r = await c.login(username);
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
      return c;
    },
    close: () => database.close(),
  };
  return w;
}
