import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildDashboard, type DashboardEntry, previousTotals, yearTrend } from '../../src/core/dashboard.js';
import type { IndicatorScore, NodeScore } from '../../src/core/scoring.js';

const GRADES = [
  { name: '差', min: 0 },
  { name: '优', min: 90 },
  { name: '中', min: 60 },
  { name: '良', min: 80 },
];

function leaf(id: string, weight: number, score: number, extra: Partial<IndicatorScore> = {}): IndicatorScore {
  return {
    id,
    name: id,
    path: ['投入', id],
    level: 2,
    weight,
    score,
    ruleScore: score,
    verification: 'verified',
    missing: [],
    explanation: '',
    rule: 'ratio',
    missed: false,
    incomplete: false,
    ...extra,
  };
}
const node = (id: string, level: number, weight: number, score: number): NodeScore => ({
  id,
  name: id,
  path: [id],
  level,
  weight,
  score,
  strictScore: score,
  leaf: false,
});

function entry(
  orgId: number,
  orgName: string,
  total: number,
  grade: string,
  opts: { indicators?: IndicatorScore[]; nodes?: NodeScore[]; previous?: DashboardEntry['previous'] } = {},
): DashboardEntry {
  return {
    orgId,
    orgName,
    status: 'approved',
    result: { total, grade, indicators: opts.indicators ?? [], nodes: opts.nodes ?? [] },
    ...(opts.previous ? { previous: opts.previous } : {}),
  };
}

describe('buildDashboard', () => {
  const CASES: Array<{
    name: string;
    entries: DashboardEntry[];
    want: Partial<ReturnType<typeof buildDashboard>> & {
      ranks?: Array<[string, number]>;
      grades?: Array<[string, number]>;
    };
  }> = [
    { name: 'no units', entries: [], want: { count: 0, average: null, median: null, max: null, min: null } },
    {
      name: 'one unit',
      entries: [entry(1, '甲', 93.5, '优')],
      want: { count: 1, average: 93.5, median: 93.5, max: 93.5, min: 93.5 },
    },
    {
      name: 'average and median of an even count, rounded half-up',
      entries: [
        entry(1, '甲', 90, '优'),
        entry(2, '乙', 80.01, '良'),
        entry(3, '丙', 70, '中'),
        entry(4, '丁', 59.99, '差'),
      ],
      want: { count: 4, average: 75, median: 75.01, max: 90, min: 59.99 },
    },
    {
      name: 'odd count median; thirds round to 2 decimals',
      entries: [entry(1, '甲', 100, '优'), entry(2, '乙', 90, '优'), entry(3, '丙', 91, '优')],
      want: { average: 93.67, median: 91 },
    },
  ];
  for (const c of CASES) {
    test(c.name, () => {
      const d = buildDashboard(c.entries, { grades: GRADES, decimals: 2 });
      for (const k of ['count', 'average', 'median', 'max', 'min'] as const)
        if (k in c.want) assert.equal(d[k], c.want[k], k);
    });
  }

  test('grade distribution lists every band, best first, with zero counts', () => {
    const d = buildDashboard([entry(1, '甲', 95, '优'), entry(2, '乙', 92, '优'), entry(3, '丙', 50, '差')], {
      grades: GRADES,
      decimals: 2,
    });
    assert.deepEqual(
      d.grades.map((g) => [g.name, g.count]),
      [
        ['优', 2],
        ['良', 0],
        ['中', 0],
        ['差', 1],
      ],
    );
  });

  const RANKS: Array<{ totals: number[]; want: number[] }> = [
    { totals: [90, 80, 70], want: [1, 2, 3] },
    { totals: [90, 90, 70], want: [1, 1, 3] },
    { totals: [70, 90, 90, 90], want: [1, 1, 1, 4] },
    { totals: [60, 60], want: [1, 1] },
  ];
  for (const c of RANKS) {
    test(`competition ranking of ${c.totals.join(', ')}`, () => {
      const d = buildDashboard(
        c.totals.map((t, i) => entry(i + 1, `单位${i}`, t, '中')),
        { grades: GRADES, decimals: 2 },
      );
      assert.deepEqual(
        d.ranking.map((r) => r.rank),
        c.want,
      );
      assert.deepEqual(
        d.ranking.map((r) => r.total),
        [...c.totals].sort((a, b) => b - a),
      );
    });
  }

  test('year-over-year change on the ranking, where a previous year exists', () => {
    const d = buildDashboard(
      [entry(1, '甲', 91.25, '优', { previous: { year: 2020, total: 88.5, grade: '良' } }), entry(2, '乙', 80, '良')],
      { grades: GRADES, decimals: 2 },
    );
    assert.equal(d.withPrevious, 1);
    assert.deepEqual(
      { y: d.ranking[0]!.previousYear, t: d.ranking[0]!.previousTotal, c: d.ranking[0]!.change },
      { y: 2020, t: 88.5, c: 2.75 },
    );
    assert.equal(d.ranking[1]!.change, undefined);
  });

  test('indicators most often missed: by units that lost points, then by points lost', () => {
    const d = buildDashboard(
      [
        entry(1, '甲', 80, '良', {
          indicators: [
            leaf('预算执行率', 10, 9.5, { missed: true }),
            leaf('满意度', 5, 5),
            leaf('结转结余率', 2, 0, { incomplete: true, verification: 'unverifiable', missing: ['指标值'] }),
          ],
        }),
        entry(2, '乙', 80, '良', {
          indicators: [leaf('预算执行率', 10, 10), leaf('满意度', 5, 4), leaf('结转结余率', 2, 1)],
        }),
        entry(3, '丙', 80, '良', {
          indicators: [leaf('预算执行率', 10, 8, { missed: true }), leaf('满意度', 5, 5), leaf('结转结余率', 2, 2)],
        }),
      ],
      { grades: GRADES, decimals: 2 },
    );
    assert.deepEqual(
      d.missed.map((m) => [m.name, m.lostCount, m.lostPoints, m.missedCount, m.incompleteCount, m.averageScore]),
      [
        ['结转结余率', 2, 3, 0, 1, 1],
        ['预算执行率', 2, 2.5, 2, 0, 9.17],
        ['满意度', 1, 1, 0, 0, 4.67],
      ],
    );
  });

  test('topMissed limits the list; an indicator nobody lost points on is not listed', () => {
    const d = buildDashboard(
      [entry(1, '甲', 80, '良', { indicators: [leaf('a', 2, 1), leaf('b', 2, 0), leaf('c', 2, 2)] })],
      { grades: GRADES, decimals: 2, topMissed: 1 },
    );
    assert.deepEqual(
      d.missed.map((m) => m.id),
      ['b'],
    );
  });

  test('score by 一级指标 per unit, aligned; a unit without a 一级指标 gets null', () => {
    const d = buildDashboard(
      [
        entry(1, '甲', 70, '中', {
          nodes: [node('投入', 1, 20, 18), node('目标设定', 2, 5, 5), node('产出', 1, 80, 52)],
        }),
        entry(2, '乙', 95, '优', {
          nodes: [node('投入', 1, 20, 20), node('产出', 1, 70, 65), node('可持续性', 1, 10, 10)],
        }),
      ],
      { grades: GRADES, decimals: 2 },
    );
    assert.deepEqual(
      d.level1.indicators.map((i) => i.id),
      ['投入', '产出', '可持续性'],
    );
    // ranking order: 乙 first
    assert.deepEqual(d.level1.units, [
      { orgId: 2, orgName: '乙', scores: [20, 65, 10] },
      { orgId: 1, orgName: '甲', scores: [18, 52, null] },
    ]);
  });
});

