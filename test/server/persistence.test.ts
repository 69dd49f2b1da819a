import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { Command } from 'commander';
import { registerServerCommands } from '../../src/cli/server-commands.js';
import { DatabaseError, openDatabase } from '../../src/db/database.js';
import { LATEST_MIGRATION } from '../../src/db/migrations.js';
import { headline } from '../../src/core/verification.js';
import { systemActor } from '../../src/server/access.js';
import { createApp } from '../../src/server/app.js';
import { listEvaluations } from '../../src/server/resources/evaluations/service.js';
import { seedDemo, SEEDS_EXAMPLES_DIR } from '../../src/server/demo.js';
import { FAST_SCRYPT } from '../../src/server/passwords.js';
import { prepareDatabase } from '../../src/server/serve.js';
import { scoreFile } from '../../src/load/evaluations.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { backends, Client, openPrepared, PASSWORD } from './support.js';

/**
 * What lives on disk: the embedded database survives a restart (graceful or kill -9), `jixiao
 * serve` on a fresh data directory answers /api/health, seed-demo loads every seed file there is,
 * and the admin commands work. The CLI runs as a child process, as a user would run it.
 */

const CLI = path.join(PACKAGE_ROOT, 'src', 'cli', 'main.ts');
const tmpRoot = mkdtempSync(path.join(tmpdir(), 'jixiao-persist-'));
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(tmpRoot, { recursive: true, force: true });
});

