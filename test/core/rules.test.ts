import assert from 'node:assert/strict';
import { test } from 'node:test';
import { D, dec } from '../../src/core/decimal.js';
import { parseQuantity, parseTarget } from '../../src/core/quantity.js';
import {
  JUDGMENT_KINDS,
  RULE_KIND_NAMES,
  RuleSchema,
  TierSchema,
  type Rule,
  type Tier,
} from '../../src/core/rules/schema.js';
import { bandLabel, DEFAULT_TIERS, inBand, type RuleInput, scoreRule, tierOf } from '../../src/core/rules/score.js';

/** What an evaluator enters for one indicator, in the plain form of an evaluation file. */
interface In {
  target?: string | number;
  actual?: string | number;
  previous?: string | number;
  quarters?: number[];
  count?: number;
  tier?: string;
  value?: number;
  judged?: number;
  /** The judged score came from the printed self-score (no separate judgment). */
  fromClaim?: boolean;
  met?: boolean;
  checks?: Array<boolean | number>;
  vetoed?: boolean;
  tiers?: Tier[];
  parts?: Record<string, In>;
  /** Composite only: give the rule no way to resolve its parts. */
  noParts?: boolean;
}

function input(weight: number, i: In, rule: Rule): RuleInput {
  const ri: RuleInput = { weight: dec(weight), tiers: i.tiers ?? DEFAULT_TIERS };
  const t = parseTarget(i.target);
  if (t) ri.target = t;
  const a = parseQuantity(i.actual);
  if (a) ri.actual = a;
  const p = parseQuantity(i.previous);
  if (p) ri.previous = p;
  if (i.quarters) ri.quarters = i.quarters.map((x) => dec(x));
  if (i.count !== undefined) ri.count = i.count;
  if (i.tier !== undefined) ri.tier = i.tier;
  if (i.value !== undefined) ri.value = i.value;
  if (i.met !== undefined) ri.met = i.met;
  if (i.checks !== undefined) ri.checks = i.checks;
  if (i.vetoed !== undefined) ri.vetoed = i.vetoed;
  if (i.judged !== undefined) {
    ri.judged = dec(i.judged);
    ri.judgedFrom = i.fromClaim ? 'claimed' : 'judged';
  }
  if (rule.kind === 'composite' && !i.noParts) {
    ri.part = (part) =>
      input(
        part.points,
        { ...(part.target !== undefined && { target: part.target }), ...i.parts?.[part.name] },
        part.rule,
      );
  }
  return ri;
}

interface Case {
  name: string;
  rule: unknown;
  weight: number;
  in: In;
  /** Expected score after the cap at weight and the floor at 0, exact to 4 decimals (by hand). */
  score: string;
  missed: boolean;
  incomplete?: boolean;
  /** Problem codes, in order. */
  problems?: string[];
  /** A problem message that must appear. */
  message?: RegExp;
  explain?: RegExp;
  todo?: string;
}

function run(kind: string, cases: Case[]): void {
  for (const c of cases) {
    const opts = c.todo ? { todo: c.todo } : {};
    test(`${kind}: ${c.name}`, opts, () => {
      const rule = RuleSchema.parse(c.rule);
      const o = scoreRule(rule, input(c.weight, c.in, rule));
      assert.ok(o.score.toDecimalPlaces(4).eq(c.score), `score ${o.score.toString()}, expected ${c.score}`);
      assert.ok(o.score.gte(0) && o.score.lte(c.weight), `score ${o.score.toString()} outside [0, ${c.weight}]`);
      assert.equal(o.missed, c.missed, 'missed');
      assert.equal(o.incomplete, c.incomplete ?? false, 'incomplete');
      assert.deepEqual(
        o.problems.map((p) => p.code),
        c.problems ?? [],
        'problem codes',
      );
      if (c.incomplete) {
        // Missing data is 待核实: named, and a warning (not an error) — the self-score is carried.
        assert.ok((o.missing ?? []).length > 0, 'an incomplete score names what is missing');
        for (const p of o.problems.filter((x) => x.code === 'missing-input')) assert.equal(p.severity, 'warning');
      } else assert.equal(o.missing, undefined, 'a complete score lists nothing missing');
      if (c.message)
        assert.ok(
          o.problems.some((p) => c.message!.test(p.message)),
          `no problem message matches ${c.message}: ${o.problems.map((p) => p.message).join(' | ')}`,
        );
      if (c.explain) assert.match(o.explanation, c.explain);
    });
  }
}

const MISSING = ['missing-input'];

// ratio: full when actual ≥ target, else actual ÷ target × weight.
run('ratio', [
  {
    name: 'over the target → full',
    rule: { kind: 'ratio' },
    weight: 10,
    in: { target: '≥90%', actual: '95%' },
    score: '10',
    missed: false,
  },
  {
    name: 'exactly at the target (≥ holds) → full',
    rule: { kind: 'ratio' },
    weight: 10,
    in: { target: '≥90%', actual: '90%' },
    score: '10',
    missed: false,
  },
  {
    name: '81% of 90% → 81 ÷ 90 × 10 = 9',
    rule: { kind: 'ratio' },
    weight: 10,
    in: { target: '≥90%', actual: '81%' },
    score: '9',
    missed: true,
    explain: /81%÷90%×10=9分/,
  },
  {
    name: '89.99% of 90% → 89.99 ÷ 90 × 10 = 9.9989',
    rule: { kind: 'ratio' },
    weight: 10,
    in: { target: '≥90%', actual: '89.99%' },
    score: '9.9989',
    missed: true,
  },
  {
    name: 'actual 120% over a 100% target → capped at the weight',
    rule: { kind: 'ratio' },
    weight: 10,
    in: { target: '≥100%', actual: '120%' },
    score: '10',
    missed: false,
  },
  {
    name: 'zero target met by 0',
    rule: { kind: 'ratio' },
    weight: 10,
    in: { target: 0, actual: 0 },
    score: '10',
    missed: false,
  },
  {
    name: 'zero target met by any positive value',
    rule: { kind: 'ratio' },
    weight: 10,
    in: { target: '0%', actual: '5%' },
    score: '10',
    missed: false,
  },
  {
    name: 'negative actual → never below 0',
    rule: { kind: 'ratio' },
    weight: 10,
    in: { target: '≥90%', actual: '-5%' },
    score: '0',
    missed: true,
  },
  {
    name: 'counts: 8批次 of 不低于10批次 → 8',
    rule: { kind: 'ratio' },
    weight: 10,
    in: { target: '不低于10批次', actual: '8批次' },
    score: '8',
    missed: true,
  },
  {
    name: 'bare numbers: 16 of 10 → full',
    rule: { kind: 'ratio' },
    weight: 10,
    in: { target: '10', actual: '16' },
    score: '10',
    missed: false,
  },
  {
    name: 'thousands separator: 1,500 of 2,000 → 7.5',
    rule: { kind: 'ratio' },
    weight: 10,
    in: { target: '2,000', actual: '1,500' },
    score: '7.5',
    missed: true,
  },
  {
    name: 'missing actual → 0, incomplete',
    rule: { kind: 'ratio' },
    weight: 10,
    in: { target: '≥90%' },
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /^缺少实际完成值$/,
  },
  {
    name: 'missing target → 0, incomplete',
    rule: { kind: 'ratio' },
    weight: 10,
    in: { actual: '95%' },
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /^缺少指标值$/,
  },
  {
    name: 'actual with no number (text) → missing',
    rule: { kind: 'ratio' },
    weight: 10,
    in: { target: '≥90%', actual: '已完成' },
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
  },
]);

