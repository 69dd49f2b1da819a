import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { walk } from '../../src/core/framework/model.js';
import { computeMetric } from '../../src/core/metrics.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { EXAMPLES_DIR, findingsFor, indicator, scoreSeed, SEEDS_DIR } from '../helpers.js';

// seed 003 — 深圳市龙华区人民政府办公室 2021: 共性指标体系框架（2019 年修订）, scored by the 2021 自评表's standards.
const STEM = '003_a5aa38cac94662cb';
const r = scoreSeed(STEM);
const source = readFileSync(path.join(SEEDS_DIR, `${STEM}.txt`), 'utf8');
const flat = source.replace(/\n/g, '');
const fig = r.evaluation.figures;
const round2 = (x: number) => Math.round(x * 100) / 100;

const LEAVES = [
  '预算编制合理性',
  '预算编制规范性',
  '绩效目标完整性',
  '绩效指标明确性',
  '政府采购执行率',
  '财务合规性',
  '预决算信息公开',
  '项目实施程序',
  '项目监管',
  '资产管理安全性',
  '固定资产利用率',
  '财政供养人员控制率',
  '编外人员控制率',
  '管理制度健全性',
  '公用经费控制率',
  '预算执行率',
  '重点工作完成情况',
  '项目完成及时性',
  '社会效益、经济效益、生态效益及可持续影响等',
  '群众信访办理情况',
  '公众或服务对象满意度',
];
// 自评表“自评得分” column, in order.
const PRINTED = [5, 5, 8, 7, 2, 3, 3, 2, 2, 2, 1, 1, 0, 3, 5, 6, 8, 6, 20, 3, 6];

test('龙华: tree 部门决策25 / 部门管理20 / 部门绩效55, every level adds up, 参考分值 = 分值', () => {
  const lvl1 = r.result.nodes.filter((n) => n.level === 1).map((n) => [n.name, n.weight]);
  assert.deepEqual(lvl1, [
    ['部门决策', 25],
    ['部门管理', 20],
    ['部门绩效', 55],
  ]);
  assert.equal(
    lvl1.reduce((s, [, w]) => s + (w as number), 0),
    100,
  );
  const lvl2 = r.result.nodes.filter((n) => n.level === 2).map((n) => `${n.name}${n.weight}`);
  assert.deepEqual(lvl2, [
    '预算编制10',
    '目标设置15',
    '资金管理8',
    '项目管理4',
    '资产管理3',
    '人员管理2',
    '制度管理3',
    '经济性6',
    '效率性20',
    '效果性20',
    '公平性9',
  ]);
  assert.deepEqual(
    r.result.indicators.map((i) => i.name),
    LEAVES,
  );
  assert.equal(r.result.findings.filter((f) => f.code === 'weights').length, 0);
  walk(r.framework.roots, (n) => assert.ok(n.referenceWeight?.eq(n.weight!), n.name));
  assert.equal(r.framework.year, 2019);
  assert.equal(r.framework.layout, 'longhua');
});

test('龙华: every 指标说明 and 参考评分标准 is verbatim from the report; standards are the 自评表 version', () => {
  walk(r.framework.roots, (n) => {
    if (n.standard) assert.ok(source.includes(n.standard), `standard of ${n.name}`);
    if (n.explanation && n.name !== '公用经费控制率')
      assert.ok(source.includes(n.explanation), `explanation of ${n.name}`);
  });
  // 公用经费控制率's 指标说明 breaks across a page of the 2019 table: the two pieces, joined.
  const [a, b] = [
    '部门(单位)本年度实际支出的公用经费总额与预算安排的公用经费总额的比率,用以反映和考核部门(单位)对机构运转成本',
    '的实际控制程度。',
  ];
  assert.ok(source.includes(a) && source.includes(b));
  const node = r.framework.roots[2]!.children[0]!.children[0]!;
  assert.equal(node.name, '公用经费控制率');
  assert.equal(node.explanation, a + b);
  const proc = r.framework.roots[1]!.children[0]!.children[0]!;
  assert.equal(proc.name, '政府采购执行率');
  assert.match(proc.standard!, /政府采购执行率×2分/);
  assert.deepEqual(proc.rule, { kind: 'rate', zeroAbove: 100 });
});

