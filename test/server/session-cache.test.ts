/** The session memory (src/server/middleware/session-cache.ts): revocation through the API is immediate though the session was remembered; staleness is bounded. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../../src/server/access.js';
import { mayRevoke, SessionCache, sessionCacheOf } from '../../src/server/middleware/session-cache.js';
import { tokenHash } from '../../src/server/resources/auth/service.js';
import { backends, Client, makeWorld, PASSWORD, type World } from './support.js';

const actor = { userId: 1, name: '甲' } as Actor;
const entry = (id: string, expiresAt = new Date(Date.now() + 3600_000)) => ({
  sessionId: id,
  csrfToken: 'c',
  actor,
  expiresAt,
});

describe('SessionCache', () => {
  test('an entry lives ttl at most, and never past its session', () => {
    let now = 1_000_000;
    const c = new SessionCache(2000, 10, () => now);
    c.set(c.begin(), entry('a', new Date(now + 500)));
    c.set(c.begin(), entry('b'));
    now += 499;
    assert.ok(c.get('a') && c.get('b'));
    now += 1;
    assert.equal(c.get('a'), undefined, 'the session itself expired');
    now += 1500;
    assert.equal(c.get('b'), undefined, 'believed for ttl only');
  });

  test('a lookup that began before a revocation does not store what it read', () => {
    const c = new SessionCache(2000);
    const ticket = c.begin();
    c.clear(); // a logout committed while the lookup was reading the database
    c.set(ticket, entry('a'));
    assert.equal(c.get('a'), undefined);
    c.set(c.begin(), entry('a'));
    assert.ok(c.get('a'));
  });

  test('bounded in entries; ttl 0 turns it off', () => {
    const c = new SessionCache(2000, 3);
    for (const id of ['a', 'b', 'c', 'd']) c.set(c.begin(), entry(id));
    assert.equal(c.size, 3);
    assert.equal(c.get('a'), undefined, 'the oldest went');
    const off = new SessionCache(0);
    off.set(off.begin(), entry('a'));
    assert.equal(off.get('a'), undefined);
  });

  test('which requests make the process forget', () => {
    assert.ok(mayRevoke('POST', '/api/auth/logout'));
    assert.ok(mayRevoke('POST', '/api/auth/password'));
    assert.ok(mayRevoke('PATCH', '/api/users/12'));
    assert.ok(mayRevoke('PATCH', '/api/organisations/3'));
    assert.ok(!mayRevoke('GET', '/api/users'));
    assert.ok(!mayRevoke('PUT', '/api/evaluations/1'));
    assert.ok(!mayRevoke('POST', '/api/usersx'));
  });
});

describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`a remembered session is revoked at once (${backend.name})`, { concurrency: 1 }, () => {
      let w: World;
      before(async () => {
        w = await makeWorld(backend);
      });
      after(async () => w?.close());

      const remembered = async (c: Client) => {
        assert.equal((await c.get('/api/auth/me')).status, 200);
        assert.equal((await c.get('/api/auth/me')).status, 200);
        assert.ok(sessionCacheOf(w.database.db).get(tokenHash(c.cookie!.split('=')[1]!)), 'the session is remembered');
      };

      test('logout', async () => {
        const c = await w.as('u2-leader');
        await remembered(c);
        const replay = new Client(w.app);
        replay.cookie = c.cookie;
        assert.equal((await c.post('/api/auth/logout')).status, 200);
        assert.equal((await replay.get('/api/auth/me')).status, 401);
      });

      test('a user disabled, and one whose role changed', async () => {
        const admin = await w.as('a-admin');
        const victim = await w.as('u2-filler');
        await remembered(victim);
        assert.equal((await admin.patch(`/api/users/${w.users['u2-filler']!.id}`, { disabled: true })).status, 200);
        assert.equal((await victim.get('/api/auth/me')).status, 401);
        assert.equal((await admin.patch(`/api/users/${w.users['u2-filler']!.id}`, { disabled: false })).status, 200);
        const leader = await w.as('u1-leader');
        await remembered(leader);
        const r = await admin.patch(`/api/users/${w.users['u1-leader']!.id}`, { role: 'unit_filler' });
        assert.equal(r.status, 200);
        assert.equal((await leader.get('/api/auth/me')).status, 401, 'a role change ends the session');
        await admin.patch(`/api/users/${w.users['u1-leader']!.id}`, { role: 'unit_leader' });
      });

      test('a password change ends the other sessions', async () => {
        const a = await w.as('u1s-leader');
        const b = await w.as('u1s-leader');
        await remembered(a);
        await remembered(b);
        const r = await a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new password 7' });
        assert.equal(r.status, 200);
        assert.equal((await a.get('/api/auth/me')).status, 200, 'this session stays');
        assert.equal((await b.get('/api/auth/me')).status, 401, 'the other one ends');
      });
    });
  }
});
