/**
 * The compiled engine's rules: one closure per rule kind, numbers only (score, missed, incomplete),
 * the same formulas as src/core/rules/score.ts — computed as exact fractions of fixed-point integers
 * when every operand has at most 4 decimals, else in doubles with a guard at the rounding half.
 * A closure answers undefined when it cannot be sure to match decimal.js: the reference decides.
 * Kinds not here (composite, quarterly, excess-deduction, threshold-linear) use the reference engine.
 */
import type { TargetSpec } from '../quantity.js';
import type { Band, Rule, Tier } from '../rules/schema.js';
import { F, fixed, type Fraction, terminates } from './fixed.js';

/** What a rule sees, resolved by the plan (numbers as JS numbers; fixed-point twins where exact). */
export interface Seen {
  w: number;
  target?: TargetSpec;
  actual?: number;
  count?: number;
  tier?: string;
  value?: number;
  judged?: number;
  met?: boolean;
  checks?: Array<boolean | number>;
  vetoed?: boolean;
}

/**
 * A score before the cap at the weight: the exact fraction n/d, or the double x when `float`.
 * One object, overwritten by every rule call: the hot path allocates nothing per indicator.
 */
export interface Outcome extends Fraction {
  float: boolean;
  x: number;
  missed: boolean;
  incomplete: boolean;
}

export type RuleFn = (s: Seen) => Outcome | undefined;

const OUT: Outcome = { n: 0, d: 1, exact: true, float: false, x: 0, missed: false, incomplete: false };

function frac(n: number, d: number, exact: boolean, missed: boolean, incomplete = false): Outcome {
  OUT.n = n;
  OUT.d = d;
  OUT.exact = exact;
  OUT.float = false;
  OUT.missed = missed;
  OUT.incomplete = incomplete;
  return OUT;
}

function float(x: number, missed: boolean): Outcome {
  OUT.x = x;
  OUT.float = true;
  OUT.missed = missed;
  OUT.incomplete = false;
  return OUT;
}

const MISSING = () => frac(0, 1, true, false, true);
const ZERO_MISSED = () => frac(0, 1, true, true);

/** A known number as a fraction of a point (exact) or a double. */
function num(v: number, missed: boolean): Outcome {
  const V = fixed(v);
  return V === undefined ? float(v, missed) : frac(V, F, true, missed);
}
const full = (s: Seen): Outcome => num(s.w, false);

function judged(s: Seen): Outcome | undefined {
  return s.judged === undefined ? undefined : num(s.judged, s.judged < s.w);
}

/** a ÷ b × c, exact when all three are fixed-point. */
function quotient(a: number, b: number, c: number, missed: boolean): Outcome | undefined {
  const A = fixed(a);
  const B = fixed(b);
  const C = fixed(c);
  if (A !== undefined && B !== undefined && C !== undefined && B > 0 && A >= 0) {
    return frac(A * C, B * F, terminates(A, B), missed);
  }
  if (b === 0) return undefined;
  return float((a / b) * c, missed);
}

/** a × b ÷ 100 (a percentage of a weight), exact when both are fixed-point. */
function percentOf(a: number, b: number, missed: boolean): Outcome {
  const A = fixed(a);
  const B = fixed(b);
  if (A !== undefined && B !== undefined) return frac(A * B, 100 * F * F, true, missed);
  return float((a / 100) * b, missed);
}

function ratio(s: Seen, overTarget?: Array<{ from: number; fraction: number }>): Outcome | undefined {
  if (!s.target) return MISSING();
  if (s.actual === undefined) return MISSING();
  const t = s.target.value;
  const a = s.actual;
  if (a >= t) {
    if (overTarget && t > 0) {
      // (a − t) ÷ t × 100 ≥ from, as (a − t) × 100 ≥ from × t: exact in fixed point.
      const A = fixed(a);
      const T = fixed(t);
      if (A === undefined || T === undefined) return undefined;
      const hit = [...overTarget]
        .sort((x, y) => y.from - x.from)
        .find((b) => {
          const from = fixed(b.from);
          return from !== undefined && (A - T) * 100 * F >= from * T;
        });
      if (hit) {
        const W = fixed(s.w);
        const Fr = fixed(hit.fraction);
        if (W === undefined || Fr === undefined) return undefined;
        return frac(W * (F - Fr), F * F, true, false);
      }
    }
    return full(s);
  }
  if (t <= 0) return undefined;
  return quotient(a, t, s.w, true);
}

function reverse(s: Seen): Outcome | undefined {
  if (!s.target) return MISSING();
  if (s.actual === undefined) return MISSING();
  const t = s.target.value;
  const a = s.actual;
  if (a <= t) return full(s);
  if (t < 0) return undefined;
  return quotient(t, a, s.w, true);
}

function equal(s: Seen, tolerance: number): Outcome | undefined {
  if (!s.target) return MISSING();
  if (s.actual === undefined) return MISSING();
  const T = fixed(s.target.value);
  const A = fixed(s.actual);
  const W = fixed(s.w);
  const tol = fixed(tolerance);
  if (T === undefined || A === undefined || W === undefined || tol === undefined) return undefined;
  const diff = Math.abs(A - T);
  if (diff <= tol) return full(s);
  if (T === 0) return ZERO_MISSED();
  if (T < 0) return undefined;
  // max(0, 1 − diff ÷ t) × w
  if (diff >= T) return ZERO_MISSED();
  return frac((T - diff) * W, T * F, terminates(diff, T), true);
}

