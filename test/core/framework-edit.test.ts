import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import {
  addNode,
  checkDraft,
  copyDraft,
  type FrameworkDraft,
  nodeAt,
  nodePathOf,
  removeNode,
  setWeight,
  updateNode,
  weightChecks,
} from '../../src/core/framework-edit.js';

const BASE: FrameworkDraft = parse(`
id: edit-test
name: 编辑测试框架
region: 测试区
year: 2021
indicators:
  - name: 投入
    weight: 20
    children:
      - { name: 目标设定, weight: 10, rule: { kind: manual } }
      - { name: 预算配置, weight: 10, target: "≥100%", rule: { kind: ratio } }
  - name: 产出
    weight: 80
    children:
      - { name: 实际完成率, weight: 50, rule: { kind: ratio }, target: "≥100%" }
      - { name: 质量达标率, weight: 30, rule: { kind: ratio }, target: "≥100%" }
`);

describe('checkDraft', () => {
  test('the base framework is valid', () => {
    const r = checkDraft(BASE);
    assert.deepEqual(r.issues, []);
    assert.equal(r.framework?.id, 'edit-test');
  });

  const CASES: Array<{
    name: string;
    edit: (d: FrameworkDraft) => FrameworkDraft;
    want: Array<{ node?: number[]; message: RegExp }>;
  }> = [
    {
      name: 'reweight a leaf so its parent no longer adds up',
      edit: (d) => setWeight(d, [0, 0], 12),
      want: [{ node: [0], message: /“投入”分值20分，下级指标分值合计22分，两者不等/ }],
    },
    {
      name: 'reweight leaf and parent: the 一级 total is wrong',
      edit: (d) => setWeight(setWeight(d, [0, 0], 15), [0], 25),
      want: [{ message: /一级指标分值合计105分，应为总分100分/ }],
    },
    {
      name: 'reweight half-way: a 二级 no longer adds up',
      edit: (d) => setWeight(setWeight(setWeight(d, [0, 0], 15), [0], 25), [1, 0], 45),
      want: [{ message: /一级指标分值合计105分/ }, { node: [1], message: /“产出”分值80分，下级指标分值合计75分/ }],
    },
    {
      name: 'reweight consistently',
      edit: (d) => setWeight(setWeight(setWeight(setWeight(d, [0, 0], 15), [0], 25), [1, 0], 45), [1], 75),
      want: [],
    },
    {
      name: 'add a 个性指标 and take its points from a sibling',
      edit: (d) =>
        setWeight(
          addNode(d, [1], { name: '群众满意度', weight: 10, target: '≥90%', rule: { kind: 'ratio' } }),
          [1, 1],
          20,
        ),
      want: [],
    },
    { name: 'drop a leaf', edit: (d) => removeNode(d, [1, 1]), want: [{ node: [1], message: /下级指标分值合计50分/ }] },
    {
      name: 'drop a leaf and reweight its parent and the other 一级',
      edit: (d) => setWeight(setWeight(removeNode(d, [1, 1]), [1], 50), [0], 50),
      want: [{ node: [0], message: /“投入”分值50分，下级指标分值合计20分/ }],
    },
    {
      name: 'a negative weight is named with the indicator',
      edit: (d) => setWeight(d, [0, 1], -1),
      want: [{ node: [0, 1], message: /指标“投入 \/ 预算配置”/ }],
    },
    { name: 'an empty name', edit: (d) => updateNode(d, [1, 0], { name: '' }), want: [{ node: [1, 0], message: /./ }] },
    {
      name: 'a leaf without a rule',
      edit: (d) => updateNode(d, [1, 0], { rule: undefined }),
      want: [{ node: [1, 0], message: /缺少评分规则/ }],
    },
    {
      name: 'a bad id',
      edit: (d) => ({ ...d, id: 'Bad Id' }),
      want: [{ message: /id 只能包含小写字母、数字和连字符/ }],
    },
  ];
  for (const c of CASES) {
    test(c.name, () => {
      const r = checkDraft(c.edit(BASE));
      assert.equal(r.issues.length, c.want.length, JSON.stringify(r.issues));
      c.want.forEach((w, i) => {
        assert.match(r.issues[i]!.message, w.message);
        if (w.node) assert.deepEqual(r.issues[i]!.node, w.node);
      });
    });
  }
});

