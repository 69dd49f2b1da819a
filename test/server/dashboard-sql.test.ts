import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildDashboard, type DashboardEntry } from '../../src/core/dashboard.js';
import { loadFrameworkVersion } from '../../src/db/frameworks.js';
import { roundDashboard } from '../../src/server/resources/dashboard/service.js';
import { saveEvaluation } from '../../src/server/resources/evaluations/service.js';
import { backends, makeWorld, seedDocument, type World } from './support.js';

/**
 * The dashboard from SQL aggregates (evaluations' stored totals, evaluation_scores kept by the
 * trigger) equals the core's buildDashboard over the same stored results — counts, average, median,
 * bands, ranking, the indicators most missed, the 一级指标 table — on both databases, and follows a
 * save (the trigger rewrites the indicator rows).
 */
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
        for (const k of ['count', 'average', 'median', 'max', 'min', 'grades', 'ranking', 'missed', 'level1'] as const)
          assert.deepEqual(view[k], core[k], k);
        assert.ok(view.missed.length > 0);
        assert.deepEqual(
          view.progress?.byStatus.find((s) => s.status === 'draft')?.count,
          3,
          'progress counts the drafts',
        );
      });
    });
  }
});