function rate(s: Seen, zeroAbove?: number): Outcome | undefined {
  if (s.actual === undefined) return MISSING();
  const a = s.actual;
  if (zeroAbove !== undefined && a > zeroAbove) return ZERO_MISSED();
  return percentOf(a, s.w, a < (s.target?.value ?? 100));
}

const inBand = (v: number, b: Band) =>
  (b.gte === undefined || v >= b.gte) &&
  (b.gt === undefined || v > b.gt) &&
  (b.lte === undefined || v <= b.lte) &&
  (b.lt === undefined || v < b.lt);

function bands(s: Seen, list: Band[]): Outcome | undefined {
  if (s.actual === undefined) return MISSING();
  const hit = list.find((b) => inBand(s.actual!, b));
  if (!hit) return ZERO_MISSED();
  if (hit.points !== undefined) return num(hit.points, hit.points < s.w);
  const fr = hit.fraction ?? 0;
  const W = fixed(s.w);
  const Fr = fixed(fr);
  if (W === undefined || Fr === undefined) return undefined;
  return frac(W * Fr, F * F, true, W * Fr < W * F);
}

function deduction(s: Seen, perItem: number): Outcome | undefined {
  if (s.count === undefined) return judged(s) ?? MISSING();
  if (s.count === 0) return full(s);
  const W = fixed(s.w);
  const P = fixed(perItem);
  if (W === undefined || P === undefined) return undefined;
  const n = W - P * s.count;
  return frac(Math.max(0, n), F, true, true);
}

function checklist(s: Seen, items: Array<{ points: number }>, veto?: string): Outcome | undefined {
  if (veto && s.vetoed) return ZERO_MISSED();
  if (!s.checks) return judged(s) ?? MISSING();
  let sum = 0;
  let lost = false;
  for (let k = 0; k < items.length; k++) {
    const P = fixed(items[k]!.points);
    if (P === undefined) return undefined;
    const c = s.checks[k];
    let got = 0;
    if (c === true) got = P;
    else if (typeof c === 'number') {
      const C = fixed(c);
      if (C === undefined) return undefined;
      got = Math.min(Math.max(C, 0), P);
    }
    if (got < P) lost = true;
    sum += got;
  }
  return frac(sum, F, true, lost);
}

/** Same choice as the reference's pickByName: exact name, else the one name beginning with it, else (optionally) the longest name it begins with. */
export function pickByName<T extends { name: string }>(
  options: T[],
  name: string,
  alsoPrefixOfInput: boolean,
): T | undefined {
  const exact = options.find((o) => o.name === name);
  if (exact) return exact;
  const starts = options.filter((o) => o.name.startsWith(name));
  if (starts.length === 1) return starts[0];
  if (starts.length > 1) return undefined;
  if (!alsoPrefixOfInput) return undefined;
  return options.filter((o) => name.startsWith(o.name)).sort((a, b) => b.name.length - a.name.length)[0];
}

function levels(s: Seen, list: Array<{ name: string; points: number }>): Outcome | undefined {
  if (s.tier === undefined) return judged(s) ?? MISSING();
  const hit = pickByName(list, s.tier, false);
  if (!hit) return MISSING();
  return num(hit.points, hit.points < s.w);
}

function qualitative(s: Seen, tiers: Tier[]): Outcome | undefined {
  if (!s.tier) return judged(s) ?? MISSING();
  const tier = pickByName(tiers, s.tier, true);
  if (!tier) return MISSING();
  let pct: number;
  if (s.value !== undefined) pct = s.value;
  else if (s.judged !== undefined && s.w !== 0) {
    // pct = judged ÷ w × 100, then pct ÷ 100 × w: the judged score, through a division.
    const J = fixed(s.judged);
    const W = fixed(s.w);
    if (J === undefined || W === undefined) return undefined;
    return frac(J, F, terminates(J, W), J < W);
  } else if (tier.default !== undefined) pct = tier.default;
  else pct = tier.min;
  const o = percentOf(pct, s.w, false);
  o.missed = pct < 100 && s.w > 0 ? true : false;
  return o;
}

function yesno(s: Seen): Outcome | undefined {
  if (s.met === undefined) return judged(s) ?? MISSING();
  return s.met ? full(s) : ZERO_MISSED();
}

/** The closure for a rule, or undefined for a kind only the reference engine scores. */
export function compileRule(rule: Rule, frameworkTiers: Tier[]): RuleFn | undefined {
  switch (rule.kind) {
    case 'ratio':
      return (s) => ratio(s, rule.overTarget);
    case 'reverse':
      return reverse;
    case 'equal':
      return (s) => equal(s, rule.tolerance);
    case 'target':
      return (s) => {
        if (!s.target) return MISSING();
        if (s.target.op === '<=' || s.target.op === '<') return reverse(s);
        if (s.target.op === '=') return equal(s, 0);
        return ratio(s, rule.overTarget);
      };
    case 'rate':
      return (s) => rate(s, rule.zeroAbove);
    case 'bands':
      return (s) => bands(s, rule.bands);
    case 'deduction':
      return (s) => deduction(s, rule.perItem);
    case 'checklist':
      return (s) => checklist(s, rule.items, rule.veto);
    case 'levels':
      return (s) => levels(s, rule.levels);
    case 'qualitative': {
      const tiers = rule.tiers ?? frameworkTiers;
      return (s) => qualitative(s, tiers);
    }
    case 'yesno':
      return yesno;
    case 'manual':
      return (s) => judged(s) ?? MISSING();
    case 'threshold-linear':
    case 'excess-deduction':
    case 'quarterly':
    case 'composite':
      return undefined;
  }
}