describe('edits are immutable and precise', () => {
  test('nodePathOf', () => {
    const CASES: Array<[Array<string | number>, number[] | undefined]> = [
      [['indicators', 0], [0]],
      [
        ['indicators', 1, 'children', 2, 'weight'],
        [1, 2],
      ],
      [
        ['indicators', 1, 'children', 2, 'rule', 'items', 0],
        [1, 2],
      ],
      [['grades', 'bands'], undefined],
      [['indicators'], undefined],
    ];
    for (const [src, want] of CASES) assert.deepEqual(nodePathOf(src), want, src.join('.'));
  });

  test('the original is untouched', () => {
    const before = JSON.stringify(BASE);
    setWeight(BASE, [0, 0], 3);
    addNode(BASE, [0], { name: 'x', weight: 1, rule: { kind: 'manual' } });
    removeNode(BASE, [1]);
    copyDraft(BASE, { id: 'copy', name: '副本' });
    assert.equal(JSON.stringify(BASE), before);
  });

  test('a leaf that gets a child loses its rule and target', () => {
    const d = addNode(BASE, [0, 1], { name: '子项', weight: 10, rule: { kind: 'manual' } });
    const n = nodeAt(d, [0, 1])!;
    assert.equal(n.rule, undefined);
    assert.equal(n.target, undefined);
    assert.equal(n.children?.length, 1);
    assert.deepEqual(checkDraft(d).issues, []);
  });

  test('dropping the last child leaves a leaf without rule (reported), not an empty list', () => {
    const d = removeNode(removeNode(BASE, [0, 1]), [0, 0]);
    assert.equal(nodeAt(d, [0])!.children, undefined);
    assert.match(
      checkDraft(d)
        .issues.map((i) => i.message)
        .join('\n'),
      /末级指标“投入”缺少评分规则/,
    );
  });

  test('a new 一级指标', () => {
    const d = addNode(setWeight(BASE, [1], 70), [], { name: '效果', weight: 10, rule: { kind: 'manual' } });
    assert.equal(d.indicators.length, 3);
    assert.match(checkDraft(d).issues[0]!.message, /“产出”分值70分，下级指标分值合计80分/);
  });

  test('out-of-range paths are refused', () => {
    assert.throws(() => setWeight(BASE, [5], 1), RangeError);
    assert.throws(() => removeNode(BASE, [0, 9]), RangeError);
    assert.throws(() => addNode(BASE, [3, 0], { name: 'x' }), RangeError);
  });

  test('copyDraft: new id and name, version 1', () => {
    const c = copyDraft({ ...BASE, version: 3 }, { id: 'edit-test-demo', name: '副本', region: '演示市' });
    assert.deepEqual([c.id, c.name, c.version, c.region], ['edit-test-demo', '副本', 1, '演示市']);
    assert.deepEqual(checkDraft(c).issues, []);
  });
});

describe('weightChecks', () => {
  const CASES: Array<{
    name: string;
    edit: (d: FrameworkDraft) => FrameworkDraft;
    total: [number, boolean];
    bad: string[];
  }> = [
    { name: 'all add up', edit: (d) => d, total: [100, true], bad: [] },
    { name: 'a leaf off', edit: (d) => setWeight(d, [1, 0], 49.5), total: [100, true], bad: ['产出'] },
    {
      name: 'decimals add exactly (0.1 + 0.2)',
      edit: (d) =>
        setWeight(
          setWeight(
            addNode(setWeight(d, [0, 0], 9.7), [0], { name: 'y', weight: 0.1, rule: { kind: 'manual' } }),
            [0, 2],
            0.3,
          ),
          [0, 1],
          9.9,
        ),
      total: [100, true],
      bad: ['投入'],
    },
    { name: '一级 off', edit: (d) => setWeight(d, [0], 30), total: [110, false], bad: ['投入'] },
  ];
  for (const c of CASES) {
    test(c.name, () => {
      const w = weightChecks(c.edit(BASE));
      assert.deepEqual([w.total.sum, w.total.ok], c.total);
      assert.deepEqual(
        w.nodes.filter((n) => !n.ok).map((n) => n.name),
        c.bad,
      );
    });
  }
});

test('a quantitative 指标值 must hold a number: the editor names the indicator and the field', () => {
  const bad = updateNode(BASE, [0, 1], { target: '大约九成' });
  const r = checkDraft(bad);
  const hit = r.issues.find((i) => i.field === 'indicators[0].children[1].target');
  assert.ok(hit, JSON.stringify(r.issues));
  assert.match(hit.message, /“预算配置”的指标值“大约九成”中没有数值/);
  assert.deepEqual(hit.node, [0, 1]);
  // A qualitative indicator's 指标值 is words, and full-width digits are numbers.
  assert.deepEqual(checkDraft(updateNode(BASE, [0, 0], { target: '大约九成' })).issues, []);
  assert.deepEqual(checkDraft(updateNode(BASE, [0, 1], { target: '≥９５％' })).issues, []);
});
