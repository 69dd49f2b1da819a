import { Decimal } from 'decimal.js';

/**
 * All money, rates and scores go through decimal.js so that a person never sees 97.80000001.
 * A separate constructor keeps our settings from leaking into other users of decimal.js.
 */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

export type Numeric = Dec | number | string;

export const dec = (v: Numeric): Dec => (v instanceof D ? v : new D(v));
export const ZERO = new D(0);
export const HUNDRED = new D(100);

/** Round half-up (四舍五入) to a number of decimals. */
export function roundHalfUp(v: Numeric, decimals: number): Dec {
  return dec(v).toDecimalPlaces(decimals, D.ROUND_HALF_UP);
}

export function clamp(v: Dec, lo: Numeric, hi: Numeric): Dec {
  const l = dec(lo);
  const h = dec(hi);
  if (v.lt(l)) return l;
  if (v.gt(h)) return h;
  return v;
}

/** A plain JS number that prints exactly like the rounded decimal (no artefacts). */
export function toNumber(v: Numeric, decimals: number): number {
  return Number(roundHalfUp(v, decimals).toFixed(decimals));
}

/**
 * Human formatting: at most `decimals` places, trailing zeros trimmed unless `fixed`.
 * fmt(9.8116, 2) → "9.81", fmt(10, 2) → "10", fmt(3, 2, true) → "3.00".
 */
export function fmt(v: Numeric, decimals = 2, fixed = false): string {
  const s = roundHalfUp(v, decimals).toFixed(decimals);
  if (fixed || !s.includes('.')) return s;
  return s.replace(/\.?0+$/, '');
}

export const pct = (v: Numeric, decimals = 2): string => `${fmt(v, decimals)}%`;

/** Money in 万元, always two decimals. */
export const wan = (v: Numeric): string => roundHalfUp(v, 2).toFixed(2);