// ratio with 年初指标值设定偏低: (B − A) ÷ A ≥ 200 / 300 / 500 % deducts 10 / 20 / 30 % of the weight, highest band once.
const OVER = {
  kind: 'ratio',
  overTarget: [
    { from: 200, fraction: 0.1 },
    { from: 300, fraction: 0.2 },
    { from: 500, fraction: 0.3 },
  ],
};
run('ratio overTarget', [
  {
    name: '(29.9 − 10) ÷ 10 = 199% → no penalty',
    rule: OVER,
    weight: 10,
    in: { target: 10, actual: 29.9 },
    score: '10',
    missed: false,
  },
  {
    name: '(30 − 10) ÷ 10 = 200% exactly → −10% = 9',
    rule: OVER,
    weight: 10,
    in: { target: 10, actual: 30 },
    score: '9',
    missed: false,
    explain: /超出指标值200%/,
  },
  {
    name: '300% → −20% = 8 (not 10 % + 20 %)',
    rule: OVER,
    weight: 10,
    in: { target: 10, actual: 40 },
    score: '8',
    missed: false,
  },
  {
    name: '600% → only the highest band, −30% = 7',
    rule: OVER,
    weight: 10,
    in: { target: 10, actual: 70 },
    score: '7',
    missed: false,
  },
  {
    name: 'under the target → proportional, no penalty',
    rule: OVER,
    weight: 10,
    in: { target: 10, actual: 5 },
    score: '5',
    missed: true,
  },
  {
    name: 'zero target → no penalty (no division by 0)',
    rule: OVER,
    weight: 10,
    in: { target: 0, actual: 70 },
    score: '10',
    missed: false,
  },
]);

// reverse: full when actual ≤ target, else target ÷ actual × weight.
run('reverse', [
  {
    name: 'below the limit → full',
    rule: { kind: 'reverse' },
    weight: 5,
    in: { target: '≤5%', actual: '4%' },
    score: '5',
    missed: false,
  },
  {
    name: 'exactly at the limit (≤ holds) → full',
    rule: { kind: 'reverse' },
    weight: 5,
    in: { target: '≤5%', actual: '5%' },
    score: '5',
    missed: false,
  },
  {
    name: '8% against ≤5% → 5 ÷ 8 × 5 = 3.125',
    rule: { kind: 'reverse' },
    weight: 5,
    in: { target: '≤5%', actual: '8%' },
    score: '3.125',
    missed: true,
    explain: /5%÷8%×5=3\.13分/,
  },
  {
    name: '200% against ≤100% → 2.5',
    rule: { kind: 'reverse' },
    weight: 5,
    in: { target: '≤100%', actual: '200%' },
    score: '2.5',
    missed: true,
  },
  {
    name: 'actual 0 → full',
    rule: { kind: 'reverse' },
    weight: 5,
    in: { target: '≤5%', actual: '0%' },
    score: '5',
    missed: false,
  },
  {
    name: 'zero target, zero actual → full',
    rule: { kind: 'reverse' },
    weight: 5,
    in: { target: '≤0%', actual: '0%' },
    score: '5',
    missed: false,
  },
  {
    name: 'zero target, 2% actual → 0 ÷ 2 × 5 = 0',
    rule: { kind: 'reverse' },
    weight: 5,
    in: { target: '≤0%', actual: '2%' },
    score: '0',
    missed: true,
  },
  {
    name: 'missing actual → 0, incomplete',
    rule: { kind: 'reverse' },
    weight: 5,
    in: { target: '≤5%' },
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /实际完成值/,
  },
  {
    name: 'missing target → 0, incomplete',
    rule: { kind: 'reverse' },
    weight: 5,
    in: { actual: '3%' },
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /指标值/,
  },
]);

// equal: full when equal (± tolerance), else (1 − |a − t| ÷ t) × weight, never below 0.
run('equal', [
  {
    name: 'equal → full',
    rule: { kind: 'equal' },
    weight: 4,
    in: { target: '=100%', actual: '100%' },
    score: '4',
    missed: false,
  },
  {
    name: '95% of =100% → (1 − 5 ÷ 100) × 4 = 3.8',
    rule: { kind: 'equal' },
    weight: 4,
    in: { target: '=100%', actual: '95%' },
    score: '3.8',
    missed: true,
  },
  {
    name: '105% of =100% → 3.8 (both directions)',
    rule: { kind: 'equal' },
    weight: 4,
    in: { target: '=100%', actual: '105%' },
    score: '3.8',
    missed: true,
  },
  {
    name: 'tolerance 1: 99.5 → full',
    rule: { kind: 'equal', tolerance: 1 },
    weight: 4,
    in: { target: '=100%', actual: '99.5%' },
    score: '4',
    missed: false,
  },
  {
    name: 'tolerance 1: 99 (exactly at the tolerance) → full',
    rule: { kind: 'equal', tolerance: 1 },
    weight: 4,
    in: { target: '=100%', actual: '99%' },
    score: '4',
    missed: false,
  },
  {
    name: 'tolerance 1: 98 → (1 − 2 ÷ 100) × 4 = 3.92',
    rule: { kind: 'equal', tolerance: 1 },
    weight: 4,
    in: { target: '=100%', actual: '98%' },
    score: '3.92',
    missed: true,
  },
  {
    name: '250% of =100% → 1 − 1.5 < 0 → 0',
    rule: { kind: 'equal' },
    weight: 4,
    in: { target: '=100%', actual: '250%' },
    score: '0',
    missed: true,
  },
  {
    name: 'zero target, zero actual → full',
    rule: { kind: 'equal' },
    weight: 4,
    in: { target: '=0', actual: '0' },
    score: '4',
    missed: false,
  },
  {
    name: 'zero target, 3 actual → 0 (no division by 0)',
    rule: { kind: 'equal' },
    weight: 4,
    in: { target: '=0', actual: '3' },
    score: '0',
    missed: true,
  },
  {
    name: 'missing actual → 0, incomplete',
    rule: { kind: 'equal' },
    weight: 4,
    in: { target: '=100%' },
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
  },
]);

