import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingsFor, indicator, scoreSeed } from '../helpers.js';

// seed 000 — 郑州市上街区人大常委会办公室 2021: 可持续性 dropped, its 10 points moved into 投入管理 (40).
const r = scoreSeed('000_6ca4beea76738c10');

test('上街: the unit’s tailoring is valid — 可持续性 dropped, 投入管理 40, total 100', () => {
  assert.equal(r.result.findings.filter((f) => f.code === 'weights').length, 0);
  assert.ok(!r.result.nodes.some((n) => n.name === '可持续性指标'));
  assert.equal(r.result.nodes.find((n) => n.name === '投入管理指标')?.weight, 40);
  assert.equal(
    r.result.nodes.filter((n) => n.level === 1).reduce((s, n) => s + n.weight, 0),
    100,
  );
});

test('上街: claimed scores add up to the stated 98.8 优', () => {
  assert.equal(r.result.claimedTotal, 98.8);
  assert.equal(r.result.statedTotal, 98.8);
  assert.equal(
    r.result.findings.filter((f) => ['total-mismatch', 'subtotal-mismatch', 'grade-mismatch'].includes(f.code)).length,
    0,
  );
});

test('上街: 预算执行率 98.12% × 10 = 9.81, printed 9.8 is flagged with both numbers', () => {
  const i = r.result.indicators.find((x) => x.id === '预算执行率')!;
  assert.equal(i.score, 9.81);
  assert.equal(i.claimed, 9.8);
  const f = r.result.findings.filter(
    (x) => x.code === 'claimed-differs' && x.path?.length === 1 && x.indicator === '预算执行率',
  );
  assert.equal(f.length, 1);
  assert.equal(f[0]!.expected, 9.81);
  assert.equal(f[0]!.stated, 9.8);
});

test('上街: the 2-point 预算执行率 under 预算和财务管理 scores 98.12/100×2 = 1.96, not the printed 1', () => {
  const i = indicator(r, '投入管理指标/预算和财务管理/预算执行率');
  assert.equal(i.score, 1.96);
  assert.equal(i.claimed, 1);
  assert.match(i.explanation, /98\.12%÷100%×2=1\.96分/);
});

test('上街: recomputed total 99.77 优, and no false alarms on indicators that add up', () => {
  assert.equal(r.result.total, 99.77);
  assert.equal(r.result.grade, '优');
  const flagged = new Set(r.result.findings.filter((f) => f.code === 'claimed-differs').map((f) => f.path!.join('/')));
  assert.deepEqual([...flagged].sort(), ['投入管理指标/预算和财务管理/预算执行率', '预算执行率']);
  assert.equal(findingsFor(r, '区人大代表履职活动完成率').length, 0);
});
