import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Evaluation } from '../../src/core/evaluation.js';
import type { Framework } from '../../src/core/framework/model.js';
import { score, type Finding, type ScoreResult } from '../../src/core/scoring.js';
import { evaluation, framework, fwText } from './fixtures.js';

// 预算执行率 10 + 管理 40 + 产出 40 + 可持续 10 = 100.
const FW = framework(
  fwText([
    '  - name: 预算执行率',
    '    id: exec',
    '    weight: 10',
    '    fixedWeight: true',
    '    metric: budgetExecutionRate',
    '    rule: { kind: rate }',
    '  - name: 管理',
    '    weight: 40',
    '    children:',
    '      - { name: 三公控制, weight: 10, target: "≤100%", metric: threePublicControlRate, rule: { kind: target } }',
    '      - { name: 制度, weight: 10, rule: { kind: qualitative } }',
    '      - { name: 问题, weight: 10, rule: { kind: deduction, perItem: 2 } }',
    '      - { name: 评价, weight: 10, rule: { kind: manual } }',
    '  - name: 产出',
    '    weight: 40',
    '    children:',
    '      - { name: 完成数量, weight: 20, target: 不低于10批次, rule: { kind: target } }',
    '      - { name: 满意度, weight: 20, target: "≥90%", rule: { kind: ratio } }',
    '  - name: 可持续',
    '    weight: 10',
    '    optional: true',
    '    children:',
    '      - { name: 长效机制, weight: 10, rule: { kind: yesno } }',
  ]),
);

/**
 * Every score by hand, and every self-score equal to it:
 * 预算执行率 981.2 ÷ 1000 = 98.12% × 10 = 9.812 → 9.81; 三公控制 18 ÷ 20 = 90% ≤ 100% → 10;
 * 制度 达成 90% × 10 = 9; 问题 10 − 1 × 2 = 8; 评价 judged 9.5; 完成数量 12 ≥ 10 → 20;
 * 满意度 81 ÷ 90 × 20 = 18; 长效机制 met → 10.
 * 管理 = 10 + 9 + 8 + 9.5 = 36.5; 产出 = 38; total = 9.81 + 36.5 + 38 + 10 = 94.31 → 优.
 */
const BASE = `framework: unit-test
unit: 某单位
year: 2021
figures:
  budget: { total: 1000, executed: 981.2 }
  threePublic: { budget: 20, actual: 18 }
indicators:
  预算执行率: { claimed: 9.81, deviationReason: 年底项目尚未支付 }
  三公控制: { claimed: 10 }
  制度: { tier: 达成, value: 90, claimed: 9 }
  问题: { count: 1, claimed: 8 }
  评价: { judged: 9.5, claimed: 9.5 }
  完成数量: { actual: 12批次, claimed: 20 }
  满意度: { actual: 81%, claimed: 18, deviationReason: 调查样本偏少 }
  长效机制: { met: true, claimed: 10 }
`;
const base = (): Evaluation => evaluation(BASE);

type Edit = (ev: Evaluation) => void;
const ind = (ev: Evaluation, key: string) => ev.indicators[key]!;

const leaf = (r: ScoreResult, name: string) => {
  const hit = r.indicators.filter((i) => i.name === name);
  assert.equal(hit.length, 1, `indicator ${name}`);
  return hit[0]!;
};

test('baseline: every score as worked out by hand, no findings at all', () => {
  const r = score(FW, base());
  const scores = Object.fromEntries(r.indicators.map((i) => [i.name, i.score]));
  assert.deepEqual(scores, {
    预算执行率: 9.81,
    三公控制: 10,
    制度: 9,
    问题: 8,
    评价: 9.5,
    完成数量: 20,
    满意度: 18,
    长效机制: 10,
  });
  assert.deepEqual(
    r.nodes.filter((n) => !n.leaf).map((n) => [n.name, n.score, n.claimed]),
    [
      ['管理', 36.5, 36.5],
      ['产出', 38, 38],
      ['可持续', 10, 10],
    ],
  );
  assert.equal(r.total, 94.31);
  assert.equal(r.grade, '优');
  assert.equal(r.claimedTotal, 94.31);
  assert.deepEqual(r.findings, []);
  assert.deepEqual(r.unscored, { count: 0, claimed: 0 });
  assert.equal(leaf(r, '预算执行率').actual, '98.12%'); // derived from the figures
  assert.equal(leaf(r, '预算执行率').missed, true);
});

