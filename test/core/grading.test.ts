import assert from 'node:assert/strict';
import { test } from 'node:test';
import { D } from '../../src/core/decimal.js';
import type { Framework } from '../../src/core/framework/model.js';
import { FrameworkSchema } from '../../src/core/framework/schema.js';
import { gradeOf } from '../../src/core/grading.js';

const STANDARD = [
  { name: '优', min: 90 },
  { name: '良', min: 80 },
  { name: '中', min: 60 },
  { name: '差', min: 0 },
];
const HALF_OPEN: Framework['grades'] = { mode: 'half-open', bands: STANDARD };
const INTEGER: Framework['grades'] = { mode: 'integer', bands: STANDARD };
// Deliberately unsorted: the highest band that the total reaches wins, whatever the order.
const CUSTOM: Framework['grades'] = {
  mode: 'half-open',
  bands: [
    { name: '合格', min: 60 },
    { name: '优秀', min: 85 },
    { name: '不合格', min: 0 },
  ],
};

const CASES: Array<{ grades: Framework['grades']; label: string; total: number | string; want: string }> = [
  // half-open: [90,100] 优, [80,90) 良, [60,80) 中, [0,60) 差
  { grades: HALF_OPEN, label: 'half-open', total: 100, want: '优' },
  { grades: HALF_OPEN, label: 'half-open', total: 90, want: '优' },
  { grades: HALF_OPEN, label: 'half-open', total: 89.99, want: '良' },
  { grades: HALF_OPEN, label: 'half-open', total: 89.5, want: '良' },
  { grades: HALF_OPEN, label: 'half-open', total: '89.995', want: '良' },
  { grades: HALF_OPEN, label: 'half-open', total: 80, want: '良' },
  { grades: HALF_OPEN, label: 'half-open', total: 79.99, want: '中' },
  { grades: HALF_OPEN, label: 'half-open', total: 60, want: '中' },
  { grades: HALF_OPEN, label: 'half-open', total: 59.99, want: '差' },
  { grades: HALF_OPEN, label: 'half-open', total: 0, want: '差' },
  // integer ("80-89分为良"): round half-up to a whole point first
  { grades: INTEGER, label: 'integer', total: 89.5, want: '优' },
  { grades: INTEGER, label: 'integer', total: 89.4, want: '良' },
  { grades: INTEGER, label: 'integer', total: 89.49, want: '良' },
  { grades: INTEGER, label: 'integer', total: '89.995', want: '优' },
  { grades: INTEGER, label: 'integer', total: 90, want: '优' },
  { grades: INTEGER, label: 'integer', total: 79.5, want: '良' },
  { grades: INTEGER, label: 'integer', total: 79.49, want: '中' },
  { grades: INTEGER, label: 'integer', total: 59.5, want: '中' },
  { grades: INTEGER, label: 'integer', total: 59.49, want: '差' },
  // custom bands
  { grades: CUSTOM, label: 'custom', total: 85, want: '优秀' },
  { grades: CUSTOM, label: 'custom', total: 84.99, want: '合格' },
  { grades: CUSTOM, label: 'custom', total: 90, want: '优秀' },
  { grades: CUSTOM, label: 'custom', total: 60, want: '合格' },
  { grades: CUSTOM, label: 'custom', total: 59.9, want: '不合格' },
];
for (const c of CASES) {
  test(`grade (${c.label}) of ${String(c.total)} is ${c.want}`, () => {
    // as a Dec (how scoring calls it) and, where exact, as a number (stated totals)
    assert.equal(gradeOf(new D(c.total), c.grades), c.want);
    if (typeof c.total === 'number') assert.equal(gradeOf(c.total, c.grades), c.want);
  });
}

test('gradeOf does not reorder the framework’s bands in place', () => {
  const before = CUSTOM.bands.map((b) => b.name).join(',');
  gradeOf(70, CUSTOM);
  assert.equal(CUSTOM.bands.map((b) => b.name).join(','), before);
});

test('a framework without grades gets half-open 优/良/中/差 at 90/80/60/0', () => {
  const src = FrameworkSchema.parse({
    id: 'g',
    name: 'g',
    region: 'r',
    year: 2021,
    indicators: [{ name: 'a', weight: 100, rule: { kind: 'manual' } }],
  });
  assert.equal(src.grades.mode, 'half-open');
  assert.deepEqual(src.grades.bands, STANDARD);
  assert.equal(gradeOf(89.99, src.grades), '良');
});

test('grades: mode alone defaults the bands', () => {
  const src = FrameworkSchema.parse({
    id: 'g',
    name: 'g',
    region: 'r',
    year: 2021,
    grades: { mode: 'integer' },
    indicators: [{ name: 'a', weight: 100, rule: { kind: 'manual' } }],
  });
  assert.equal(src.grades.mode, 'integer');
  assert.equal(gradeOf(89.5, src.grades), '优');
});
