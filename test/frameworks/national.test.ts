import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse, stringify } from 'yaml';
import { scoreFile, scoreText } from '../../src/load/evaluations.js';
import { builtinFrameworks } from '../../src/load/frameworks.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';

// The national 项目支出 rules: 财预〔2020〕10号 and the 〔2021〕101号 variant, with a sample project.
const DIR = path.join(PACKAGE_ROOT, 'examples', 'national');
const r20 = scoreFile(path.join(DIR, 'project-2020.yaml')).result;
const r21 = scoreFile(path.join(DIR, 'project-2021.yaml')).result;
const score = (r: typeof r20, name: string) => r.indicators.find((i) => i.name === name)!.score;

test('10号: 预算执行率10 / 产出50 / 效益30 / 满意度10, 二级 weights = Σ the unit’s 三级; unused 二级 (成本指标…) leave the tree', () => {
  const fw = builtinFrameworks().get('national-project-2020')!;
  assert.deepEqual(fw.roots.map((n) => [n.name, n.weight?.toNumber()]), [['预算执行率', 10], ['产出指标', 50], ['效益指标', 30], ['满意度指标', 10]]);
  assert.deepEqual(
    r20.nodes.filter((n) => n.level === 2).map((n) => [n.name, n.weight]),
    [['数量指标', 25], ['质量指标', 15], ['时效指标', 10], ['社会效益指标', 30], ['服务对象满意度指标', 10]],
  );
  assert.equal(r20.findings.filter((f) => f.code === 'weights').length, 0);
});

test('10号: ratio for quantitative indicators, tiers for qualitative, 执行率×分值', () => {
  // (6 cases) figures 110 ÷ 120 = 91.666…% × 10 = 9.17
  assert.equal(score(r20, '预算执行率'), 9.17);
  assert.equal(score(r20, '完成农村公路养护里程'), 13.5); // 45 ÷ 50 × 15
  assert.equal(score(r20, '维修危桥数量'), 5); // 2 ÷ 4 × 10
  assert.equal(score(r20, '养护工程验收合格率'), 15); // 96 % ≥ 95 %
  assert.equal(score(r20, '养护任务完成时限'), 0); // 否
  assert.equal(score(r20, '群众出行条件改善情况'), 10.5); // 部分达成 70 % × 15
  assert.equal(score(r20, '沿线群众满意度'), 9.44); // 85 ÷ 90 × 10 = 9.444…
  assert.equal(r20.total, 77.61);
  assert.equal(r20.grade, '中');
});

test('101号: banded 预算执行率, 60 % pass mark with linear scoring above it, banded 满意度', () => {
  assert.equal(score(r21, '预算执行率'), 7); // 91.67 % in [80,100) → 7 of 10
  assert.equal(score(r21, '完成农村公路养护里程'), 11.25); // 完成率 90 % → (90−60)/(100−60) × 15
  assert.equal(score(r21, '维修危桥数量'), 0); // 完成率 50 % < 60 %
  assert.equal(score(r21, '沿线群众满意度'), 8); // 85 % in [80,90) → 80 % of 10
  assert.equal(r21.total, 66.75);
  assert.match(r21.indicators.find((i) => i.name === '维修危桥数量')!.explanation, /低于及格门槛60%，得0分/);
  assert.ok(r21.findings.some((f) => f.code === 'total-differs' && f.expected === 66.75 && f.stated === 98));
  assert.ok(r21.findings.some((f) => f.code === 'grade-differs'));
});

test('101号: a unit with 成本指标 sets 20/40/20 and adds its cost indicators', () => {
  const doc = parse(readFileSync(path.join(DIR, 'project-2021.yaml'), 'utf8')) as Record<string, any>;
  doc.tailoring.weights = { 成本指标: 20, 产出指标: 40, 效益指标: 20 };
  doc.tailoring.add = doc.tailoring.add.filter((a: { name: string }) => !['养护任务完成时限', '群众出行条件改善情况'].includes(a.name));
  delete doc.indicators['养护任务完成时限'];
  delete doc.indicators['群众出行条件改善情况'];
  doc.tailoring.add.push({ parent: '经济成本指标', name: '每公里养护成本', weight: 20, target: '≤2万元' });
  doc.tailoring.add.find((a: { name: string }) => a.name === '农村公路优良路率').weight = 20;
  doc.indicators['每公里养护成本'] = { actual: '2.5万元' };
  const r = scoreText(stringify(doc), 'cost.yaml').result;
  assert.equal(r.findings.filter((f) => f.code === 'weights').length, 0, r.findings.map((f) => f.message).join('\n'));
  assert.deepEqual(r.nodes.filter((n) => n.level === 1).map((n) => [n.name, n.weight]), [['预算执行率', 10], ['成本指标', 20], ['产出指标', 40], ['效益指标', 20], ['满意度指标', 10]]);
  // ≤ target: 完成率 = 2 ÷ 2.5 = 80 % → (80−60)/(100−60) × 20 = 10
  assert.equal(r.indicators.find((i) => i.name === '每公里养护成本')!.score, 10);
});

test('101号: 预算执行率 band edges', () => {
  const doc = parse(readFileSync(path.join(DIR, 'project-2021.yaml'), 'utf8')) as Record<string, any>;
  const cases: Array<[executed: number, score: number]> = [[120, 10], [119.99, 7], [96, 7], [95.99, 5], [72, 5], [71.99, 0]];
  for (const [executed, expected] of cases) {
    doc.figures.budget.executed = executed;
    const r = scoreText(stringify(doc), 'edge.yaml').result;
    assert.equal(r.indicators.find((i) => i.name === '预算执行率')!.score, expected, `executed ${executed}`);
  }
});