interface Expect {
  code: string;
  severity: Finding['severity'];
  indicator?: string;
  expected?: number;
  stated?: number;
  message?: RegExp;
}
interface Case {
  name: string;
  edit: Edit;
  /** Every finding code the result carries, in any order. */
  codes: string[];
  /** Findings checked in detail. */
  expect: Expect[];
  total?: number;
  grade?: string;
  /** Unverifiable indicators counted as 0. */
  strictTotal?: number;
  strictGrade?: string;
  scores?: Record<string, number>;
  todo?: string;
}

const CASES: Case[] = [
  {
    name: 'claimed-differs: printed 9.8 where 98.12% × 10 = 9.81',
    edit: (ev) => void (ind(ev, '预算执行率').claimed = 9.8),
    codes: ['claimed-differs'],
    expect: [
      {
        code: 'claimed-differs',
        severity: 'warning',
        indicator: '预算执行率',
        expected: 9.81,
        stated: 9.8,
        message: /自评得分9\.8分，按评分规则应得9\.81分（少计0\.01分，核增）/,
      },
    ],
  },
  {
    name: 'claimed-differs the other way: printed 20 where 81 ÷ 90 × 20 = 18 (多计2分)',
    edit: (ev) => void (ind(ev, '满意度').claimed = 20),
    codes: ['claimed-differs'],
    expect: [
      {
        code: 'claimed-differs',
        severity: 'warning',
        indicator: '满意度',
        expected: 18,
        stated: 20,
        message: /多计2分/,
      },
    ],
  },
  {
    name: 'claimed-over-weight: 评价 self-scored 12 of 10 with no judgment recorded',
    edit: (ev) => {
      delete ind(ev, '评价').judged;
      ind(ev, '评价').claimed = 12;
    },
    // the claim stands as the judgment (info), is capped at 10 (over-weight), and still differs from 10
    codes: ['claimed-over-weight', 'claimed-differs', 'over-weight', 'judged-by-claim'],
    expect: [
      {
        code: 'claimed-over-weight',
        severity: 'error',
        indicator: '评价',
        expected: 10,
        stated: 12,
        message: /自评得分12分超过分值10分/,
      },
      { code: 'claimed-differs', severity: 'warning', indicator: '评价', expected: 10, stated: 12 },
    ],
    scores: { 评价: 10 },
  },
  {
    name: 'missing-deviation-reason: 满意度 missed its target with no 偏差原因',
    edit: (ev) => void delete ind(ev, '满意度').deviationReason,
    codes: ['missing-deviation-reason'],
    expect: [{ code: 'missing-deviation-reason', severity: 'warning', indicator: '满意度' }],
  },
  {
    name: 'missing-deviation-reason: a blank 偏差原因 is no reason',
    edit: (ev) => void (ind(ev, '满意度').deviationReason = '   '),
    codes: ['missing-deviation-reason'],
    expect: [{ code: 'missing-deviation-reason', severity: 'warning', indicator: '满意度' }],
  },
  {
    name: 'no deviation reason is asked for judgment rules (问题 3 defects → 4)',
    edit: (ev) => Object.assign(ind(ev, '问题'), { count: 3, claimed: 4 }),
    codes: [],
    expect: [],
    scores: { 问题: 4 },
  },
  {
    name: 'judged-by-claim: 制度 with no tier, the self-score 8.5 stands',
    edit: (ev) => {
      delete ind(ev, '制度').tier;
      delete ind(ev, '制度').value;
      ind(ev, '制度').claimed = 8.5;
    },
    codes: ['judged-by-claim'],
    expect: [
      { code: 'judged-by-claim', severity: 'info', indicator: '制度', message: /以自评得分8\.5分作为评价人判断/ },
    ],
    scores: { 制度: 8.5 },
  },
  {
    name: 'a quantitative rule never falls back to the self-score: 完成数量 without a value → 0, unverified',
    edit: (ev) => void delete ind(ev, '完成数量').actual,
    codes: ['missing-input', 'unverifiable'],
    expect: [
      {
        code: 'missing-input',
        severity: 'warning',
        indicator: '完成数量',
        message: /缺少实际完成值.*自评得分20分待核实/,
      },
      {
        code: 'unverifiable',
        severity: 'warning',
        expected: 74.31,
        message: /1项.*20\.00分待核实.*严格口径（待核实按0分计）74\.31分，可能影响等级$/,
      },
    ],
    // 待核实: the self-score is carried in the headline total, and counted 0 in the strict one.
    scores: { 完成数量: 20 },
    total: 94.31,
    grade: '优',
    strictTotal: 74.31, // 94.31 − 20
    strictGrade: '中',
  },
  {
    name: 'a metric without its figures: missing-input names what the figures lack',
    edit: (ev) => void delete ev.figures.budget,
    codes: ['missing-input', 'unverifiable'],
    expect: [
      {
        code: 'missing-input',
        severity: 'warning',
        indicator: '预算执行率',
        message: /计算预算执行率缺少：预算执行数、全年预算数（调整后）/,
      },
    ],
    scores: { 预算执行率: 9.81 },
    total: 94.31,
    strictTotal: 84.5, // 94.31 − 9.81
  },
  {
    name: 'a metric with a zero denominator: missing-input says it cannot divide',
    edit: (ev) => void (ev.figures.threePublic = { budget: 0, actual: 18 }),
    codes: ['missing-input', 'unverifiable'],
    expect: [
      { code: 'missing-input', severity: 'warning', indicator: '三公控制', message: /“三公”经费预算数为0，无法相除/ },
    ],
    scores: { 三公控制: 10 },
    strictTotal: 84.31,
  },
  {
    name: 'actual-vs-figures: 97% entered where the figures give 98.12%; the entered value is scored',
    edit: (ev) => void (ind(ev, '预算执行率').actual = '97%'),
    codes: ['actual-vs-figures', 'claimed-differs'],
    expect: [
      { code: 'actual-vs-figures', severity: 'warning', indicator: '预算执行率', expected: 98.12, stated: 97 },
      { code: 'claimed-differs', severity: 'warning', indicator: '预算执行率', expected: 9.7, stated: 9.81 },
    ],
    scores: { 预算执行率: 9.7 },
  },
  {
    name: 'actual-vs-figures tolerates 0.01 point: 98.13% entered, 98.12% computed',
    edit: (ev) => void (ind(ev, '预算执行率').actual = '98.13%'),
    codes: [],
    expect: [],
    scores: { 预算执行率: 9.81 }, // 9.813 → 9.81
  },
  {
    name: 'total-mismatch: the printed total 95 is not the sum of the printed scores 94.31',
    edit: (ev) => void (ev.claimed = { total: 95, grade: '优' }),
    codes: ['total-mismatch', 'total-differs'],
    expect: [
      {
        code: 'total-mismatch',
        severity: 'error',
        expected: 94.31,
        stated: 95,
        message: /自评总分写为95分，各指标自评得分合计94\.31分/,
      },
      { code: 'total-differs', severity: 'warning', expected: 94.31, stated: 95 },
    ],
  },
  {
    name: 'a consistent printed total and grade raise nothing',
    edit: (ev) => void (ev.claimed = { total: 94.31, grade: '优', subtotals: { 管理: 36.5, 产出: 38, 可持续: 10 } }),
    codes: [],
    expect: [],
  },
  {
    name: 'grade-mismatch: 94.31 printed as 良',
    edit: (ev) => void (ev.claimed = { total: 94.31, grade: '良' }),
    codes: ['grade-mismatch'],
    expect: [{ code: 'grade-mismatch', severity: 'error', message: /自评等级写为“良”，但自评总分94\.31分对应“优”/ }],
  },
  {
    name: 'grade-mismatch without a printed total: judged on the sum of the printed scores',
    edit: (ev) => void (ev.claimed = { grade: '中' }),
    codes: ['grade-mismatch'],
    expect: [{ code: 'grade-mismatch', severity: 'error', message: /“中”.*94\.31分对应“优”/ }],
  },
  {
    name: 'grade-differs: the printed 94.31 优 holds up, but by the rules 完成数量 2批次 gives 4 and the total 78.31 中',
    edit: (ev) => {
      ind(ev, '完成数量').actual = '2批次';
      ind(ev, '完成数量').deviationReason = '项目延期';
      ev.claimed = { total: 94.31, grade: '优' };
    },
    codes: ['claimed-differs', 'total-differs', 'grade-differs'],
    expect: [
      { code: 'claimed-differs', severity: 'warning', indicator: '完成数量', expected: 4, stated: 20 },
      { code: 'total-differs', severity: 'warning', expected: 78.31, stated: 94.31 },
      { code: 'grade-differs', severity: 'warning', message: /78\.31分，等级为“中”/ },
    ],
    total: 78.31,
    grade: '中',
  },
  {
    name: 'subtotal-mismatch: 管理 printed 37, its printed scores add to 36.5',
    edit: (ev) => void (ev.claimed = { subtotals: { 管理: 37 } }),
    codes: ['subtotal-mismatch'],
    expect: [
      {
        code: 'subtotal-mismatch',
        severity: 'error',
        indicator: '管理',
        expected: 36.5,
        stated: 37,
        message: /“管理”小计写为37分，下级自评得分合计36\.5分/,
      },
    ],
  },
  {
    name: 'weights: dropping 可持续 without moving its 10 points is scored, with an error finding',
    edit: (ev) => {
      ev.tailoring = { drop: ['可持续'] };
      delete ev.indicators['长效机制'];
    },
    codes: ['weights'],
    expect: [{ code: 'weights', severity: 'error', message: /按本单位设定分值：一级指标分值合计90分，应为总分100分/ }],
    total: 84.31,
  },
  {
    name: 'a target met by a rate rule asks for no deviation reason (rate target ≥ 95 %, actual 98.12 %)',
    edit: (ev) => {
      ind(ev, '预算执行率').target = '≥95%';
      delete ind(ev, '预算执行率').deviationReason;
    },
    codes: [],
    expect: [],
  },
];

