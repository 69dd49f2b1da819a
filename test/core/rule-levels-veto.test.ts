import assert from 'node:assert/strict';
import { test } from 'node:test';
import { D } from '../../src/core/decimal.js';
import { DEFAULT_TIERS, type RuleInput, scoreRule } from '../../src/core/rules/score.js';
import type { Rule } from '../../src/core/rules/schema.js';

// 龙华 预决算信息公开: three printed levels, picked by name; 财务合规性: a veto voids the whole indicator.
const levels: Rule = {
  kind: 'levels',
  levels: [
    { name: '按规定内容、时限、范围等各项要求进行公开', points: 1.5 },
    { name: '进行了公开，存在不符合时限、内容、范围等要求', points: 1 },
    { name: '没有进行公开', points: 0 },
  ],
};
const input = (over: Partial<RuleInput>): RuleInput => ({ weight: new D(1.5), tiers: DEFAULT_TIERS, ...over });

test('levels: the level picked by name (or its first words) gives its printed points', () => {
  const cases: Array<[tier: string, score: number, missed: boolean]> = [
    ['按规定内容、时限、范围等各项要求进行公开', 1.5, false],
    ['按规定', 1.5, false],
    ['进行了公开', 1, true],
    ['没有进行公开', 0, true],
  ];
  for (const [tier, score, missed] of cases) {
    const r = scoreRule(levels, input({ tier }));
    assert.equal(r.score.toNumber(), score, tier);
    assert.equal(r.missed, missed, tier);
    assert.equal(r.incomplete, false);
  }
});

test('levels: an unknown level is an error naming the levels; no level and no judgment is missing input', () => {
  const r = scoreRule(levels, input({ tier: '部分公开' }));
  assert.equal(r.score.toNumber(), 0);
  assert.equal(r.incomplete, true);
  assert.match(r.problems[0]!.message, /档次“部分公开”不在“按规定内容、时限、范围等各项要求进行公开”1\.5分、/);
  const m = scoreRule(levels, input({}));
  assert.equal(m.incomplete, true);
  assert.equal(m.problems[0]!.code, 'missing-input');
});

test('levels: a judged score that is no level’s points is warned about', () => {
  const ok = scoreRule(levels, input({ judged: new D(1), judgedFrom: 'judged' }));
  assert.equal(ok.score.toNumber(), 1);
  assert.deepEqual(ok.problems, []);
  const odd = scoreRule(levels, input({ judged: new D(1.2), judgedFrom: 'judged' }));
  assert.equal(odd.score.toNumber(), 1.2);
  assert.equal(odd.problems[0]!.code, 'level-mismatch');
});

test('checklist veto: vetoed scores 0 whatever the checks; not vetoed scores the checks', () => {
  const rule: Rule = {
    kind: 'checklist',
    items: [
      { text: '预算执行规范性', points: 1.5 },
      { text: '会计核算规范性', points: 1.5 },
    ],
    veto: '发生超范围、超标准支出',
  };
  const w = new D(3);
  const cases: Array<[vetoed: boolean | undefined, checks: Array<boolean | number>, score: number]> = [
    [true, [true, true], 0],
    [false, [true, true], 3],
    [undefined, [true, 1], 2.5],
  ];
  for (const [vetoed, checks, score] of cases) {
    const r = scoreRule(rule, { weight: w, tiers: DEFAULT_TIERS, checks, ...(vetoed !== undefined && { vetoed }) });
    assert.equal(r.score.toNumber(), score, String(vetoed));
  }
  assert.match(
    scoreRule(rule, { weight: w, tiers: DEFAULT_TIERS, vetoed: true }).explanation,
    /存在否决情形（发生超范围、超标准支出），本项指标得0分/,
  );
});