test('龙华: claimed = every printed 自评得分; no total row printed, so no stated total; the sum is 98', () => {
  assert.deepEqual(
    r.result.indicators.map((i) => i.claimed),
    PRINTED,
  );
  assert.equal(r.result.claimedTotal, 98);
  assert.equal(r.result.statedTotal, undefined);
  assert.equal(r.result.findings.filter((f) => /^total-|^grade-|^subtotal-/.test(f.code)).length, 0);
});

test('龙华: 预算执行率 by hand — quarters capped at 1, average × 2 = 5.96, not the printed 6', () => {
  assert.deepEqual(fig.budget?.quarterly, [26.1, 50.6, 73.6, 99.45]);
  const rates = [26.1 / 25, 50.6 / 50, 73.6 / 75, 99.45 / 100].map((x) => Math.min(x, 1));
  assert.deepEqual(rates.slice(0, 2), [1, 1]); // 104.4 % and 101.2 % of 序时进度, capped
  const quarters = rates.reduce((s, x) => s + x, 0);
  const byHand = quarters + (quarters / 4) * 2;
  assert.equal(round2(byHand), 5.96);
  // Even reading the average from the uncapped rates, 6 is not reached (5.99).
  const raw = [26.1 / 25, 50.6 / 50, 73.6 / 75, 99.45 / 100].reduce((s, x) => s + x, 0);
  assert.equal(round2(quarters + (raw / 4) * 2), 5.99);
  const i = indicator(r, '预算执行率');
  assert.equal(i.score, 5.96);
  assert.equal(i.claimed, 6);
  const f = findingsFor(r, '预算执行率', 'claimed-differs');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.expected, 5.96);
  assert.equal(f[0]!.stated, 6);
  assert.match(f[0]!.message, /三季度73\.6%÷75%=98\.13%/);
  // The report says only “与序时进度基本匹配”: no analysis of the shortfall.
  assert.equal(findingsFor(r, '预算执行率', 'missing-deviation-reason').length, 1);
});

test('龙华: 公用经费控制率 — “三公” 8.7÷12.4 = 70.16% → 3, 日常 166.35÷168.51 = 98.72% → 2, 5 as printed', () => {
  assert.equal(round2((8.7 / 12.4) * 100), 70.16);
  assert.equal(round2((166.35 / 168.51) * 100), 98.72);
  const i = indicator(r, '公用经费控制率');
  assert.equal(i.score, 5);
  assert.equal(i.claimed, 5);
  assert.match(i.explanation, /70\.16%，属“<90%”档，得3分/);
  assert.match(i.explanation, /98\.72%，属“90%≤x≤100%”档，得2分/);
  assert.equal(findingsFor(r, '公用经费控制率').length, 0);
});

test('龙华: 人员管理 — 编外 53÷(70+53) = 43.09% → 0 as printed; 财政供养 70÷83 = 84.34% → 1', () => {
  assert.equal(fig.staffing?.onPayroll, 54 + 16);
  assert.equal(fig.staffing?.authorized, 62 + 21);
  assert.equal(round2((53 / (70 + 53)) * 100), 43.09);
  const sup = indicator(r, '编外人员控制率');
  assert.equal(sup.score, 0);
  assert.equal(sup.claimed, 0);
  assert.equal(findingsFor(r, '编外人员控制率').length, 0); // the report's own 存在问题 (2) is the 偏差原因
  const funded = indicator(r, '财政供养人员控制率');
  assert.equal(funded.score, 1);
  assert.match(funded.explanation, /70÷83×100%=84\.34%/);
  assert.equal(findingsFor(r, '财政供养人员控制率').length, 0);
});

test('龙华: 满意度 — 综合评分 88.28 falls in 80%≤x<90% → 2, the printed 6 needs ≥95%', () => {
  assert.equal(fig.satisfaction, 88.28);
  assert.ok(source.includes('我办综合评分 88.28 分'));
  const i = indicator(r, '公众或服务对象满意度');
  assert.equal(i.score, 2);
  const f = findingsFor(r, '公众或服务对象满意度', 'claimed-differs');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.expected, 2);
  assert.equal(f[0]!.stated, 6);
});