for (const c of CASES) {
  const opts = c.todo ? { todo: c.todo } : {};
  test(`findings: ${c.name}`, opts, () => {
    const ev = base();
    c.edit(ev);
    const r = score(FW, ev);
    assert.deepEqual(
      r.findings.map((f) => f.code).sort(),
      [...c.codes].sort(),
      r.findings.map((f) => `${f.code}: ${f.message}`).join('\n'),
    );
    for (const e of c.expect) {
      const hits = r.findings.filter((f) => f.code === e.code && f.indicator === e.indicator);
      assert.equal(hits.length, 1, `one ${e.code} on ${e.indicator ?? 'the total'}`);
      const f = hits[0]!;
      assert.equal(f.severity, e.severity);
      assert.equal(f.expected, e.expected, 'expected');
      assert.equal(f.stated, e.stated, 'stated');
      if (e.message) assert.match(f.message, e.message);
    }
    for (const [name, s] of Object.entries(c.scores ?? {})) assert.equal(leaf(r, name).score, s, name);
    if (c.total !== undefined) assert.equal(r.total, c.total);
    if (c.grade !== undefined) assert.equal(r.grade, c.grade);
    if (c.strictTotal !== undefined) assert.equal(r.strictTotal, c.strictTotal);
    if (c.strictGrade !== undefined) assert.equal(r.strictGrade, c.strictGrade);
    if (c.strictTotal === undefined) assert.equal(r.strictTotal, r.total, 'all verified: strict = total');
  });
}

