import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { audit } from '../../src/core/audit/index.js';
import {
  gradeStatements,
  listedSums,
  rateStatements,
  scoreStatements,
  sectionsOf,
  targetClaims,
  totalStatements,
} from '../../src/core/audit/narrative.js';
import { EvaluationSchema } from '../../src/core/evaluation.js';
import { builtinFrameworks } from '../../src/load/frameworks.js';
import { scoreFile } from '../../src/load/evaluations.js';
import { EXAMPLES_DIR } from '../helpers.js';

// The audit engine's readers and checks on small, hand-made inputs: what they must find, and what
// they must leave alone.
const sec = (text: string, key = '正文') => sectionsOf({ [key]: text });

test('listed sums: 其中 / 包括 lists against the amount before them, in the same or the previous sentence', () => {
  const s = listedSums(
    sec('年初项目支出预算数为251.70万元，是指项目支出。其中政府门户网站经费10.00万元、挂职区长经费9.00万元。'),
  );
  assert.equal(s.length, 1);
  assert.equal(s[0]!.stated.value, 251.7);
  assert.deepEqual(
    s[0]!.parts.map((p) => [p.label, p.value]),
    [
      ['政府门户网站经费', 10],
      ['挂职区长经费', 9],
    ],
  );
  assert.equal(s[0]!.connective, '其中');
  const b = listedSums(sec('决算金额1586.78万元。包括基本支出902.01万元和项目支出638.29万元。'));
  assert.deepEqual(
    b[0]!.parts.map((p) => p.value),
    [902.01, 638.29],
  );
  assert.equal(b[0]!.connective, '包括');
  const c = listedSums(
    sec(
      '基本支出预算数为585.99万元，其中工资福利支出485.78万元、商品和服务支出84.32万元、对个人和家庭的补助支出15.89万元。',
    ),
  );
  assert.deepEqual(
    c[0]!.parts.map((p) => p.label),
    ['工资福利支出', '商品和服务支出', '对个人和家庭的补助支出'],
  );
  // A part larger than the amount is not a part of it; a single item is no list.
  assert.equal(listedSums(sec('预算数100万元，其中A经费120万元、B经费5万元。')).length, 0);
  assert.equal(listedSums(sec('预算数100万元，其中A经费20万元。')).length, 0);
});

test('rate statements: a metric named and a percent right after it; quarters, targets and thresholds are not statements', () => {
  const r = rateStatements(
    sec(
      '在职人员控制率为90%。第一季度预算执行率 26.1%。预算执行率指标值为≥100%。编外人员控制率为 43.09%。“三公”经费控制率为70.16%，日常公用经费控制率 98.72%，超过 90%。',
    ),
  );
  assert.deepEqual(r.map((x) => [x.metric, x.stated, x.decimals]).sort(), [
    ['publicFundsControlRate', 98.72, 2],
    ['staffControlRate', 90, 0],
    ['supernumeraryRate', 43.09, 2],
    ['threePublicControlRate', 70.16, 2],
  ]);
});

test('score statements: “X N分，自评得分M分”, “X得分为N分”, and “该项得分” resolved by the paragraph or the section', () => {
  const fw = builtinFrameworks().get('zhengzhou-shangjie-2021')!;
  const ev = EvaluationSchema.parse({ framework: fw.id, unit: 'u', year: 2021, indicators: {} });
  const nodes = audit(fw, ev).score.nodes;
  const st = scoreStatements(
    [
      ...sec(
        '一级指标投入管理指标：总分30分，自评得分29分，其中：工作目标管理情况6分，自评得分6分；预算和财务管理14分，自评得分13分。',
        'a',
      ),
      ...sec('2021年，我单位工作扎实，根据评价标准，该项得分为40分。', '四、分析 / 1. 投入管理指标情况分析'),
      ...sec('履职效益情况：一是提高代表履职能力。根据评价标准，该项得分10分。', 'b'),
      ...sec('根据评价标准，产出指标得分为10分。其中：预算执行率10分、投入管理指标40分。', 'c'),
    ],
    nodes,
  );
  assert.deepEqual(
    st.map((x) => [x.node?.name, x.weight, x.score]),
    [
      ['投入管理指标', 30, 29],
      ['工作目标管理', 6, 6],
      ['预算和财务管理', 14, 13],
      ['投入管理指标', undefined, 40],
      ['履职效益', undefined, 10],
      ['产出指标', undefined, 10],
    ],
  );
});

test('totals and grades in the narrative; a grade in a condition (“评价结果为差的，得0分”) is not a statement', () => {
  assert.deepEqual(
    totalStatements(
      sec('自评综合得分93分，现将情况报告如下。形成自评结论，得出结果为98.8分。我办综合评分 88.28 分。'),
    ).map((t) => t.value),
    [93, 98.8],
  );
  assert.deepEqual(
    gradeStatements(sec('我单位2021年整体绩效自评结果为优，执行效果良好。')).map((g) => g.grade),
    ['优'],
  );
  assert.deepEqual(
    gradeStatements(sec('如无法提供证明材料，或被评价年度部门主管的专项资金绩效评价结果为差的，得0分。')),
    [],
  );
});

