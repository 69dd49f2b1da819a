// The cycle panel's rows: per indicator the approved 指标值, the 自评's 指标值 and actual, each report's 1–N月 figures.
// Types straight from the server's contract and the core (with .js): test/web imports this file under node16.
import type { IndicatorInput } from '../../../src/core/evaluation.js';
import type { CycleView } from '../../../src/server/resources/targets/contract.js';

/** The 自评 document's indicators (EvaluationDocument['indicators']). */
export type Indicators = Record<string, IndicatorInput> | undefined;
type Value = string | number | undefined;
export interface Row {
  name: string;
  approved: Value;
  target: Value;
  actual: Value;
  byMonth: Record<number, Value>;
  forecast: Value;
  likelihood?: string;
}

export const show = (v: Value) => (v === undefined || v === '' ? '—' : String(v));

/** The 自评's entry for an indicator: its key is the 三级 name or a path ending in it. */
function entryOf(indicators: Indicators, name: string) {
  const inds = indicators ?? {};
  const key = Object.keys(inds).find((k) => k === name || k.split('/').pop() === name);
  return key ? inds[key] : undefined;
}

export function cycleRows(cycle: CycleView, indicators: Indicators): Row[] {
  const names = [
    ...Object.keys(cycle.prefill?.indicators ?? {}),
    ...cycle.monitoring.flatMap((m) => m.indicators.map((i) => i.name)),
  ];
  return [...new Set(names)].map((name) => {
    const e = entryOf(indicators, name);
    const row: Row = {
      name,
      approved: cycle.prefill?.indicators[name]?.target,
      target: e?.target,
      actual: e?.actual,
      byMonth: {},
      forecast: undefined,
    };
    // Reports come in month order: the latest one's forecast and likelihood stand.
    for (const m of cycle.monitoring) {
      const i = m.indicators.find((x) => x.name === name);
      if (!i) continue;
      row.byMonth[m.month] = i.actualToDate;
      row.forecast = i.forecast;
      row.likelihood = i.likelihood;
    }
    return row;
  });
}