test('a missing value does not count as a score difference, and the result says how many were unscored', () => {
  const ev = base();
  delete ind(ev, '完成数量').actual;
  delete ev.figures.budget;
  const r = score(FW, ev);
  assert.equal(leaf(r, '完成数量').incomplete, true);
  assert.equal(leaf(r, '预算执行率').incomplete, true);
  assert.equal(leaf(r, '满意度').incomplete, false);
  assert.deepEqual(r.unscored, { count: 2, claimed: 29.81 }); // 20 + 9.81
  assert.ok(!r.findings.some((f) => f.code === 'claimed-differs'));
  assert.deepEqual(
    r.unverifiable.indicators.map((i) => [i.name, i.claimed, i.missing]),
    [
      ['预算执行率', 9.81, ['预算执行数', '全年预算数（调整后）']],
      ['完成数量', 20, ['实际完成值']],
    ],
  );
  assert.equal(r.unverifiable.points, 29.81);
  assert.equal(leaf(r, '完成数量').ruleScore, undefined);
  assert.equal(leaf(r, '完成数量').verification, 'unverifiable');
  assert.equal(r.total, 94.31); // the self-scores carried
  assert.equal(r.strictTotal, 64.5); // 94.31 − 29.81
  assert.equal(r.gradeMayChange, true);
});

