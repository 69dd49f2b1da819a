import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { D } from '../../src/core/decimal.js';
import {
  buildFramework,
  checkWeights,
  findIndicator,
  indexTree,
  leaves,
  type SourcePath,
} from '../../src/core/framework/model.js';
import { FrameworkSchema } from '../../src/core/framework/schema.js';
import { fieldName } from '../../src/core/input.js';
import { framework, fwText, inputProblems } from './fixtures.js';

/**
 * A valid framework; BASE[k] is on line k + 6 (five header lines come first).
 * 预算执行率 10 + 管理 40 (制度 20 + 问题 20) + 产出 50 (数量 50) = 100.
 */
const BASE = [
  '  - name: 预算执行率', //          6
  '    id: exec', //                  7
  '    weight: 10', //                8
  '    fixedWeight: true', //         9
  '    metric: budgetExecutionRate', // 10
  '    rule: { kind: rate }', //     11
  '  - name: 管理', //               12
  '    weight: 40', //                13
  '    children:', //                 14
  '      - name: 制度', //           15
  '        weight: 20', //            16
  '        rule: { kind: qualitative }', // 17
  '      - name: 问题', //           18
  '        weight: 20', //            19
  '        rule: { kind: deduction, perItem: 2 }', // 20
  '  - name: 产出', //               21
  '    weight: 50', //                22
  '    children:', //                 23
  '      - name: 数量', //           24
  '        weight: 50', //            25
  '        target: 不低于10批次', //  26
  '        rule: { kind: target }', // 27
];

/** BASE with lines replaced (by line number) and lines inserted after a line number. */
function variant(
  replace: Record<number, string>,
  insertAfter?: { line: number; text: string },
  after: string[] = [],
): string {
  const ls = BASE.map((l, k) => replace[k + 6] ?? l);
  if (insertAfter) ls.splice(insertAfter.line - 5, 0, insertAfter.text);
  return fwText(ls, after);
}

interface Issue {
  src: SourcePath;
  line: number;
  message: string;
}
interface Case {
  name: string;
  text: string;
  issues: Issue[];
}