// target: ratio / reverse / equal by the comparator of the 指标值.
run('target', [
  {
    name: '≥90%, 81% → ratio 9',
    rule: { kind: 'target' },
    weight: 10,
    in: { target: '≥90%', actual: '81%' },
    score: '9',
    missed: true,
  },
  {
    name: '≥90%, 90% → full',
    rule: { kind: 'target' },
    weight: 10,
    in: { target: '≥90%', actual: '90%' },
    score: '10',
    missed: false,
  },
  {
    name: '>90%, 45% → ratio 5',
    rule: { kind: 'target' },
    weight: 10,
    in: { target: '>90%', actual: '45%' },
    score: '5',
    missed: true,
  },
  {
    name: '≤5%, 8% → reverse 5 ÷ 8 × 10 = 6.25',
    rule: { kind: 'target' },
    weight: 10,
    in: { target: '≤5%', actual: '8%' },
    score: '6.25',
    missed: true,
  },
  {
    name: '≤5%, 5% → full',
    rule: { kind: 'target' },
    weight: 10,
    in: { target: '≤5%', actual: '5%' },
    score: '10',
    missed: false,
  },
  {
    name: '<5%, 10% → reverse 5',
    rule: { kind: 'target' },
    weight: 10,
    in: { target: '<5%', actual: '10%' },
    score: '5',
    missed: true,
  },
  {
    name: '不超过5%, 4% → full',
    rule: { kind: 'target' },
    weight: 10,
    in: { target: '不超过5%', actual: '4%' },
    score: '10',
    missed: false,
  },
  {
    name: '=100%, 95% → equal 9.5',
    rule: { kind: 'target' },
    weight: 10,
    in: { target: '=100%', actual: '95%' },
    score: '9.5',
    missed: true,
  },
  {
    name: 'bare 98, 49 → read as ≥: 5',
    rule: { kind: 'target' },
    weight: 10,
    in: { target: '98', actual: '49' },
    score: '5',
    missed: true,
  },
  {
    name: '不低于10批次, 12批次 → full',
    rule: { kind: 'target' },
    weight: 10,
    in: { target: '不低于10批次', actual: '12批次' },
    score: '10',
    missed: false,
  },
  {
    name: 'actual 150% over ≥100% → capped at the weight',
    rule: { kind: 'target' },
    weight: 10,
    in: { target: '≥100%', actual: '150%' },
    score: '10',
    missed: false,
  },
  {
    name: 'overTarget applies through target: 30 of ≥10 → 9',
    rule: { kind: 'target', overTarget: [{ from: 200, fraction: 0.1 }] },
    weight: 10,
    in: { target: '≥10', actual: 30 },
    score: '9',
    missed: false,
  },
  {
    name: 'no target → 0, incomplete',
    rule: { kind: 'target' },
    weight: 10,
    in: { actual: '95%' },
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /^缺少指标值$/,
  },
  {
    name: 'a target with no number (科学) → 0, incomplete',
    rule: { kind: 'target' },
    weight: 10,
    in: { target: '科学', actual: '95%' },
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
  },
  {
    name: 'no actual → 0, incomplete',
    rule: { kind: 'target' },
    weight: 10,
    in: { target: '≤5%' },
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
  },
]);

// rate: actual % × weight, capped; zeroAbove → 0 above that percent.
run('rate', [
  {
    name: '98.12% × 10 = 9.812',
    rule: { kind: 'rate' },
    weight: 10,
    in: { actual: '98.12%' },
    score: '9.812',
    missed: true,
    explain: /98\.12%×10分=9\.81分/,
  },
  {
    name: '98.12% × 2 = 1.9624',
    rule: { kind: 'rate' },
    weight: 2,
    in: { actual: '98.12%' },
    score: '1.9624',
    missed: true,
  },
  {
    name: '100% → full, not missed',
    rule: { kind: 'rate' },
    weight: 10,
    in: { actual: '100%' },
    score: '10',
    missed: false,
  },
  {
    name: '105% → 10.5 capped at 10',
    rule: { kind: 'rate' },
    weight: 10,
    in: { actual: '105%' },
    score: '10',
    missed: false,
    explain: /超过分值按10分计/,
  },
  { name: '0% → 0', rule: { kind: 'rate' }, weight: 10, in: { actual: '0%' }, score: '0', missed: true },
  {
    name: 'zeroAbove 100: exactly 100% is not above → full',
    rule: { kind: 'rate', zeroAbove: 100 },
    weight: 10,
    in: { actual: '100%' },
    score: '10',
    missed: false,
  },
  {
    name: 'zeroAbove 100: 100.01% → 0',
    rule: { kind: 'rate', zeroAbove: 100 },
    weight: 10,
    in: { actual: '100.01%' },
    score: '0',
    missed: true,
    explain: /超过100%，按规则得0分/,
  },
  {
    name: 'zeroAbove 100: 96% → 9.6',
    rule: { kind: 'rate', zeroAbove: 100 },
    weight: 10,
    in: { actual: '96%' },
    score: '9.6',
    missed: true,
  },
  {
    name: 'missing actual → 0, incomplete',
    rule: { kind: 'rate' },
    weight: 10,
    in: {},
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /^缺少实际完成值（比率）$/,
  },
]);

// threshold-linear (财预〔2021〕101号): below the floor 0; (rate − floor) ÷ (100 − floor) × weight; full at 100 %.
run('threshold-linear', [
  {
    name: '100% → full',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: { actual: '100%' },
    score: '10',
    missed: false,
  },
  {
    name: '120% → full',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: { actual: '120%' },
    score: '10',
    missed: false,
  },
  {
    name: '80% with floor 60 → 20 ÷ 40 × 10 = 5',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: { actual: '80%' },
    score: '5',
    missed: true,
  },
  {
    name: '99.99% → 39.99 ÷ 40 × 10 = 9.9975',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: { actual: '99.99%' },
    score: '9.9975',
    missed: true,
  },
  {
    name: 'exactly at the floor 60% → 0',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: { actual: '60%' },
    score: '0',
    missed: true,
  },
  {
    name: '59.99% below the floor → 0',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: { actual: '59.99%' },
    score: '0',
    missed: true,
    explain: /低于及格门槛60%/,
  },
  {
    name: 'floor 50: 75% → 25 ÷ 50 × 10 = 5',
    rule: { kind: 'threshold-linear', floor: 50 },
    weight: 10,
    in: { actual: '75%' },
    score: '5',
    missed: true,
  },
  {
    name: 'counts against a target: 8批次 of 10 → 80% → 5',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: { target: '不低于10批次', actual: '8批次' },
    score: '5',
    missed: true,
    explain: /8批次.*10批次=80%/,
  },
  {
    name: 'a ≥ target: 72% of ≥90% → 完成率 80% → 5',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: { target: '≥90%', actual: '72%' },
    score: '5',
    missed: true,
  },
  {
    name: 'a ≥ target reached: 90% of ≥90% → full',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: { target: '≥90%', actual: '90%' },
    score: '10',
    missed: false,
  },
  {
    name: 'a ≥ target: 53.99% of ≥90% → 完成率 59.99% < 60 → 0',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: { target: '≥90%', actual: '53.991%' },
    score: '0',
    missed: true,
  },
  {
    name: 'a ≤ target: 8% against ≤5% → 完成率 5 ÷ 8 = 62.5% → 2.5 ÷ 40 × 10 = 0.625',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: { target: '≤5%', actual: '8%' },
    score: '0.625',
    missed: true,
  },
  {
    name: 'a ≤ target kept: 4% against ≤5% → full',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: { target: '≤5%', actual: '4%' },
    score: '10',
    missed: false,
  },
  {
    name: 'a < target: 10% against <5% → 50% → 0',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: { target: '<5%', actual: '10%' },
    score: '0',
    missed: true,
  },
  {
    name: 'a zero target is ignored: the actual % itself, 80% → 5',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: { target: '≥0%', actual: '80%' },
    score: '5',
    missed: true,
  },
  {
    name: 'missing actual → 0, incomplete',
    rule: { kind: 'threshold-linear' },
    weight: 10,
    in: {},
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
  },
]);

