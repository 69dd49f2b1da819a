import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { D, dec } from '../../src/core/decimal.js';
import { allNodes, leaves } from '../../src/core/framework/model.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { EXAMPLES_DIR, findingsFor, indicator, scoreSeed } from '../helpers.js';

// seed 002 — 益阳市赫山区人民政府办公室 2021 (Hunan): the 财预〔2013〕53号 common framework with weights,
// 投入20 / 过程30 / 产出30 / 效果20. The table prints only the 自评分 column and “总分 93”; the report gives
// the 年初 budget and the staffing, and no execution data at all.
const STEM = '002_a0eb83d49e186f2c';
const r = scoreSeed(STEM);
const sum = (xs: Array<number | string>) => xs.reduce<InstanceType<typeof D>>((s, x) => s.plus(x), new D(0));

const LEAVES: Array<[string, number, number]> = [
  // [printed name, weight, printed 自评分]
  ['绩效目标合理性', 2, 2],
  ['绩效指标明确性', 3, 3],
  ['在职人员控制率', 5, 5],
  ['“三公经费”变动率', 5, 5],
  ['重点支出安排率', 5, 5],
  ['预算执行率', 4, 4],
  ['预算调整率', 2, 2],
  ['支付进度率', 2, 2],
  ['结转结余率', 2, 2],
  ['结转结余变动率', 2, 2],
  ['公用经费控制率', 2, 2],
  ['“三公经费”控制率', 2, 2],
  ['政府采购执行率', 4, 4],
  ['管理制度健全性', 2, 2],
  ['资金使用合规性', 1, 1],
  ['预决算信息公开性', 1, 1],
  ['基础信息完善性', 1, 1],
  ['管理制度健全性', 2, 2],
  ['资产管理安全性', 2, 2],
  ['固定资产利用率', 1, 1],
  ['实际完成率', 8, 7],
  ['完成及时率', 4, 3],
  ['质量达标率', 8, 7],
  ['重点工作办结率', 10, 9],
  ['经济效益', 5, 4],
  ['社会效益', 5, 4],
  ['生态效益', 5, 4],
  ['社会公众或服务对象满意度', 5, 5],
];

/** Quantitative indicators: the report gives no data for any of them except 在职人员控制率. */
const NO_DATA = [
  '“三公经费”变动率',
  '重点支出安排率',
  '预算执行率',
  '预算调整率',
  '支付进度率',
  '结转结余率',
  '结转结余变动率',
  '公用经费控制率',
  '“三公经费”控制率',
  '政府采购执行率',
  '固定资产利用率',
  '实际完成率',
  '完成及时率',
  '质量达标率',
  '重点工作办结率',
  '社会公众或服务对象满意度',
];

test('赫山: the tree loads — 投入20/过程30/产出30/效果20, the seven 二级 and 28 leaves as printed, weights add up', () => {
  const fw = r.framework;
  assert.equal(fw.id, 'yiyang-heshan-2021');
  assert.equal(fw.layout, 'heshan');
  assert.deepEqual(
    fw.roots.map((n) => [n.name, n.weight?.toNumber()]),
    [
      ['投入', 20],
      ['过程', 30],
      ['产出', 30],
      ['效果', 20],
    ],
  );
  const level2 = allNodes(fw.roots)
    .filter((n) => n.level === 2)
    .map((n) => [n.name, n.weight?.toNumber()]);
  assert.deepEqual(level2, [
    ['目标设定', 5],
    ['预算配置', 15],
    ['预算执行', 20],
    ['预算管理', 5],
    ['资产管理', 5],
    ['职责履行', 30],
    ['履职效益', 20],
  ]);
  const ls = leaves(fw.roots);
  assert.deepEqual(
    ls.map((n) => [n.name, n.weight?.toNumber()]),
    LEAVES.map(([n, w]) => [n, w]),
  );
  for (const n of allNodes(fw.roots).filter((x) => x.children.length)) {
    assert.ok(sum(n.children.map((c) => c.weight!.toString())).eq(n.weight!), `${n.name} children add up`);
  }
  assert.ok(sum(fw.roots.map((n) => n.weight!.toString())).eq(100));
  // The two leaves named 管理制度健全性 carry their own ids.
  const twins = ls.filter((n) => n.name === '管理制度健全性');
  assert.deepEqual(
    twins.map((n) => [n.id, n.path.join('/')]),
    [
      ['预算管理制度健全性', '过程/预算管理/管理制度健全性'],
      ['资产管理制度健全性', '过程/资产管理/管理制度健全性'],
    ],
  );
  // 评价要点 are checklists whose points add up to the weight; every leaf has a rule and the printed texts.
  for (const n of ls) {
    assert.ok(n.rule && n.explanation && n.standard, `${n.name} has rule, 指标解释 and 指标说明`);
    if (n.standard!.startsWith('评价要点')) assert.equal(n.rule.kind, 'checklist', n.name);
  }
  assert.equal(ls.filter((n) => n.rule?.kind === 'checklist').length, 8);
});

