import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { dec, fmt } from '../../src/core/decimal.js';
import { leaves } from '../../src/core/framework/model.js';
import { computeMetric, figure } from '../../src/core/metrics.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { EXAMPLES_DIR, findingsFor, indicator, scoreSeed } from '../helpers.js';

// seed 001 — 晋中市人大常委会办公室 2021: 53号-based table, 参考分值 = 设定分值, printed 97.80 优.
const STEM = '001_8c0df9642cd3f24a';
const r = scoreSeed(STEM);

/** The 26 三级 indicators, names exactly as the table prints them (truncated cells included). */
const PRINTED = [
  ['工作规划合理', 3, 3],
  ['工作目标明确', 3, 3],
  ['在职人员控制', 3, 3],
  ['“三公经费”', 3, 3],
  ['重点支出安排', 4, 4],
  ['预算完成率', 3, 3],
  ['预算调整率', 3, 3],
  ['支付进度', 4, 4],
  ['结转结余率', 3, 2.8],
  ['公用经费控制', 2, 2],
  ['“三公经费”', 2, 2],
  ['政府采购执行', 3, 3],
  ['财务管理制度', 3, 3],
  ['资金使用合规', 3, 3],
  ['预决算信息公', 3, 3],
  ['基础信息完善', 3, 3],
  ['资产管理制度', 3, 3],
  ['资产管理安全', 3, 3],
  ['固定资产利用', 4, 3],
  ['完成实绩情况', 8, 8],
  ['质量达标情况', 8, 8],
  ['重点工作完成', 6, 6],
  ['经济效益', 5, 4],
  ['社会效益', 5, 5],
  ['生态效益', 5, 5],
  ['社会公众或服', 5, 5],
] as const;

/** Indicators the rules cannot score as printed: the report gives no value (or no threshold) for them. */
const UNSCORABLE: Record<string, { stated: number; missing: string }> = {
  三公经费变动率: { stated: 3, missing: '实际完成值' },
  重点支出安排: { stated: 4, missing: '实际完成值' },
  结转结余率: { stated: 2.8, missing: '指标值' },
  公用经费控制: { stated: 2, missing: '实际完成值' },
  三公经费控制率: { stated: 2, missing: '实际完成值' },
  政府采购执行: { stated: 3, missing: '实际完成值' },
  固定资产利用: { stated: 3, missing: '实际完成值' },
  完成实绩情况: { stated: 8, missing: '实际完成值' },
  质量达标情况: { stated: 8, missing: '实际完成值' },
  重点工作完成: { stated: 6, missing: '实际完成值' },
  社会公众或服: { stated: 5, missing: '指标值' },
};

const byId = (id: string) => indicator(r, id);
const pathOf = (id: string) => byId(id).path.join('/');

test('晋中: the tree loads as printed — 一级 16/42/22/20, 26 leaves, 参考分值 = 设定分值, weights add up', () => {
  const fw = r.framework;
  assert.equal(fw.id, 'jinzhong-2021');
  assert.equal(fw.layout, 'jinzhong');
  assert.equal(fw.decimals, 2);
  assert.deepEqual(
    fw.roots.map((n) => [n.name, Number(n.weight), Number(n.referenceWeight)]),
    [
      ['投入', 16, 16],
      ['过程', 42, 42],
      ['产出', 22, 22],
      ['效果', 20, 20],
    ],
  );
  assert.deepEqual(
    fw.roots.map((n) => n.children.map((c) => `${c.name}${Number(c.weight)}`)),
    [['工作目标设定6', '预算配置10'], ['预算执行20', '预算管理12', '资产管理10'], ['职责履行22'], ['履职效益20']],
  );
  const ls = leaves(fw.roots);
  assert.deepEqual(
    ls.map((l) => [l.name, Number(l.weight)]),
    PRINTED.map(([n, w]) => [n, w]),
  );
  for (const l of ls)
    assert.ok(l.referenceWeight?.eq(l.weight!), `${l.name}: 参考分值 ${l.referenceWeight} ≠ 设定分值 ${l.weight}`);
  assert.equal(
    ls.reduce((s, l) => s + Number(l.weight), 0),
    100,
  );
  assert.equal(r.result.findings.filter((f) => f.code === 'weights').length, 0);
});