// bands: first band whose bounds hold; points or fraction of the weight.
const GRADED = {
  kind: 'bands',
  bands: [
    { gte: 90, points: 3 },
    { gte: 80, lt: 90, points: 2 },
    { gt: 60, lt: 80, points: 1 },
    { lte: 60, points: 0 },
  ],
};
const LOW_IS_GOOD = {
  kind: 'bands',
  bands: [
    { lte: 5, points: 3 },
    { gt: 5, lte: 10, points: 2 },
    { gt: 10, lt: 20, fraction: 0.5 },
  ],
};
run('bands', [
  { name: '90 (gte edge) → 3', rule: GRADED, weight: 3, in: { actual: '90%' }, score: '3', missed: false },
  { name: '100 → 3', rule: GRADED, weight: 3, in: { actual: '100%' }, score: '3', missed: false },
  { name: '89.99 (lt 90) → 2', rule: GRADED, weight: 3, in: { actual: '89.99%' }, score: '2', missed: true },
  { name: '80 (gte edge) → 2', rule: GRADED, weight: 3, in: { actual: '80%' }, score: '2', missed: true },
  { name: '79.99 → 1', rule: GRADED, weight: 3, in: { actual: '79.99%' }, score: '1', missed: true },
  { name: '60.01 (gt 60) → 1', rule: GRADED, weight: 3, in: { actual: '60.01%' }, score: '1', missed: true },
  { name: '60 (not gt 60, lte 60) → 0', rule: GRADED, weight: 3, in: { actual: '60%' }, score: '0', missed: true },
  { name: '5 (lte edge) → 3', rule: LOW_IS_GOOD, weight: 3, in: { actual: '5%' }, score: '3', missed: false },
  { name: '5.01 (gt 5) → 2', rule: LOW_IS_GOOD, weight: 3, in: { actual: '5.01%' }, score: '2', missed: true },
  { name: '10 (lte edge) → 2', rule: LOW_IS_GOOD, weight: 3, in: { actual: '10%' }, score: '2', missed: true },
  {
    name: '15 → fraction 0.5 × 3 = 1.5',
    rule: LOW_IS_GOOD,
    weight: 3,
    in: { actual: '15%' },
    score: '1.5',
    missed: true,
  },
  {
    name: '20 (lt edge, in no band) → 0',
    rule: LOW_IS_GOOD,
    weight: 3,
    in: { actual: '20%' },
    score: '0',
    missed: true,
    explain: /不在任何计分档内/,
  },
  {
    name: 'overlapping bands: the first that holds wins',
    rule: {
      kind: 'bands',
      bands: [
        { gte: 50, points: 1 },
        { gte: 90, points: 3 },
      ],
    },
    weight: 3,
    in: { actual: '95%' },
    score: '1',
    missed: true,
  },
  {
    name: 'fraction 1 → full',
    rule: { kind: 'bands', bands: [{ gte: 0, fraction: 1 }] },
    weight: 3,
    in: { actual: '0%' },
    score: '3',
    missed: false,
  },
  {
    name: 'a count with its unit',
    rule: {
      kind: 'bands',
      bands: [
        { gte: 10, points: 2 },
        { gte: 0, points: 1 },
      ],
    },
    weight: 2,
    in: { actual: '12批次' },
    score: '2',
    missed: false,
    explain: /12批次，属“≥10批次”档/,
  },
  {
    name: 'missing actual → 0, incomplete',
    rule: GRADED,
    weight: 3,
    in: {},
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
  },
]);

// deduction: weight − count × perItem, 扣完为止.
const DED = { kind: 'deduction', perItem: 1 };
run('deduction', [
  { name: 'no defects → full', rule: DED, weight: 5, in: { count: 0 }, score: '5', missed: false },
  { name: '2 defects × 1 → 3', rule: DED, weight: 5, in: { count: 2 }, score: '3', missed: true },
  { name: '5 defects × 1 → 0', rule: DED, weight: 5, in: { count: 5 }, score: '0', missed: true },
  {
    name: '7 defects × 1 → 0, 扣完为止 (never below 0)',
    rule: DED,
    weight: 5,
    in: { count: 7 },
    score: '0',
    missed: true,
    explain: /扣完为止/,
  },
  {
    name: '3 defects × 0.5 → 3.5',
    rule: { kind: 'deduction', perItem: 0.5 },
    weight: 5,
    in: { count: 3 },
    score: '3.5',
    missed: true,
  },
  {
    name: '3 defects × 0.1 → 4.7 exactly',
    rule: { kind: 'deduction', perItem: 0.1 },
    weight: 5,
    in: { count: 3 },
    score: '4.7',
    missed: true,
  },
  {
    name: 'a count wins over a judged score',
    rule: DED,
    weight: 5,
    in: { count: 1, judged: 2 },
    score: '4',
    missed: true,
  },
  { name: 'no count, evaluator judged 4 → 4', rule: DED, weight: 5, in: { judged: 4 }, score: '4', missed: true },
  {
    name: 'no count, self-score 4 stands → 4, judged-by-claim',
    rule: DED,
    weight: 5,
    in: { judged: 4, fromClaim: true },
    score: '4',
    missed: true,
    problems: ['judged-by-claim'],
    message: /未填写扣分项数，以自评得分4分作为评价人判断/,
  },
  {
    name: 'nothing → 0, incomplete',
    rule: DED,
    weight: 5,
    in: {},
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /^缺少扣分项数$/,
  },
]);