test('赫山: the printed 自评分 add up to the stated 93, and the table prints no subtotals', () => {
  for (const [name, , claimed] of LEAVES.filter(([n]) => n !== '管理制度健全性'))
    assert.equal(indicator(r, name).claimed, claimed, name);
  assert.equal(indicator(r, '预算管理制度健全性').claimed, 2);
  assert.equal(indicator(r, '资产管理制度健全性').claimed, 2);
  assert.ok(sum(LEAVES.map(([, , c]) => c)).eq(93));
  assert.equal(r.result.claimedTotal, 93);
  assert.equal(r.result.statedTotal, 93);
  assert.equal(r.evaluation.claimed?.subtotals, undefined);
  assert.equal(r.evaluation.claimed?.grade, undefined);
  assert.equal(
    r.result.findings.filter((f) =>
      ['total-mismatch', 'subtotal-mismatch', 'grade-mismatch', 'claimed-over-weight', 'weights'].includes(f.code),
    ).length,
    0,
  );
});

test('赫山: the report’s own figures — 基本支出 components add up, the listed project items do not reach 251.70', () => {
  const b = r.evaluation.figures.budget!;
  assert.equal(b.basic?.budget, 585.99);
  assert.equal(b.project?.budget, 251.7);
  // 工资福利支出485.78 + 商品和服务支出84.32 + 对个人和家庭的补助支出15.89 = 585.99
  assert.ok(sum(['485.78', '84.32', '15.89']).eq('585.99'));
  assert.match(
    r.evaluation.narrative!['二、一般公共预算支出情况']!,
    /工资福利支出485\.78万元、商品和服务支出84\.32万元、对个人和家庭的补助支出15\.89万元/,
  );
  // The 21 items listed after “其中” add up to 143.70万元, 108.00万元 short of the stated 251.70万元.
  const tasks = r.evaluation.tasks!;
  assert.equal(tasks.length, 21);
  const items = sum(tasks.map((t) => t.budget!));
  assert.ok(items.eq('143.7'), `items sum ${items.toString()}`);
  assert.ok(new D('251.70').minus(items).eq(108));
  // No 年初预算总数, 执行数 or 调整数 is printed, so none is entered.
  assert.equal(b.initial, undefined);
  assert.equal(b.executed, undefined);
  assert.equal(b.adjustment, undefined);
});

test('赫山: 在职人员控制率 69÷77 = 89.61%, printed as 90%: full marks, and the rounding is reported', () => {
  const s = r.evaluation.figures.staffing!;
  assert.deepEqual([s.authorized, s.actual], [77, 69]);
  const text = r.evaluation.narrative!['一、部门、单位基本情况']!;
  // 在职69 = 行政39 + 事业27 + 工勤3; 编制77 = 机关行政41 + 机关后勤事业5 + 信息和数据中心9 + 产业发展服务中心22
  const m = /编制77名，在职人数69人，行政编制(\d+)人，事业编制(\d+)人，机关工勤人员(\d+)人。在职人员控制率为90%/.exec(
    text,
  );
  assert.ok(m);
  assert.equal(Number(m[1]) + Number(m[2]) + Number(m[3]), 69);
  assert.match(text, /行政编制41名/);
  assert.match(text, /事业编制5名/);
  assert.match(text, /事业编制9名/);
  assert.match(text, /事业编制22名/);
  assert.equal(41 + 5 + 9 + 22, 77);
  const i = indicator(r, '在职人员控制率');
  assert.equal(i.score, 5);
  assert.equal(i.claimed, 5);
  assert.equal(i.missed, false);
  const f = findingsFor(r, '在职人员控制率');
  assert.deepEqual(
    f.map((x) => x.code),
    ['actual-vs-figures'],
  );
  assert.equal(f[0]!.expected, 89.61);
  assert.equal(f[0]!.stated, 90);
  assert.match(f[0]!.message, /69÷77×100%=89\.61%/);
});

