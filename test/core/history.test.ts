/** The audit log in Chinese: every kind of entry a sentence, with core's labels; no raw codes, no [object Object], no undefined. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeText, describeEntry, fieldLabel } from '../../src/core/history.js';

const base = { actor: '王某', entity: 'evaluation', detail: null };

test('a changed figure: the form’s label, money with two decimals', () => {
  const t = describeEntry({
    ...base,
    action: 'update',
    changes: [{ field: 'document.figures.budget.total', old: 837.69, new: 800 }],
  });
  assert.equal(t.sentence, '王某将“全年预算数（调整后）”由 837.69万元 改为 800.00万元');
});

test('an indicator saved as one field reads as what changed inside it, not “1项内容”', () => {
  const t = describeEntry(
    {
      ...base,
      action: 'update',
      changes: [
        {
          field: 'document.indicators.预算执行率',
          old: { actual: 95.5 },
          new: { actual: 95.5, deviationReason: '部分支出因工作不可预见。' },
        },
      ],
    },
    { indicatorName: (id) => id },
  );
  assert.equal(t.sentence, '王某填写“指标“预算执行率”的偏差原因”为 “部分支出因工作不可预见。”');
  const two = describeEntry({
    ...base,
    action: 'update',
    changes: [{ field: 'document.indicators.预算执行率', old: null, new: { actual: 96, deviationReason: '无' } }],
  });
  assert.equal(two.sentence, '王某保存了 2 处改动');
  assert.deepEqual(two.lines, ['填写“指标“预算执行率”的实际完成值”为 96', '填写“指标“预算执行率”的偏差原因”为 “无”']);
});

test('several changes: one line each, indicators, tasks, checks, narrative, claimed, tailoring', () => {
  const t = describeEntry(
    {
      ...base,
      action: 'update',
      changes: [
        { field: 'document.indicators.ys.actual', old: '98%', new: '99%' },
        { field: 'document.indicators.ys.checks[1]', old: true, new: false },
        { field: 'document.tasks[0].budget', old: null, new: 66 },
        { field: 'document.tasks[2]', old: { name: '代表培训', budget: 3 }, new: null },
        { field: 'document.narrative.其他', old: '无。', new: null },
        { field: 'document.claimed.total', old: 98.8, new: 97 },
        { field: 'document.tailoring.drop[0]', old: null, new: '可持续性指标' },
        { field: '规则总分', old: 95.1, new: 94.6 },
      ],
    },
    { indicatorName: (id) => (id === 'ys' ? '预算执行率' : undefined) },
  );
  assert.equal(t.sentence, '王某保存了 8 处改动');
  assert.deepEqual(t.lines, [
    '将“指标“预算执行率”的实际完成值”由 “98%” 改为 “99%”',
    '将“指标“预算执行率”评价要点第2项”由 达标 改为 未达标',
    '填写“第1项工作任务的预算数”为 66',
    '清空“第3项工作任务”（原为 “代表培训”）',
    '清空“报告正文“其他””（原为 “无。”）',
    '将“自评总分”由 98.8 改为 97',
    '填写“不适用的指标”为 “可持续性指标”',
    '将“规则总分”由 95.1 改为 94.6',
  ]);
});

test('workflow steps by their Chinese names, with the comment', () => {
  const t = describeEntry({
    ...base,
    action: 'transition:return',
    changes: [{ field: 'status', old: 'submitted_bureau', new: 'returned' }],
    detail: { comment: '请补充偏差原因', version: 4 },
  });
  assert.equal(t.sentence, '王某财政局退回修改（待财政局审核 → 已退回），意见：“请补充偏差原因”');
});

test('evidence by file name; a withdrawal; round scope changes', () => {
  assert.equal(
    describeEntry({
      ...base,
      entity: 'attachment',
      action: 'create',
      changes: [{ field: 'attachment', old: null, new: '会议纪要.pdf' }],
      detail: { evaluationId: 1, indicator: '预算执行率' },
    }).sentence,
    '王某上传了佐证材料《会议纪要.pdf》（指标“预算执行率”）',
  );
  assert.equal(
    describeEntry({
      ...base,
      entity: 'attachment',
      action: 'delete',
      changes: [{ field: 'attachment', old: '会议纪要.pdf', new: null }],
      detail: { evaluationId: 1 },
    }).sentence,
    '王某删除了佐证材料《会议纪要.pdf》',
  );
  assert.equal(
    describeEntry({ ...base, action: 'withdrawn', changes: [], detail: { roundName: '2024年度自评' } }).sentence,
    '王某把本单位撤出了评价轮次“2024年度自评”，已填内容保留',
  );
  assert.equal(
    describeEntry({
      ...base,
      entity: 'round',
      action: 'units-add',
      changes: [{ field: 'units', old: null, new: ['甲局', '乙局'] }],
    }).sentence,
    '王某把甲局、乙局加入了评价范围',
  );
});

test('nothing a person reads is a raw code, an object or undefined', () => {
  const odd = [
    { field: 'document.indicators.x.parts.甲.actual', old: undefined, new: { a: 1 } },
    { field: 'document.weird.path', old: [1, { b: 2 }], new: [] },
    { field: 'document.narrative.情况说明', old: undefined, new: '' },
    { field: 'status', old: 'draft', new: 'submitted_leader' },
    { field: 'document.figures.budget.paymentActual', old: 80, new: 95.5 },
  ];
  for (const c of odd) {
    const s = changeText(c);
    assert.doesNotMatch(s, /undefined|object Object|submitted|draft|weird|\bnull\b/, s);
  }
  assert.equal(fieldLabel('document.weird.path'), '其他内容');
  assert.match(changeText(odd[3]!), /由 草稿 改为 待单位负责人审核/);
  assert.match(changeText(odd[4]!), /由 80% 改为 95.5%/);
  for (const action of ['create', 'update', 'delete', 'login', 'freeze', 'something-new'])
    for (const entity of [
      'evaluation',
      'attachment',
      'round',
      'organisation',
      'user',
      'session',
      'framework_version',
      'x',
    ])
      assert.doesNotMatch(
        describeEntry({ actor: '', entity, action, changes: [], detail: null }).sentence,
        /undefined|[a-z]{3,}/,
        `${entity}/${action}`,
      );
});
