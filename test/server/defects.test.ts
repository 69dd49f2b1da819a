/** Issue 14.7, the server side of the smaller defects: the login page's session probe, a file uploaded twice, the password page's API. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { backends, makeWorld, PASSWORD, PDF, type World } from './support.js';

let w: World;
before(async () => {
  w = await makeWorld(backends()[0]!);
});
after(async () => w?.close());

test('GET /api/auth/session: 200 with me null before signing in (no 401 for the login page), the user after', async () => {
  const c = w.client();
  const anon = await c.get('/api/auth/session');
  assert.equal(anon.status, 200);
  assert.deepEqual(anon.body, { me: null });
  await c.login('u1-filler');
  const signed = await c.get('/api/auth/session');
  assert.equal(signed.status, 200);
  assert.equal(signed.body.me.user.username, 'u1-filler');
  // What the upload box states comes from here: the limits the server enforces.
  assert.equal(signed.body.me.limits.attachmentMaxBytes, 10 * 1024 * 1024);
  assert.ok(signed.body.me.limits.attachmentTypes.includes('pdf'));
});

test('the same file twice for the same indicator is a 409 naming both files; for another indicator it is fine', async () => {
  const c = await w.as('u1-filler');
  const a = await c.upload(`/api/evaluations/${w.ev.U1}/attachments`, '纪要.pdf', PDF, '预算执行率');
  assert.equal(a.status, 201);
  const b = await c.upload(`/api/evaluations/${w.ev.U1}/attachments`, '纪要（副本）.pdf', PDF, '预算执行率');
  assert.equal(b.status, 409);
  assert.equal(b.body.error.code, 'duplicate-attachment');
  assert.match(b.body.error.message, /《纪要（副本）\.pdf》与已上传的《纪要\.pdf》内容完全相同/);
  const other = await c.upload(`/api/evaluations/${w.ev.U1}/attachments`, '纪要.pdf', PDF, '政府采购执行率');
  assert.equal(other.status, 201);
});

test('the change-password page’s API: a wrong current password is refused, a right one changes it', async () => {
  const c = await w.as('u2-filler');
  const bad = await c.post('/api/auth/password', { currentPassword: 'wrong password', newPassword: 'new password 1' });
  assert.ok([400, 403].includes(bad.status));
  assert.match(bad.body.error.message, /[\u4e00-\u9fff]/);
  const ok = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'new password 1' });
  assert.equal(ok.status, 200);
  assert.equal((await w.client().login('u2-filler', 'new password 1')).status, 200);
});
