import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildDashboard, type DashboardEntry } from '../../src/core/dashboard.js';
import { sql } from 'kysely';
import { loadFrameworkVersion } from '../../src/db/frameworks.js';
import { systemActor } from '../../src/server/access.js';
import { DASHBOARD_SCOPES } from '../../src/server/resources/dashboard/contract.js';
import { missedFromScores, missedFromSums } from '../../src/server/resources/dashboard/missed.js';
import { roundDashboard, SCOPE_STATUSES } from '../../src/server/resources/dashboard/service.js';
import { createEvaluation, saveEvaluation, transition } from '../../src/server/resources/evaluations/service.js';
import { backends, makeWorld, seedDocument, type World } from './support.js';

/**
 * The dashboard from SQL aggregates (evaluations' stored totals, evaluation_scores kept by the
 * trigger) equals the core's buildDashboard over the same stored results — counts, average, median,
 * bands, ranking, the indicators most missed, the 一级指标 table — on both databases, and follows a
 * save (the trigger rewrites the indicator rows). The running sums behind “most missed”
 * (evaluation_indicator_sums, migration 0140) equal the indicator rows added up after every kind of
 * write — create, save, status change, round change, delete — and give the same ten indicators.
 */

/** Per status and indicator: the running sums (shards added up) and the same figures from the rows. */
async function sumsAndRows(db: World['database']['db'], roundId: number) {
  const sums = await sql<Record<string, unknown>>`
    select status, node_id, sum(units)::int as units, sum(lost_count)::int as lost_count,
      sum(missed_count)::int as missed_count, sum(incomplete_count)::int as incomplete_count,
      sum(lost)::text as lost, sum(score_sum)::text as score
    from evaluation_indicator_sums where round_id = ${roundId}
    group by status, node_id
    having sum(units) <> 0 or sum(lost_count) <> 0 or sum(missed_count) <> 0 or sum(incomplete_count) <> 0
      or sum(lost) <> 0 or sum(score_sum) <> 0
    order by status, node_id`.execute(db);
  const rows = await sql<Record<string, unknown>>`
    select e.status, s.node_id, count(*)::int as units, (count(*) filter (where s.score < s.weight))::int as lost_count,
      (count(*) filter (where s.missed))::int as missed_count, (count(*) filter (where s.incomplete))::int as incomplete_count,
      sum(greatest(s.weight - s.score, 0))::text as lost, sum(s.score)::text as score
    from evaluations e join evaluation_scores s on s.evaluation_id = e.id and s.leaf
    where e.round_id = ${roundId} and e.total is not null
    group by e.status, s.node_id
    order by e.status, s.node_id`.execute(db);
  const norm = (r: Record<string, unknown>): Record<string, unknown> => ({
    ...r,
    lost: Number(r.lost),
    score: Number(r.score),
  });
  return { sums: sums.rows.map(norm), rows: rows.rows.map(norm) };
}
describe('dashboard from SQL = the core over the stored results', { concurrency: true, timeout: 120_000 }, () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      let w: World;
      before(async () => {
        w = await makeWorld(backend);
        // Three different documents: lower execution and satisfaction for U2 and U1S.
        const variants: Array<[string, number, Record<string, string>]> = [
          ['u2-filler', w.ev.U2, { 预算执行率: '85%', 区人大代表满意度: '80%', 总体工作完成率: '70%' }],
          ['u1s-filler', w.ev.U1S, { 预算执行率: '91%', 区人大代表履职活动完成率: '60%' }],
        ];
        for (const [who, id, actuals] of variants) {
          const doc = seedDocument() as { indicators: Record<string, { actual?: string }> };
          for (const [k, v] of Object.entries(actuals)) doc.indicators[k] = { ...doc.indicators[k], actual: v };
          await saveEvaluation(w.database.db, w.actors[who]!, id, 1, doc);
        }
      });
      after(async () => w?.close());

      test('every figure as the core computes it', async () => {
        const db = w.database.db;
        const actor = w.actors['a-reviewer']!;
        const view = await roundDashboard(db, actor, w.round.A, 'all');
        const rows = await db
          .selectFrom('evaluations as e')
          .innerJoin('organisations as o', 'o.id', 'e.org_id')
          .select(['e.org_id', 'e.status', 'e.result', 'o.name'])
          .where('e.round_id', '=', w.round.A)
          .orderBy('o.path')
          .execute();
        const fv = (await loadFrameworkVersion(db, view.round.frameworkVersionId))!;
        const entries: DashboardEntry[] = rows.map((r) => ({
          orgId: r.org_id,
          orgName: r.name,
          status: r.status,
          result: r.result!,
        }));
        const core = buildDashboard(entries, { grades: fv.framework.grades.bands, decimals: fv.framework.decimals });
        const totals = new Set(core.ranking.map((r) => r.total));
        assert.equal(totals.size, 3, `three different totals: ${[...totals].join(', ')}`);
        for (const k of [
          'count',
          'average',
          'median',
          'max',
          'min',
          'grades',
          'ranking',
          'missed',
          'level1',
          'unverifiable',
          'withPrevious',
        ] as const)
          assert.deepEqual(view[k], core[k], k);
        assert.ok(view.missed.length > 0);
        assert.deepEqual(
          view.progress?.byStatus.find((s) => s.status === 'draft')?.count,
          3,
          'progress counts the drafts',
        );
      });

      test('the running sums follow create, save, status change, round change and delete', async () => {
        const db = w.database.db;
        const sys = systemActor('测试');
        const same = async (step: string) => {
          for (const roundId of [w.round.A, w.round.B]) {
            const { sums, rows } = await sumsAndRows(db, roundId);
            assert.deepEqual(sums, rows, `${step}: round ${roundId}`);
          }
          // The dashboard's two ways to the most-missed indicators agree for every scope (numerics
          // compared as numbers: a running sum may carry a trailing zero, 5.40 for 5.4).
          const values = (rows: Array<{ weight: string; lost: string; avg: string }>) =>
            rows.map((r) => ({ ...r, weight: Number(r.weight), lost: Number(r.lost), avg: Number(r.avg) }));
          for (const scope of DASHBOARD_SCOPES)
            assert.deepEqual(
              values(await missedFromSums(db, w.round.A, SCOPE_STATUSES[scope])),
              values(await missedFromScores(db, sys, { id: w.round.A, regionId: w.org.A }, SCOPE_STATUSES[scope])),
              `${step}: ${scope}`,
            );
        };
        await same('created and saved');
        const { rows: before } = await sumsAndRows(db, w.round.A);
        assert.ok(before.length > 20 && before.some((r) => Number(r.lost_count) > 0));

        const version = async (id: number) =>
          (await db.selectFrom('evaluations').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
        await transition(db, sys, w.ev.U2, 'submit', await version(w.ev.U2));
        await same('submitted');
        assert.ok((await sumsAndRows(db, w.round.A)).sums.some((r) => r.status === 'submitted_leader'));
        await db.updateTable('evaluations').set({ status: 'approved' }).where('id', '=', w.ev.U2).execute();
        await same('approved');

        // A save that changes one figure; a save of the same figures (nothing written).
        const doc = seedDocument() as { indicators: Record<string, { actual?: string }> };
        doc.indicators['预算执行率'] = { ...doc.indicators['预算执行率'], actual: '70%' };
        await saveEvaluation(db, w.actors['u1-filler']!, w.ev.U1, await version(w.ev.U1), doc);
        await same('saved');
        await saveEvaluation(db, w.actors['u1-filler']!, w.ev.U1, await version(w.ev.U1), doc);
        await same('saved again');

        // A result cleared (total too: not counted), then put back; a stored total changed alone.
        const stored = await db
          .selectFrom('evaluations')
          .select(['result', 'total'])
          .where('id', '=', w.ev.U1)
          .executeTakeFirstOrThrow();
        await db.updateTable('evaluations').set({ result: null, total: null }).where('id', '=', w.ev.U1).execute();
        await same('result cleared');
        await db
          .updateTable('evaluations')
          .set({ result: JSON.stringify(stored.result), total: stored.total })
          .where('id', '=', w.ev.U1)
          .execute();
        await same('result back');
        await db.updateTable('evaluations').set({ total: 1 }).where('id', '=', w.ev.U1).execute();
        await same('total changed alone');

        // Moved to another round and back (round B has V1's evaluation; U1S has none there).
        await db.updateTable('evaluations').set({ round_id: w.round.B }).where('id', '=', w.ev.U1S).execute();
        await same('moved to round B');
        await db.updateTable('evaluations').set({ round_id: w.round.A }).where('id', '=', w.ev.U1S).execute();
        await same('moved back');

        // Deleted, and created again.
        await db.deleteFrom('evaluations').where('id', '=', w.ev.U1S).execute();
        await same('deleted');
        const again = await createEvaluation(db, w.actors['u1s-filler']!, w.round.A, { document: seedDocument() });
        w.ev.U1S = again.id;
        await same('created again');

        // A bulk loader's refresh gives the same sums.
        await sql`select evaluation_indicator_sums_refresh(${w.round.A})`.execute(db);
        await same('refreshed');
      });
    });
  }
});