test('赫山: every indicator without data is reported unverifiable, naming the missing data — never a score difference', () => {
  assert.equal(r.result.findings.filter((f) => f.code === 'claimed-differs').length, 0);
  const unverified = r.result.findings.filter((f) => f.code === 'missing-input');
  assert.deepEqual(unverified.map((f) => f.indicator).sort(), [...NO_DATA].sort());
  for (const f of unverified) {
    const i = indicator(r, f.indicator!);
    assert.ok(i.claimed! > 0);
    assert.equal(i.incomplete, true);
    assert.equal(i.verification, 'unverifiable');
    assert.equal(f.severity, 'warning', f.indicator);
    assert.equal(i.score, i.claimed, `${f.indicator}: the self-score is carried, 待核实`);
    assert.equal(i.ruleScore, undefined);
    assert.match(f.message, new RegExp(`自评得分${i.claimed}分待核实（暂按自评得分计）$`), f.indicator);
  }
  // The metric-backed ones also say which figures are missing.
  assert.match(findingsFor(r, '预算执行率', 'missing-input')[0]!.message, /预算执行数/);
  assert.match(findingsFor(r, '“三公经费”变动率', 'missing-input')[0]!.message, /上年“三公”经费预算数/);
  assert.match(findingsFor(r, '实际完成率', 'missing-input')[0]!.message, /计划工作数/);
  // 重点支出安排率 has no 指标值 in the table or in 53号: the missing target is reported too.
  assert.match(findingsFor(r, '重点支出安排率', 'missing-input')[0]!.message, /缺少指标值/);
  assert.equal(r.result.unscored.count, NO_DATA.length);
  assert.deepEqual(indicator(r, '预算执行率').missing, ['预算执行数', '全年预算数（调整后）']);
  assert.deepEqual(indicator(r, '重点支出安排率').missing.includes('指标值'), true);
});

test('赫山: indicators with full marks and data or judgment that support them are not flagged', () => {
  const flagged = new Set(r.result.findings.filter((f) => f.code === 'claimed-differs').map((f) => f.path!.join('/')));
  for (const name of [
    '绩效目标合理性',
    '绩效指标明确性',
    '在职人员控制率',
    '资金使用合规性',
    '预决算信息公开性',
    '基础信息完善性',
    '资产管理安全性',
  ]) {
    const i = indicator(r, name);
    assert.equal(i.score, i.claimed, name);
    assert.ok(!flagged.has(i.path.join('/')), name);
  }
  for (const id of ['预算管理制度健全性', '资产管理制度健全性']) {
    const i = indicator(r, id);
    assert.equal(i.score, 2);
    assert.ok(!flagged.has(i.path.join('/')));
  }
  // Judgment indicators (评价要点, 效益) keep the printed score as the judgment and say so (info only).
  for (const name of ['经济效益', '社会效益', '生态效益']) {
    assert.equal(indicator(r, name).score, 4);
    assert.deepEqual(
      findingsFor(r, name).map((f) => [f.code, f.severity]),
      [['judged-by-claim', 'info']],
    );
  }
  assert.equal(r.result.findings.filter((f) => f.code === 'judged-by-claim').length, 11);
  assert.equal(r.result.findings.filter((f) => f.code === 'missing-deviation-reason').length, 0);
});

