import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveTree, EvaluationError, resolveInputs } from '../../src/core/evaluation.js';
import { allNodes, type IndicatorNode, type SourcePath } from '../../src/core/framework/model.js';
import { fieldName } from '../../src/core/input.js';
import { parseEvaluation } from '../../src/core/parse-evaluation.js';
import { score } from '../../src/core/scoring.js';
import { evaluationOf, framework, fwText } from './fixtures.js';

// 预算执行率 10 (fixed) + 管理 40 (制度 20 + 问题 20) + 产出 40 (数量 40) + 可持续 10 (optional) = 100.
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
    '      - { name: 制度, weight: 20, rule: { kind: qualitative } }',
    '      - { name: 问题, weight: 20, rule: { kind: deduction, perItem: 2 } }',
    '  - name: 产出',
    '    weight: 40',
    '    children:',
    '      - { name: 数量, weight: 40, target: 不低于10批次, rule: { kind: target } }',
    '  - name: 可持续',
    '    weight: 10',
    '    optional: true',
    '    children:',
    '      - { name: 长效机制, weight: 10, rule: { kind: yesno } }',
  ]),
);

const byName = (roots: IndicatorNode[], name: string) => allNodes(roots).find((n) => n.name === name);

interface Case {
  name: string;
  tailoring: Record<string, unknown>;
  refused?: Array<{ src: SourcePath; message: string }>;
  issues?: string[];
  /** Names of the 一级 indicators left. */
  roots?: string[];
  weights?: Record<string, string>;
}

const CASES: Case[] = [
  {
    name: 'no tailoring keeps the framework',
    tailoring: {},
    roots: ['预算执行率', '管理', '产出', '可持续'],
    weights: { 管理: '40', 可持续: '10' },
  },
  {
    name: 'dropping the optional 可持续 without moving its 10 points: a finding, not a refusal',
    tailoring: { drop: ['可持续'] },
    roots: ['预算执行率', '管理', '产出'],
    issues: ['按本单位设定分值：一级指标分值合计90分，应为总分100分'],
  },
  {
    name: 'dropping 可持续 and moving its 10 points into 管理 / 制度: adds up',
    tailoring: { drop: ['可持续'], weights: { 管理: 50, 制度: 30 } },
    roots: ['预算执行率', '管理', '产出'],
    weights: { 管理: '50', 制度: '30', 问题: '20' },
  },
  {
    name: 'moving points into 管理 but not below it: 50 ≠ 30 + 20',
    tailoring: { drop: ['可持续'], weights: { 管理: 50 } },
    issues: ['按本单位设定分值：“管理”分值50分，下级指标分值合计40分，两者不等'],
  },
  {
    name: 'setting weights by path',
    tailoring: { weights: { '管理/制度': 25, '管理/问题': 15 } },
    weights: { 制度: '25', 问题: '15' },
  },
  {
    name: 'dropping a mandatory indicator is refused',
    tailoring: { drop: ['产出'] },
    refused: [{ src: ['tailoring', 'drop', 0], message: '指标“产出”不是可选指标，框架不允许删减' }],
  },
  {
    name: 'dropping a mandatory leaf below an optional node is refused',
    tailoring: { drop: ['长效机制'] },
    refused: [{ src: ['tailoring', 'drop', 0], message: '指标“长效机制”不是可选指标，框架不允许删减' }],
  },
  {
    name: 'dropping an unknown indicator is refused',
    tailoring: { drop: ['可持续', '不存在'] },
    refused: [{ src: ['tailoring', 'drop', 1], message: '框架“单元测试框架”中没有指标“不存在”' }],
  },
  {
    name: 'changing a fixed weight is refused',
    tailoring: { weights: { 预算执行率: 15, 管理: 35 } },
    refused: [
      { src: ['tailoring', 'weights', '预算执行率'], message: '指标“预算执行率”分值固定为10分，不能调整为15分' },
    ],
  },
  {
    name: 'a fixed weight may be restated unchanged (by id)',
    tailoring: { weights: { exec: 10 } },
    weights: { 预算执行率: '10' },
  },
  {
    name: 'weighting an indicator that was dropped is refused',
    tailoring: { drop: ['可持续'], weights: { 长效机制: 10 } },
    refused: [{ src: ['tailoring', 'weights', '长效机制'], message: '框架“单元测试框架”中没有指标“长效机制”' }],
  },
  {
    name: 'a weight of 0 is a weight (still must add up)',
    tailoring: { weights: { 问题: 0 } },
    issues: ['按本单位设定分值：“管理”分值40分，下级指标分值合计20分，两者不等'],
  },
];

for (const c of CASES) {
  test(`tailoring: ${c.name}`, () => {
    const ev = evaluationOf({ framework: 'unit-test', unit: '某单位', year: 2021, tailoring: c.tailoring });
    const t = effectiveTree(FW, ev);
    assert.deepEqual(
      t.refused.map((r) => ({ src: r.src, message: r.message })),
      c.refused ?? [],
    );
    if (c.refused) return;
    assert.deepEqual(
      t.issues.map((i) => i.message),
      c.issues ?? [],
    );
    if (c.roots)
      assert.deepEqual(
        t.roots.map((r) => r.name),
        c.roots,
      );
    for (const [name, w] of Object.entries(c.weights ?? {}))
      assert.equal(byName(t.roots, name)?.weight?.toString(), w, name);
  });
}

