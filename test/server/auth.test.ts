import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/demo.js';
import {
  FAST_SCRYPT,
  passwordProblem,
  ScryptBusyError,
  ScryptPool,
  scryptPool,
  verifyPassword,
} from '../../src/server/passwords.js';
import type { LoginLimits } from '../../src/server/resources/auth/throttle.js';
import { backends, Client, makeWorld, openPrepared, PASSWORD, type World } from './support.js';

// PGlite and PostgreSQL side by side: each has its own world.
describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`sessions, passwords, CSRF, rate limits (${backend.name})`, { concurrency: 1 }, () => {
      let w: World;
      before(async () => {
        w = await makeWorld(backend);
      });
      after(async () => w?.close());

      test('login sets an HttpOnly SameSite=Strict cookie and returns the CSRF token; passwords are scrypt hashes', async () => {
        const c = w.client();
        const r = await c.login('u1-filler');
        assert.equal(r.status, 200);
        assert.equal(r.body.user.username, 'u1-filler');
        assert.equal(r.body.user.roleLabel, '单位填报人');
        assert.equal(r.body.organisation.id, w.org.U1);
        assert.ok(r.body.csrfToken.length >= 24);
        const sc = r.headers.getSetCookie()[0]!;
        assert.match(sc, /^jixiao_session=[A-Za-z0-9_-]{40,}/);
        assert.match(sc, /HttpOnly/);
        assert.match(sc, /SameSite=Strict/);
        assert.doesNotMatch(sc, /Secure/, 'plain http on localhost: no Secure flag, so local use works');
        const me = await c.get('/api/auth/me');
        assert.equal(me.status, 200);
        assert.equal(me.body.csrfToken, r.body.csrfToken);
        const row = await w.database.db
          .selectFrom('users')
          .select('password_hash')
          .where('username', '=', 'u1-filler')
          .executeTakeFirstOrThrow();
        assert.match(row.password_hash, /^scrypt\$\d+\$8\$1\$/);
        assert.ok(!row.password_hash.includes(PASSWORD));
        const sessions = await w.database.db.selectFrom('sessions').select('id').execute();
        const token = c.cookie!.split('=')[1]!;
        assert.ok(!sessions.some((s) => s.id === token), 'the database stores a hash of the token, not the token');
      });

      test('the cookie is Secure on any other host and behind https', async () => {
        const remote = new Client(w.app, 'http://jixiao.example.gov.cn');
        const r = await remote.send('POST', '/api/auth/login', { username: 'u2-filler', password: PASSWORD });
        assert.equal(r.status, 200);
        assert.match(r.headers.getSetCookie()[0]!, /Secure/);
        const https = new Client(w.app, 'https://localhost');
        const r2 = await https.send('POST', '/api/auth/login', { username: 'u2-filler', password: PASSWORD });
        assert.match(r2.headers.getSetCookie()[0]!, /Secure/);
      });

      test('wrong password and unknown user get the same 401 in Chinese', async () => {
        const a = await w.client().login('u2-leader', 'wrong password');
        const b = await w.client().login('nobody-at-all', 'wrong password');
        assert.equal(a.status, 401);
        assert.equal(b.status, 401);
        assert.equal(a.body.error.message, '用户名或密码错误');
        assert.deepEqual(a.body, b.body);
      });

      /** A second app on the same database, behind a trusted proxy (so X-Forwarded-For names the address), on a clock the test moves. */
      function throttled(limits: Partial<LoginLimits> = {}) {
        let t = Date.now();
        const app = createApp({
          database: w.database,
          scrypt: FAST_SCRYPT,
          trustProxy: true,
          loginLimits: {
            pairFree: 3,
            pairBaseMs: 1000,
            pairCapMs: 60_000,
            accountFree: 5,
            accountBaseMs: 10,
            accountCapMs: 40,
            ...limits,
            now: () => t,
          },
        });
        const from = (ip: string, username: string, password = PASSWORD) =>
          new Client(app).send(
            'POST',
            '/api/auth/login',
            { username, password },
            { headers: { 'x-forwarded-for': ip } },
          );
        return { app, from, advance: (ms: number) => (t += ms) };
      }

      test('a failing address waits on that account, exponentially and capped (429 with Retry-After); nobody else does', async () => {
        const { from, advance } = throttled();
        for (let i = 0; i < 3; i++) assert.equal((await from('10.0.0.9', 'v1-leader', `bad ${i}`)).status, 401);
        let r = await from('10.0.0.9', 'v1-leader');
        assert.equal(r.status, 429, 'the failing pair waits, even with the right password');
        assert.match(r.body.error.message, /失败次数过多，请 \d+ 秒后再试/);
        assert.equal(r.headers.get('retry-after'), '1');
        // The right password from another address is never refused because of these failures.
        assert.equal((await from('10.0.0.10', 'v1-leader')).status, 200);
        // The same address on another account is not affected either.
        assert.equal((await from('10.0.0.9', 'v1-filler')).status, 200);
        // Waiting the time out lets one more try; each failure doubles the wait, up to the cap.
        const waits: number[] = [];
        for (let i = 0; i < 8; i++) {
          r = await from('10.0.0.9', 'v1-leader');
          const wait = Number(r.headers.get('retry-after'));
          assert.equal(r.status, 429);
          waits.push(wait);
          advance(wait * 1000);
          assert.equal((await from('10.0.0.9', 'v1-leader', `bad again ${i}`)).status, 401);
        }
        assert.deepEqual(waits, [1, 2, 4, 8, 16, 32, 60, 60]);
        advance(60_000);
        assert.equal((await from('10.0.0.9', 'v1-leader')).status, 200, 'after the wait, the right password gets in');
        r = await from('10.0.0.9', 'v1-leader', 'bad once more');
        assert.equal(r.status, 401, 'a success ended the pair’s count: a typo is a plain 401 again');
        const failed = await w.database.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity', '=', 'session')
          .where('action', '=', 'login-failed')
          .execute();
        assert.ok(failed.length >= 11, 'failed logins of known users are in the audit log');
      });

      test('counts live in the database: a new server process (another app) sees them; successes are never counted', async () => {
        const first = throttled();
        for (let i = 0; i < 3; i++) assert.equal((await first.from('10.1.0.1', 'b-reviewer', `bad ${i}`)).status, 401);
        const second = throttled();
        assert.equal(
          (await second.from('10.1.0.1', 'b-reviewer')).status,
          429,
          'restart or second instance: still waiting',
        );
        const rows = await w.database.db
          .selectFrom('login_failures')
          .selectAll()
          .where('key', 'like', '%b-reviewer')
          .execute();
        assert.deepEqual(rows.map((r) => [r.scope, r.failures]).sort(), [
          ['account', 3],
          ['pair', 3],
        ]);
        // An office behind one address signing in 100 times succeeds 100 times.
        for (let i = 0; i < 100; i++) assert.equal((await second.from('10.1.0.2', 'u1-filler')).status, 200);
        const office = await w.database.db
          .selectFrom('login_failures')
          .selectAll()
          .where('key', 'like', '10.1.0.2%')
          .execute();
        assert.deepEqual(office, []);
      });

      test('an account under attack from many addresses slows down but never refuses its owner', async () => {
        const { from } = throttled({ accountBaseMs: 100, accountCapMs: 400 });
        // 40 addresses, 2 failures each: no pair waits, the account has 80 failures.
        for (let a = 0; a < 40; a++)
          for (let i = 0; i < 2; i++)
            assert.equal((await from(`10.2.0.${a}`, 'u1s-leader', `guess ${a}.${i}`)).status, 401);
        const t0 = performance.now();
        const r = await from('10.2.1.1', 'u1s-leader');
        const took = performance.now() - t0;
        assert.equal(r.status, 200, 'the owner gets in');
        assert.ok(took >= 390, `the account's attempts are slowed (capped delay 400 ms), took ${took.toFixed(0)} ms`);
        const wrong = await from('10.2.1.1', 'u1s-leader', 'still guessing');
        assert.equal(wrong.status, 401, 'not a lockout: a wrong password is still just wrong');
      });

      test('a disabled account answers exactly like a wrong password', async () => {
        const admin = await w.as('a-admin');
        assert.equal((await admin.patch(`/api/users/${w.users['u1s-filler']!.id}`, { disabled: true })).status, 200);
        const right = await w.client().login('u1s-filler');
        const wrong = await w.client().login('u1s-filler', 'not the password');
        const unknown = await w.client().login('no-such-user', 'not the password');
        assert.equal(right.status, 401);
        assert.deepEqual(right.body, wrong.body);
        assert.deepEqual(right.body, unknown.body);
        assert.equal((await admin.patch(`/api/users/${w.users['u1s-filler']!.id}`, { disabled: false })).status, 200);
        assert.equal((await w.client().login('u1s-filler')).status, 200);
      });

      test('password policy: at least 10 characters, not a common password, not one short unit repeated', async () => {
        const admin = await w.as('a-admin');
        for (const [pw, why] of [
          ['12345678', /至少 10 个字符/],
          ['password', /至少 10 个字符/],
          ['abababab', /至少 10 个字符/],
          ['1234567890', /过于常见/],
          ['qwertyuiop', /过于常见/],
          ['Password123', /过于常见/],
          ['abababababab', /重复/],
          ['zzzzzzzzzzzz', /重复/],
        ] as const) {
          const r = await admin.post('/api/users', {
            orgId: w.org.U1,
            username: `weak${Math.random().toString(36).slice(2, 8)}`,
            displayName: '弱密码',
            role: 'unit_filler',
            password: pw,
          });
          assert.equal(r.status, 400, pw);
          assert.equal(r.body.error.fields[0].field, 'password');
          assert.match(r.body.error.message, why, pw);
          const own = await (
            await w.as('u1-filler')
          ).post('/api/auth/password', { currentPassword: PASSWORD, newPassword: pw });
          assert.equal(own.status, 400, pw);
        }
        assert.equal(await passwordProblem('correct horse battery'), undefined);
        assert.equal(await passwordProblem('数据填报2025年度'), undefined, 'ten Chinese characters and digits');
      });

      test('the scrypt pool: at most its concurrency at a time, the rest queue, beyond the queue 429', async () => {
        const pool = new ScryptPool(2, 3);
        let running = 0;
        let most = 0;
        const gates: Array<() => void> = [];
        const job = () =>
          pool.run(async () => {
            running++;
            most = Math.max(most, running);
            await new Promise<void>((r) => gates.push(r));
            running--;
          });
        const jobs = Array.from({ length: 5 }, job);
        await new Promise((r) => setImmediate(r));
        assert.equal(gates.length, 2, 'two run, three wait');
        await assert.rejects(job(), ScryptBusyError, 'the sixth is refused at once');
        // The server's own work (seeding accounts) queues past the bound instead of failing.
        const own = pool.run(async () => 'seeded', { wait: true });
        while (gates.length || running) {
          gates.shift()?.();
          await new Promise((r) => setImmediate(r));
        }
        await Promise.all(jobs);
        assert.equal(await own, 'seeded');
        assert.equal(most, 2);
        // Through the API: 20 logins at once against a pool of 1 with a queue of 4 → some 429 "busy", none 5xx.
        const { app } = throttled();
        const saved = { c: scryptPool.concurrency, q: scryptPool.queue };
        const tight = scryptPool as unknown as { concurrency: number; queue: number };
        tight.concurrency = 1;
        tight.queue = 4;
        scryptPool.peak = 0;
        try {
          const replies = await Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              new Client(app).send(
                'POST',
                '/api/auth/login',
                { username: 'v1-filler', password: `wrong ${i}` },
                { headers: { 'x-forwarded-for': `10.3.0.${i}` } },
              ),
            ),
          );
          const statuses = replies.map((r) => r.status);
          assert.ok(
            statuses.every((s) => s === 401 || s === 429),
            statuses.join(','),
          );
          const busy = replies.filter((r) => r.status === 429);
          assert.ok(busy.length > 0, 'beyond the queue: 429');
          assert.equal(busy[0]!.headers.get('retry-after'), '1');
          assert.match(busy[0]!.body.error.message, /请求过多/);
          assert.equal(scryptPool.peak, 1, 'never more than the pool’s concurrency');
        } finally {
          tight.concurrency = saved.c;
          tight.queue = saved.q;
        }
      });

      test('demo users get distinct salts', async () => {
        const db = await openPrepared(backends()[0]!);
        try {
          await seedDemo(db.db, { scrypt: FAST_SCRYPT, city: false });
          const rows = await db.db.selectFrom('users').select(['username', 'password_hash']).execute();
          assert.ok(rows.length >= 10);
          const salts = new Set(rows.map((r) => r.password_hash.split('$')[4]));
          const hashes = new Set(rows.map((r) => r.password_hash));
          assert.equal(salts.size, rows.length);
          assert.equal(hashes.size, rows.length);
          assert.ok(await verifyPassword(DEMO_PASSWORD, rows[0]!.password_hash));
        } finally {
          await db.close();
        }
      });

      test('state-changing requests need the CSRF header and a same-origin Origin', async () => {
        const c = await w.as('u1-filler');
        const ev = await c.get(`/api/evaluations/${w.ev.U1}`);
        const body = { version: ev.body.version, document: { ...ev.body.document, contact: '改过' } };
        const none = await c.send('PUT', `/api/evaluations/${w.ev.U1}`, body, { csrf: false });
        assert.equal(none.status, 403);
        assert.equal(none.body.error.code, 'csrf');
        assert.match(none.body.error.message, /CSRF 校验失败/);
        const wrong = await c.send('PUT', `/api/evaluations/${w.ev.U1}`, body, { csrf: 'x'.repeat(32) });
        assert.equal(wrong.status, 403);
        const foreign = await c.send('PUT', `/api/evaluations/${w.ev.U1}`, body, {
          headers: { origin: 'https://evil.example.com' },
        });
        assert.equal(foreign.status, 403);
        assert.match(foreign.body.error.message, /跨站请求被拒绝/);
        const foreignLogin = await w
          .client()
          .send(
            'POST',
            '/api/auth/login',
            { username: 'u1-filler', password: PASSWORD },
            { headers: { origin: 'https://evil.example.com' } },
          );
        assert.equal(foreignLogin.status, 403, 'no login CSRF either');
        const after = await c.get(`/api/evaluations/${w.ev.U1}`);
        assert.equal(after.body.version, ev.body.version, 'nothing was saved');
        for (const origin of ['https://localhost', 'http://localhost:8080', 'http://localhost.evil.example']) {
          const near = await c.send('PUT', `/api/evaluations/${w.ev.U1}`, body, { headers: { origin } });
          assert.equal(near.status, 403, `${origin}: scheme, host and port must all match`);
        }
        const ok = await c.send('PUT', `/api/evaluations/${w.ev.U1}`, body, {
          headers: { origin: 'http://localhost' },
        });
        assert.equal(ok.status, 200);
        // Another session's token does not work either.
        const other = await w.as('u1-filler');
        const cross = await c.send(
          'PUT',
          `/api/evaluations/${w.ev.U1}`,
          { ...body, version: ok.body.version },
          { csrf: other.csrf! },
        );
        assert.equal(cross.status, 403);
      });

      test('logout ends the session; the old cookie is worthless', async () => {
        const c = await w.as('u2-leader');
        const saved = c.cookie!;
        assert.equal((await c.post('/api/auth/logout')).status, 200);
        assert.equal(c.cookie, undefined);
        const replay = new Client(w.app);
        replay.cookie = saved;
        assert.equal((await replay.get('/api/auth/me')).status, 401);
      });

      test('changing one’s password ends other sessions; disabling a user ends theirs', async () => {
        const a = await w.as('u1-leader');
        const b = await w.as('u1-leader');
        const r = await a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new password 2' });
        assert.equal(r.status, 200);
        assert.equal((await a.get('/api/auth/me')).status, 200, 'this session stays');
        assert.equal((await b.get('/api/auth/me')).status, 401, 'the other one ends');
        const bad = await a.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'another one 3' });
        assert.equal(bad.status, 400);
        assert.equal(bad.body.error.fields[0].field, 'currentPassword');
        const short = await a.post('/api/auth/password', { currentPassword: 'a new password 2', newPassword: 'short' });
        assert.equal(short.status, 400);
        assert.match(short.body.error.message, /密码至少 10 个字符/);
        assert.equal((await w.client().login('u1-leader', 'a new password 2')).status, 200);

        const admin = await w.as('a-admin');
        const victim = await w.as('u2-filler');
        const d = await admin.patch(`/api/users/${w.users['u2-filler']!.id}`, { disabled: true });
        assert.equal(d.status, 200);
        assert.equal(d.body.disabled, true);
        assert.equal((await victim.get('/api/auth/me')).status, 401);
        const again = await w.client().login('u2-filler');
        assert.equal(again.status, 401, 'a disabled account answers like a wrong password');
        assert.equal(again.body.error.message, '用户名或密码错误');
        assert.equal((await admin.patch(`/api/users/${w.users['u2-filler']!.id}`, { disabled: false })).status, 200);
        assert.equal((await w.client().login('u2-filler')).status, 200);
        const self = await admin.patch(`/api/users/${w.users['a-admin']!.id}`, { disabled: true });
        assert.equal(self.status, 403);
      });

      test('admin creates users with roles that fit the organisation', async () => {
        const admin = await w.as('a-admin');
        const ok = await admin.post('/api/users', {
          orgId: w.org.U2,
          username: 'u2-new',
          displayName: '新填报人',
          role: 'unit_filler',
          password: 'long enough 1',
        });
        assert.equal(ok.status, 201);
        assert.equal(ok.body.orgName, '甲市二号单位');
        const dup = await admin.post('/api/users', {
          orgId: w.org.U2,
          username: 'u2-new',
          displayName: '重复',
          role: 'unit_filler',
          password: 'long enough 1',
        });
        assert.equal(dup.status, 409);
        assert.match(dup.body.error.message, /用户名“u2-new”已被使用/);
        const wrongRole = await admin.post('/api/users', {
          orgId: w.org.U2,
          username: 'u2-admin',
          displayName: '错角色',
          role: 'bureau_admin',
          password: 'long enough 1',
        });
        assert.equal(wrongRole.status, 400);
        assert.equal(wrongRole.body.error.fields[0].field, 'role');
        assert.match(wrongRole.body.error.message, /部门（单位）的用户只能是单位填报人、单位负责人/);
        const badRole = await admin.post('/api/users', {
          orgId: w.org.U2,
          username: 'u2-x',
          displayName: 'x',
          role: 'king',
          password: 'long enough 1',
        });
        assert.equal(badRole.status, 400);
        assert.equal(badRole.body.error.fields[0].field, 'role');
        const login = await w.client().login('u2-new', 'long enough 1');
        assert.equal(login.status, 200);
        const users = await admin.get('/api/users');
        assert.ok(users.body.some((u: { username: string }) => u.username === 'u2-new'));
        assert.ok(!users.body.some((u: { username: string }) => u.username.startsWith('b-')));
        const audit = await admin.get('/api/audit?entity=user');
        const created = audit.body.find(
          (e: { action: string; changes: Array<{ field: string; new: unknown }> }) =>
            e.action === 'create' && e.changes.some((c) => c.new === 'u2-new'),
        );
        assert.ok(created, 'user creation is audited');
        assert.equal(created.actor, 'a-admin（测试）');
      });

      test('organisations: admin adds units and sub-units in the region only, with the right parents', async () => {
        const admin = await w.as('a-admin');
        const unit = await admin.post('/api/organisations', {
          kind: 'unit',
          name: '甲市三号单位',
          parentId: w.org.A,
          code: 'a-u3',
        });
        assert.equal(unit.status, 201);
        assert.equal(unit.body.regionId, w.org.A);
        const sub = await admin.post('/api/organisations', {
          kind: 'subunit',
          name: '三号下属',
          parentId: unit.body.id,
        });
        assert.equal(sub.status, 201);
        const wrongParent = await admin.post('/api/organisations', {
          kind: 'subunit',
          name: '挂错了',
          parentId: w.org.A,
        });
        assert.equal(wrongParent.status, 400);
        assert.match(wrongParent.body.error.message, /下属单位的上级必须是部门（单位）/);
        const bureau = await admin.post('/api/organisations', { kind: 'bureau', name: '新财政局', parentId: w.org.A });
        assert.equal(bureau.status, 400, 'kind bureau is not offered by the API');
        const dup = await admin.post('/api/organisations', {
          kind: 'unit',
          name: '重复代码',
          parentId: w.org.A,
          code: 'a-u3',
        });
        assert.equal(dup.status, 409);
        const ren = await admin.patch(`/api/organisations/${unit.body.id}`, { name: '甲市三号单位（更名）' });
        assert.equal(ren.status, 200);
        const hist = await admin.get(`/api/audit?entity=organisation&entityId=${unit.body.id}`);
        assert.deepEqual(hist.body[0].changes, [{ field: 'name', old: '甲市三号单位', new: '甲市三号单位（更名）' }]);
      });
    });
  }
});
