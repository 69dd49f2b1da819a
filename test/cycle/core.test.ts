// The cycle's pure domain: target checks, review and approval, monitoring against 序时进度, inflation signals, 整改, 结果应用.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import {
  adjustTargets,
  applyResults,
  approveTargets,
  carriedOver,
  checkMonitoring,
  checkTargets,
  cycleSignals,
  DEFAULT_RESULT_RULES,
  isOverdue,
  MonitoringReportSchema,
  problemsFromNarrative,
  rectificationIssues,
  RectificationItemSchema,
  rectificationItems,
  resultsCsv,
  reviewOutcome,
  TargetReviewSchema,
  TargetSetSchema,
  targetTransition,
  type MonitoringReport,
  type TargetSet,
} from '../../src/core/cycle/index.js';
import { InputError, parseWith } from '../../src/core/input.js';
import { scoreFile } from '../../src/load/evaluations.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';

const ex = (f: string) => path.join(PACKAGE_ROOT, 'examples', f);
const load = <T>(schema: Parameters<typeof parseWith>[0], f: string): T =>
  parseWith(schema, readFileSync(ex(f), 'utf8'), f).value as T;
const TARGETS = () => load<TargetSet>(TargetSetSchema, 'cycle/targets-2021.yaml');
const JUNE = () => load<MonitoringReport>(MonitoringReportSchema, 'cycle/monitoring-2021-06.yaml');
const SEPT = () => load<MonitoringReport>(MonitoringReportSchema, 'cycle/monitoring-2021-09.yaml');
const codes = (fs: Array<{ code: string }>) => fs.map((f) => f.code).sort();

test('the example target set parses (Chinese labels → keys) and only its qualitative 指标值 is flagged', () => {
  const t = TARGETS();
  assert.equal(t.indicators[0]!.source, 'plan');
  assert.equal(t.indicators[4]!.source, 'industry');
  const f = checkTargets(t);
  assert.deepEqual(codes(f), ['target-no-number']);
  assert.equal(f[0]!.indicator, '区人大代表履职活动正常运转情况');
  assert.deepEqual(f[0]!.path, ['indicators', 3, 'target']);
});

test('quality checks: no number, no unit, weaker than last year, missing, duplicate, sums, decimals', () => {
  const t = structuredClone(TARGETS());
  t.tasks[1]!.budget = 80;
  t.budget.structure = { basic: 676.78, project: 150 };
  t.indicators.push(
    { name: '代表建议办结数', level1: '产出指标', target: '≥120' },
    { name: '区人大代表满意度', level1: '效益指标', target: '≥95%', source: 'plan' },
    { name: '培训人次', level1: '产出指标', source: 'plan' },
    { name: '视察次数', level1: '产出指标', target: '不少于10次', source: 'history' },
  );
  const f = checkTargets(t, { lastYearActuals: { 视察次数: '12次', 区人大代表会议完成率: '100%' } });
  const by = (c: string) => f.filter((x) => x.code === c);
  assert.match(by('tasks-budget-sum')[0]!.message, /合计822\.78万元，与部门预算总额830\.78万元不符（相差8\.00万元）/);
  assert.match(
    by('budget-parts-sum')[0]!.message,
    /资金结构（基本支出676\.78万元、项目支出150\.00万元）合计826\.78万元/,
  );
  assert.equal(by('target-no-unit')[0]!.indicator, '代表建议办结数');
  assert.equal(by('target-source-missing')[0]!.indicator, '代表建议办结数');
  assert.equal(by('indicator-duplicate')[0]!.indicator, '区人大代表满意度');
  assert.equal(by('target-missing')[0]!.indicator, '培训人次');
  assert.equal(by('target-missing')[0]!.severity, 'error');
  const weak = by('target-weaker-than-last-year');
  assert.deepEqual(
    weak.map((w) => w.indicator),
    ['视察次数'],
  );
  assert.match(weak[0]!.message, /“不少于10次”低于上年实际完成值12次/);
  // lastYearActual in the file (94%) is below ≥95%: not weaker.
  assert.ok(!weak.some((w) => w.indicator === '区人大代表履职活动完成率'));
  // A 分 below 万元: the sums are not compared until the amounts are right.
  const d = structuredClone(TARGETS());
  d.tasks[0]!.budget = 66.005;
  assert.deepEqual(codes(checkTargets(d).filter((x) => x.severity === 'error')), ['money-decimals']);
});

test('a wrong label is refused in Chinese with the field and line', () => {
  const text = readFileSync(ex('cycle/targets-2021.yaml'), 'utf8').replace('source: 行业标准', 'source: 国际标准');
  assert.throws(
    () => parseWith(TargetSetSchema, text, 't.yaml'),
    (e: unknown) =>
      e instanceof InputError &&
      /t\.yaml 第\d+行：字段 indicators\[4\]\.source：应为“计划标准”、“行业标准”、“历史标准”之一/.test(e.message),
  );
});

