import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FiguresSchema, type Figures } from '../../src/core/figures.js';
import {
  computeAllMetrics,
  computeMetric,
  figure,
  METRIC_IDS,
  METRICS,
  type MetricId,
  quarterlyProgress,
} from '../../src/core/metrics.js';
import { assertDec } from './fixtures.js';

/**
 * One unit's figures, chosen so that every ratio differs from its inverse:
 * 全年预算数 is not given and derives as 800 + 40 + 10 + 150 = 1000.
 */
const FIGURES: Figures = FiguresSchema.parse({
  budget: {
    initial: 800,
    adjustment: 40,
    otherAdjustment: 10,
    carryOver: 150,
    executed: 950,
    balance: 50,
    previousBalance: 40,
    finalAccounts: 820,
    keySpending: 600,
    paymentPlanned: 80,
    paymentActual: 76,
  },
  threePublic: { budget: 20, actual: 18, previousBudget: 25 },
  publicFunds: { budget: 50, actual: 46 },
  procurement: { budget: 200, actual: 170 },
  staffing: { authorized: 40, actual: 38, onPayroll: 36, supernumerary: 4 },
  assets: { total: 500, inUse: 480 },
  tasks: {
    planned: 20,
    completed: 19,
    onTime: 18,
    qualified: 17,
    keyAssigned: 8,
    keyCompleted: 7,
    projects: 12,
    projectsOnTime: 9,
  },
  satisfaction: 92.5,
});

interface MetricCase {
  id: MetricId;
  name: string;
  /** Figure names that must be reported when the figures are absent (numerator, then denominator). */
  missing: string[];
  /** Expected value in percent, by hand from FIGURES. */
  value: string;
  /** Figures where the denominator is 0 (absent for `satisfaction`, which divides nothing). */
  zero?: Record<string, unknown>;
  explanation?: string;
}