describe('yearTrend and previousTotals', () => {
  test('average per year, oldest first', () => {
    assert.deepEqual(
      yearTrend(
        [
          { year: 2022, total: 90 },
          { year: 2021, total: 80 },
          { year: 2022, total: 85.55 },
        ],
        2,
      ),
      [
        { year: 2021, count: 1, average: 80 },
        { year: 2022, count: 2, average: 87.78 },
      ],
    );
    assert.deepEqual(yearTrend([], 2), []);
  });

  const PREV: Array<{ name: string; year: number; want: Array<[number, number, number]> }> = [
    {
      name: 'most recent earlier year wins',
      year: 2023,
      want: [
        [1, 2022, 88],
        [2, 2020, 70],
      ],
    },
    {
      name: 'the year itself and later years are ignored',
      year: 2022,
      want: [
        [1, 2021, 80],
        [2, 2020, 70],
      ],
    },
    { name: 'nothing earlier', year: 2020, want: [] },
  ];
  const HISTORY = [
    { orgId: 1, year: 2021, total: 80, grade: '良' },
    { orgId: 1, year: 2022, total: 88, grade: '良' },
    { orgId: 1, year: 2023, total: 99, grade: '优' },
    { orgId: 2, year: 2020, total: 70, grade: '中' },
  ];
  for (const c of PREV) {
    test(`previousTotals: ${c.name}`, () => {
      const m = previousTotals(HISTORY, c.year);
      assert.deepEqual(
        [...m.entries()].map(([o, p]) => [o, p.year, p.total]).sort((a, b) => a[0]! - b[0]!),
        c.want,
      );
    });
  }
});