test('review: 需调整 needs a reason and blocks approval; all 合理 approves', () => {
  const t = TARGETS();
  const all = Object.fromEntries(t.indicators.map((i) => [i.name, { verdict: '合理' }]));
  const ok = reviewOutcome(t, TargetReviewSchema.parse({ indicators: all }));
  assert.equal(ok.canApprove, true);
  const bad = reviewOutcome(
    t,
    TargetReviewSchema.parse({
      indicators: { ...all, 区人大代表满意度: { verdict: '需调整' }, 不存在: { verdict: '合理' } },
    }),
  );
  assert.equal(bad.canApprove, false);
  assert.deepEqual(bad.toAdjust, ['区人大代表满意度']);
  assert.deepEqual(codes(bad.findings), ['review-reason-missing', 'review-unknown-indicator']);
  const partial = reviewOutcome(t, TargetReviewSchema.parse({ indicators: { 区人大代表满意度: { verdict: '合理' } } }));
  assert.equal(partial.canApprove, false, 'every indicator must be reviewed');
});

test('approval freezes the set; 目标调整 makes a new version and logs what it replaced', () => {
  const a = approveTargets(TARGETS(), '审核员', '2021-02-01T08:00:00Z');
  assert.equal(a.version, 1);
  assert.throws(() => {
    (a.set.indicators[0] as { target: string }).target = '≥1%';
  }, TypeError);
  const r = adjustTargets(
    a,
    { indicator: '区人大代表满意度', target: '≥92%', reason: '上级调整考核口径' },
    '审核员',
    '2021-07-01',
  );
  assert.ok('approved' in r);
  assert.equal(r.approved.version, 2);
  assert.equal(r.approved.set.indicators[4]!.target, '≥92%');
  assert.equal(a.set.indicators[4]!.target, '≥90%');
  assert.deepEqual(
    { from: r.approved.adjustments[0]!.from, version: r.approved.adjustments[0]!.version },
    { from: '≥90%', version: 2 },
  );
  const miss = adjustTargets(a, { indicator: '无此指标', target: '1', reason: '理由充分' }, 'x', 'y');
  assert.deepEqual(miss, { error: '目标表中没有指标“无此指标”' });
});

test('the workflow table: who may submit, return, approve, adjust', () => {
  assert.equal(targetTransition('submit', 'draft', 'unit_filler'), undefined);
  assert.equal(targetTransition('approve', 'submitted', 'unit_leader'), '当前角色不能“批复绩效目标”');
  assert.equal(targetTransition('approve', 'draft', 'bureau_reviewer'), '绩效目标草稿，不能“批复绩效目标”');
  assert.equal(targetTransition('adjust', 'approved', 'bureau_admin'), undefined);
});

test('monitoring: execution against 序时进度 from the monthly figures, lagging beyond the threshold', () => {
  const june = checkMonitoring(JUNE(), 10, TARGETS());
  assert.deepEqual(june.progress, {
    month: 6,
    executed: 328.22,
    total: 830.78,
    rate: 39.51,
    timeProgress: 50,
    lag: 10.49,
    lagging: true,
  });
  assert.deepEqual(codes(june.findings), ['execution-lag']);
  assert.match(
    june.findings[0]!.message,
    /1–6月预算执行率39\.51%.*低于序时进度50%达10\.49个百分点，超过财政局设定的10个百分点/,
  );
  assert.deepEqual(june.atRisk, [{ name: '区人大代表履职活动完成率', likelihood: 'possible' }]);
  assert.equal(checkMonitoring(JUNE(), 12).progress.lagging, false);
  const sept = checkMonitoring(SEPT(), 10, TARGETS());
  assert.equal(sept.progress.rate, 70.72);
  assert.equal(sept.progress.lagging, false);
  assert.deepEqual(sept.findings, []);
});

test('monitoring checks: reasons, 纠偏措施, likelihood against the forecast, months, approved 指标值', () => {
  const r = structuredClone(SEPT());
  r.budget.monthly = r.budget.monthly!.slice(0, 8);
  r.indicators[1] = { name: '区人大代表履职活动完成率', forecast: '80%', likelihood: 'impossible' };
  r.indicators[2] = { name: '总体工作完成率', target: '≥90%', forecast: '91%', likelihood: 'certain' };
  r.indicators.push({ name: '区人大代表满意度', target: '≥90%', forecast: '85%', likelihood: 'certain' });
  r.indicators.push({ name: '新增指标', forecast: '1', likelihood: 'certain' });
  const c = checkMonitoring(r, 10, TARGETS());
  assert.deepEqual(codes(c.findings), [
    'correction-missing',
    'deviation-missing',
    'deviation-missing',
    'likelihood-inconsistent',
    'monitoring-months',
    'monitoring-target-differs',
    'monitoring-unknown-indicator',
  ]);
  assert.match(
    c.findings.find((f) => f.code === 'likelihood-inconsistent')!.message,
    /全年预计完成值85%达不到指标值≥90%，完成目标可能性却填“确定能”/,
  );
});