const CASES: MetricCase[] = [
  {
    id: 'budgetExecutionRate',
    name: '预算执行率',
    missing: ['预算执行数', '全年预算数（调整后）'],
    value: '95', // 950 ÷ (800+40+10+150)
    zero: { budget: { executed: 5, total: 0 } },
    explanation: '预算执行率=950.00÷1000.00×100%=95%',
  },
  {
    id: 'budgetAdjustmentRate',
    name: '预算调整率',
    missing: ['预算调整数（追加追减）', '年初预算数'],
    value: '5', // 40 ÷ 800
    zero: { budget: { adjustment: 5, initial: 0 } },
  },
  {
    id: 'paymentProgressRate',
    name: '支付进度率',
    missing: ['实际支付进度', '既定支付进度'],
    value: '95', // 76 ÷ 80
    zero: { budget: { paymentActual: 5, paymentPlanned: 0 } },
    explanation: '支付进度率=76%÷80%×100%=95%',
  },
  {
    id: 'carryOverRate',
    name: '结转结余率',
    missing: ['年末结转结余', '全年预算数（调整后）'],
    value: '5', // 50 ÷ 1000
    zero: { budget: { balance: 5, total: 0 } },
  },
  {
    id: 'carryOverChangeRate',
    name: '结转结余变动率',
    missing: ['年末结转结余', '上年末结转结余'],
    value: '25', // (50−40) ÷ 40
    zero: { budget: { balance: 5, previousBalance: 0 } },
    explanation: '结转结余变动率=（50.00−40.00）÷40.00×100%=25%',
  },
  {
    id: 'publicFundsControlRate',
    name: '公用经费控制率',
    missing: ['公用经费实际支出数', '公用经费预算数'],
    value: '92', // 46 ÷ 50
    zero: { publicFunds: { actual: 5, budget: 0 } },
  },
  {
    id: 'threePublicControlRate',
    name: '“三公经费”控制率',
    missing: ['“三公”经费实际支出数', '“三公”经费预算数'],
    value: '90', // 18 ÷ 20
    zero: { threePublic: { actual: 5, budget: 0 } },
  },
  {
    id: 'threePublicChangeRate',
    name: '“三公经费”变动率',
    missing: ['“三公”经费预算数', '上年“三公”经费预算数'],
    value: '-20', // (20−25) ÷ 25
    zero: { threePublic: { budget: 5, previousBudget: 0 } },
  },
  {
    id: 'procurementExecutionRate',
    name: '政府采购执行率',
    missing: ['实际政府采购金额', '政府采购预算数'],
    value: '85', // 170 ÷ 200
    zero: { procurement: { actual: 5, budget: 0 } },
  },
  {
    id: 'staffControlRate',
    name: '在职人员控制率',
    missing: ['实有在职人数', '核定编制数'],
    value: '95', // 38 ÷ 40
    zero: { staffing: { actual: 5, authorized: 0 } },
    explanation: '在职人员控制率=38÷40×100%=95%',
  },
  {
    id: 'fundedStaffControlRate',
    name: '财政供养人员控制率',
    missing: ['在编人数（含工勤）', '核定编制数'],
    value: '90', // 36 ÷ 40
    zero: { staffing: { onPayroll: 5, authorized: 0 } },
  },
  {
    id: 'supernumeraryRate',
    name: '编外人员控制率',
    missing: ['编外人员数（含劳务派遣）', '在职人员总数（在编＋编外）'],
    value: '10', // 4 ÷ (36+4)
    zero: { staffing: { onPayroll: 0, supernumerary: 0 } },
  },
  {
    id: 'keySpendingRate',
    name: '重点支出安排率',
    missing: ['重点支出', '年初预算数'],
    value: '75', // 600 ÷ 800
    zero: { budget: { keySpending: 5, initial: 0 } },
  },
  {
    id: 'fixedAssetUtilization',
    name: '固定资产利用率',
    missing: ['在用固定资产总额', '固定资产总额'],
    value: '96', // 480 ÷ 500
    zero: { assets: { inUse: 5, total: 0 } },
  },
  {
    id: 'completionRate',
    name: '实际完成率',
    missing: ['实际完成工作数', '计划工作数'],
    value: '95', // 19 ÷ 20
    zero: { tasks: { completed: 5, planned: 0 } },
  },
  {
    id: 'timelinessRate',
    name: '完成及时率',
    missing: ['及时完成工作数', '计划工作数'],
    value: '90', // 18 ÷ 20
    zero: { tasks: { onTime: 5, planned: 0 } },
  },
  {
    id: 'qualityRate',
    name: '质量达标率',
    missing: ['质量达标工作数', '计划工作数'],
    value: '85', // 17 ÷ 20
    zero: { tasks: { qualified: 5, planned: 0 } },
  },
  {
    id: 'keyTaskCompletionRate',
    name: '重点工作办结率',
    missing: ['重点工作完成数', '重点工作交办数'],
    value: '87.5', // 7 ÷ 8
    zero: { tasks: { keyCompleted: 5, keyAssigned: 0 } },
  },
  {
    id: 'projectTimelinessRate',
    name: '项目完成及时率',
    missing: ['按时完成项目数', '计划完成项目数'],
    value: '75', // 9 ÷ 12
    zero: { tasks: { projectsOnTime: 5, projects: 0 } },
  },
  {
    id: 'budgetFinalDifferenceRate',
    name: '预决算差异率',
    missing: ['决算数', '年初预算数'],
    value: '2.5', // |820−800| ÷ 800
    zero: { budget: { finalAccounts: 5, initial: 0 } },
    explanation: '预决算差异率=|820.00−800.00|÷800.00×100%=2.5%',
  },
  { id: 'satisfaction', name: '满意度', missing: ['满意度'], value: '92.5', explanation: '满意度92.5%' },
];

test('the table covers every metric in METRICS, once', () => {
  assert.deepEqual(CASES.map((c) => c.id).sort(), [...METRIC_IDS].sort());
  assert.equal(METRICS.length, CASES.length);
});

for (const c of CASES) {
  test(`${c.id} (${c.name}) from figures = ${c.value}%`, () => {
    const r = computeMetric(FIGURES, c.id);
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.equal(r.name, c.name);
    assertDec(r.value, c.value, c.id);
    if (c.explanation) assert.equal(r.explanation, c.explanation);
    else assert.ok(r.explanation.startsWith(`${c.name}=`) && r.explanation.endsWith(`=${c.value}%`), r.explanation);
  });

  test(`${c.id} without figures names what is missing`, () => {
    const r = computeMetric(FiguresSchema.parse({}), c.id);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.missing, c.missing);
    assert.equal(r.message, `计算${c.name}缺少：${c.missing.join('、')}`);
  });

  if (c.zero) {
    const zero = c.zero;
    test(`${c.id} with a zero denominator is refused, not Infinity`, () => {
      const r = computeMetric(FiguresSchema.parse(zero), c.id);
      assert.equal(r.ok, false);
      if (r.ok) return;
      const den = c.missing[1]!;
      assert.deepEqual(r.missing, [den]);
      assert.equal(r.message, `计算${c.name}时${den}为0，无法相除`);
    });
  }
}

