import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../src/core/input.js';
import { scoreText } from '../../src/load/evaluations.js';
import { EXAMPLES_DIR, findingsFor, indicator, scoreSeed } from '../helpers.js';

// seed 004 — 北京市怀柔区人大常委会办公室 2024: three blocks, 产出/效果 三级指标 set by the unit.
const STEM = '004_570ec4bfa11b61a4';
const r = scoreSeed(STEM);
const exampleText = readFileSync(path.join(EXAMPLES_DIR, `${STEM}.yaml`), 'utf8');

test('怀柔: three blocks 20/60/20; the unit’s own 产出 and 效果 indicators add up to 30 each', () => {
  const lvl1 = r.result.nodes.filter((n) => n.level === 1).map((n) => [n.name, n.weight]);
  assert.deepEqual(lvl1, [
    ['当年预算执行情况', 20],
    ['整体绩效目标实现情况', 60],
    ['预算管理情况', 20],
  ]);
  assert.equal(r.result.nodes.find((n) => n.name === '产出')?.weight, 30);
  assert.equal(r.result.nodes.find((n) => n.name === '效果')?.weight, 30);
  assert.equal(r.result.indicators.filter((i) => i.path[1] === '产出').length, 4);
  assert.equal(r.result.findings.filter((f) => f.code === 'weights').length, 0);
});

test('怀柔: 资金总体 2825.05÷2825.05 = 100% × 20 = 20', () => {
  const i = indicator(r, '资金总体');
  assert.equal(i.score, 20);
  const m = r.result.metrics.find((x) => x.id === 'budgetExecutionRate');
  assert.equal(m?.value, 100);
  // 基本 + 项目 + 其他 = 资金总体, as the table states.
  const b = r.evaluation.figures.budget!;
  assert.equal((b.basic!.budget! * 100 + b.project!.budget! * 100 + b.other!.budget! * 100) / 100, b.total);
});

test('怀柔: 开展会议 16 of ≥20 批次 scores 16÷20×5 = 4, not the printed 5, and lacks a 偏差原因', () => {
  const i = indicator(r, '开展会议、培训、外出考察');
  assert.equal(i.score, 4);
  assert.equal(i.claimed, 5);
  const f = findingsFor(r, '开展会议、培训、外出考察', 'claimed-differs');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.expected, 4);
  assert.equal(f[0]!.stated, 5);
  assert.equal(findingsFor(r, '开展会议、培训、外出考察', 'missing-deviation-reason').length, 1);
});

test('怀柔: 保障人员经费 56 of ≥55 is full marks — 1.8% over is no 指标值设定偏低 penalty', () => {
  assert.equal(indicator(r, '保障人员经费').score, 10);
  assert.equal(findingsFor(r, '保障人员经费').length, 0);
});

test('怀柔: claimed scores add to the stated 99.5; by the rules 98.5, still 优; only the 开展会议 row is flagged', () => {
  assert.equal(r.result.claimedTotal, 99.5);
  assert.equal(r.result.statedTotal, 99.5);
  assert.equal(r.result.total, 98.5);
  assert.equal(r.result.grade, '优');
  assert.equal(r.result.findings.filter((f) => f.code === 'total-mismatch').length, 0);
  const differs = r.result.findings.filter((f) => f.code === 'claimed-differs').map((f) => f.indicator);
  assert.deepEqual(differs, ['开展会议、培训、外出考察']);
  const total = r.result.findings.find((f) => f.code === 'total-differs');
  assert.equal(total?.expected, 98.5);
  assert.equal(total?.stated, 99.5);
});

test('怀柔: 结转结余率 0% vs last year 0% and 预决算差异率 0% ≤ 30% keep their 4 points', () => {
  assert.equal(indicator(r, '结转结余率').score, 4);
  assert.equal(indicator(r, '部门预决算差异率').score, 4);
});

function variant(mutate: (doc: Record<string, any>) => void) {
  const doc = parse(exampleText) as Record<string, any>;
  mutate(doc);
  return stringify(doc);
}