const SEED_FILES = readdirSync(SEEDS_EXAMPLES_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

/** Starts `jixiao serve --port 0` on a data directory; resolves with its URL once it listens. */
function serve(
  dataDir: string,
  extra: string[] = [],
): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const { DATABASE_URL: _omit, ...rest } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0', ...extra], {
    cwd: PACKAGE_ROOT,
    env: { ...rest, JIXIAO_DATA_DIR: dataDir },
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in time:\n${out}`)), 180_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /jixiao 已启动：(http:\/\/[^\s　]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** A Client over real HTTP (fetch), with the same cookie jar and CSRF handling. */
function httpClient(base: string): Client {
  return new Client({ request: (input: string, init?: RequestInit) => fetch(input, init) }, base);
}

let cliQueue: Promise<unknown> = Promise.resolve();
/** The CLI in this process (commander + registerServerCommands), output collected; one at a time (env, exit code). */
function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = cliQueue.then(() => runCliNow(args, env));
  cliQueue = run.catch(() => {});
  return run;
}

async function runCliNow(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command().exitOverride();
  let stdout = '';
  let stderr = '';
  registerServerCommands(program, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
  const saved = { ...process.env };
  const savedCode = process.exitCode;
  process.exitCode = undefined;
  delete process.env.DATABASE_URL;
  Object.assign(process.env, env);
  try {
    await program.parseAsync(['node', 'jixiao', ...args]);
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    process.exitCode = savedCode;
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

describe('on disk', { concurrency: true }, () => {
  describe('a data directory: fresh serve, seed-demo, kill -9, restart', { concurrency: 1 }, () => {
    const dir = path.join(tmpRoot, 'data');

    let evId = 0;
    let ackedVersion = 0;

    test('jixiao serve --seed-demo on a fresh data directory: /api/health 200, every seed file loaded, an acknowledged save survives kill -9', async () => {
      assert.ok(!existsSync(dir));
      const s = await serve(dir, ['--seed-demo']);
      const h = await fetch(`${s.url}/api/health`);
      assert.equal(h.status, 200);
      assert.deepEqual(await h.json(), {
        status: 'ok',
        database: 'pglite',
        schema: LATEST_MIGRATION,
        version: '0.1.0',
      });
      const home = await fetch(`${s.url}/`);
      assert.ok([200, 503].includes(home.status), 'the web app’s place answers (its page, or “not built yet”)');
      assert.match(home.headers.get('content-type') ?? '', /text\/html/);
      const out = s.output();
      assert.match(out, new RegExp(`examples/seeds 中共 ${SEED_FILES.length} 个文件`));
      for (const f of SEED_FILES)
        assert.match(out, new RegExp(`✓ ${f.replace('.', '\\.')}`), `${f} is listed as loaded`);
      assert.doesNotMatch(out, /✗/);
      // A second process may not open the same directory while the server has it.
      await assert.rejects(
        openDatabase({ dataDir: dir }),
        (e: unknown) => e instanceof DatabaseError && /正被进程 \d+ 使用/.test((e as Error).message),
      );

      const admin = httpClient(s.url);
      assert.equal((await admin.login('demo-admin', 'jixiao-demo')).status, 200);
      const list = await admin.get('/api/evaluations');
      assert.equal(list.body.length, SEED_FILES.length);
      assert.ok(list.body.every((e: { status: string }) => e.status === 'submitted_bureau'));
      const filler = httpClient(s.url);
      assert.equal((await filler.login('demo-000-filler', 'jixiao-demo')).status, 200);
      const mine = await filler.get('/api/evaluations');
      assert.equal(mine.body.length, 1, 'a demo unit sees its own evaluation only');
      // The bureau returns it; the filler saves; the save is acknowledged; then the server dies hard.
      const ev = (await admin.get(`/api/evaluations/${mine.body[0].id}`)).body;
      const ret = await admin.post(`/api/evaluations/${ev.id}/transitions`, {
        action: 'return',
        version: ev.version,
        comment: '请补充佐证材料',
      });
      assert.equal(ret.status, 200);
      const doc = structuredClone(ret.body.document);
      doc.narrative = { ...(doc.narrative ?? {}), 补充说明: '断电前最后一次保存' };
      const saved = await filler.put(`/api/evaluations/${ev.id}`, { version: ret.body.version, document: doc });
      assert.equal(saved.status, 200);
      s.child.kill('SIGKILL');
      await exited(s.child);
      evId = ev.id;
      ackedVersion = saved.body.version;

      const database = await openDatabase({ dataDir: dir }); // takes over the dead process's lock
      try {
        const row = await database.db
          .selectFrom('evaluations')
          .select(['version', 'status', 'document'])
          .where('id', '=', ev.id)
          .executeTakeFirstOrThrow();
        assert.equal(row.version, ackedVersion);
        assert.equal(row.status, 'returned');
        assert.equal(row.document.narrative?.['补充说明'], '断电前最后一次保存');
        const audit = await database.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity', '=', 'evaluation')
          .where('entity_id', '=', String(ev.id))
          .orderBy('id')
          .execute();
        assert.deepEqual(
          audit.map((a) => a.action),
          ['create', 'transition:submit', 'transition:leader-approve', 'transition:return', 'update'],
        );
      } finally {
        await database.close();
      }
    });

    test('data written through the API is there after a graceful restart', async () => {
      {
        const { database } = await prepareDatabase({ dataDir: dir });
        const app = createApp({ database });
        const f = new Client(app);
        assert.equal((await f.login('demo-000-filler', 'jixiao-demo')).status, 200);
        const ev = (await f.get(`/api/evaluations/${evId}`)).body;
        assert.equal(ev.version, ackedVersion);
        const doc = structuredClone(ev.document);
        doc.contact = '重启前写入';
        const saved = await f.put(`/api/evaluations/${evId}`, { version: ev.version, document: doc });
        assert.equal(saved.status, 200);
        ackedVersion = saved.body.version;
        await database.close();
      }
      {
        const { database, applied } = await prepareDatabase({ dataDir: dir });
        assert.deepEqual(applied, [], 'nothing to migrate the second time');
        try {
          const app = createApp({ database });
          const f = new Client(app);
          assert.equal((await f.login('demo-000-filler', 'jixiao-demo')).status, 200, 'users survive');
          const ev = (await f.get(`/api/evaluations/${evId}`)).body;
          assert.equal(ev.version, ackedVersion);
          assert.equal(ev.document.contact, '重启前写入');
          assert.equal(ev.comments.at(-1).body, '请补充佐证材料');
          const hist = (await f.get(`/api/evaluations/${evId}/history`)).body;
          assert.ok(
            hist.some((h: { changes: Array<{ field: string; new: unknown }> }) =>
              h.changes.some((c) => c.field === 'document.contact' && c.new === '重启前写入'),
            ),
          );
        } finally {
          await database.close();
        }
      }
      const again = await runCli(['seed-demo', '--data-dir', dir]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /演示地区已存在/);
    });
  });

  describe('admin commands', { concurrency: 1 }, () => {
    test('db migrate, admin create-org / create-user; that user signs in', async () => {
      const adir = path.join(tmpRoot, 'admin');
      const m1 = await runCli(['db', 'migrate', '--data-dir', adir]);
      assert.equal(m1.code, 0, m1.stderr);
      assert.match(m1.stdout, /已执行迁移：0001_initial/);
      const m2 = await runCli(['db', 'migrate'], { JIXIAO_DATA_DIR: adir });
      assert.match(m2.stdout, /数据库结构已是最新/);
      const o = await runCli([
        'admin',
        'create-org',
        '--kind',
        'bureau',
        '--name',
        '丙市财政局',
        '--code',
        'c-bureau',
        '--data-dir',
        adir,
      ]);
      assert.equal(o.code, 0, o.stderr);
      assert.match(o.stdout, /已新建财政局“丙市财政局”/);
      const bad = await runCli(['admin', 'create-org', '--kind', 'unit', '--name', '没有上级', '--data-dir', adir]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /字段 parentId：部门（单位）必须指定上级组织/);
      const u = await runCli(
        [
          'admin',
          'create-user',
          '--org',
          'c-bureau',
          '--username',
          'c-admin',
          '--role',
          'bureau_admin',
          '--display-name',
          '丙管理员',
          '--data-dir',
          adir,
        ],
        { JIXIAO_PASSWORD: PASSWORD },
      );
      assert.equal(u.code, 0, u.stderr);
      assert.match(u.stdout, /已新建账号 c-admin（财政局管理员，丙市财政局）$/m);
      const gen = await runCli([
        'admin',
        'create-user',
        '--org',
        'c-bureau',
        '--username',
        'c-reviewer',
        '--role',
        'bureau_reviewer',
        '--data-dir',
        adir,
      ]);
      const pw = /初始密码：(\S+)/.exec(gen.stdout)?.[1];
      assert.ok(pw && pw.length >= 16, gen.stdout);
      const dup = await runCli(
        ['admin', 'create-user', '--org', 'c-bureau', '--username', 'c-admin', '--role', 'public', '--data-dir', adir],
        { JIXIAO_PASSWORD: PASSWORD },
      );
      assert.equal(dup.code, 1);
      assert.match(dup.stderr, /用户名“c-admin”已被使用/);

      const demo = await runCli(['seed-demo', '--data-dir', adir]);
      assert.equal(demo.code, 0, demo.stderr);
      assert.match(
        demo.stdout,
        new RegExp(`examples/seeds 中共 ${SEED_FILES.length} 个文件：${SEED_FILES.join('、').replace(/\./g, '\\.')}`),
      );
      assert.equal((demo.stdout.match(/✓/g) ?? []).length, SEED_FILES.length);

      // The server on this directory: the accounts made on the command line sign in; SIGTERM stops it cleanly.
      const s = await serve(adir);
      try {
        const c = httpClient(s.url);
        assert.equal((await c.login('c-admin', PASSWORD)).status, 200);
        assert.equal((await httpClient(s.url).login('c-reviewer', pw!)).status, 200);
        const unit = await c.post('/api/organisations', {
          kind: 'unit',
          name: '丙市一号单位',
          parentId: (await c.get('/api/auth/me')).body.organisation.id,
        });
        assert.equal(unit.status, 201);
        assert.equal((await c.get('/api/evaluations')).body.length, 0, 'the demo region is not 丙市’s');
      } finally {
        s.child.kill('SIGTERM');
      }
      assert.equal(await exited(s.child), 0);
      assert.ok(!existsSync(path.join(adir, 'jixiao.lock')), 'the lock is released on SIGTERM');
    });
  });

  for (const backend of backends()) {
    test(`seed-demo on ${backend.name}: one unit per seed file, scored exactly as \`jixiao score\` scores the file`, async () => {
      const database = await openPrepared(backend);
      try {
        const rep = await seedDemo(database.db, { scrypt: FAST_SCRYPT, city: false });
        assert.deepEqual(rep.files, SEED_FILES);
        assert.deepEqual(rep.failed, [], JSON.stringify(rep.failed));
        assert.deepEqual(
          rep.loaded.map((l) => l.file),
          SEED_FILES,
        );
        for (const l of rep.loaded) {
          const expected = scoreFile(path.join(SEEDS_EXAMPLES_DIR, l.file)).result;
          assert.equal(l.total, expected.total, l.file);
          assert.equal(l.grade, expected.grade, l.file);
          assert.equal(l.unit, expected.unit);
          // The start-up line is the score model's headline: 核定分 first, 待核实 and 严格口径 after it.
          assert.equal(l.headline, headline(expected), l.file);
        }
        // The list the review queue reads carries 自评分, 核定分, 待核实 and 严格口径 from the stored result.
        const rows = await listEvaluations(database.db, systemActor('测试'), {});
        for (const l of rep.loaded) {
          const expected = scoreFile(path.join(SEEDS_EXAMPLES_DIR, l.file)).result;
          const row = rows.find((r) => r.id === l.evaluationId)!;
          assert.deepEqual(
            [row.total, row.grade, row.strictTotal, row.strictGrade, row.unverifiable, row.gradeMayChange],
            [
              expected.total,
              expected.grade,
              expected.strictTotal,
              expected.strictGrade,
              { count: expected.unverifiable.count, points: expected.unverifiable.points },
              expected.gradeMayChange,
            ],
            l.file,
          );
          assert.equal(row.claimedTotal, expected.statedTotal ?? expected.claimedTotal ?? null, l.file);
        }
        const units = await database.db.selectFrom('organisations').select('name').where('kind', '=', 'unit').execute();
        assert.equal(units.length, SEED_FILES.length);
        const evs = await database.db.selectFrom('evaluations').select(['status', 'version']).execute();
        assert.ok(evs.every((e) => e.status === 'submitted_bureau' && e.version === 3));
        assert.equal(rep.accounts.filter((a) => a.role === 'unit_filler').length, SEED_FILES.length);
        assert.equal((await seedDemo(database.db, { city: false })).created, false, 'a second run changes nothing');
      } finally {
        await database.close();
      }
    });
  }
});