test('only the numerator missing names only the numerator', () => {
  const r = computeMetric(FiguresSchema.parse({ budget: { total: 1000 } }), 'budgetExecutionRate');
  assert.equal(r.ok, false);
  if (!r.ok) assert.deepEqual(r.missing, ['预算执行数']);
});

test('computeAllMetrics gives one result per metric', () => {
  const all = computeAllMetrics(FIGURES);
  assert.equal(all.size, 21);
  assert.ok([...all.values()].every((r) => r.ok));
});

test('a ratio that does not terminate keeps its precision; the explanation prints two decimals', () => {
  // 1 ÷ 3 × 100 = 33.333…
  const r = computeMetric(FiguresSchema.parse({ tasks: { planned: 3, completed: 1 } }), 'completionRate');
  assert.ok(r.ok);
  assert.equal(r.value.toDecimalPlaces(6).toString(), '33.333333');
  assert.equal(r.explanation, '实际完成率=1÷3×100%=33.33%');
});

// Derived figures.
const DERIVED: Array<{ name: string; figures: unknown; path: Parameters<typeof figure>[1]; want: string | undefined }> =
  [
    {
      name: '全年预算数 = 年初 + 调整 + 其他调整 + 上年结转',
      figures: { budget: { initial: 800, adjustment: 40, otherAdjustment: 10, carryOver: 150 } },
      path: 'budget.total',
      want: '1000',
    },
    {
      name: '全年预算数 with 追减 (negative adjustment)',
      figures: { budget: { initial: 800, adjustment: -50 } },
      path: 'budget.total',
      want: '750',
    },
    { name: '全年预算数 from 年初 alone', figures: { budget: { initial: 800 } }, path: 'budget.total', want: '800' },
    {
      name: '全年预算数 as entered wins over the derived sum',
      figures: { budget: { initial: 800, adjustment: 40, total: 900 } },
      path: 'budget.total',
      want: '900',
    },
    {
      name: '全年预算数 with neither 年初 nor 全年',
      figures: { budget: { adjustment: 40, carryOver: 10 } },
      path: 'budget.total',
      want: undefined,
    },
    {
      name: '全年预算数 with decimals adds exactly',
      figures: { budget: { initial: '1,586.78', adjustment: 0.1, otherAdjustment: 0.2 } },
      path: 'budget.total',
      want: '1587.08',
    },
    {
      name: '决算数 falls back to 执行数',
      figures: { budget: { executed: 950 } },
      path: 'budget.finalAccounts',
      want: '950',
    },
    {
      name: '决算数 as entered',
      figures: { budget: { executed: 950, finalAccounts: 960 } },
      path: 'budget.finalAccounts',
      want: '960',
    },
    {
      name: '在职人员总数 = 在编 + 编外',
      figures: { staffing: { onPayroll: 36, supernumerary: 4 } },
      path: 'staffing.headcount',
      want: '40',
    },
    {
      name: '在职人员总数 with 0 编外',
      figures: { staffing: { onPayroll: 36, supernumerary: 0 } },
      path: 'staffing.headcount',
      want: '36',
    },
    {
      name: '在职人员总数 without 编外',
      figures: { staffing: { onPayroll: 36 } },
      path: 'staffing.headcount',
      want: undefined,
    },
    {
      name: '在职人员总数 without 在编',
      figures: { staffing: { supernumerary: 4 } },
      path: 'staffing.headcount',
      want: undefined,
    },
    { name: 'a plain figure', figures: { assets: { total: 500 } }, path: 'assets.total', want: '500' },
    { name: 'a top-level figure', figures: { satisfaction: '96%' }, path: 'satisfaction', want: '96' },
    { name: 'an absent group', figures: {}, path: 'procurement.actual', want: undefined },
  ];
for (const c of DERIVED) {
  test(`figure ${c.path}: ${c.name}`, () => {
    const v = figure(FiguresSchema.parse(c.figures), c.path);
    if (c.want === undefined) assert.equal(v, undefined);
    else {
      assert.ok(v, 'defined');
      assertDec(v, c.want, c.path);
    }
  });
}

