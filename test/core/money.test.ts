import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hasAtMostTwoDecimals, moneyIssues } from '../../src/core/money.js';

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

  test('every money field of the figures and tasks, and nothing else', () => {
    const issues = moneyIssues({
      figures: {
        budget: { initial: 830.785, executed: 800, paymentActual: 95.555, basic: { budget: 1.001, executed: 2 } },
        threePublic: { budget: 3.333 },
        staffing: { authorized: 77.5 },
        satisfaction: 88.285,
      },
      tasks: [{ name: 'a', budget: 1.005 }, null, { name: 'b', executed: 2.25 }],
    });
    assert.deepEqual(
      issues.map((i) => [i.path.join('.'), i.value]),
      [
        ['figures.budget.initial', 830.785],
        ['figures.budget.basic.budget', 1.001],
        ['figures.threePublic.budget', 3.333],
        ['tasks.0.budget', 1.005],
      ],
    );
    assert.match(issues[0]!.message, /^金额以万元为单位，最多保留两位小数（现为 830.785）$/);
  });

  test('a document as typed: missing or malformed parts are skipped, not thrown on', () => {
    assert.deepEqual(moneyIssues({}), []);
    assert.deepEqual(moneyIssues({ figures: 'x', tasks: { 0: 1 } }), []);
    assert.deepEqual(moneyIssues({ figures: { budget: { initial: '1.234' } } }), []);
  });
});
