import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import JSZip from 'jszip';
import PgBoss from 'pg-boss';
import { createApp } from '../../src/server/app.js';
import { JobQueue } from '../../src/server/jobs/queue.js';
import { FAST_SCRYPT } from '../../src/server/passwords.js';
import { backends, Client, makeWorld, type Reply, type World } from './support.js';

/**
 * Background jobs on pg-boss, on both databases: a job started through one app instance is followed
 * and downloaded through another (nothing in memory); a job whose worker died (its rows left as a
 * killed process leaves them) is run again by another worker; cancel; re-scoring and reminders.
 */

async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
}
const finished = (j: Reply['body']): boolean => ['done', 'failed', 'cancelled'].includes(j.state);

describe('background jobs', { concurrency: true, timeout: 240_000 }, () => {
  for (const backend of backends()) {
    describe(backend.name, { concurrency: 1 }, () => {
      let w: World;
      let worker: JobQueue | undefined;
      let dir: string;
      let B: ReturnType<typeof createApp>;
      before(async () => {
        w = await makeWorld(backend);
        dir = mkdtempSync(path.join(tmpdir(), 'jixiao-jobs-'));
        // Instance B: another app on the same database (its own queue client).
        B = createApp({ database: w.database, scrypt: FAST_SCRYPT });
      });
      after(async () => {
        await worker?.stop();
        await w?.close();
        rmSync(dir, { recursive: true, force: true });
      });

      test('a zip started on A is followed and downloaded on B; the file sits in the shared directory', async () => {
        worker = new JobQueue(w.database, { work: true, pollSeconds: 0.5, filesDir: dir });
        await worker.start();
        const a = await w.as('a-reviewer');
        const b = new Client(B);
        assert.equal((await b.login('a-reviewer')).status, 200);
        const start = await a.post(`/api/rounds/${w.round.A}/report-jobs`, { formats: ['html'] });
        assert.equal(start.status, 202, JSON.stringify(start.body));
        const done = await until(async () => (await b.get(`/api/jobs/${start.body.id}`)).body, finished);
        assert.equal(done.state, 'done', JSON.stringify(done));
        assert.equal(done.done, 3);
        assert.equal(done.attempts, 1);
        assert.ok(existsSync(path.join(dir, `${start.body.id}.bin`)));
        const z = await b.get(`/api/jobs/${start.body.id}/download`);
        assert.equal(z.status, 200);
        const zip = await JSZip.loadAsync(z.body as Uint8Array);
        assert.equal(Object.values(zip.files).filter((f) => !f.dir).length, 3);
        const other = await w.as('a-admin');
        assert.equal((await other.get(`/api/jobs/${start.body.id}`)).status, 404, 'another user’s job');
      });

      test('a job whose worker was killed mid-run is run again by another worker', async () => {
        await worker?.stop();
        worker = undefined;
        const a = await w.as('a-admin');
        const start = await a.post(`/api/rounds/${w.round.A}/report-jobs`, { formats: ['html'] });
        assert.equal(start.status, 202);
        // A worker takes the job and dies: pg-boss says active, job_runs says running with a stale heartbeat.
        const dead = new PgBoss({
          db: { executeSql: (t: string, v: unknown[]) => w.database.executeSql(t, v) },
          schema: w.database.schema ?? 'pgboss',
          supervise: false,
          schedule: false,
        });
        await dead.start();
        const [taken] = await dead.fetch('jixiao-round-zip');
        assert.equal(taken?.id, start.body.id);
        await dead.stop({ graceful: false, close: false });
        await w.database.db
          .updateTable('job_runs')
          .set({
            state: 'running',
            worker: 'killed:1',
            attempts: 1,
            heartbeat_at: new Date(Date.now() - 60_000),
            done: 1,
          })
          .where('id', '=', start.body.id)
          .execute();
        assert.equal((await a.get(`/api/jobs/${start.body.id}`)).body.state, 'running');
        worker = new JobQueue(w.database, { work: true, pollSeconds: 0.5, staleMs: 2000 });
        await worker.start();
        const done = await until(async () => (await a.get(`/api/jobs/${start.body.id}`)).body, finished);
        assert.equal(done.state, 'done', JSON.stringify(done));
        assert.equal(done.attempts, 2, 'the second attempt finished it');
        const zip = await JSZip.loadAsync((await a.get(`/api/jobs/${start.body.id}/download`)).body as Uint8Array);
        assert.equal(Object.values(zip.files).filter((f) => !f.dir).length, 3);
      });

      test('re-scoring puts back a stored total that disagrees with the rules, with an audit entry', async () => {
        const db = w.database.db;
        const before = await db
          .selectFrom('evaluations')
          .selectAll()
          .where('id', '=', w.ev.U1)
          .executeTakeFirstOrThrow();
        await db.updateTable('evaluations').set({ total: 1, grade: '差' }).where('id', '=', w.ev.U1).execute();
        const reviewer = await w.as('a-reviewer');
        assert.equal((await reviewer.post(`/api/rounds/${w.round.A}/rescore-jobs`)).status, 403, 'admin only');
        const a = await w.as('a-admin');
        const start = await a.post(`/api/rounds/${w.round.A}/rescore-jobs`);
        assert.equal(start.status, 202, JSON.stringify(start.body));
        const done = await until(async () => (await a.get(`/api/jobs/${start.body.id}`)).body, finished);
        assert.equal(done.state, 'done', JSON.stringify(done));
        assert.match(done.message, /已重新计分 3 份，其中 1 份总分或等级有变化/);
        const after = await db
          .selectFrom('evaluations')
          .selectAll()
          .where('id', '=', w.ev.U1)
          .executeTakeFirstOrThrow();
        assert.equal(Number(after.total), Number(before.total));
        assert.equal(after.grade, before.grade);
        assert.equal(after.version, before.version + 1);
        const audit = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('entity', '=', 'evaluation')
          .where('entity_id', '=', String(w.ev.U1))
          .where('action', '=', 'rescore')
          .execute();
        assert.equal(audit.length, 1);
      });

      test('reminders: the units not yet with the bureau, once a day; a queued job can be cancelled', async () => {
        const a = await w.as('a-reviewer');
        // U1S withdrawn from the round: no longer asked, so not reminded (its draft stays).
        assert.equal((await (await w.as('a-admin')).del(`/api/rounds/${w.round.A}/units/${w.org.U1S}`)).status, 200);
        for (let i = 0; i < 2; i++) {
          const start = await a.post(`/api/rounds/${w.round.A}/reminder-jobs`);
          assert.equal(start.status, 202, JSON.stringify(start.body));
          const done = await until(async () => (await a.get(`/api/jobs/${start.body.id}`)).body, finished);
          assert.equal(done.state, 'done');
          assert.equal(done.message, i === 0 ? '已提醒 4 人' : '已提醒 0 人');
        }
        const rows = await w.database.db.selectFrom('notifications').select('user_id').execute();
        const ids = new Set(rows.map((r) => r.user_id));
        for (const u of ['u1-filler', 'u1-leader', 'u2-filler', 'u2-leader']) assert.ok(ids.has(w.users[u]!.id), u);
        for (const u of ['u1s-filler', 'u1s-leader']) assert.ok(!ids.has(w.users[u]!.id), `${u}: withdrawn`);
        assert.ok(!ids.has(w.users['v1-filler']!.id), 'another region');

        await worker?.stop();
        worker = undefined;
        const queued = await a.post(`/api/rounds/${w.round.A}/reminder-jobs`);
        assert.equal(queued.body.state, 'queued');
        const c = await a.post(`/api/jobs/${queued.body.id}/cancel`);
        assert.equal(c.body.state, 'cancelled');
        worker = new JobQueue(w.database, { work: true, pollSeconds: 0.5 });
        await worker.start();
        await new Promise((r) => setTimeout(r, 1500));
        assert.equal((await a.get(`/api/jobs/${queued.body.id}`)).body.state, 'cancelled', 'never runs');
        assert.equal((await a.get(`/api/jobs/${queued.body.id}/download`)).status, 410);
      });
    });
  }
});