test('tailoring leaves the framework itself untouched', () => {
  const ev = evaluationOf({
    framework: 'unit-test',
    unit: '某单位',
    year: 2021,
    tailoring: { drop: ['可持续'], weights: { 管理: 50, 制度: 30 } },
  });
  effectiveTree(FW, ev);
  assert.deepEqual(
    FW.roots.map((r) => r.name),
    ['预算执行率', '管理', '产出', '可持续'],
  );
  assert.equal(byName(FW.roots, '管理')?.weight?.toString(), '40');
  assert.equal(byName(FW.roots, '制度')?.weight?.toString(), '20');
});

test('scoring refuses forbidden tailoring with an EvaluationError that lists every refusal', () => {
  const ev = evaluationOf({
    framework: 'unit-test',
    unit: '某单位',
    year: 2021,
    tailoring: { drop: ['产出'], weights: { 预算执行率: 15 } },
  });
  assert.throws(
    () => score(FW, ev),
    (e: unknown) => {
      assert.ok(e instanceof EvaluationError);
      assert.deepEqual(
        e.issues.map((i) => i.message),
        ['指标“产出”不是可选指标，框架不允许删减', '指标“预算执行率”分值固定为10分，不能调整为15分'],
      );
      return true;
    },
  );
});

test('a refusal points at the line of the evaluation file', () => {
  const text = [
    'framework: unit-test', // 1
    'unit: 某单位', //         2
    'year: 2021', //           3
    'tailoring:', //           4
    '  drop: [可持续]', //      5
    '  weights:', //           6
    '    管理: 50', //          7
    '    预算执行率: 12', //    8
  ].join('\n');
  const { evaluation, parsed } = parseEvaluation(text, 'ev.yaml');
  const { refused } = effectiveTree(FW, evaluation);
  assert.equal(refused.length, 1);
  assert.equal(fieldName(refused[0]!.src), 'tailoring.weights.预算执行率');
  assert.equal(parsed.lineOf(refused[0]!.src), 8);
});

// Inputs are keyed by id, path or unique name; anything else is refused before scoring.
const INPUT_KEYS: Array<{
  name: string;
  indicators: Record<string, unknown>;
  issues: Array<{ src: SourcePath; message: string }>;
  ids?: string[];
}> = [
  {
    name: 'id, name and path',
    indicators: { exec: { actual: '90%' }, 制度: { tier: '达成' }, '管理/问题': { count: 0 } },
    issues: [],
    ids: ['exec', '制度', '问题'],
  },
  {
    name: 'an unknown key',
    indicators: { 不存在: { actual: 1 } },
    issues: [{ src: ['indicators', '不存在'], message: '框架“单元测试框架”中没有指标“不存在”' }],
  },
  {
    name: 'a key that is not a leaf',
    indicators: { 管理: { judged: 30 } },
    issues: [{ src: ['indicators', '管理'], message: '“管理”不是末级指标，请对其下级指标填写数据' }],
  },
  {
    name: 'the same leaf twice (name and id)',
    indicators: { 预算执行率: { actual: '90%' }, exec: { actual: '91%' } },
    issues: [{ src: ['indicators', 'exec'], message: '指标“预算执行率”重复填写' }],
  },
];
for (const c of INPUT_KEYS) {
  test(`inputs: ${c.name}`, () => {
    const ev = evaluationOf({ framework: 'unit-test', unit: '某单位', year: 2021, indicators: c.indicators });
    const { roots } = effectiveTree(FW, ev);
    const r = resolveInputs(FW, roots, ev);
    assert.deepEqual(
      r.issues.map((i) => ({ src: i.src, message: i.message })),
      c.issues,
    );
    if (c.ids) assert.deepEqual([...r.inputs.keys()], c.ids);
  });
}

// The evaluation file's own schema: wrong fields name field and line.
const EV_SCHEMA: Array<{ name: string; text: string; line: number; field: string; message: RegExp }> = [
  {
    name: 'a negative count',
    text: 'framework: f\nunit: u\nyear: 2021\nindicators:\n  问题: { count: -1 }\n',
    line: 5,
    field: 'indicators.问题.count',
    message: /./,
  },
  {
    name: 'a tier value above 100',
    text: 'framework: f\nunit: u\nyear: 2021\nindicators:\n  制度:\n    tier: 达成\n    value: 120\n',
    line: 7,
    field: 'indicators.制度.value',
    message: /./,
  },
  {
    name: 'a misspelt field',
    text: 'framework: f\nunit: u\nyear: 2021\nindicators:\n  制度: { claim: 10 }\n',
    line: 5,
    field: 'indicators.制度',
    message: /claim/,
  },
  {
    name: 'three quarters',
    text: 'framework: f\nunit: u\nyear: 2021\nindicators:\n  执行: { quarters: [1, 2, 3] }\n',
    line: 5,
    field: 'indicators.执行.quarters',
    message: /./,
  },
  { name: 'a year out of range', text: 'framework: f\nunit: u\nyear: 1999\n', line: 3, field: 'year', message: /./ },
];
for (const c of EV_SCHEMA) {
  test(`evaluation file: ${c.name} is refused at line ${c.line}, field ${c.field}`, () => {
    try {
      parseEvaluation(c.text, 'ev.yaml');
      assert.fail('expected an InputError');
    } catch (e) {
      const p = (e as { problems?: Array<{ line?: number; field: string; message: string }> }).problems?.[0];
      assert.ok(p, String(e));
      assert.equal(p.field, c.field);
      assert.equal(p.line, c.line);
      assert.match(p.message, c.message);
    }
  });
}
