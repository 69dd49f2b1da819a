// Findings of the cycle's checks (目标表、监控表、自评对照): one shape, closed codes, Chinese messages.
import type { Severity } from '../rules/score.js';

export const CYCLE_CODES = [
  'target-missing',
  'target-no-number',
  'target-no-unit',
  'target-weaker-than-last-year',
  'target-source-missing',
  'indicator-duplicate',
  'category-missing',
  'tasks-budget-sum',
  'budget-parts-sum',
  'money-decimals',
  'review-reason-missing',
  'review-unknown-indicator',
  'monitoring-months',
  'execution-lag',
  'deviation-missing',
  'correction-missing',
  'likelihood-inconsistent',
  'monitoring-target-differs',
  'monitoring-unknown-indicator',
  'target-changed',
  'target-dropped',
  'task-budget-changed',
  'impossible-full-marks',
] as const;
export type CycleCode = (typeof CYCLE_CODES)[number];

export interface CycleFinding {
  severity: Severity;
  code: CycleCode;
  /** JSON path inside the document checked, e.g. ['indicators', 2, 'target']. */
  path: Array<string | number>;
  indicator?: string;
  message: string;
}

export const hasErrors = (fs: readonly CycleFinding[]): boolean => fs.some((f) => f.severity === 'error');

/** “indicators[2].target”, the way the rest of the system names a field. */
export function jsonPath(path: ReadonlyArray<string | number>): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s ? `.${k}` : k;
  return s;
}