// excess-deduction: over a fixed limit or last year's value; proportional or started steps.
run('excess-deduction (limit)', [
  {
    name: 'at the limit → full',
    rule: { kind: 'excess-deduction', limit: 5, perStep: 0.1 },
    weight: 4,
    in: { actual: '5%' },
    score: '4',
    missed: false,
  },
  {
    name: 'below the limit → full',
    rule: { kind: 'excess-deduction', limit: 5, perStep: 0.1 },
    weight: 4,
    in: { actual: '4%' },
    score: '4',
    missed: false,
  },
  {
    name: 'proportional: 2.5 points over × 0.1 → 3.75',
    rule: { kind: 'excess-deduction', limit: 5, perStep: 0.1 },
    weight: 4,
    in: { actual: '7.5%' },
    score: '3.75',
    missed: true,
  },
  {
    name: 'started: 2.5 points over counts 3 steps × 0.1 → 3.7',
    rule: { kind: 'excess-deduction', limit: 5, perStep: 0.1, counting: 'started' },
    weight: 4,
    in: { actual: '7.5%' },
    score: '3.7',
    missed: true,
  },
  {
    name: 'started, step 10: exactly 10 over → 1 step → 4',
    rule: { kind: 'excess-deduction', limit: 5, step: 10, perStep: 1, counting: 'started' },
    weight: 5,
    in: { actual: '15%' },
    score: '4',
    missed: true,
  },
  {
    name: 'started, step 10: 10.01 over → 2 steps → 3',
    rule: { kind: 'excess-deduction', limit: 5, step: 10, perStep: 1, counting: 'started' },
    weight: 5,
    in: { actual: '15.01%' },
    score: '3',
    missed: true,
  },
  {
    name: 'started, step 10: 0.01 over → 1 step → 4',
    rule: { kind: 'excess-deduction', limit: 5, step: 10, perStep: 1, counting: 'started' },
    weight: 5,
    in: { actual: '5.01%' },
    score: '4',
    missed: true,
  },
  {
    name: 'proportional, step 10: 15 over → 1.5 steps → 3.5',
    rule: { kind: 'excess-deduction', limit: 5, step: 10, perStep: 1 },
    weight: 5,
    in: { actual: '20%' },
    score: '3.5',
    missed: true,
  },
  {
    name: 'deduction beyond the weight → 0',
    rule: { kind: 'excess-deduction', limit: 5, perStep: 1 },
    weight: 4,
    in: { actual: '20%' },
    score: '0',
    missed: true,
  },
  {
    name: 'limit 0: 0.3 over × 1 → 1.7',
    rule: { kind: 'excess-deduction', limit: 0, perStep: 1 },
    weight: 2,
    in: { actual: '0.3%' },
    score: '1.7',
    missed: true,
  },
  {
    name: 'a fixed limit wins over last year’s value',
    rule: { kind: 'excess-deduction', limit: 5, perStep: 0.1 },
    weight: 4,
    in: { actual: '7%', previous: '1%' },
    score: '3.8',
    missed: true,
  },
  {
    name: 'missing actual → 0, incomplete',
    rule: { kind: 'excess-deduction', limit: 5, perStep: 0.1 },
    weight: 4,
    in: {},
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /^缺少实际完成值$/,
  },
]);
run('excess-deduction (previous)', [
  {
    name: '12.5 against last year 10 → 2.5 × 0.4 = 1 off → 1',
    rule: { kind: 'excess-deduction', perStep: 0.4 },
    weight: 2,
    in: { actual: '12.5%', previous: '10%' },
    score: '1',
    missed: true,
    explain: /超过上年10%2\.5个百分点/,
  },
  {
    name: 'started: 11.2 against 10 → 2 steps × 0.4 → 1.2',
    rule: { kind: 'excess-deduction', perStep: 0.4, counting: 'started' },
    weight: 2,
    in: { actual: '11.2%', previous: '10%' },
    score: '1.2',
    missed: true,
  },
  {
    name: 'below last year → full',
    rule: { kind: 'excess-deduction', perStep: 0.4 },
    weight: 2,
    in: { actual: '9%', previous: '10%' },
    score: '2',
    missed: false,
  },
  {
    name: 'equal to last year → full',
    rule: { kind: 'excess-deduction', perStep: 0.4, counting: 'started' },
    weight: 2,
    in: { actual: '10%', previous: '10%' },
    score: '2',
    missed: false,
  },
  {
    name: 'far above last year → 0',
    rule: { kind: 'excess-deduction', perStep: 0.4 },
    weight: 2,
    in: { actual: '30%', previous: '10%' },
    score: '0',
    missed: true,
  },
  {
    name: 'no previous value → 0, incomplete',
    rule: { kind: 'excess-deduction', perStep: 0.4 },
    weight: 2,
    in: { actual: '12%' },
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /^缺少上年值$/,
  },
]);

// quarterly: Σ min(p_q ÷ 序时_q, 1) × perQuarter + mean of those rates × averagePoints.
run('quarterly', [
  {
    name: 'on schedule every quarter → 4 × 1 + 1 × 2 = 6',
    rule: { kind: 'quarterly' },
    weight: 6,
    in: { quarters: [25, 50, 75, 100] },
    score: '6',
    missed: false,
  },
  {
    name: '[20,45,75,98] → rates .8 .9 1 .98: 3.68 + 0.92 × 2 = 5.52',
    rule: { kind: 'quarterly' },
    weight: 6,
    in: { quarters: [20, 45, 75, 98] },
    score: '5.52',
    missed: true,
  },
  {
    name: 'ahead of schedule is capped at 100% per quarter → 6',
    rule: { kind: 'quarterly' },
    weight: 6,
    in: { quarters: [30, 60, 90, 100] },
    score: '6',
    missed: false,
  },
  {
    name: 'no spending → 0',
    rule: { kind: 'quarterly' },
    weight: 6,
    in: { quarters: [0, 0, 0, 0] },
    score: '0',
    missed: true,
  },
  {
    name: 'custom schedule [20,40,60,90], 0.5 per quarter, 1 for the average: [10,40,66,90] → 1.75 + 0.875 = 2.625',
    rule: { kind: 'quarterly', schedule: [20, 40, 60, 90], perQuarter: 0.5, averagePoints: 1 },
    weight: 3,
    in: { quarters: [10, 40, 66, 90] },
    score: '2.625',
    missed: true,
  },
  {
    name: 'weight smaller than the rule’s points → capped',
    rule: { kind: 'quarterly' },
    weight: 5,
    in: { quarters: [25, 50, 75, 100] },
    score: '5',
    missed: false,
  },
  {
    name: 'no quarters → 0, incomplete',
    rule: { kind: 'quarterly' },
    weight: 6,
    in: {},
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /四个季度/,
  },
  {
    name: 'three quarters → 0, incomplete',
    rule: { kind: 'quarterly' },
    weight: 6,
    in: { quarters: [25, 50, 75] },
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
  },
]);

// checklist: Σ points of the points met.
const CHECK = {
  kind: 'checklist',
  items: [
    { text: '制度健全', points: 2 },
    { text: '执行有效', points: 2 },
    { text: '档案完整', points: 1 },
  ],
};
run('checklist', [
  { name: 'all met → 5', rule: CHECK, weight: 5, in: { checks: [true, true, true] }, score: '5', missed: false },
  {
    name: 'second missed → 3',
    rule: CHECK,
    weight: 5,
    in: { checks: [true, false, true] },
    score: '3',
    missed: true,
    explain: /第2项扣2分/,
  },
  {
    name: 'partial points: 2 + 1.5 + 0.5 = 4',
    rule: CHECK,
    weight: 5,
    in: { checks: [true, 1.5, 0.5] },
    score: '4',
    missed: true,
  },
  {
    name: 'points above an item’s value are capped at it: 2 + 2 + 1 = 5',
    rule: CHECK,
    weight: 5,
    in: { checks: [true, 3, true] },
    score: '5',
    missed: false,
  },
  {
    name: 'too few answers → the rest count as not met, and an error',
    rule: CHECK,
    weight: 5,
    in: { checks: [true] },
    score: '2',
    missed: true,
    problems: ['checklist-length'],
    message: /要点共3项，填写了1项/,
  },
  {
    name: 'no checks, self-score stands → judged-by-claim',
    rule: CHECK,
    weight: 5,
    in: { judged: 4, fromClaim: true },
    score: '4',
    missed: true,
    problems: ['judged-by-claim'],
  },
  {
    name: 'nothing → 0, incomplete',
    rule: CHECK,
    weight: 5,
    in: {},
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /逐项达标情况/,
  },
]);