test('晋中: truncated names keep the printed text; the two “三公经费” rows have their own ids and full names', () => {
  const ls = leaves(r.framework.roots);
  const full = (name: string) => ls.filter((l) => l.name === name).map((l) => [l.id, l.fullName]);
  assert.deepEqual(full('“三公经费”'), [
    ['三公经费变动率', '“三公经费”变动率'],
    ['三公经费控制率', '“三公经费”控制率'],
  ]);
  assert.deepEqual(full('在职人员控制'), [['在职人员控制', '在职人员控制率']]);
  assert.deepEqual(full('预决算信息公'), [['预决算信息公', '预决算信息公开性']]);
  assert.deepEqual(full('社会公众或服'), [['社会公众或服', '社会公众或服务对象满意度']]);
  assert.equal(pathOf('三公经费变动率'), '投入/预算配置/“三公经费”');
  assert.equal(pathOf('三公经费控制率'), '过程/预算执行/“三公经费”');
});

test('晋中: printed scores add up to the stated 97.80 优, subtotals 16 / 40.80 / 22 / 19', () => {
  assert.equal(r.result.claimedTotal, 97.8);
  assert.equal(r.result.statedTotal, 97.8);
  assert.equal(r.result.statedGrade, '优');
  assert.deepEqual(
    r.result.indicators.map((i) => [i.name, i.claimed]),
    PRINTED.map(([n, , c]) => [n, c]),
  );
  const sub = (name: string) => r.result.nodes.find((n) => n.name === name && n.level === 1)!.claimed;
  assert.deepEqual(['投入', '过程', '产出', '效果'].map(sub), [16, 40.8, 22, 19]);
  assert.equal(
    r.result.findings.filter((f) =>
      ['total-mismatch', 'subtotal-mismatch', 'grade-mismatch', 'claimed-over-weight'].includes(f.code),
    ).length,
    0,
  );
});

test('晋中: figures — 全年预算 20.73+1540.30+40.81+0 = 1601.84; 1601.84−1586.78 = 15.06 年末结余', () => {
  const f = r.evaluation.figures;
  const total = figure(f, 'budget.total')!;
  assert.ok(total.eq('1601.84'), total.toString());
  assert.equal(f.budget?.executed, 1586.78); // printed “1,586.78”
  const left = total.minus(f.budget!.executed!);
  assert.ok(left.eq('15.06'), left.toString());
  assert.ok(left.eq(f.budget!.balance!));
  // The report's own breakdown: 基本支出 902.01 + 项目支出 638.29 = 1540.30 (年初预算), not the 决算 1586.78.
  const parts = dec(f.budget!.basic!.executed!).plus(f.budget!.project!.executed!);
  assert.ok(parts.eq(f.budget!.initial!), parts.toString());
  assert.ok(!parts.eq(f.budget!.finalAccounts!));
  assert.deepEqual([f.staffing?.authorized, f.staffing?.actual], [61, 57]); // 行政 51+事业 10；在职 49+8
});

test('晋中: each metric the report’s figures allow is computed from them', () => {
  const f = r.evaluation.figures;
  const m = (id: Parameters<typeof computeMetric>[1]) => {
    const x = computeMetric(f, id);
    assert.ok(x.ok, id);
    return x;
  };
  const exec = m('budgetExecutionRate');
  assert.equal(fmt(exec.value), '99.06');
  assert.match(exec.explanation, /1586\.78÷1601\.84/);
  const adj = m('budgetAdjustmentRate');
  assert.equal(fmt(adj.value), '2.65');
  assert.match(adj.explanation, /40\.81÷1540\.30/);
  const co = m('carryOverRate');
  assert.equal(fmt(co.value), '0.94');
  assert.match(co.explanation, /15\.06÷1601\.84/);
  const staff = m('staffControlRate');
  assert.equal(fmt(staff.value), '93.44');
  assert.match(staff.explanation, /57÷61/);
  for (const id of [
    'threePublicControlRate',
    'publicFundsControlRate',
    'procurementExecutionRate',
    'fixedAssetUtilization',
    'satisfaction',
  ] as const) {
    assert.equal(computeMetric(f, id).ok, false, `${id}: the report prints no figures for it`);
  }
});