test('怀柔: a target set far too low loses 10/20/30 % of the weight (over-achievement penalty)', () => {
  const cases: Array<[actual: number, score: number]> = [
    [29, 10], // (29−10)/10 = 190 % → no penalty
    [30, 9], // 200 % → −10 %
    [40, 8], // 300 % → −20 %
    [60, 7], // 500 % → −30 %
  ];
  for (const [actual, expected] of cases) {
    const text = variant((d) => {
      d.indicators['日常办公费等保障工作的采购'].actual = actual;
    });
    const s = scoreText(text, 'variant.yaml');
    assert.equal(
      s.result.indicators.find((i) => i.name === '日常办公费等保障工作的采购')!.score,
      expected,
      `actual ${actual}`,
    );
  }
});

test('怀柔: 结转结余率 above last year deducts 0.4 per percentage point, 扣完为止', () => {
  const cases: Array<[balance: number, previous: number, score: number]> = [
    [0, 0, 4],
    [28.25, 0, 3.6], // 1.00 % over (money has two decimals: 0.99996 %) → −0.4
    [70.63, 1, 3.4], // 2.50 % vs 1 % → 1.5 points over → −0.6
    [500, 0, 0], // 17.7 % over → −7.08 → 0
  ];
  for (const [balance, previous, expected] of cases) {
    const text = variant((d) => {
      d.figures.budget.balance = balance;
      d.figures.budget.previousCarryOverRate = previous;
    });
    const s = scoreText(text, 'variant.yaml');
    assert.equal(s.result.indicators.find((i) => i.name === '结转结余率')!.score, expected, `balance ${balance}`);
  }
});

test('怀柔: adding an indicator under a closed node, or with a rule kind the node forbids, is refused with field and line', () => {
  const closed = variant((d) => {
    d.tailoring.add.push({ parent: '财务管理', name: '自创指标', weight: 1, target: '≥1' });
  });
  assert.throws(
    () => scoreText(closed, 'closed.yaml'),
    (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.match(
        e.message,
        /closed\.yaml 第\d+行：字段 tailoring\.add\[8\]\.parent：指标“财务管理”下不允许单位自行添加指标/,
      );
      return true;
    },
  );
  const kind = variant((d) => {
    d.tailoring.add[0].rule = { kind: 'manual' };
  });
  assert.throws(
    () => scoreText(kind, 'kind.yaml'),
    /tailoring\.add\[0\]\.rule\.kind：“产出”下的个性指标只能用.*不能用评价人判断/,
  );
  const dup = variant((d) => {
    d.tailoring.add.push({ parent: '产出', name: '保障人员经费', weight: 1 });
  });
  assert.throws(() => scoreText(dup, 'dup.yaml'), /指标“保障人员经费”已存在/);
});

test('怀柔: 产出 indicators that do not add up to 30 are reported, and still scored', () => {
  const text = variant((d) => {
    d.tailoring.add[0].weight = 8;
    // A self-score may not exceed the weight (refused as input): the unit lowers it with the weight.
    d.indicators['日常办公费等保障工作的采购'].claimed = 8;
  });
  const s = scoreText(text, 'w.yaml');
  const w = s.result.findings.filter((f) => f.code === 'weights').map((f) => f.message);
  assert.ok(
    w.some((m) => /“整体绩效目标实现情况 \/ 产出”分值30分，下级指标分值合计28分/.test(m)),
    w.join('\n'),
  );
  assert.equal(s.result.indicators.find((i) => i.name === '日常办公费等保障工作的采购')!.weight, 8);
});

test('怀柔: a unit that adds no 效果 indicators is told so', () => {
  const text = variant((d) => {
    d.tailoring.add = d.tailoring.add.filter((a: { parent: string }) => a.parent !== '效果');
    for (const k of Object.keys(d.indicators))
      if (
        !['资金总体', '日常办公费等保障工作的采购', '开展会议、培训、外出考察', '保障人员经费', '支出合理性'].includes(
          k,
        ) &&
        !/管理|结转|差异/.test(k)
      )
        delete d.indicators[k];
  });
  const s = scoreText(text, 'noeffect.yaml');
  assert.ok(
    s.result.findings.some(
      (f) => f.code === 'weights' && /“整体绩效目标实现情况 \/ 效果”的三级指标由单位自行设置，尚未添加/.test(f.message),
    ),
  );
});
