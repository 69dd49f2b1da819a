import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDomain, FIGURE_FIELDS, TASK_FIELDS } from '../../src/core/check/domains.js';
import { hasAtMostTwoDecimals } from '../../src/core/money.js';

describe('money: 万元 with at most two decimals', () => {
  const cases: Array<[number, boolean]> = [
    [0, true],
    [837.69, true],
    [1586.78, true],
    [0.1 + 0.2, false], // 0.30000000000000004 is not what anyone typed
    [837.694, false],
    [-12.5, true],
    [1e-3, false],
  ];
  for (const [v, ok] of cases) test(`${v} → ${ok}`, () => assert.equal(hasAtMostTwoDecimals(v), ok));

  test('every money field of the figures and tasks is in the money domain, and nothing else', () => {
    const money = Object.entries(FIGURE_FIELDS)
      .filter(([, f]) => f.domain === 'money' || f.domain === 'signedMoney')
      .map(([k]) => k);
    for (const k of ['budget.initial', 'budget.basic.budget', 'threePublic.budget', 'assets.inUse'])
      assert.ok(money.includes(k), k);
    for (const k of ['budget.paymentActual', 'staffing.authorized', 'satisfaction', 'budget.quarterly.0'])
      assert.ok(!money.includes(k), k);
    assert.deepEqual(Object.keys(TASK_FIELDS), ['budget', 'fiscalBudget', 'executed', 'fiscalExecuted']);
    assert.match(checkDomain(830.785, 'money')[0]!.message, /^金额以万元为单位，最多保留两位小数（现为 830.785）$/);
  });
});