test('赫山: 核定总分 93 优 as stated, with the points of the 16 indicators without data 待核实; strict total 31 差', () => {
  const open = NO_DATA.reduce((a, n) => a.plus(indicator(r, n).claimed!), dec(0)).toNumber();
  assert.equal(r.result.total, 93);
  assert.equal(r.result.grade, '优');
  assert.equal(r.result.strictTotal, dec(93).minus(open).toNumber());
  assert.equal(r.result.strictTotal, 31);
  assert.equal(r.result.strictGrade, '差');
  assert.deepEqual([r.result.unverifiable.count, r.result.unverifiable.points], [NO_DATA.length, open]);
  assert.equal(r.result.gradeMayChange, true);
  assert.equal(r.result.findings.filter((x) => x.code === 'total-differs').length, 0);
  assert.equal(r.result.findings.filter((x) => x.code === 'unverifiable').length, 1);
  // strict 31 = 目标设定5 + 在职人员控制率5 + 预算管理5 + 资产管理两项4 + 三项效益12
  const by = (name: string) => r.result.nodes.find((n) => n.name === name)!;
  const l1 = ['投入', '过程', '产出', '效果'];
  assert.deepEqual(
    l1.map((n) => by(n).strictScore),
    [10, 9, 0, 12],
  );
  assert.deepEqual(
    l1.map((n) => by(n).score),
    l1.map((n) => by(n).claimed),
  );
  assert.deepEqual([by('投入').claimed, by('过程').claimed, by('产出').claimed, by('效果').claimed], [20, 30, 26, 17]);
});

test('赫山: score --json keeps the printed names, the ids of the twin 管理制度健全性, and both numbers per finding', () => {
  const cli = path.join(PACKAGE_ROOT, 'src', 'cli', 'main.ts');
  const out = spawnSync(
    process.execPath,
    ['--import', 'tsx', cli, 'score', path.join(EXAMPLES_DIR, `${STEM}.yaml`), '--json'],
    { cwd: PACKAGE_ROOT, encoding: 'utf8' },
  );
  assert.equal(out.status, 0, out.stderr);
  const j = JSON.parse(out.stdout);
  assert.deepEqual(Object.keys(j), [
    'unit',
    'year',
    'framework',
    'total',
    'grade',
    'strictTotal',
    'strictGrade',
    'gradeMayChange',
    'headline',
    'unverifiable',
    'claimedTotal',
    'statedTotal',
    'statedGrade',
    'unscored',
    'indicators',
    'subtotals',
    'findings',
  ]);
  assert.equal(j.unit, '益阳市赫山区人民政府办公室');
  assert.equal(j.framework.id, 'yiyang-heshan-2021');
  assert.deepEqual([j.total, j.grade, j.claimedTotal, j.statedTotal, j.statedGrade], [93, '优', 93, 93, null]);
  assert.deepEqual([j.strictTotal, j.strictGrade, j.unverifiable.count], [31, '差', NO_DATA.length]);
  assert.equal(j.headline, `核定总分 93.00分（优）；待核实 62.00分（16项），可能影响等级；严格口径 31.00分`);
  assert.deepEqual(
    j.indicators.map((i: { name: string }) => i.name),
    LEAVES.map(([n]) => n),
  );
  assert.deepEqual(Object.keys(j.indicators[0]), [
    'id',
    'name',
    'path',
    'weight',
    'score',
    'ruleScore',
    'claimed',
    'verification',
    'kind',
    'missing',
    'adjustment',
    'explanation',
    'incomplete',
  ]);
  assert.deepEqual(
    j.indicators.filter((i: { name: string }) => i.name === '管理制度健全性').map((i: { id: string }) => i.id),
    ['预算管理制度健全性', '资产管理制度健全性'],
  );
  assert.deepEqual(
    j.subtotals.map((s: { name: string }) => s.name),
    [
      '投入',
      '目标设定',
      '预算配置',
      '过程',
      '预算执行',
      '预算管理',
      '资产管理',
      '产出',
      '职责履行',
      '效果',
      '履职效益',
    ],
  );
  assert.deepEqual(Object.keys(j.findings[0]), ['severity', 'indicator', 'message', 'code', 'expected', 'stated']);
  const f = j.findings.find(
    (x: { code: string; indicator: string }) => x.code === 'missing-input' && x.indicator === '重点工作办结率',
  );
  assert.match(f.message, /自评得分9分待核实/);
  const w = j.findings.find(
    (x: { code: string; indicator: string }) => x.code === 'actual-vs-figures' && x.indicator === '在职人员控制率',
  );
  assert.deepEqual([w.expected, w.stated], [89.61, 90]);
});
