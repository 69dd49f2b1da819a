/**
 * Metric values for the compiled engine: the double the reference takes (decimal.js's 40-digit
 * quotient, then toNumber), computed as one IEEE division of exact fixed-point integers — which is
 * the correctly rounded quotient, the same double.
 */
import type { Figures } from '../figures.js';
import { METRIC_BY_ID, type MetricId } from '../metrics.js';
import { fixed } from './fixed.js';

/** A figure in units of 0.0001; null when absent; undefined when not exact in fixed point. */
function figure(f: Figures, path: string): number | null | undefined {
  const b = f.budget;
  const fx = (v: number | undefined) => (v === undefined ? null : fixed(v));
  switch (path) {
    case 'budget.total': {
      if (b?.total !== undefined) return fixed(b.total);
      if (b?.initial === undefined) return null;
      const parts = [b.initial, b.adjustment ?? 0, b.otherAdjustment ?? 0, b.carryOver ?? 0].map(fixed);
      if (parts.some((p) => p === undefined)) return undefined;
      return (parts as number[]).reduce((a, x) => a + x, 0);
    }
    case 'budget.finalAccounts':
      return fx(b?.finalAccounts ?? b?.executed);
    case 'staffing.headcount': {
      const s = f.staffing;
      if (s?.onPayroll === undefined || s.supernumerary === undefined) return null;
      const a = fixed(s.onPayroll);
      const c = fixed(s.supernumerary);
      return a === undefined || c === undefined ? undefined : a + c;
    }
    default: {
      const [group, key] = path.split('.') as [keyof Figures, string | undefined];
      const g = f[group] as unknown;
      if (key === undefined) return typeof g === 'number' ? fixed(g) : null;
      const v = (g as Record<string, unknown> | undefined)?.[key];
      return typeof v === 'number' ? fixed(v) : null;
    }
  }
}

/** The metric's value (a double), null when the reference says it cannot be computed, undefined when not exact here. */
export function metricValue(f: Figures, id: MetricId): number | null | undefined {
  const def = METRIC_BY_ID.get(id);
  if (!def) return undefined;
  const a = figure(f, def.num);
  const b = def.den ? figure(f, def.den) : null;
  if (a === undefined || b === undefined) return undefined;
  if (a === null || (def.den && b === null)) return null;
  if (def.shape === 'value') return a / 10_000;
  if (b === 0) return null;
  const n = def.shape === 'ratio' ? a : def.shape === 'change' ? a - b! : Math.abs(a - b!);
  const scaled = n * 100;
  if (!Number.isSafeInteger(scaled)) return undefined;
  return scaled / b!;
}