test('findings come errors first, then warnings, then info', () => {
  const ev = base();
  delete ind(ev, '评价').judged;
  ind(ev, '评价').claimed = 12;
  delete ind(ev, '满意度').deviationReason;
  ev.claimed = { total: 99 };
  const r = score(FW, ev);
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const ranks = r.findings.map((f) => rank[f.severity]);
  assert.deepEqual(
    ranks,
    [...ranks].sort((a, b) => a - b),
  );
  assert.deepEqual(new Set(ranks), new Set([0, 1, 2]));
});

// Totals add the rounded leaf scores, as printed tables do; decimals and grade modes come from the framework.
function small(opts: { decimals?: number; mode?: 'integer' | 'half-open' }): Framework {
  const after = [
    ...(opts.decimals !== undefined ? [`decimals: ${opts.decimals}`] : []),
    ...(opts.mode ? ['grades:', `  mode: ${opts.mode}`] : []),
  ];
  return framework(
    fwText(
      [
        '  - { name: 甲, weight: 1, rule: { kind: rate } }',
        '  - { name: 乙, weight: 1, rule: { kind: rate } }',
        '  - { name: 丙, weight: 1, rule: { kind: rate } }',
        '  - { name: 丁, weight: 10, rule: { kind: rate } }',
        '  - { name: 戊, weight: 87, rule: { kind: manual } }',
      ],
      after,
    ),
  );
}
const TOTALS: Array<{
  name: string;
  fw: Framework;
  inputs: Record<string, unknown>;
  scores: number[];
  total: number;
  grade: string;
}> = [
  {
    // 0.33335 → 0.33 three times: 0.99, not round(1.00005) = 1; 丁 98.15% × 10 = 9.815 → 9.82; 戊 80
    name: 'three 33.335% × 1 add to 0.99, not 1.00',
    fw: small({}),
    inputs: {
      甲: { actual: '33.335%' },
      乙: { actual: '33.335%' },
      丙: { actual: '33.335%' },
      丁: { actual: '98.15%' },
      戊: { judged: 80 },
    },
    scores: [0.33, 0.33, 0.33, 9.82, 80],
    total: 90.81,
    grade: '优',
  },
  {
    // 0.335 is 0.33499999… as a double; as a decimal it rounds half-up to 0.34
    name: '33.5% × 1 = 0.335 → 0.34 (half-up, no float artefact)',
    fw: small({}),
    inputs: {
      甲: { actual: '33.5%' },
      乙: { actual: '0%' },
      丙: { actual: '0%' },
      丁: { actual: '0%' },
      戊: { judged: 80 },
    },
    scores: [0.34, 0, 0, 0, 80],
    total: 80.34,
    grade: '良',
  },
  {
    name: 'decimals: 1 — 9.815 → 9.8, 0.33335 → 0.3',
    fw: small({ decimals: 1 }),
    inputs: {
      甲: { actual: '33.335%' },
      乙: { actual: '33.335%' },
      丙: { actual: '33.335%' },
      丁: { actual: '98.15%' },
      戊: { judged: 80 },
    },
    scores: [0.3, 0.3, 0.3, 9.8, 80],
    total: 90.7,
    grade: '优',
  },
  {
    name: 'half-open grades: 89.5 is 良',
    fw: small({}),
    inputs: {
      甲: { actual: '50%' },
      乙: { actual: '0%' },
      丙: { actual: '0%' },
      丁: { actual: '20%' },
      戊: { judged: 87 },
    },
    scores: [0.5, 0, 0, 2, 87],
    total: 89.5,
    grade: '良',
  },
  {
    name: 'integer grades: 89.5 is 优',
    fw: small({ mode: 'integer' }),
    inputs: {
      甲: { actual: '50%' },
      乙: { actual: '0%' },
      丙: { actual: '0%' },
      丁: { actual: '20%' },
      戊: { judged: 87 },
    },
    scores: [0.5, 0, 0, 2, 87],
    total: 89.5,
    grade: '优',
  },
  {
    name: 'integer grades: 89.4 is 良',
    fw: small({ mode: 'integer' }),
    inputs: {
      甲: { actual: '40%' },
      乙: { actual: '0%' },
      丙: { actual: '0%' },
      丁: { actual: '20%' },
      戊: { judged: 87 },
    },
    scores: [0.4, 0, 0, 2, 87],
    total: 89.4,
    grade: '良',
  },
];
for (const c of TOTALS) {
  test(`totals: ${c.name}`, () => {
    const ev = evaluation(`framework: unit-test\nunit: 某单位\nyear: 2021\n`);
    ev.indicators = c.inputs as Evaluation['indicators'];
    const r = score(c.fw, ev);
    assert.deepEqual(
      r.indicators.map((i) => i.score),
      c.scores,
    );
    assert.equal(r.total, c.total);
    assert.equal(String(r.total), String(c.total));
    assert.equal(r.grade, c.grade);
  });
}

