import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { FAST_SCRYPT } from '../../src/server/passwords.js';
import { backends, Client, makeWorld, PASSWORD, type World } from './support.js';

// PGlite and PostgreSQL side by side: each has its own world.
describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`sessions, passwords, CSRF, rate limits (${backend.name})`, { concurrency: 1 }, () => {
      let w: World;
      before(async () => {
        w = await makeWorld(backend, { loginLimits: { perIp: 1000, perUserFailures: 3, windowMs: 60_000 } });
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

      test('repeated failures lock the user name for a while (429 with Retry-After)', async () => {
        for (let i = 0; i < 3; i++) assert.equal((await w.client().login('v1-leader', `bad ${i}`)).status, 401);
        const r = await w.client().login('v1-leader', PASSWORD);
        assert.equal(r.status, 429, 'even the right password waits');
        assert.match(r.body.error.message, /登录尝试过于频繁，请 \d+ 分钟后再试/);
        assert.ok(Number(r.headers.get('retry-after')) > 0);
        assert.equal((await w.client().login('v1-filler')).status, 200, 'other users are not affected');
        const failed = await w.database.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity', '=', 'session')
          .where('action', '=', 'login-failed')
          .execute();
        assert.ok(failed.length >= 3, 'failed logins of known users are in the audit log');
      });

      test('per-address limit', async () => {
        const app = createApp({
          database: w.database,
          scrypt: FAST_SCRYPT,
          loginLimits: { perIp: 2, perUserFailures: 100, windowMs: 60_000 },
        });
        assert.equal((await new Client(app).login('u1-filler')).status, 200);
        assert.equal((await new Client(app).login('u2-filler')).status, 200);
        const r = await new Client(app).login('a-admin');
        assert.equal(r.status, 429);
        assert.match(r.body.error.message, /登录尝试过于频繁/);
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
        assert.match(short.body.error.message, /密码至少 8 个字符/);
        assert.equal((await w.client().login('u1-leader', 'a new password 2')).status, 200);

        const admin = await w.as('a-admin');
        const victim = await w.as('u2-filler');
        const d = await admin.patch(`/api/users/${w.users['u2-filler']!.id}`, { disabled: true });
        assert.equal(d.status, 200);
        assert.equal(d.body.disabled, true);
        assert.equal((await victim.get('/api/auth/me')).status, 401);
        const again = await w.client().login('u2-filler');
        assert.equal(again.status, 403);
        assert.match(again.body.error.message, /已停用/);
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
