import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../src/server/access.js';
import { createEvaluation, transition } from '../../src/server/resources/evaluations/service.js';
import { createRound } from '../../src/server/resources/rounds/service.js';
import { backends, makeWorld, seedDocument, type World } from './support.js';

/**
 * GET /api/web/rounds/{id}/dashboard (the web app's 地区看板): the figures come only from the
 * evaluations the caller may see — the bureau its region, a unit itself and its sub-units, the
 * public approved ones; another region's round is 404.
 */
describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`region dashboard scoping (${backend.name})`, { concurrency: 1 }, () => {
      let w: World;
      let round2022: number;
      const path = (round: number, scope = 'all') => `/api/web/rounds/${round}/dashboard?scope=${scope}`;
      const names = (b: { ranking: Array<{ orgName: string }> }) => b.ranking.map((r) => r.orgName).sort();

      before(async () => {
        w = await makeWorld(backend);
        const db = w.database.db;
        // U1 goes all the way to approved in 2021; U2 waits for the bureau.
        let e = await transition(db, w.actors['u1-filler']!, w.ev.U1, 'submit', 1);
        e = await transition(db, w.actors['u1-leader']!, w.ev.U1, 'leader-approve', e.version);
        await transition(db, w.actors['a-reviewer']!, w.ev.U1, 'approve', e.version);
        e = await transition(db, w.actors['u2-filler']!, w.ev.U2, 'submit', 1);
        await transition(db, w.actors['u2-leader']!, w.ev.U2, 'leader-approve', e.version);
        // A 2022 round on the same framework: U1 approved again, so its dashboard has a year-over-year change.
        const fv = await db
          .selectFrom('framework_versions')
          .select('id')
          .where('framework_id', '=', 'zhengzhou-shangjie-2021')
          .executeTakeFirstOrThrow();
        round2022 = (
          await createRound(db, systemActor(), {
            regionId: w.org.A,
            name: '2022年度自评',
            year: 2022,
            frameworkVersionId: fv.id,
          })
        ).id;
        const doc = seedDocument();
        delete doc.year;
        (doc.indicators as Record<string, { actual?: string }>)['预算执行率']!.actual = '90%';
        const c = await createEvaluation(db, w.actors['u1-filler']!, round2022, { document: doc });
        e = await transition(db, w.actors['u1-filler']!, c.id, 'submit', c.version);
        e = await transition(db, w.actors['u1-leader']!, c.id, 'leader-approve', e.version);
        await transition(db, w.actors['a-reviewer']!, c.id, 'approve', e.version);
      });
      after(async () => w?.close());

      test('the bureau sees its whole region, by scope', async () => {
        const c = await w.as('a-reviewer');
        const all = await c.get(path(w.round.A));
        assert.equal(all.status, 200, JSON.stringify(all.body));
        assert.deepEqual(names(all.body), ['甲市一号单位', '甲市一号单位下属中心', '甲市二号单位']);
        assert.equal(all.body.progress.units, 3);
        assert.equal(all.body.progress.notStarted, 0);
        assert.deepEqual(
          Object.fromEntries(
            all.body.progress.byStatus
              .filter((s: { count: number }) => s.count)
              .map((s: { status: string; count: number }) => [s.status, s.count]),
          ),
          { draft: 1, submitted_bureau: 1, approved: 1 },
        );
        const approved = await c.get(path(w.round.A, 'approved'));
        assert.deepEqual(names(approved.body), ['甲市一号单位']);
        const submitted = await c.get(path(w.round.A, 'submitted'));
        assert.deepEqual(names(submitted.body), ['甲市一号单位', '甲市二号单位']);
        const dflt = await c.get(`/api/web/rounds/${w.round.A}/dashboard`);
        assert.equal(dflt.body.scope, 'approved');
        assert.equal(dflt.body.count, 1);
        assert.equal(
          dflt.body.grades.reduce((a: number, g: { count: number }) => a + g.count, 0),
          1,
        );
        assert.equal(dflt.body.level1.indicators.length > 0, true);
      });

      test('year-over-year: the 2022 dashboard shows the change on 2021', async () => {
        const c = await w.as('a-admin');
        const r = await c.get(path(round2022, 'approved'));
        assert.equal(r.status, 200);
        const row = r.body.ranking[0];
        assert.equal(row.orgName, '甲市一号单位');
        assert.equal(row.previousYear, 2021);
        const y2021 = (await c.get(path(w.round.A, 'approved'))).body.ranking[0].total;
        assert.equal(row.previousTotal, y2021);
        assert.ok(row.change < 0, 'a lower 预算执行率 lowers the total');
        assert.deepEqual(
          r.body.trend.map((t: { year: number }) => t.year),
          [2021, 2022],
        );
        assert.equal(r.body.progress.notStarted, 2, 'U2 and U1S have not started in 2022');
      });

      test('a unit sees itself and its sub-units only', async () => {
        const u1 = await w.as('u1-filler');
        const r1 = await u1.get(path(w.round.A));
        assert.equal(r1.status, 200);
        assert.deepEqual(names(r1.body), ['甲市一号单位', '甲市一号单位下属中心']);
        assert.equal(r1.body.progress.units, 2);
        const u2 = await w.as('u2-leader');
        assert.deepEqual(names((await u2.get(path(w.round.A))).body), ['甲市二号单位']);
        const sub = await w.as('u1s-filler');
        const rs = (await sub.get(path(w.round.A))).body;
        assert.deepEqual(names(rs), ['甲市一号单位下属中心']);
        assert.deepEqual(
          rs.trend,
          [{ year: 2021, count: 1, average: rs.ranking[0].total }],
          'only its own draft: nothing of U1 leaks through the trend',
        );
        const miss = (await sub.get(path(round2022, 'approved'))).body;
        assert.equal(miss.count, 0);
        assert.deepEqual(miss.trend, []);
      });

      test('the public sees approved evaluations only, and no progress', async () => {
        const c = await w.as('a-public');
        const r = await c.get(path(w.round.A, 'all'));
        assert.equal(r.status, 200);
        assert.deepEqual(names(r.body), ['甲市一号单位']);
        assert.equal(r.body.progress, null);
      });

      test('another region: 404, in Chinese; no login: 401; bad scope: 400', async () => {
        for (const who of ['b-admin', 'b-reviewer', 'v1-filler']) {
          const c = await w.as(who);
          const r = await c.get(path(w.round.A));
          assert.equal(r.status, 404, who);
          assert.match(r.body.error.message, /未找到该评价轮次/);
        }
        const b = await w.as('b-reviewer');
        const own = await b.get(path(w.round.B));
        assert.deepEqual(names(own.body), ['乙市一号单位']);
        assert.equal((await w.client().get(path(w.round.A))).status, 401);
        const bad = await (await w.as('a-admin')).get(path(w.round.A, 'everything'));
        assert.equal(bad.status, 400);
        assert.match(bad.body.error.message, /查询参数 scope/);
        assert.equal((await (await w.as('a-admin')).get('/api/web/rounds/abc/dashboard')).status, 400);
      });
    });
  }
});
