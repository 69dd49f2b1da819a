import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { JobQueue } from '../../src/server/jobs/queue.js';
import { backends, makeWorld, type Reply, type World } from './support.js';

/**
 * A job's life on a worker: cancelled while it runs, it stops between its items and ends cancelled
 * with no result file; a queue stopped and started again (the same JobQueue) runs jobs again, and a
 * process whose queue was restarted still ends once the queue is stopped (pg-boss left a timer
 * running after a restart, so such a process never exited).
 */

async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}
const finished = (j: Reply['body']): boolean => ['done', 'failed', 'cancelled'].includes(j.state);

const REPORTS = path.join(PACKAGE_ROOT, 'examples', 'reports');
const REPORT_FILES = ['000_6ca4beea76738c10.txt', '001_8c0df9642cd3f24a.txt', '002_a0eb83d49e186f2c.txt'];

describe('job lifecycle', { concurrency: true, timeout: 300_000 }, () => {
  test('a process whose queue was stopped, started again and stopped ends', () => {
    const script = `
      import { openDatabase } from './src/db/database.js';
      import { migrateToLatest } from './src/db/migrations.js';
      import { JobQueue } from './src/server/jobs/queue.js';
      const d = await openDatabase({ memory: true });
      await migrateToLatest(d.db);
      const q = new JobQueue(d, { work: true, pollSeconds: 0.5 });
      await q.start();
      await q.stop();
      await q.start();
      await q.stop();
      await d.close();
      console.log('stopped');`;
    // The bound is for a hang (the process never ending), not a measure of speed.
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.stdout.trim(), 'stopped', r.stderr);
    assert.equal(r.signal, null, 'ended by itself, not killed at the bound');
    assert.equal(r.status, 0, r.stderr);
  });

  for (const backend of backends()) {
    describe(backend.name, { concurrency: 1 }, () => {
      let w: World;
      let q: JobQueue;
      before(async () => {
        w = await makeWorld(backend);
        q = new JobQueue(w.database, { work: true, pollSeconds: 0.5, heartbeatMs: 100 });
      });
      after(async () => {
        await q?.stop();
        await w?.close();
      });

      test('the same queue stopped and started again runs jobs', async () => {
        const a = await w.as('a-reviewer');
        for (let i = 0; i < 2; i++) {
          await q.start();
          const start = await a.post(`/api/rounds/${w.round.A}/reminder-jobs`);
          assert.equal(start.status, 202, JSON.stringify(start.body));
          const done = await until(async () => (await a.get(`/api/jobs/${start.body.id}`)).body, finished);
          assert.equal(done.state, 'done', `run ${i + 1}: ${JSON.stringify(done)}`);
          await q.stop();
        }
      });

      test('a job cancelled while it runs stops between its items: cancelled, no file', async () => {
        await q.start();
        const u1 = await w.as('u1-filler');
        const form = new FormData();
        const files = Array.from({ length: 30 }, (_, i) => REPORT_FILES[i % REPORT_FILES.length]!);
        for (const [i, f] of files.entries())
          form.append('file', new File([readFileSync(path.join(REPORTS, f))], `${i + 1}-${f}`));
        const start = await u1.send('POST', '/api/import-jobs', undefined, { raw: form });
        assert.equal(start.status, 202, JSON.stringify(start.body));
        const id = start.body.id as string;
        const running = await until(
          async () => (await u1.get(`/api/jobs/${id}`)).body,
          (j) => finished(j) || (j.state === 'running' && j.done >= 1),
        );
        assert.equal(running.state, 'running', JSON.stringify(running));
        const c = await u1.post(`/api/jobs/${id}/cancel`);
        assert.equal(c.status, 200);
        const end = await until(async () => (await u1.get(`/api/jobs/${id}`)).body, finished);
        assert.equal(end.state, 'cancelled', JSON.stringify(end));
        assert.ok(end.done < files.length, `stopped at ${end.done} of ${files.length}`);
        assert.equal(end.size, null);
        assert.equal((await u1.get(`/api/jobs/${id}/download`)).status, 410);
        const db = w.database.db;
        assert.equal((await db.selectFrom('job_files').select('job_id').where('job_id', '=', id).execute()).length, 0);
        assert.equal((await db.selectFrom('job_inputs').select('ord').where('job_id', '=', id).execute()).length, 0);
      });
    });
  }
});
