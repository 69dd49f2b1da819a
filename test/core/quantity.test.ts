import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OP_TEXT, parseQuantity, parseTarget, type Comparator } from '../../src/core/quantity.js';

// 指标值 as printed: comparator in symbols or words, number, optional unit. A bare number reads as ≥.
const TARGETS: Array<{ text: string | number; op: Comparator; value: number; unit?: string; todo?: string }> = [
  { text: '≥90%', op: '>=', value: 90, unit: '%' },
  { text: '≤5%', op: '<=', value: 5, unit: '%' },
  { text: '=100%', op: '=', value: 100, unit: '%' },
  { text: '＝100%', op: '=', value: 100, unit: '%' },
  { text: '不低于10批次', op: '>=', value: 10, unit: '批次' },
  { text: '根据需求，不低于10批次', op: '>=', value: 10, unit: '批次' },
  { text: '不少于3次', op: '>=', value: 3, unit: '次' },
  { text: '至少2项', op: '>=', value: 2, unit: '项' },
  { text: '100%以上', op: '>=', value: 100, unit: '%' },
  { text: '大于等于90%', op: '>=', value: 90, unit: '%' },
  { text: '>=95%', op: '>=', value: 95, unit: '%' },
  { text: '≧90%', op: '>=', value: 90, unit: '%' },
  { text: '≥90％', op: '>=', value: 90, unit: '%' }, // full-width percent sign
  { text: '不高于5%', op: '<=', value: 5, unit: '%' },
  { text: '不超过5%', op: '<=', value: 5, unit: '%' },
  { text: '不大于5%', op: '<=', value: 5, unit: '%' }, // contains 大于, still ≤
  { text: '小于等于5%', op: '<=', value: 5, unit: '%' },
  { text: '5%以内', op: '<=', value: 5, unit: '%' },
  { text: '<=5%', op: '<=', value: 5, unit: '%' },
  { text: '＞95％', op: '>', value: 95, unit: '%' },
  { text: '超过90%', op: '>', value: 90, unit: '%' },
  { text: '<5%', op: '<', value: 5, unit: '%' },
  { text: '低于5%', op: '<', value: 5, unit: '%' }, // 不低于 is ≥, 低于 alone is <
  { text: '小于5%', op: '<', value: 5, unit: '%' },
  { text: '1,586.78', op: '>=', value: 1586.78 },
  { text: '1，586.78', op: '>=', value: 1586.78 }, // full-width comma
  { text: '≥ 1,586.78万元', op: '>=', value: 1586.78, unit: '万元' },
  { text: '98', op: '>=', value: 98 },
  { text: 98, op: '>=', value: 98 },
  { text: '98%', op: '>=', value: 98, unit: '%' },
  { text: '10 批次', op: '>=', value: 10, unit: '批次' },
  { text: '完成率≥90%', op: '>=', value: 90, unit: '%' },
  { text: '0', op: '>=', value: 0 },
  { text: '-5%', op: '>=', value: -5, unit: '%' },
  { text: '0.5%', op: '>=', value: 0.5, unit: '%' },
  { text: '.5%', op: '>=', value: 0.5, unit: '%' },
];
for (const c of TARGETS) {
  const opts = c.todo ? { todo: c.todo } : {};
  test(`parseTarget(${JSON.stringify(c.text)}) → ${OP_TEXT[c.op]}${c.value}${c.unit ?? ''}`, opts, () => {
    const t = parseTarget(c.text);
    assert.ok(t, 'parsed');
    assert.equal(t.op, c.op);
    assert.equal(t.value, c.value);
    assert.equal(t.unit, c.unit);
    assert.equal(t.text, String(c.text).trim());
  });
}

// No number, nothing to compare with: the target stays text (qualitative).
const NOT_TARGETS: Array<string | number | null | undefined> = [
  '科学',
  '比较健全',
  '按时公开',
  '以下',
  '',
  '   ',
  null,
  undefined,
  Number.NaN,
  Number.POSITIVE_INFINITY,
];
for (const t of NOT_TARGETS) {
  test(`parseTarget(${JSON.stringify(t) ?? String(t)}) has no number → undefined`, () => {
    assert.equal(parseTarget(t), undefined);
  });
}

// 实际完成值 as printed.
const QUANTITIES: Array<{ text: string | number; value: number; unit?: string }> = [
  { text: '98.12%', value: 98.12, unit: '%' },
  { text: '98.12％', value: 98.12, unit: '%' },
  { text: '1,586.78', value: 1586.78 },
  { text: '1,586.78万元', value: 1586.78, unit: '万元' },
  { text: '16', value: 16 },
  { text: ' 16 ', value: 16 },
  { text: 16, value: 16 },
  { text: 0, value: 0 },
  { text: '35人', value: 35, unit: '人' },
  { text: '3天', value: 3, unit: '天' },
  { text: '9.5分', value: 9.5, unit: '分' },
  // longer units before their tails: 人次 is not 人, 万元 / 亿元 not 元, 平方米 not 米
  { text: '1,200人次', value: 1200, unit: '人次' },
  { text: '3万人', value: 3, unit: '万人' },
  { text: '2.5亿元', value: 2.5, unit: '亿元' },
  { text: '3.5万元', value: 3.5, unit: '万元' },
  { text: '800元', value: 800, unit: '元' },
  { text: '120平方米', value: 120, unit: '平方米' },
  { text: '12批次', value: 12, unit: '批次' },
];
for (const c of QUANTITIES) {
  test(`parseQuantity(${JSON.stringify(c.text)}) → ${c.value}${c.unit ?? ''}`, () => {
    const q = parseQuantity(c.text);
    assert.deepEqual(q, c.unit === undefined ? { value: c.value } : { value: c.value, unit: c.unit });
  });
}

for (const t of ['未开展', '', '—', null, undefined, Number.NaN, Number.NEGATIVE_INFINITY]) {
  test(`parseQuantity(${JSON.stringify(t) ?? String(t)}) → undefined`, () => assert.equal(parseQuantity(t), undefined));
}