test('晋中: indicators with figures score full and agree with the printed score', () => {
  assert.equal(byId('预算完成率').score, 3);
  assert.match(byId('预算完成率').explanation, /99\.06%.*≥95%/);
  assert.equal(byId('预算调整率').score, 3);
  assert.match(byId('预算调整率').explanation, /2\.65%.*0-10%之间/);
  assert.equal(byId('在职人员控制').score, 3);
  assert.match(byId('在职人员控制').explanation, /93\.44%.*≤100%/);
  for (const id of ['预算完成率', '预算调整率', '在职人员控制'])
    assert.equal(findingsFor(r, byId(id).name).length, 0, id);
});

test('晋中: 结转结余率 — printed “0.99…” disagrees with 15.06÷1601.84 = 0.94%; no threshold printed, so 0 ≠ 2.80', () => {
  const avf = r.result.findings.filter((f) => f.code === 'actual-vs-figures');
  assert.equal(avf.length, 1);
  assert.equal(avf[0]!.indicator, '结转结余率');
  assert.equal(avf[0]!.expected, 0.94);
  assert.equal(avf[0]!.stated, 0.99);
  const i = byId('结转结余率');
  // 待核实: no rule score; the printed 2.80 is carried, marked unverifiable.
  assert.equal(i.ruleScore, undefined);
  assert.equal(i.verification, 'unverifiable');
  assert.equal(i.score, i.claimed);
  assert.equal(i.claimed, 2.8);
  assert.deepEqual(i.missing, ['指标值']);
  assert.match(i.explanation, /缺少指标值.*待核实，暂按自评得分2\.8分计/);
});

test('晋中: every printed score the report gives no data for is reported unverifiable, naming what is missing — not as a score difference', () => {
  assert.equal(r.result.findings.filter((f) => f.code === 'claimed-differs').length, 0);
  const unverified = r.result.findings.filter((f) => f.code === 'missing-input');
  assert.deepEqual(unverified.map((f) => f.path!.join('/')).sort(), Object.keys(UNSCORABLE).map(pathOf).sort());
  for (const [id, { stated, missing }] of Object.entries(UNSCORABLE)) {
    const f = unverified.find((x) => x.path!.join('/') === pathOf(id))!;
    // Missing data in a published report is 待核实 — a warning, not an error.
    assert.equal(f.severity, 'warning', id);
    assert.match(f.message, new RegExp(`^缺少${missing}.*自评得分${stated}分待核实（暂按自评得分计）$`), id);
    assert.equal(byId(id).incomplete, true, id);
    assert.equal(byId(id).verification, 'unverifiable', id);
    assert.equal(byId(id).score, stated, id);
    assert.ok(byId(id).missing.length > 0, id);
  }
  // 固定资产利用 3.00 of 4: the report gives no asset figures, so the rule cannot give 3 either.
  assert.match(unverified.find((f) => f.indicator === '固定资产利用')!.message, /固定资产总额.*自评得分3分待核实/);
  assert.deepEqual(byId('固定资产利用').missing, ['在用固定资产总额', '固定资产总额']);
  assert.deepEqual(r.result.unscored, { count: Object.keys(UNSCORABLE).length, claimed: 46.8 });
  assert.deepEqual(
    r.result.unverifiable.indicators.map((u) => [u.path.join('/'), u.claimed]).sort(),
    Object.entries(UNSCORABLE)
      .map(([id, u]) => [pathOf(id), u.stated])
      .sort(),
  );
});

test('晋中: no false alarms — judgment indicators keep the printed score (经济效益 4.00 of 5 is 达成) with an info note', () => {
  const e = byId('经济效益');
  assert.equal(e.score, 4);
  assert.deepEqual(
    findingsFor(r, '经济效益').map((f) => [f.severity, f.code]),
    [['info', 'judged-by-claim']],
  );
  for (const id of [
    '工作规划合理',
    '工作目标明确',
    '支付进度',
    '财务管理制度',
    '资金使用合规',
    '预决算信息公',
    '基础信息完善',
    '资产管理制度',
    '资产管理安全',
    '社会效益',
    '生态效益',
  ]) {
    assert.equal(byId(id).score, byId(id).claimed, id);
    assert.deepEqual(
      findingsFor(r, id).map((f) => f.code),
      ['judged-by-claim'],
      id,
    );
  }
  assert.equal(r.result.findings.filter((f) => f.code === 'missing-deviation-reason').length, 0);
});