// checklist with a veto (龙华 财务合规性: 发生超范围、超标准支出……本项指标得0分).
const VETO = { ...CHECK, veto: '发生超范围、超标准支出' };
run('checklist veto', [
  {
    name: 'vetoed → 0 whatever the points met',
    rule: VETO,
    weight: 5,
    in: { checks: [true, true, true], vetoed: true },
    score: '0',
    missed: true,
    explain: /存在否决情形（发生超范围、超标准支出），本项指标得0分/,
  },
  {
    name: 'vetoed without checks → 0, not incomplete',
    rule: VETO,
    weight: 5,
    in: { vetoed: true },
    score: '0',
    missed: true,
  },
  {
    name: 'vetoed over a self-score → 0',
    rule: VETO,
    weight: 5,
    in: { vetoed: true, judged: 5, fromClaim: true },
    score: '0',
    missed: true,
  },
  {
    name: 'not vetoed → the points met',
    rule: VETO,
    weight: 5,
    in: { checks: [true, false, true], vetoed: false },
    score: '3',
    missed: true,
  },
  {
    name: 'vetoed on a checklist that has no veto → ignored',
    rule: CHECK,
    weight: 5,
    in: { checks: [true, true, true], vetoed: true },
    score: '5',
    missed: false,
  },
]);

// levels (龙华 预决算信息公开): fixed points per printed level, picked by name or its first words.
const LEVELS = {
  kind: 'levels',
  levels: [
    { name: '按规定内容、时限、范围等各项要求进行公开', points: 1.5 },
    { name: '进行了公开，存在不符合时限、内容、范围等要求', points: 1 },
    { name: '没有进行公开', points: 0 },
  ],
};
run('levels', [
  {
    name: 'the full name of the top level → 1.5',
    rule: LEVELS,
    weight: 1.5,
    in: { tier: '按规定内容、时限、范围等各项要求进行公开' },
    score: '1.5',
    missed: false,
  },
  { name: 'first words 按规定 → 1.5', rule: LEVELS, weight: 1.5, in: { tier: '按规定' }, score: '1.5', missed: false },
  {
    name: 'first words 进行了公开 → 1',
    rule: LEVELS,
    weight: 1.5,
    in: { tier: '进行了公开' },
    score: '1',
    missed: true,
    explain: /属“进行了公开，存在不符合时限、内容、范围等要求”档，得1分/,
  },
  { name: '没有进行公开 → 0', rule: LEVELS, weight: 1.5, in: { tier: '没有进行公开' }, score: '0', missed: true },
  {
    name: 'an unknown level → 0, incomplete',
    rule: LEVELS,
    weight: 1.5,
    in: { tier: '已公开' },
    score: '0',
    missed: false,
    incomplete: true,
    problems: ['unknown-tier'],
    message: /档次“已公开”不在/,
  },
  {
    name: 'no level, self-score 1 stands → judged-by-claim',
    rule: LEVELS,
    weight: 1.5,
    in: { judged: 1, fromClaim: true },
    score: '1',
    missed: true,
    problems: ['judged-by-claim'],
  },
  {
    name: 'no level, judged 1.2 is no level’s points → warned',
    rule: LEVELS,
    weight: 1.5,
    in: { judged: 1.2 },
    score: '1.2',
    missed: true,
    problems: ['level-mismatch'],
    message: /得分1\.2分不是任何一档的分值/,
  },
  {
    name: 'no level, judged above the weight → capped',
    rule: LEVELS,
    weight: 1.5,
    in: { judged: 2 },
    score: '1.5',
    missed: false,
    problems: ['level-mismatch', 'over-weight'],
  },
  {
    name: 'nothing → 0, incomplete',
    rule: LEVELS,
    weight: 1.5,
    in: {},
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /^缺少所属档次$/,
  },
  {
    name: 'an exact level name wins over a longer name that starts with it',
    rule: {
      kind: 'levels',
      levels: [
        { name: '公开且完整', points: 1.5 },
        { name: '公开', points: 1 },
        { name: '未公开', points: 0 },
      ],
    },
    weight: 1.5,
    in: { tier: '公开' },
    score: '1', // 公开 → 1, not 公开且完整's 1.5
    missed: true,
  },
]);

// qualitative with the default tiers: [80,100] 达成, [60,80) 部分达成, [0,60) 未达成.
const Q = { kind: 'qualitative' };
run('qualitative (default tiers)', [
  { name: '达成 without a value → 100%', rule: Q, weight: 2, in: { tier: '达成' }, score: '2', missed: false },
  {
    name: '达成 at 80 (inclusive lower edge) → 1.6',
    rule: Q,
    weight: 2,
    in: { tier: '达成', value: 80 },
    score: '1.6',
    missed: true,
  },
  {
    name: '达成 at 79 → outside its band, warned, 1.58',
    rule: Q,
    weight: 2,
    in: { tier: '达成', value: 79 },
    score: '1.58',
    missed: true,
    problems: ['tier-value-outside'],
  },
  {
    name: '部分达成 without a value → lower bound 60%, warned',
    rule: Q,
    weight: 2,
    in: { tier: '部分达成' },
    score: '1.2',
    missed: true,
    problems: ['tier-no-value'],
    message: /按档下限60%计分/,
  },
  { name: '部分达成 at 70 → 1.4', rule: Q, weight: 2, in: { tier: '部分达成', value: 70 }, score: '1.4', missed: true },
  {
    name: '部分达成 at 80 (exclusive upper edge) → warned, 1.6',
    rule: Q,
    weight: 2,
    in: { tier: '部分达成', value: 80 },
    score: '1.6',
    missed: true,
    problems: ['tier-value-outside'],
  },
  {
    name: '部分达成 with a judged 1.5 → 75% → 1.5',
    rule: Q,
    weight: 2,
    in: { tier: '部分达成', judged: 1.5 },
    score: '1.5',
    missed: true,
  },
  { name: '未达成 at 30 → 0.6', rule: Q, weight: 2, in: { tier: '未达成', value: 30 }, score: '0.6', missed: true },
  {
    name: '未达成 without a value → 0, warned',
    rule: Q,
    weight: 2,
    in: { tier: '未达成' },
    score: '0',
    missed: true,
    problems: ['tier-no-value'],
  },
  {
    name: 'the printed long name 达成预期指标 is 达成',
    rule: Q,
    weight: 2,
    in: { tier: '达成预期指标' },
    score: '2',
    missed: false,
  },
  {
    name: 'the printed long name 部分达成预期指标并具有一定效果 is 部分达成',
    rule: Q,
    weight: 2,
    in: { tier: '部分达成预期指标并具有一定效果', value: 70 },
    score: '1.4',
    missed: true,
  },
  {
    name: 'an unknown tier → 0, incomplete',
    rule: Q,
    weight: 2,
    in: { tier: '优秀' },
    score: '0',
    missed: false,
    incomplete: true,
    problems: ['unknown-tier'],
    message: /“优秀”不在达成、部分达成、未达成之中/,
  },
  {
    name: 'no tier, self-score 1.7 stands → 85% 达成, judged-by-claim',
    rule: Q,
    weight: 2,
    in: { judged: 1.7, fromClaim: true },
    score: '1.7',
    missed: true,
    problems: ['judged-by-claim'],
    explain: /属“达成”档/,
  },
  {
    name: 'no tier, judged 1.2 → 60% 部分达成',
    rule: Q,
    weight: 2,
    in: { judged: 1.2 },
    score: '1.2',
    missed: true,
    explain: /属“部分达成”档/,
  },
  {
    name: 'nothing → 0, incomplete',
    rule: Q,
    weight: 2,
    in: {},
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /^缺少定性档次$/,
  },
]);