const CASES: Case[] = [
  {
    name: 'children’s weights do not add up to the parent (问题 15: 20 + 15 ≠ 40)',
    text: variant({ 19: '        weight: 15' }),
    issues: [{ src: ['indicators', 1, 'weight'], line: 13, message: '“管理”分值40分，下级指标分值合计35分，两者不等' }],
  },
  {
    name: '一级 weights add up to 90, not the total 100',
    text: variant({ 22: '    weight: 40', 25: '        weight: 40' }),
    issues: [{ src: ['indicators'], line: 5, message: '一级指标分值合计90分，应为总分100分' }],
  },
  {
    name: 'a framework total other than 100 is honoured (total 50, weights 100)',
    text: variant({}, undefined, ['total: 50']),
    issues: [{ src: ['indicators'], line: 5, message: '一级指标分值合计100分，应为总分50分' }],
  },
  {
    name: 'a leaf without a rule',
    text: variant({ 17: '        explanation: 没有评分规则' }),
    issues: [
      { src: ['indicators', 1, 'children', 0, 'rule'], line: 15, message: '末级指标“管理 / 制度”缺少评分规则（rule）' },
    ],
  },
  {
    name: 'a rule on an indicator that has children',
    text: variant({}, { line: 13, text: '    rule: { kind: manual }' }),
    issues: [{ src: ['indicators', 1, 'rule'], line: 14, message: '“管理”有下级指标，不能再设评分规则' }],
  },
  {
    name: 'checklist points 12 + 5 ≠ weight 20',
    text: variant({
      17: '        rule: { kind: checklist, items: [{ text: 甲, points: 12 }, { text: 乙, points: 5 }] }',
    }),
    issues: [
      {
        src: ['indicators', 1, 'children', 0, 'rule'],
        line: 17,
        message: '“制度”各要点分值合计17分，与指标分值20分不等',
      },
    ],
  },
  {
    name: 'composite points 10 + 5 ≠ weight 20',
    text: variant({
      17: '        rule: { kind: composite, parts: [{ name: 甲, points: 10, rule: { kind: manual } }, { name: 乙, points: 5, rule: { kind: manual } }] }',
    }),
    issues: [
      {
        src: ['indicators', 1, 'children', 0, 'rule'],
        line: 17,
        message: '“制度”各分项分值合计15分，与指标分值20分不等',
      },
    ],
  },
  {
    name: 'a band worth 25 points on a 20-point indicator',
    text: variant({ 17: '        rule: { kind: bands, bands: [{ gte: 90, points: 25 }, { gte: 0, points: 0 }] }' }),
    issues: [
      { src: ['indicators', 1, 'children', 0, 'rule'], line: 17, message: '“制度”某档得分25分超过指标分值20分' },
    ],
  },
  {
    name: 'a level worth 25 points on a 20-point indicator',
    text: variant({
      17: '        rule: { kind: levels, levels: [{ name: 甲, points: 25 }, { name: 乙, points: 0 }] }',
    }),
    issues: [
      { src: ['indicators', 1, 'children', 0, 'rule'], line: 17, message: '“制度”档次“甲”得分25分超过指标分值20分' },
    ],
  },
  {
    name: 'a duplicate id',
    text: variant({}, { line: 15, text: '        id: exec' }),
    issues: [
      {
        src: ['indicators', 1, 'children', 0, 'id'],
        line: 16,
        message: '指标标识“exec”重复（另见“预算执行率”），请为其一指定不同的 id',
      },
    ],
  },
  {
    name: 'grades whose lowest band does not start at 0',
    text: variant({}, undefined, ['grades:', '  bands:', '    - { name: 优, min: 90 }', '    - { name: 良, min: 60 }']),
    issues: [{ src: ['grades', 'bands'], line: 29, message: '等级划分最低一档应从0分起' }],
  },
  {
    name: 'two problems at once, each with its own line',
    text: variant({ 17: '        explanation: 没有评分规则', 19: '        weight: 15' }),
    issues: [
      { src: ['indicators', 1, 'weight'], line: 13, message: '“管理”分值40分，下级指标分值合计35分，两者不等' },
      { src: ['indicators', 1, 'children', 0, 'rule'], line: 15, message: '末级指标“管理 / 制度”缺少评分规则（rule）' },
    ],
  },
];

const VALID: Case[] = [
  { name: 'the base framework', text: variant({}), issues: [] },
  {
    name: 'checklist points equal to the weight (12 + 8 = 20)',
    text: variant({
      17: '        rule: { kind: checklist, items: [{ text: 甲, points: 12 }, { text: 乙, points: 8 }] }',
    }),
    issues: [],
  },
  {
    name: 'composite points equal to the weight (10 + 10 = 20)',
    text: variant({
      17: '        rule: { kind: composite, parts: [{ name: 甲, points: 10, rule: { kind: manual } }, { name: 乙, points: 10, rule: { kind: manual } }] }',
    }),
    issues: [],
  },
  {
    name: 'a band worth exactly the weight',
    text: variant({ 17: '        rule: { kind: bands, bands: [{ gte: 90, points: 20 }, { gte: 0, fraction: 0.5 }] }' }),
    issues: [],
  },
  {
    name: 'levels worth at most the weight',
    text: variant({
      17: '        rule: { kind: levels, levels: [{ name: 甲, points: 20 }, { name: 乙, points: 10 }] }',
    }),
    issues: [],
  },
  {
    name: 'decimal weights that add up exactly (20.1 + 19.9 = 40)',
    text: variant({ 16: '        weight: 20.1', 19: '        weight: 19.9' }),
    issues: [],
  },
  {
    name: 'weights 0.1 + 0.2 = 0.3 (false in floating point)',
    text: fwText([
      '  - { name: 甲, weight: 99.7, rule: { kind: manual } }',
      '  - name: 乙',
      '    weight: 0.3',
      '    children:',
      '      - { name: 乙一, weight: 0.1, rule: { kind: manual } }',
      '      - { name: 乙二, weight: 0.2, rule: { kind: manual } }',
    ]),
    issues: [],
  },
  { name: 'repeated names under different parents', text: variant({ 18: '      - name: 数量' }), issues: [] },
  {
    name: 'grades starting at 0 in any order',
    text: variant({}, undefined, ['grades:', '  bands:', '    - { name: 差, min: 0 }', '    - { name: 优, min: 90 }']),
    issues: [],
  },
];