test('signals: seed 000 scored against the approved targets and its monitoring', () => {
  const { result, evaluation } = scoreFile(ex('seeds/000_6ca4beea76738c10.yaml'));
  const approved = approveTargets(TARGETS(), '审核员', '2021-02-01');
  const f = cycleSignals({ approved, evaluation, scored: result.indicators, monitoring: [JUNE(), SEPT()] });
  assert.deepEqual(codes(f), ['impossible-full-marks', 'target-changed']);
  const changed = f.find((x) => x.code === 'target-changed')!;
  assert.equal(changed.indicator, '区人大代表履职活动完成率');
  assert.match(
    changed.message,
    /自评所用指标值“≥90%”与批复的绩效目标“≥95%”（第1版，2021-02-01批复）不一致，自评降低了目标/,
  );
  const full = f.find((x) => x.code === 'impossible-full-marks')!;
  assert.match(full.message, /自评满分10分，但单位在1–9月绩效监控中报告该指标“完全不可能”完成目标（当时完成60%）/);
  // A later report that says 有可能 takes back the earlier 完全不可能.
  const oct = { ...structuredClone(SEPT()), month: 10 };
  oct.indicators[1]!.likelihood = 'possible';
  const g = cycleSignals({ approved, evaluation, scored: result.indicators, monitoring: [SEPT(), oct] });
  assert.deepEqual(codes(g), ['target-changed']);
  // Tasks: a budget changed after approval; an indicator left out.
  const ev = structuredClone(evaluation);
  ev.tasks![1]!.budget = 70;
  const less = result.indicators.filter((i) => i.name !== '区人大代表满意度');
  assert.deepEqual(codes(cycleSignals({ approved, evaluation: ev, scored: less })), [
    'target-changed',
    'target-dropped',
    'task-budget-changed',
  ]);
});

test('整改: problems stated in seed reports become items; states need owner, measure, evidence', () => {
  const yaml = (f: string) =>
    (parseYaml(readFileSync(ex(`seeds/${f}`), 'utf8')) as { narrative: Record<string, string> }).narrative;
  const p0 = problemsFromNarrative(yaml('000_6ca4beea76738c10.yaml'));
  assert.equal(p0.length, 2 + 2, JSON.stringify(p0, null, 1));
  assert.match(p0[0]!.problem, /^一是在预算执行过程中/);
  assert.match(p0[1]!.problem, /^二是项目资金的使用和管理方案/);
  const p3 = problemsFromNarrative(yaml('003_a5aa38cac94662cb.yaml'));
  const fee = p3.find((p) => /公用经费控制率偏高/.test(p.problem))!;
  assert.match(fee.measure!, /^在今后工作，我办将加强日常公用经费的支出管理/);
  assert.ok(p3.some((p) => /编外人员控制率偏高/.test(p.problem)));
  const items = rectificationItems(p3, [{ code: 'sum-mismatch', message: '合计不符', indicator: '预算执行率' }]);
  assert.equal(items.at(-1)!.problem, '〔预算执行率〕合计不符');
  assert.equal(items.at(-1)!.source, 'finding');
  const done = RectificationItemSchema.parse({
    source: '自评报告所列问题',
    problem: '公用经费控制率偏高',
    status: '已完成',
  });
  assert.deepEqual(
    rectificationIssues(done).map((i) => i.field),
    ['owner', 'measure', 'due', 'evidence', 'outcome'],
  );
  const ok = {
    ...done,
    owner: '办公室',
    measure: '压减公用经费',
    due: '2022-06-30',
    evidence: ['台账.pdf'],
    outcome: '已压减',
  };
  assert.deepEqual(rectificationIssues(ok), []);
  assert.equal(isOverdue({ status: 'in_progress', due: '2022-06-30' }, '2022-07-01'), true);
  assert.equal(isOverdue({ status: 'done', due: '2022-06-30' }, '2022-07-01'), false);
  assert.deepEqual(carriedOver([ok, { ...ok, status: 'open' as const }]).length, 1);
});

test('结果应用: each grade with the region’s rule, a missing rule said so, CSV for the budget round', () => {
  const rows = applyResults(
    [
      { unit: '乙单位', year: 2021, total: 58.5, grade: '差' },
      { unit: '甲单位', year: 2021, total: 92.35, grade: '优' },
      { unit: '丙单位', year: 2021, total: 70, grade: '合格' },
    ],
    DEFAULT_RESULT_RULES,
  );
  assert.deepEqual(
    rows.map((r) => [r.unit, r.use]),
    [
      ['甲单位', '优先保障'],
      ['丙单位', '（本地区未设定该等级的应用规则）'],
      ['乙单位', '压减'],
    ],
  );
  const csv = resultsCsv(rows);
  assert.ok(csv.startsWith('\uFEFF单位,年度,自评总分,等级,结果应用\r\n甲单位,2021,92.35,优,优先保障\r\n'));
  assert.match(csv, /乙单位,2021,58\.50,差,压减/);
});