test('budgetExecutionRate divides by the derived 全年预算数: 950 ÷ (800 + 40 + 10 + 150) = 95%', () => {
  const r = computeMetric(
    FiguresSchema.parse({
      budget: { initial: 800, adjustment: 40, otherAdjustment: 10, carryOver: 150, executed: 950 },
    }),
    'budgetExecutionRate',
  );
  assert.ok(r.ok);
  assertDec(r.value, 95);
});

test('supernumeraryRate divides by 在编 + 编外, not by 编制: 4 ÷ (36 + 4) = 10%', () => {
  const r = computeMetric(
    FiguresSchema.parse({ staffing: { authorized: 50, onPayroll: 36, supernumerary: 4 } }),
    'supernumeraryRate',
  );
  assert.ok(r.ok);
  assertDec(r.value, 10);
});

test('budgetFinalDifferenceRate is absolute: |760 − 800| ÷ 800 = 5%, and uses 执行数 when 决算数 is absent', () => {
  const below = computeMetric(
    FiguresSchema.parse({ budget: { initial: 800, finalAccounts: 760 } }),
    'budgetFinalDifferenceRate',
  );
  assert.ok(below.ok);
  assertDec(below.value, 5);
  const viaExecuted = computeMetric(
    FiguresSchema.parse({ budget: { initial: 800, executed: 950 } }),
    'budgetFinalDifferenceRate',
  );
  assert.ok(viaExecuted.ok);
  assertDec(viaExecuted.value, '18.75'); // 150 ÷ 800
});

// Figures as entered: printed numbers with separators and percent signs are read; nonsense is refused.
const FIGURE_INPUT: Array<{
  name: string;
  input: unknown;
  ok: boolean;
  check?: (f: Figures) => void;
  message?: RegExp;
  path?: string;
}> = [
  {
    name: 'thousands separator',
    input: { budget: { initial: '1,586.78' } },
    ok: true,
    check: (f) => assert.equal(f.budget?.initial, 1586.78),
  },
  {
    name: 'full-width comma',
    input: { budget: { initial: '1，586.78' } },
    ok: true,
    check: (f) => assert.equal(f.budget?.initial, 1586.78),
  },
  { name: 'percent sign', input: { satisfaction: '98%' }, ok: true, check: (f) => assert.equal(f.satisfaction, 98) },
  {
    name: 'quarterly progress',
    input: { budget: { quarterly: [20, 45, 75, '98%'] } },
    ok: true,
    check: (f) => assert.deepEqual(f.budget?.quarterly, [20, 45, 75, 98]),
  },
  {
    name: 'Chinese words for a number',
    input: { budget: { initial: '八百万' } },
    ok: false,
    message: /“八百万”不是数字，金额请填万元数/,
    path: 'budget.initial',
  },
  {
    name: 'negative staff count',
    input: { staffing: { actual: -1 } },
    ok: false,
    message: /不能为负数/,
    path: 'staffing.actual',
  },
  { name: 'unknown field', input: { budget: { inital: 800 } }, ok: false, path: 'budget' },
  { name: 'five quarters', input: { budget: { quarterly: [1, 2, 3, 4, 5] } }, ok: false, path: 'budget.quarterly' },
];
for (const c of FIGURE_INPUT) {
  test(`figures input: ${c.name} ${c.ok ? 'is read' : 'is refused'}`, () => {
    const r = FiguresSchema.safeParse(c.input);
    assert.equal(r.success, c.ok);
    if (r.success) c.check?.(r.data);
    else {
      const issue = r.error.issues[0]!;
      if (c.path) assert.equal(issue.path.join('.'), c.path);
      if (c.message) assert.match(issue.message, c.message);
    }
  });
}

test('quarterlyProgress needs all four quarters', () => {
  const four = quarterlyProgress(FiguresSchema.parse({ budget: { quarterly: [20, 45, 75, 98] } }));
  assert.deepEqual(
    four?.map((d) => d.toNumber()),
    [20, 45, 75, 98],
  );
  assert.equal(quarterlyProgress(FiguresSchema.parse({ budget: { quarterly: [20, 45, 75] } })), undefined);
  assert.equal(quarterlyProgress(FiguresSchema.parse({})), undefined);
});