test('晋中: 核定总分 97.80 优 with 46.80 points 待核实; the strict total (待核实 as 0) is 51.00 差', () => {
  const gap = Object.values(UNSCORABLE).reduce((s, x) => s + x.stated * 100, 0) / 100;
  assert.equal(gap, 46.8);
  // Every other indicator is verified at the printed score, so 核定 = printed, strict = printed − gap.
  assert.equal(r.result.total, 97.8);
  assert.equal(r.result.grade, '优');
  assert.equal(r.result.strictTotal, dec(97.8).minus(gap).toNumber());
  assert.equal(r.result.strictTotal, 51);
  assert.equal(r.result.strictGrade, '差');
  assert.equal(r.result.gradeMayChange, true);
  assert.deepEqual([r.result.unverifiable.count, r.result.unverifiable.points], [Object.keys(UNSCORABLE).length, gap]);
  // The total agrees with the printed one: no total-differs, no grade-differs — but one 待核实 warning.
  assert.equal(r.result.findings.filter((f) => f.code === 'total-differs').length, 0);
  assert.equal(r.result.findings.filter((f) => f.code === 'grade-differs').length, 0);
  const u = r.result.findings.filter((f) => f.code === 'unverifiable');
  assert.equal(u.length, 1);
  assert.equal(u[0]!.severity, 'warning');
  assert.match(
    u[0]!.message,
    /^11项指标缺少计分数据，自评得分合计46\.80分待核实.*严格口径（待核实按0分计）51\.00分，可能影响等级$/,
  );
  const level1 = r.result.nodes.filter((n) => n.level === 1).map((n) => [n.name, n.score, n.strictScore]);
  assert.deepEqual(level1, [
    ['投入', 16, 9],
    ['过程', 40.8, 28],
    ['产出', 22, 0],
    ['效果', 19, 14],
  ]);
});

test('晋中: score --json names the indicators exactly as printed, with ids for the two “三公经费” rows', () => {
  const cli = path.join(PACKAGE_ROOT, 'src', 'cli', 'main.ts');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', cli, 'score', path.join(EXAMPLES_DIR, `${STEM}.yaml`), '--json'],
    { cwd: PACKAGE_ROOT, encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.equal(out.unit, '晋中市人民代表大会常务委员会办公室');
  assert.deepEqual(
    [out.total, out.grade, out.claimedTotal, out.statedTotal, out.statedGrade],
    [97.8, '优', 97.8, 97.8, '优'],
  );
  assert.deepEqual([out.strictTotal, out.strictGrade, out.gradeMayChange], [51, '差', true]);
  assert.equal(out.headline, '核定总分 97.80分（优）；待核实 46.80分（11项），可能影响等级；严格口径 51.00分');
  assert.deepEqual([out.unverifiable.count, out.unverifiable.points], [11, 46.8]);
  assert.deepEqual(out.unverifiable.indicators[0], {
    path: ['投入', '预算配置', '“三公经费”'],
    name: '“三公经费”',
    claimed: 3,
    missing: ['“三公”经费预算数', '上年“三公”经费预算数'],
  });
  assert.deepEqual(
    out.indicators.map((i: { name: string }) => i.name),
    PRINTED.map(([n]) => n),
  );
  assert.deepEqual(
    out.indicators
      .filter((i: { name: string }) => i.name === '“三公经费”')
      .map((i: { id: string; path: string[] }) => [i.id, i.path.join('/')]),
    [
      ['三公经费变动率', '投入/预算配置/“三公经费”'],
      ['三公经费控制率', '过程/预算执行/“三公经费”'],
    ],
  );
  assert.deepEqual(Object.keys(out.findings[0]).sort(), [
    'code',
    'expected',
    'indicator',
    'message',
    'severity',
    'stated',
  ]);
  assert.deepEqual(
    out.subtotals
      .filter((s: { level: number }) => s.level === 1)
      .map((s: { name: string; claimed: number }) => [s.name, s.claimed]),
    [
      ['投入', 16],
      ['过程', 40.8],
      ['产出', 22],
      ['效果', 19],
    ],
  );
});