// qualitative with custom tiers, on the rule or from the framework.
const CUSTOM_TIERS = [
  { name: '好', min: 90, max: 100, default: 95 },
  { name: '中', min: 50, max: 90, maxInclusive: false },
  { name: '差', min: 0, max: 50, maxInclusive: false },
];
const FRAMEWORK_TIERS: Tier[] = [
  TierSchema.parse({ name: '优秀', min: 90, max: 100, default: 100 }),
  TierSchema.parse({ name: '良好', min: 70, max: 90, maxInclusive: false, default: 80 }),
  TierSchema.parse({ name: '较差', min: 0, max: 70, maxInclusive: false }),
];
run('qualitative (custom tiers)', [
  {
    name: '好 → its default 95% of 10 = 9.5',
    rule: { kind: 'qualitative', tiers: CUSTOM_TIERS },
    weight: 10,
    in: { tier: '好' },
    score: '9.5',
    missed: true,
  },
  {
    name: '中 without a value → lower bound 50% = 5, warned',
    rule: { kind: 'qualitative', tiers: CUSTOM_TIERS },
    weight: 10,
    in: { tier: '中' },
    score: '5',
    missed: true,
    problems: ['tier-no-value'],
  },
  {
    name: '差 at 20 → 2',
    rule: { kind: 'qualitative', tiers: CUSTOM_TIERS },
    weight: 10,
    in: { tier: '差', value: 20 },
    score: '2',
    missed: true,
  },
  {
    name: 'default tier name 达成 is unknown here',
    rule: { kind: 'qualitative', tiers: CUSTOM_TIERS },
    weight: 10,
    in: { tier: '达成' },
    score: '0',
    missed: false,
    incomplete: true,
    problems: ['unknown-tier'],
  },
  {
    name: 'framework tiers: 良好 → default 80% of 5 = 4',
    rule: Q,
    weight: 5,
    in: { tier: '良好', tiers: FRAMEWORK_TIERS },
    score: '4',
    missed: true,
  },
  {
    name: 'rule tiers win over framework tiers',
    rule: { kind: 'qualitative', tiers: CUSTOM_TIERS },
    weight: 10,
    in: { tier: '好', tiers: FRAMEWORK_TIERS },
    score: '9.5',
    missed: true,
  },
  {
    name: 'an exact tier name wins over a longer name that starts with it',
    rule: {
      kind: 'qualitative',
      tiers: [
        { name: '完成较好', min: 80, max: 100, default: 100 },
        { name: '完成', min: 60, max: 80, maxInclusive: false, default: 70 },
        { name: '未完成', min: 0, max: 60, maxInclusive: false },
      ],
    },
    weight: 10,
    in: { tier: '完成' },
    score: '7', // 完成 → 70 % of 10, not 完成较好's 100 %
    missed: true,
  },
]);

// yesno
run('yesno', [
  { name: 'met → full', rule: { kind: 'yesno' }, weight: 1, in: { met: true }, score: '1', missed: false },
  { name: 'not met → 0', rule: { kind: 'yesno' }, weight: 1, in: { met: false }, score: '0', missed: true },
  {
    name: 'met wins over a self-score',
    rule: { kind: 'yesno' },
    weight: 1,
    in: { met: false, judged: 1, fromClaim: true },
    score: '0',
    missed: true,
  },
  {
    name: 'no answer, self-score 1 stands → judged-by-claim',
    rule: { kind: 'yesno' },
    weight: 1,
    in: { judged: 1, fromClaim: true },
    score: '1',
    missed: false,
    problems: ['judged-by-claim'],
  },
  {
    name: 'nothing → 0, incomplete',
    rule: { kind: 'yesno' },
    weight: 1,
    in: {},
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /^缺少是否达到$/,
  },
]);

// manual: the evaluator's judged score, bounded by the weight.
run('manual', [
  { name: 'judged 2.5 of 3', rule: { kind: 'manual' }, weight: 3, in: { judged: 2.5 }, score: '2.5', missed: true },
  {
    name: 'judged 3 of 3 → full, not missed',
    rule: { kind: 'manual' },
    weight: 3,
    in: { judged: 3 },
    score: '3',
    missed: false,
  },
  { name: 'judged 0', rule: { kind: 'manual' }, weight: 3, in: { judged: 0 }, score: '0', missed: true },
  {
    name: 'judged 4 of 3 → capped at 3 with a warning',
    rule: { kind: 'manual' },
    weight: 3,
    in: { judged: 4 },
    score: '3',
    missed: false,
    problems: ['over-weight'],
    message: /判断得分4分超过分值3分，按分值计/,
  },
  {
    name: 'self-score 2 stands → judged-by-claim',
    rule: { kind: 'manual' },
    weight: 3,
    in: { judged: 2, fromClaim: true },
    score: '2',
    missed: true,
    problems: ['judged-by-claim'],
  },
  {
    name: 'self-score 3.5 over the weight → capped, judged-by-claim and over-weight',
    rule: { kind: 'manual' },
    weight: 3,
    in: { judged: 3.5, fromClaim: true },
    score: '3',
    missed: false,
    problems: ['judged-by-claim', 'over-weight'],
  },
  {
    name: 'nothing → 0, incomplete',
    rule: { kind: 'manual' },
    weight: 3,
    in: {},
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /^缺少评价人判断得分$/,
  },
]);

// composite (龙华 公用经费控制率 3 + 3): Σ parts, each capped at its own points.
const COMP = {
  kind: 'composite',
  parts: [
    { name: '控制率', points: 3, target: '≤100%', rule: { kind: 'reverse' } },
    { name: '问题', points: 3, rule: { kind: 'deduction', perItem: 1 } },
  ],
};
run('composite', [
  {
    name: 'both full → 6',
    rule: COMP,
    weight: 6,
    in: { parts: { 控制率: { actual: '90%' }, 问题: { count: 0 } } },
    score: '6',
    missed: false,
  },
  {
    name: '110% → 100 ÷ 110 × 3 = 2.7273, 1 defect → 2: 4.7273',
    rule: COMP,
    weight: 6,
    in: { parts: { 控制率: { actual: '110%' }, 问题: { count: 1 } } },
    score: '4.7273',
    missed: true,
    explain: /控制率（3分）：.*；问题（3分）：.*；合计4\.73分/,
  },
  {
    name: 'a part’s deduction beyond its points stops at 0 there: 3 + 0 = 3',
    rule: COMP,
    weight: 6,
    in: { parts: { 控制率: { actual: '100%' }, 问题: { count: 5 } } },
    score: '3',
    missed: true,
  },
  {
    name: 'a part over its points is capped at them: rate 120% of 3 → 3, + 2',
    rule: {
      kind: 'composite',
      parts: [
        { name: '执行', points: 3, rule: { kind: 'rate' } },
        { name: '问题', points: 3, rule: { kind: 'deduction', perItem: 1 } },
      ],
    },
    weight: 6,
    in: { parts: { 执行: { actual: '120%' }, 问题: { count: 1 } } },
    score: '5',
    missed: true,
  },
  {
    name: 'a part’s target from the evaluation wins over the rule’s',
    rule: COMP,
    weight: 6,
    in: { parts: { 控制率: { target: '≤50%', actual: '100%' }, 问题: { count: 0 } } },
    score: '4.5',
    missed: true,
  },
  {
    name: 'a part without its value → that part 0, incomplete, problem named by part',
    rule: COMP,
    weight: 6,
    in: { parts: { 问题: { count: 0 } } },
    score: '3',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /^控制率：缺少实际完成值$/,
  },
  {
    name: 'no way to resolve parts → 0, incomplete',
    rule: COMP,
    weight: 6,
    in: { noParts: true },
    score: '0',
    missed: false,
    incomplete: true,
    problems: MISSING,
    message: /^缺少分项数据$/,
  },
]);

