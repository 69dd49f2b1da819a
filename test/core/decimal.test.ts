import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Decimal } from 'decimal.js';
import { clamp, D, dec, fmt, pct, roundHalfUp, toNumber, wan, ZERO } from '../../src/core/decimal.js';

// 四舍五入 to a number of decimals. Expected values worked out by hand; several inputs are exactly
// the ones binary floating point gets wrong (2.675 is 2.67499999… as a double, 1.005 is 1.00499…).
const ROUND: Array<{ v: number | string; d: number; want: string }> = [
  { v: 2.675, d: 2, want: '2.68' },
  { v: 1.005, d: 2, want: '1.01' },
  { v: '1.005', d: 2, want: '1.01' },
  { v: 0.125, d: 2, want: '0.13' },
  { v: 0.335, d: 2, want: '0.34' },
  { v: 1.0049, d: 2, want: '1' },
  { v: 9.8116, d: 2, want: '9.81' },
  { v: 9.815, d: 2, want: '9.82' },
  { v: 2.5, d: 0, want: '3' },
  { v: 89.5, d: 0, want: '90' },
  { v: 89.49, d: 0, want: '89' },
  { v: 0.00005, d: 4, want: '0.0001' },
  { v: 0.00004, d: 4, want: '0' },
  { v: 98.12, d: 4, want: '98.12' },
];
for (const c of ROUND) {
  test(`roundHalfUp(${String(c.v)}, ${c.d}) = ${c.want}`, () => {
    assert.equal(roundHalfUp(c.v, c.d).toString(), c.want);
  });
}

// Human formatting: at most `d` places, trailing zeros trimmed unless fixed; no float artefacts.
const FMT: Array<{ v: number | string; d?: number; fixed?: boolean; want: string }> = [
  { v: 9.8116, d: 2, want: '9.81' },
  { v: 10, d: 2, want: '10' },
  { v: 100, d: 2, want: '100' }, // trailing zeros of an integer are not trimmed
  { v: 100.001, d: 2, want: '100' },
  { v: 3, d: 2, fixed: true, want: '3.00' },
  { v: 1.5, d: 2, want: '1.5' },
  { v: 1.5, d: 2, fixed: true, want: '1.50' },
  { v: 0.001, d: 2, want: '0' },
  { v: 0.1 + 0.2, d: 2, want: '0.3' }, // 0.30000000000000004 as a double
  { v: 97.80000001, d: 2, want: '97.8' },
  { v: 9.78 * 10, d: 2, want: '97.8' },
  { v: 2.675, want: '2.68' }, // default 2 decimals
  { v: 1.005, want: '1.01' },
  { v: 1234.5, d: 0, want: '1235' },
  { v: 98.125, d: 2, want: '98.13' },
  { v: 0.33335, d: 4, want: '0.3334' },
];
for (const c of FMT) {
  test(`fmt(${String(c.v)}, ${c.d ?? 'default'}${c.fixed ? ', fixed' : ''}) = "${c.want}"`, () => {
    assert.equal(c.d === undefined ? fmt(c.v) : fmt(c.v, c.d, c.fixed ?? false), c.want);
  });
}

// toNumber gives a JS number that prints exactly as the rounded decimal.
const TO_NUMBER: Array<{ v: number | string; d: number; want: number; printed: string }> = [
  { v: 0.1 + 0.2, d: 2, want: 0.3, printed: '0.3' },
  { v: 97.80000001, d: 2, want: 97.8, printed: '97.8' },
  { v: 9.78 * 10, d: 2, want: 97.8, printed: '97.8' },
  { v: 2.675, d: 2, want: 2.68, printed: '2.68' },
  { v: 1.005, d: 2, want: 1.01, printed: '1.01' },
  { v: 0.1 * 3, d: 2, want: 0.3, printed: '0.3' },
  { v: 89.5, d: 0, want: 90, printed: '90' },
  { v: -0.001, d: 2, want: 0, printed: '0' },
];
for (const c of TO_NUMBER) {
  test(`toNumber(${String(c.v)}, ${c.d}) = ${c.printed}`, () => {
    const n = toNumber(c.v, c.d);
    assert.equal(n, c.want);
    assert.equal(String(n), c.printed);
    assert.equal(JSON.stringify({ n }), `{"n":${c.printed}}`);
  });
}

// 万元 amounts: always two decimals, half-up.
const WAN: Array<{ v: number | string; want: string }> = [
  { v: 1586.785, want: '1586.79' },
  { v: 10, want: '10.00' },
  { v: 0.1 + 0.2, want: '0.30' },
  { v: '1586.7849', want: '1586.78' },
  { v: 97.80000001, want: '97.80' },
];
for (const c of WAN) {
  test(`wan(${String(c.v)}) = "${c.want}"`, () => assert.equal(wan(c.v), c.want));
}

const PCT: Array<{ v: number; d?: number; want: string }> = [
  { v: 98.125, want: '98.13%' },
  { v: 100, want: '100%' },
  { v: 33.3333, d: 1, want: '33.3%' },
];
for (const c of PCT) {
  test(`pct(${c.v}) = "${c.want}"`, () => assert.equal(c.d === undefined ? pct(c.v) : pct(c.v, c.d), c.want));
}

const CLAMP: Array<{ v: string; lo: number; hi: number; want: string }> = [
  { v: '-1', lo: 0, hi: 10, want: '0' },
  { v: '11', lo: 0, hi: 10, want: '10' },
  { v: '5.5', lo: 0, hi: 10, want: '5.5' },
  { v: '0', lo: 0, hi: 10, want: '0' },
  { v: '10', lo: 0, hi: 10, want: '10' },
];
for (const c of CLAMP) {
  test(`clamp(${c.v}, ${c.lo}, ${c.hi}) = ${c.want}`, () =>
    assert.equal(clamp(new D(c.v), c.lo, c.hi).toString(), c.want));
}

test('decimal sums have no binary artefacts: 0.1 + 0.2 = 0.3, ten times 0.1 = 1, 10 000 × 0.01 = 100', () => {
  assert.equal(dec(0.1).plus(0.2).toString(), '0.3');
  assert.ok(dec(0.1).plus(0.2).eq(0.3));
  assert.equal(
    Array.from({ length: 10 }, () => 0.1)
      .reduce((s, x) => s.plus(x), ZERO)
      .toString(),
    '1',
  );
  assert.equal(
    Array.from({ length: 10000 }, () => 0.01)
      .reduce((s, x) => s.plus(x), ZERO)
      .toString(),
    '100',
  );
  // rounded scores as a printed table adds them: 9.81 + 1.96 + 0.33 + 85.7 = 97.8
  assert.equal([9.81, 1.96, 0.33, 85.7].reduce((s, x) => s.plus(x), ZERO).toString(), '97.8');
  assert.equal(
    toNumber(
      [9.81, 1.96, 0.33, 85.7].reduce((s, x) => s.plus(x), ZERO),
      2,
    ),
    97.8,
  );
});

test('dec keeps a Dec as it is and reads numbers and strings', () => {
  const x = new D('1.23');
  assert.equal(dec(x), x);
  assert.equal(dec('1,0'.replace(',', '.')).toString(), '1');
  assert.equal(dec(98.12).toString(), '98.12');
});

test('D is a separate decimal.js constructor: precision 40, half-up; the global Decimal keeps its own settings', () => {
  assert.equal(D.precision, 40);
  assert.equal(D.rounding, Decimal.ROUND_HALF_UP);
  assert.equal(Decimal.precision, 20);
  // 1/3 to 40 significant digits
  assert.equal(new D(1).div(3).toString(), '0.' + '3'.repeat(40));
});
