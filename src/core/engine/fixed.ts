/**
 * Exact fixed-point arithmetic for the compiled engine: numbers as safe integers in units of 0.0001
 * (F), scores as exact fractions rounded half-up (四舍五入) once, to the framework's decimals — the
 * same results decimal.js gives, without allocating a Decimal per operation. Anything that does not
 * fit (more than 4 decimals, beyond 2^53, a division exactly on a rounding half that decimal.js would
 * approximate) answers `undefined`, and the caller defers to the reference engine.
 */

export const F = 10_000;
export const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

/** x in units of 0.0001, if x has at most 4 decimals; else undefined. */
export function fixed(x: number): number | undefined {
  const v = Math.round(x * F);
  return Number.isSafeInteger(v) && v / F === x ? v : undefined;
}

const safe = Number.isSafeInteger;

/** floor(n / d) exactly, for safe integers n ≥ 0, d > 0. */
function floorDiv(n: number, d: number): number {
  let q = Math.floor(n / d);
  if (q * d > n) q--;
  else if ((q + 1) * d <= n) q++;
  return q;
}

/** A score as an exact fraction n/d of a point (d > 0). */
export interface Fraction {
  n: number;
  d: number;
  /**
   * false when the value went through a division that does not terminate (decimal.js carries it
   * to 40 digits, so on an exact half the two may round apart).
   */
  exact: boolean;
}

/** n / d rounded half-up to an integer (n ≥ 0, d > 0); undefined when it may differ from decimal.js. */
export function roundFraction(n: number, d: number, exact: boolean): number | undefined {
  if (!safe(n) || !safe(d) || n < 0 || !safe(2 * n + d) || !safe(2 * d)) return undefined;
  const twice = 2 * n + d;
  const q = floorDiv(twice, 2 * d);
  if (!exact && q * 2 * d === twice) return undefined;
  return q;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Whether n/d has a finite decimal expansion. */
export function terminates(n: number, d: number): boolean {
  if (n === 0) return true;
  let r = d / gcd(n, d);
  while (r % 2 === 0) r /= 2;
  while (r % 5 === 0) r /= 5;
  return r === 1;
}

/** A double rounded half-up to an integer, unless it is too near a half to be sure (then undefined). */
export function roundFloat(x: number): number | undefined {
  if (!Number.isFinite(x)) return undefined;
  const f = Math.floor(x);
  const frac = x - f;
  // A few ulps of error at most: a value within 1e-9 (relative) of a half is left to decimal.js.
  if (Math.abs(frac - 0.5) < 1e-9 * Math.max(1, Math.abs(x))) return undefined;
  return frac > 0.5 ? f + 1 : f;
}

/** A scaled integer as the plain number toNumber(…, decimals) gives (97.8, not 97.80000001). */
export const toPlain = (q: number, decimals: number): number => q / POW10[decimals]!;