test('龙华: the narrative’s printed rates are the rates its own figures give', () => {
  const printed: Array<[RegExp, Parameters<typeof computeMetric>[1]]> = [
    [/“三公”经费控制率为 ([\d.]+)%/, 'threePublicControlRate'],
    [/日常公用经费控制率 ([\d.]+)%/, 'publicFundsControlRate'],
    [/编外人员控制率为 ([\d.]+)%/, 'supernumeraryRate'],
    [/政府采购执行率为 ([\d.]+)%/, 'procurementExecutionRate'],
    [/固定资产利用率为 ([\d.]+)%/, 'fixedAssetUtilization'],
  ];
  const got = printed.map(([re, id]) => {
    const m = computeMetric(fig, id);
    assert.ok(m.ok, id);
    return [Number(flat.match(re)![1]), m.ok ? Number(m.value.toFixed(2)) : NaN];
  });
  assert.deepEqual(
    got.map(([p]) => p),
    [70.16, 98.72, 43.09, 100, 100],
  );
  for (const [p, c] of got) assert.equal(c, p);
  // 货物 + 服务 = 实际政府采购支出总额 = 计划金额
  assert.equal(round2(232.64 + 427.34), fig.procurement?.actual);
  assert.equal(fig.procurement?.actual, fig.procurement?.budget);
  // The entered 实际完成值 agree with the figures: no actual-vs-figures warning anywhere.
  assert.equal(r.result.findings.filter((f) => f.code === 'actual-vs-figures').length, 0);
});

test('龙华: recomputed 93.96 优 vs the claimed 98; only 预算执行率 and 满意度 are flagged, nothing that adds up', () => {
  assert.equal(r.result.total, 93.96);
  assert.equal(r.result.grade, '优');
  const differs = r.result.findings.filter((f) => f.code === 'claimed-differs').map((f) => f.indicator);
  assert.deepEqual(differs.sort(), ['公众或服务对象满意度', '预算执行率']);
  assert.equal(r.result.findings.filter((f) => f.severity === 'error').length, 0);
  const warned = new Set(r.result.findings.filter((f) => f.severity === 'warning').map((f) => f.indicator));
  assert.deepEqual([...warned].sort(), ['公众或服务对象满意度', '预算执行率']);
  for (const name of [
    '政府采购执行率',
    '固定资产利用率',
    '项目完成及时性',
    '预决算信息公开',
    '公用经费控制率',
    '编外人员控制率',
    '财政供养人员控制率',
  ]) {
    assert.equal(findingsFor(r, name).length, 0, name);
  }
  // Judgment rules without item-by-item entries: the printed score stands, said once as info.
  assert.ok(r.result.findings.filter((f) => f.code === 'judged-by-claim').every((f) => f.severity === 'info'));
  assert.equal(indicator(r, '社会效益、经济效益、生态效益及可持续影响等').score, 20);
});

test('龙华: the narrative keeps the report’s sections as written', () => {
  const n = r.evaluation.narrative!;
  assert.ok(
    Object.keys(n).includes(
      '三、总体评价和整改措施 / （二）部门整体支出绩效存在问题及改进措施 / 1. 存在问题及改进措施',
    ),
  );
  for (const [k, v] of Object.entries(n)) {
    for (const p of v.split('\n')) assert.ok(flat.includes(p), `${k}: ${p.slice(0, 30)}`);
  }
});

test('龙华: score --json carries the indicator names as printed', () => {
  const cli = path.join(PACKAGE_ROOT, 'src', 'cli', 'main.ts');
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', cli, 'score', path.join(EXAMPLES_DIR, `${STEM}.yaml`), '--json'],
    { cwd: PACKAGE_ROOT, encoding: 'utf8' },
  );
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout);
  assert.equal(out.framework.id, 'shenzhen-longhua-2019');
  assert.equal(out.total, 93.96);
  assert.equal(out.grade, '优');
  assert.equal(out.claimedTotal, 98);
  assert.equal(out.statedTotal, null);
  assert.deepEqual(
    out.indicators.map((i: { name: string }) => i.name),
    LEAVES,
  );
  assert.deepEqual(
    out.indicators.map((i: { claimed: number }) => i.claimed),
    PRINTED,
  );
  const q = out.indicators.find((i: { name: string }) => i.name === '预算执行率');
  assert.deepEqual([q.weight, q.score, q.claimed], [6, 5.96, 6]);
  assert.ok(
    out.findings.some(
      (f: { indicator: string; code: string }) =>
        f.indicator === '公众或服务对象满意度' && f.code === 'claimed-differs',
    ),
  );
});