for (const c of [...CASES, ...VALID]) {
  test(`buildFramework: ${c.name} → ${c.issues.length ? c.issues.map((i) => i.message).join('; ') : 'no issues'}`, () => {
    const { issues } = buildFramework(FrameworkSchema.parse(parseYaml(c.text)));
    assert.deepEqual(
      issues.map((i) => ({ src: i.src, message: i.message })),
      c.issues.map((i) => ({ src: i.src, message: i.message })),
    );
  });

  test(`parseFramework: ${c.name} → ${c.issues.length ? 'InputError with file, field and line' : 'parses'}`, () => {
    if (!c.issues.length) {
      const fw = framework(c.text, 'ok.yaml');
      assert.equal(fw.id, 'unit-test');
      return;
    }
    const e = inputProblems(() => framework(c.text, 'frameworks/bad.yaml'));
    assert.equal(e.file, 'frameworks/bad.yaml');
    assert.deepEqual(
      e.problems,
      c.issues.map((i) => ({ line: i.line, field: fieldName(i.src), message: i.message })),
    );
  });
}

test('the InputError message reads “file 第N行：字段 field：message”', () => {
  const e = inputProblems(() => framework(variant({ 19: '        weight: 15' }), 'frameworks/bad.yaml'));
  assert.equal(
    e.message,
    'frameworks/bad.yaml 第13行：字段 indicators[1].weight：“管理”分值40分，下级指标分值合计35分，两者不等',
  );
});

test('the 一级 total problem names the indicators field and its line', () => {
  const e = inputProblems(() => framework(variant({ 22: '    weight: 40', 25: '        weight: 40' }), 'bad.yaml'));
  assert.equal(e.problems[0]!.field, 'indicators');
  assert.equal(e.problems[0]!.line, 5);
});

// Errors found by the schema, before the tree is built: still file, field and line.
const SCHEMA: Array<{ name: string; text: string; line: number; field: string; message: RegExp }> = [
  {
    name: 'a weight that is not a number',
    text: variant({ 8: '    weight: 十' }),
    line: 8,
    field: 'indicators[0].weight',
    message: /应为数字/,
  },
  {
    name: 'an unknown rule kind',
    text: variant({ 11: '    rule: { kind: formula }' }),
    line: 11,
    field: 'indicators[0].rule.kind',
    message: /无效/,
  },
  {
    name: 'a band with both points and fraction',
    text: variant({ 17: '        rule: { kind: bands, bands: [{ gte: 0, points: 1, fraction: 0.5 }] }' }),
    line: 17,
    field: 'indicators[1].children[0].rule.bands[0]',
    message: /每一档须给出 points（得分）或 fraction（占分值比例）之一/,
  },
  {
    name: 'an unknown metric',
    text: variant({ 10: '    metric: budgetRate' }),
    line: 10,
    field: 'indicators[0].metric',
    message: /budgetExecutionRate/,
  },
  {
    name: 'a misspelt key',
    text: variant({ 8: '    wieght: 10' }),
    line: 6,
    field: 'indicators[0]',
    message: /wieght/,
  },
  {
    name: 'a negative weight',
    text: variant({ 16: '        weight: -20' }),
    line: 16,
    field: 'indicators[1].children[0].weight',
    message: /./,
  },
  {
    name: 'an id with capitals',
    text: fwText(BASE).replace('id: unit-test', 'id: Unit-Test'),
    line: 1,
    field: 'id',
    message: /id 只能包含小写字母、数字和连字符/,
  },
  {
    name: 'a duplicate YAML key',
    text: variant({}, { line: 8, text: '    weight: 12' }),
    line: 9,
    field: '',
    message: /YAML 格式错误（第\d+列）：同一层级出现重复的键/,
  },
  {
    name: 'a bad indentation',
    text: variant({ 11: '   rule: { kind: rate }' }),
    line: 11,
    field: '',
    message: /YAML 格式错误/,
  },
];
for (const c of SCHEMA) {
  test(`parseFramework refuses ${c.name} at line ${c.line}, field “${c.field}”`, () => {
    const e = inputProblems(() => framework(c.text, 'bad.yaml'));
    assert.equal(e.file, 'bad.yaml');
    const p = e.problems[0]!;
    assert.equal(p.line, c.line);
    assert.equal(p.field, c.field);
    assert.match(p.message, c.message);
    if (/YAML/.test(c.name))
      for (const q of e.problems) assert.doesNotMatch(q.message, /YAML.*[A-Za-z]{4,}/, 'no English library text');
  });
}

