// Comparing two 指标值 (or a 指标值 with an actual): the same target, a weaker one, a value short of it.
import { fmt } from '../decimal.js';
import { parseQuantity, parseTarget, type Quantity, type TargetSpec } from '../quantity.js';

const norm = (s: string): string =>
  s
    .replace(/\s+/g, '')
    .replace(/％/g, '%')
    .replace(/＞=|>=|不低于|不少于/g, '≥')
    .replace(/＜=|<=|不高于|不超过/g, '≤');

const sameUnit = (a: Quantity, b: Quantity): boolean => (a.unit ?? '') === (b.unit ?? '') || !a.unit || !b.unit;

/** Two 指标值 that say the same: same comparator, value and unit; text compared when not numeric. */
export function sameTarget(a: string | number | undefined, b: string | number | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const pa = parseTarget(a);
  const pb = parseTarget(b);
  if (pa && pb) return pa.op === pb.op && pa.value === pb.value && sameUnit(pa, pb);
  return norm(String(a)) === norm(String(b));
}

/**
 * `target` asks less than `reference` does: a “≥” target below it, a “≤” target above it. An
 * “=” target, different units or text that is not a number are not compared (false).
 */
export function weakerThan(target: TargetSpec, reference: Quantity): boolean {
  if (!sameUnit(target, reference)) return false;
  if (target.op === '>=' || target.op === '>') return target.value < reference.value;
  if (target.op === '<=' || target.op === '<') return target.value > reference.value;
  return false;
}

/** A value does not reach a target (forecast or actual); undefined when they cannot be compared. */
export function falls(value: string | number | undefined, target: string | number | undefined): boolean | undefined {
  const t = parseTarget(target);
  const q = parseQuantity(value);
  if (!t || !q || !sameUnit(t, q)) return undefined;
  switch (t.op) {
    case '>=':
      return q.value < t.value;
    case '>':
      return q.value <= t.value;
    case '<=':
      return q.value > t.value;
    case '<':
      return q.value >= t.value;
    case '=':
      return q.value !== t.value;
  }
}

export const quantityText = (q: Quantity): string => `${fmt(q.value, 4)}${q.unit ?? ''}`;