test('“以上均达到指标值”: each listed pair checked against its comparator', () => {
  const c = targetClaims(
    sec(
      '“三公经费”控制率指标值≤100%，实际完成95%；预算执行率指标值为≥100%，实际完成值为98%；专项资金细化率98%，实际完成值98%，以上均达到指标值。',
    ),
  );
  assert.equal(c.length, 1);
  assert.deepEqual(
    c[0]!.items.map((i) => [i.label, i.op, i.target, i.actual, i.met]),
    [
      ['三公经费控制率', '<=', 100, 95, true],
      ['预算执行率', '>=', 100, 98, false],
      ['专项资金细化率', '>=', 98, 98, true],
    ],
  );
});

const jinzhong = () => builtinFrameworks().get('jinzhong-2021')!;
const base = (figures: object, narrative?: Record<string, string>) =>
  EvaluationSchema.parse({
    framework: 'jinzhong-2021',
    unit: '测试单位',
    year: 2021,
    figures,
    indicators: {},
    ...(narrative && { narrative }),
  });

test('budget identity: 上年结转 + 年初预算 + 调整 − 执行 = 年末结余; flagged only when it does not hold', () => {
  const ok = audit(
    jinzhong(),
    base({
      budget: {
        carryOver: 20.73,
        initial: 1540.3,
        adjustment: 40.81,
        otherAdjustment: 0,
        executed: 1586.78,
        balance: 15.06,
      },
    }),
  );
  assert.ok(ok.checks.some((c) => c.code === 'identity'));
  assert.ok(!ok.findings.some((f) => f.code === 'identity-mismatch'));
  const bad = audit(
    jinzhong(),
    base({
      budget: {
        carryOver: 20.73,
        initial: 1540.3,
        adjustment: 40.81,
        otherAdjustment: 0,
        executed: 1586.78,
        balance: 16.06,
      },
    }),
  );
  const f = bad.findings.find((x) => x.code === 'identity-mismatch')!;
  assert.equal(f.stated, 16.06);
  assert.equal(f.expected, 15.06);
  assert.match(
    f.message,
    /20\.73＋1540\.30＋40\.81＋0\.00−1586\.78＝15\.06万元，而年末结余印为16\.06万元，相差1\.00万元/,
  );
});

test('components against totals from the figures; a rate in the narrative against the figures', () => {
  const a = audit(
    jinzhong(),
    base(
      {
        budget: {
          initial: 100,
          executed: 90,
          basic: { budget: 60, executed: 50 },
          project: { budget: 45, executed: 40 },
        },
        staffing: { authorized: 77, actual: 69 },
      },
      { 人员: '在职人员控制率为89.61%。预算执行率为91%。' },
    ),
  );
  const sums = a.findings.filter((f) => f.code === 'sum-mismatch');
  assert.deepEqual(
    sums.map((s) => [s.stated, s.expected, s.severity]),
    [[100, 105, 'error']],
  );
  assert.ok(a.checks.some((c) => /预算执行数90\.00万元＝基本支出执行数＋项目支出执行数/.test(c.message)));
  assert.ok(a.checks.some((c) => /在职人员控制率89\.61%＝69÷77/.test(c.message)));
  const r = a.findings.find((f) => f.code === 'rate-mismatch')!;
  assert.deepEqual([r.stated, r.expected], [91, 90]);
});

test('the weight total printed in a total row is checked against the indicators', () => {
  const a = audit(jinzhong(), base({}), {
    weightTotal: { stated: 110, where: { section: '自评表', quote: '合计｜110｜97.8' } },
  });
  const f = a.findings.find((x) => x.code === 'weight-total')!;
  assert.deepEqual([f.stated, f.expected], [110, 100]);
});

test('inflation signals: a shortfall said of the indicator itself, not a word somewhere near it', () => {
  const heshan = builtinFrameworks().get('yiyang-heshan-2021')!;
  const ev = (text: string) =>
    EvaluationSchema.parse({
      framework: heshan.id,
      unit: 'u',
      year: 2021,
      indicators: { 预算执行率: { claimed: 4 }, 社会效益: { claimed: 5 } },
      narrative: { 问题: text },
    });
  const flagged = audit(
    heshan,
    ev('因部分工作不可预见性，有些支出无法纳入预算，导致预算执行存在偏差。'),
  ).findings.filter((f) => f.code === 'inflation-signal');
  assert.deepEqual(
    flagged.map((f) => f.indicator),
    ['预算执行率'],
  );
  const quiet = audit(
    heshan,
    ev('现有人员的知识结构与工作实际存在差距，容易对项目产生的社会效益、生态效益和可持续影响等效果评价不足。'),
  ).findings.filter((f) => f.code === 'inflation-signal');
  assert.deepEqual(quiet, []);
});

test('the audit runs on the hand-made seed evaluations (YAML) as on imported ones', () => {
  for (const stem of [
    '000_6ca4beea76738c10',
    '001_8c0df9642cd3f24a',
    '002_a0eb83d49e186f2c',
    '003_a5aa38cac94662cb',
    '004_570ec4bfa11b61a4',
  ]) {
    const { evaluation, framework } = scoreFile(path.join(EXAMPLES_DIR, `${stem}.yaml`));
    const a = audit(framework, evaluation);
    assert.equal(a.summary.unit, evaluation.unit);
    assert.equal(a.summary.counts.error + a.summary.counts.warning + a.summary.counts.info, a.findings.length);
  }
  const { evaluation, framework } = scoreFile(path.join(EXAMPLES_DIR, '002_a0eb83d49e186f2c.yaml'));
  const a = audit(framework, evaluation);
  assert.ok(a.findings.some((f) => f.code === 'sum-mismatch' && f.stated === 251.7 && f.expected === 143.7));
});
