// The review list on the score model (issue 11.3): 自评分, 核定分, 待核实分 and 差额 per row, each sortable.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backends, makeWorld, seedDocument, type World } from './support.js';

describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`review list: 自评分, 核定分, 待核实分, 差额 (${backend.name})`, { concurrency: 1 }, () => {
      let w: World;
      before(async () => {
        w = await makeWorld(backend);
      });
      after(async () => w?.close());

      test('a unit with missing figures: its 待核实 points and count are in its row and sort it first', async () => {
        // U1 leaves 实际完成值 of two indicators empty: 待核实, their self-scores (2 + 1) carried in 核定分.
        const f = await w.as('u1-filler');
        const cur = (await f.get(`/api/evaluations/${w.ev.U1}`)).body;
        const doc = seedDocument() as { indicators: Record<string, Record<string, unknown>> };
        delete doc.indicators['预算调整率']!.actual;
        delete doc.indicators['政府采购执行率']!.actual;
        const put = await f.put(`/api/evaluations/${w.ev.U1}`, { version: cur.version, document: doc });
        assert.equal(put.status, 200, JSON.stringify(put.body));
        // U2 claims 60 in total: 核定分 minus 自评分 is its 差额.
        const f2 = await w.as('u2-filler');
        const cur2 = (await f2.get(`/api/evaluations/${w.ev.U2}`)).body;
        const put2 = await f2.put(`/api/evaluations/${w.ev.U2}`, {
          version: cur2.version,
          document: { ...seedDocument(), claimed: { total: 60 } },
        });
        assert.equal(put2.status, 200, JSON.stringify(put2.body));

        const r = await w.as('a-reviewer');
        const list = async (sortField: string, sortOrder: string) => {
          const res = await r.get(
            `/api/review/evaluations?roundId=${w.round.A}&sortField=${sortField}&sortOrder=${sortOrder}`,
          );
          assert.equal(res.status, 200, JSON.stringify(res.body));
          return res.body.items as Array<{
            id: number;
            total: number;
            claimedTotal: number | null;
            diff: number | null;
            unverifiable: { count: number; points: number } | null;
            strictTotal: number;
          }>;
        };
        const byPending = await list('unverifiable', 'descend');
        const u1 = byPending[0]!;
        assert.equal(u1.id, w.ev.U1);
        assert.deepEqual(u1.unverifiable, { count: 2, points: 3 });
        assert.equal(Math.round((u1.total - u1.strictTotal) * 100) / 100, 3, '核定分 − 严格口径 = 待核实分');
        assert.equal((await list('unverifiable', 'ascend')).at(-1)!.id, w.ev.U1);

        const byDiff = await list('diff', 'descend');
        const u2 = byDiff.find((x) => x.id === w.ev.U2)!;
        assert.equal(u2.claimedTotal, 60);
        assert.equal(Math.round((u2.claimedTotal! - u2.total) * 100) / 100, Math.round(u2.diff! * 100) / 100);
        const claimed = (await list('claimed', 'ascend')).filter((x) => x.claimedTotal !== null);
        assert.deepEqual(
          claimed.map((x) => x.claimedTotal),
          [...claimed.map((x) => x.claimedTotal!)].sort((a, b) => a - b),
        );
        const totals = (await list('total', 'descend')).map((x) => x.total);
        assert.deepEqual(
          totals,
          [...totals].sort((a, b) => b - a),
        );
      });
    });
  }
});
