// The 自评's cycle panel rows: the approved 指标值 beside the 自评's own, and each monitoring report's figures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CycleView } from '../../src/server/resources/targets/contract.js';
import { cycleRows, show } from '../../web/src/workspace/cycleRows.js';

const cycle: CycleView = {
  evaluationId: 1,
  targetSetId: 2,
  approvedVersion: 1,
  prefill: {
    goals: '',
    tasks: [],
    indicators: { 区人大代表履职活动完成率: { target: '≥95%' }, 区人大代表满意度: { target: '≥90%' } },
  },
  monitoring: [
    {
      id: 10,
      month: 6,
      indicators: [
        { name: '区人大代表履职活动完成率', actualToDate: '35%', forecast: '90%', likelihood: 'possible' },
        { name: '监控中另报的指标', actualToDate: 3, likelihood: 'certain' },
      ],
    },
    {
      id: 11,
      month: 9,
      indicators: [
        { name: '区人大代表履职活动完成率', actualToDate: '60%', forecast: '88%', likelihood: 'impossible' },
      ],
    },
  ],
  signals: [],
  carriedOver: [],
};

test('one row per approved or monitored indicator; the latest report’s forecast and likelihood stand', () => {
  const rows = cycleRows(cycle, {
    // The 自评 may key an indicator by its path.
    '产出指标/数量指标/区人大代表履职活动完成率': { target: '≥90%', actual: '90%' },
  });
  assert.deepEqual(
    rows.map((r) => r.name),
    ['区人大代表履职活动完成率', '区人大代表满意度', '监控中另报的指标'],
  );
  assert.deepEqual(rows[0], {
    name: '区人大代表履职活动完成率',
    approved: '≥95%',
    target: '≥90%',
    actual: '90%',
    byMonth: { 6: '35%', 9: '60%' },
    forecast: '88%',
    likelihood: 'impossible',
  });
  assert.equal(rows[1]!.target, undefined);
  assert.deepEqual(rows[2]!.byMonth, { 6: 3 });
  assert.equal(rows[2]!.likelihood, 'certain');
  assert.equal(show(rows[1]!.target), '—');
  assert.equal(show(0), '0');
});

test('no approved targets and no indicators in the 自评: only the monitored ones', () => {
  const rows = cycleRows({ ...cycle, prefill: null }, undefined);
  assert.deepEqual(
    rows.map((r) => [r.name, r.approved]),
    [
      ['区人大代表履职活动完成率', undefined],
      ['监控中另报的指标', undefined],
    ],
  );
});