test('a composite leaf scores each part from its own metric and input', () => {
  // 公用经费 55 ÷ 50 = 110% against ≤100% → 100 ÷ 110 × 3 = 2.7272…; 1 problem → 3 − 1 = 2; Σ 4.7272… → 4.73
  const fw = framework(
    fwText([
      '  - name: 公用经费',
      '    weight: 6',
      '    rule:',
      '      kind: composite',
      '      parts:',
      '        - { name: 控制率, points: 3, metric: publicFundsControlRate, target: "≤100%", rule: { kind: reverse } }',
      '        - { name: 问题, points: 3, rule: { kind: deduction, perItem: 1 } }',
      '  - { name: 其他, weight: 94, rule: { kind: manual } }',
    ]),
  );
  const ev = evaluation(`framework: unit-test
unit: 某单位
year: 2021
figures:
  publicFunds: { budget: 50, actual: 55 }
indicators:
  公用经费: { parts: { 问题: { count: 1 } }, claimed: 4.73, deviationReason: 超支 }
  其他: { judged: 90 }
`);
  const r = score(fw, ev);
  assert.equal(leaf(r, '公用经费').score, 4.73);
  assert.match(leaf(r, '公用经费').explanation, /控制率（3分）：.*110%.*；问题（3分）：.*；合计4\.73分/);
  assert.equal(r.total, 94.73);
  assert.deepEqual(r.findings, []);
});