test('ids: explicit, else the name, else parent/name where names repeat', () => {
  const fw = framework(variant({ 18: '      - name: 数量' }));
  const ids = leaves(fw.roots).map((n) => n.id);
  assert.deepEqual(ids, ['exec', '制度', '管理/数量', '产出/数量']);
  const idx = indexTree(fw.roots);
  assert.ok(Array.isArray(findIndicator(idx, '数量')), 'an ambiguous name finds both');
  assert.equal((findIndicator(idx, '产出/数量') as { weight: unknown }).weight?.toString(), '50');
  assert.equal((findIndicator(idx, '预算执行率') as { id: string }).id, 'exec');
  assert.equal(findIndicator(idx, '不存在'), undefined);
});

test('levels, paths and flags come from the tree', () => {
  const fw = framework(variant({}));
  const [exec, mgmt] = fw.roots;
  assert.equal(exec!.level, 1);
  assert.equal(exec!.fixedWeight, true);
  assert.equal(exec!.optional, false);
  assert.equal(mgmt!.children[1]!.level, 2);
  assert.deepEqual(mgmt!.children[1]!.path, ['管理', '问题']);
  assert.deepEqual(mgmt!.children[1]!.src, ['indicators', 1, 'children', 1]);
  assert.equal(fw.total.toString(), '100');
  assert.equal(fw.decimals, 2);
});

// checkWeights directly: unit-set weights (unitWeights) are only checked on the unit's tree (strict).
const UNIT_WEIGHTS = variant({ 13: '    weight: 40\n    unitWeights: true', 19: '        weight: 15' });
const STRICT: Array<{ name: string; text: string; strict: boolean; messages: string[] }> = [
  {
    name: 'unitWeights, framework check: children may not add up yet',
    text: UNIT_WEIGHTS,
    strict: false,
    messages: [],
  },
  {
    name: 'unitWeights, unit’s tree: children must add up',
    text: UNIT_WEIGHTS,
    strict: true,
    messages: ['“管理”分值40分，下级指标分值合计35分，两者不等'],
  },
  {
    name: 'a weight left open, framework check',
    text: variant({ 19: '        unit: 项' }),
    strict: false,
    messages: [],
  },
  {
    name: 'a weight left open, unit’s tree',
    text: variant({ 19: '        unit: 项' }),
    strict: true,
    messages: ['指标“管理 / 问题”未设定分值'],
  },
];
for (const c of STRICT) {
  test(`checkWeights (${c.strict ? 'strict' : 'framework'}): ${c.name}`, () => {
    const { framework: fw } = buildFramework(FrameworkSchema.parse(parseYaml(c.text)));
    assert.deepEqual(
      checkWeights(fw.roots, fw.total, c.strict).map((i) => i.message),
      c.messages,
    );
  });
}

test('checkWeights compares the 一级 sum with the total given', () => {
  const { framework: fw } = buildFramework(FrameworkSchema.parse(parseYaml(variant({}))));
  assert.deepEqual(checkWeights(fw.roots, new D(100), false), []);
  assert.deepEqual(
    checkWeights(fw.roots, new D(120), false).map((i) => i.message),
    ['一级指标分值合计100分，应为总分120分'],
  );
});