test('every rule kind in the schema has a table above', () => {
  // Keep in step with RULE_KIND_NAMES: a new kind needs its own cases.
  assert.deepEqual(Object.keys(RULE_KIND_NAMES).sort(), [
    'bands',
    'checklist',
    'composite',
    'deduction',
    'equal',
    'excess-deduction',
    'levels',
    'manual',
    'qualitative',
    'quarterly',
    'rate',
    'ratio',
    'reverse',
    'target',
    'threshold-linear',
    'yesno',
  ]);
});

test('judgment kinds are exactly manual, qualitative, levels, checklist, deduction, yesno', () => {
  assert.deepEqual([...JUDGMENT_KINDS].sort(), ['checklist', 'deduction', 'levels', 'manual', 'qualitative', 'yesno']);
});

test('scoreRule leaves no over-weight warning on quantitative rules that reach past the weight', () => {
  const rule = RuleSchema.parse({ kind: 'rate' });
  const o = scoreRule(rule, input(10, { actual: '150%' }, rule));
  assert.equal(o.score.toString(), '10');
  assert.deepEqual(o.problems, []);
});

// Rule definitions are data; the schema refuses malformed ones and fills defaults.
const SCHEMA: Array<{ name: string; rule: unknown; ok: boolean; check?: (r: Rule) => void }> = [
  { name: 'unknown kind', rule: { kind: 'formula', expr: 'a/b' }, ok: false },
  { name: 'band with neither points nor fraction', rule: { kind: 'bands', bands: [{ gte: 90 }] }, ok: false },
  {
    name: 'band with both points and fraction',
    rule: { kind: 'bands', bands: [{ gte: 90, points: 1, fraction: 0.5 }] },
    ok: false,
  },
  { name: 'band fraction above 1', rule: { kind: 'bands', bands: [{ gte: 90, fraction: 1.5 }] }, ok: false },
  { name: 'no bands', rule: { kind: 'bands', bands: [] }, ok: false },
  { name: 'deduction per item 0', rule: { kind: 'deduction', perItem: 0 }, ok: false },
  {
    name: 'composite with one part',
    rule: { kind: 'composite', parts: [{ name: 'a', points: 1, rule: { kind: 'manual' } }] },
    ok: false,
  },
  {
    name: 'composite part with an unknown kind',
    rule: {
      kind: 'composite',
      parts: [
        { name: 'a', points: 1, rule: { kind: 'x' } },
        { name: 'b', points: 1, rule: { kind: 'manual' } },
      ],
    },
    ok: false,
  },
  { name: 'quarterly schedule of 3', rule: { kind: 'quarterly', schedule: [25, 50, 75] }, ok: false },
  { name: 'an extra field', rule: { kind: 'rate', cap: 10 }, ok: false },
  {
    name: 'qualitative with one tier',
    rule: { kind: 'qualitative', tiers: [{ name: 'a', min: 0, max: 100 }] },
    ok: false,
  },
  { name: 'threshold-linear floor 100', rule: { kind: 'threshold-linear', floor: 100 }, ok: false },
  { name: 'rate zeroAbove 0', rule: { kind: 'rate', zeroAbove: 0 }, ok: false },
  { name: 'levels with one level', rule: { kind: 'levels', levels: [{ name: 'a', points: 1 }] }, ok: false },
  {
    name: 'a level without a name',
    rule: {
      kind: 'levels',
      levels: [
        { name: '', points: 1 },
        { name: 'b', points: 0 },
      ],
    },
    ok: false,
  },
  {
    name: 'a level with negative points',
    rule: {
      kind: 'levels',
      levels: [
        { name: 'a', points: -1 },
        { name: 'b', points: 0 },
      ],
    },
    ok: false,
  },
  {
    name: 'threshold-linear defaults its floor to 60',
    rule: { kind: 'threshold-linear' },
    ok: true,
    check: (r) => assert.equal(r.kind === 'threshold-linear' && r.floor, 60),
  },
  {
    name: 'excess-deduction defaults step 1, proportional',
    rule: { kind: 'excess-deduction', perStep: 0.1 },
    ok: true,
    check: (r) => assert.deepEqual(r, { kind: 'excess-deduction', perStep: 0.1, step: 1, counting: 'proportional' }),
  },
  {
    name: 'quarterly defaults 25/50/75/100, 1 per quarter, 2 for the average',
    rule: { kind: 'quarterly' },
    ok: true,
    check: (r) =>
      assert.deepEqual(r, { kind: 'quarterly', schedule: [25, 50, 75, 100], perQuarter: 1, averagePoints: 2 }),
  },
  {
    name: 'equal defaults tolerance 0',
    rule: { kind: 'equal' },
    ok: true,
    check: (r) => assert.deepEqual(r, { kind: 'equal', tolerance: 0 }),
  },
  {
    name: 'nested composite part rules get their defaults',
    rule: COMP,
    ok: true,
    check: (r) => assert.equal(r.kind === 'composite' && r.parts[1]!.rule.kind, 'deduction'),
  },
];
for (const c of SCHEMA) {
  test(`rule schema: ${c.name} ${c.ok ? 'is accepted' : 'is refused'}`, () => {
    const r = RuleSchema.safeParse(c.rule);
    assert.equal(r.success, c.ok, r.success ? '' : r.error.message);
    if (r.success) c.check?.(r.data);
  });
}

const BAND_EDGES: Array<{ band: Record<string, number>; v: string; in: boolean; label: string }> = [
  { band: { gte: 90, points: 1 }, v: '90', in: true, label: '≥90%' },
  { band: { gt: 90, points: 1 }, v: '90', in: false, label: '>90%' },
  { band: { lte: 5, points: 1 }, v: '5', in: true, label: '≤5%' },
  { band: { lt: 5, points: 1 }, v: '5', in: false, label: '<5%' },
  { band: { gte: 80, lt: 90, points: 1 }, v: '89.999', in: true, label: '80%≤x<90%' },
  { band: { gt: 80, lte: 90, points: 1 }, v: '80', in: false, label: '80%<x≤90%' },
  { band: { points: 1 }, v: '-1', in: true, label: '其他' },
];
for (const c of BAND_EDGES) {
  test(`inBand ${c.label} at ${c.v} → ${c.in}`, () => {
    assert.equal(inBand(new D(c.v), c.band), c.in);
    assert.equal(bandLabel(c.band), c.label);
  });
}

const TIER_OF: Array<{ pct: number; want: string | undefined }> = [
  { pct: 100, want: '达成' },
  { pct: 80, want: '达成' },
  { pct: 79.99, want: '部分达成' },
  { pct: 60, want: '部分达成' },
  { pct: 59.99, want: '未达成' },
  { pct: 0, want: '未达成' },
  { pct: 100.01, want: undefined },
];
for (const c of TIER_OF) {
  test(`default tiers: ${c.pct}% is ${c.want ?? 'in no tier'}`, () =>
    assert.equal(tierOf(new D(c.pct), DEFAULT_TIERS)?.name, c.want));
}
