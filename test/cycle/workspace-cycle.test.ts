// What the 自评 workspace's cycle panel and the bureau's settings page rely on: last year's open 整改 items in the
// cycle view with their outcome recorded, and the region's settings (threshold, months, rules) read, checked and logged.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { backends, makeWorld, type World } from '../server/support.js';

const yaml = (f: string) => {
  const d = parse(readFileSync(path.join(PACKAGE_ROOT, 'examples', 'cycle', f), 'utf8')) as Record<string, unknown>;
  delete d.unit;
  return d;
};

describe('the 自评’s cycle panel and the region’s settings over HTTP', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(backend.name, { concurrency: 1 }, () => {
      let w: World;
      before(async () => {
        w = await makeWorld(backend);
      });
      after(async () => w?.close());

      test('last year’s open 整改 items come whole with the 自评, and their outcome is recorded', async () => {
        const f = await w.as('u1-filler');
        const open = await f.post('/api/rectification', { year: 2020, source: 'report', problem: '预算执行进度偏慢' });
        assert.equal(open.status, 201, JSON.stringify(open.body));
        const other = await f.post('/api/rectification', { year: 2020, source: 'report', problem: '绩效目标不够细化' });
        const done = await f.patch(`/api/rectification/${other.body.id}`, {
          version: 1,
          status: 'done',
          owner: '办公室',
          measure: '细化指标',
          due: '2021-06-30',
          evidence: ['2021年绩效目标表'],
          outcome: '已细化为12项三级指标',
        });
        assert.equal(done.status, 200, JSON.stringify(done.body));
        // An item of this year is not last year's.
        await f.post('/api/rectification', { year: 2021, source: 'report', problem: '本年度的问题不算上年' });

        const cy = await f.get(`/api/evaluations/${w.ev.U1}/cycle`);
        assert.equal(cy.status, 200, JSON.stringify(cy.body));
        assert.deepEqual(
          cy.body.carriedOver.map((i: { problem: string; statusLabel: string; version: number; outcome: unknown }) => [
            i.problem,
            i.statusLabel,
            i.version,
            i.outcome,
          ]),
          [['预算执行进度偏慢', '待整改', 1, null]],
        );

        // The outcome asked for in the 自评: recorded on the item itself, with the version the view gave.
        const missing = await f.patch(`/api/rectification/${open.body.id}`, { version: 1, status: 'in_progress' });
        assert.equal(missing.status, 400);
        assert.match(missing.body.error.message, /不能标记为“整改中”/);
        const rec = await f.patch(`/api/rectification/${open.body.id}`, {
          version: 1,
          status: 'in_progress',
          owner: '财务科',
          measure: '按月调度支出',
          due: '2021-12-31',
          outcome: '1–9月执行率已达序时进度',
        });
        assert.equal(rec.status, 200, JSON.stringify(rec.body));
        const after1 = await f.get(`/api/evaluations/${w.ev.U1}/cycle`);
        assert.deepEqual(
          after1.body.carriedOver.map((i: { statusLabel: string; outcome: string }) => [i.statusLabel, i.outcome]),
          [['整改中', '1–9月执行率已达序时进度']],
        );
        // Another unit neither sees the 自评's cycle nor records an outcome on this unit's item.
        const u2 = await w.as('u2-filler');
        assert.equal((await u2.get(`/api/evaluations/${w.ev.U1}/cycle`)).status, 404);
        assert.equal(
          (await u2.patch(`/api/rectification/${open.body.id}`, { version: 2, outcome: '越权填写' })).status,
          404,
        );
        const fin = await f.patch(`/api/rectification/${open.body.id}`, {
          version: 2,
          status: 'done',
          evidence: ['2021年1–9月预算执行表'],
        });
        assert.equal(fin.status, 200, JSON.stringify(fin.body));
        assert.deepEqual((await f.get(`/api/evaluations/${w.ev.U1}/cycle`)).body.carriedOver, []);
      });

      test('settings: every role reads them, the bureau admin changes them; the threshold decides what lags', async () => {
        const f = await w.as('u1-filler');
        const june = await f.post('/api/monitoring', {
          year: 2021,
          month: 6,
          document: yaml('monitoring-2021-06.yaml'),
        });
        assert.equal(june.status, 201, JSON.stringify(june.body));
        assert.equal(june.body.progress.lag, 10.49);
        assert.equal(june.body.progress.lagging, true);

        const r = await w.as('a-reviewer');
        const a = await w.as('a-admin');
        const got = await f.get('/api/cycle/settings');
        assert.equal(got.status, 200);
        assert.deepEqual(
          { lag: got.body.lagThreshold, months: got.body.monitoringMonths, pub: got.body.publishTargets },
          { lag: 10, months: [6, 9], pub: false },
        );
        assert.equal(got.body.resultRules['优'], '优先保障');
        assert.equal((await r.put('/api/cycle/settings', { lagThreshold: 12 })).status, 403);
        assert.equal((await f.put('/api/cycle/settings', { lagThreshold: 12 })).status, 403);

        const bad = await a.put('/api/cycle/settings', { lagThreshold: 150, monitoringMonths: [13] });
        assert.equal(bad.status, 400);
        assert.match(bad.body.error.message, /lagThreshold/);
        assert.match(bad.body.error.message, /100/);
        assert.match(bad.body.error.message, /monitoringMonths/);
        assert.doesNotMatch(bad.body.error.message, /Too big|expected/i, 'the message is Chinese');

        const set = await a.put('/api/cycle/settings', { lagThreshold: 12, publishTargets: true });
        assert.equal(set.status, 200, JSON.stringify(set.body));
        assert.equal(set.body.lagThreshold, 12);
        let d = await r.get('/api/monitoring/dashboard?year=2021');
        let u1 = d.body.units.find((u: { orgId: number }) => u.orgId === w.org.U1);
        assert.equal(d.body.threshold, 12);
        assert.equal(u1.latest.progress.lagging, false, '10.49 points behind is within a threshold of 12');
        assert.equal((await f.get(`/api/monitoring/${june.body.id}`)).body.progress.lagging, false);

        await a.put('/api/cycle/settings', { lagThreshold: 8 });
        d = await r.get('/api/monitoring/dashboard?year=2021');
        u1 = d.body.units.find((u: { orgId: number }) => u.orgId === w.org.U1);
        assert.equal(u1.latest.progress.lagging, true);

        // Region B keeps its own settings.
        assert.equal((await (await w.as('b-admin')).get('/api/cycle/settings')).body.lagThreshold, 10);
        const log = await w.database.db
          .selectFrom('audit_log')
          .select(['action', 'changes'])
          .where('entity', '=', 'cycle_settings')
          .orderBy('id')
          .execute();
        assert.equal(log.length, 2);
        const fields = (c: unknown) =>
          (typeof c === 'string' ? (JSON.parse(c) as Array<{ field: string }>) : (c as Array<{ field: string }>)).map(
            (x) => x.field,
          );
        assert.deepEqual(fields(log[0]!.changes), ['lagThreshold', 'publishTargets']);
        assert.deepEqual(fields(log[1]!.changes), ['lagThreshold']);
      });
    });
  }
});
