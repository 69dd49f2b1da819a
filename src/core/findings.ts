// The one home of finding severities: their Chinese labels, their order, and the shape of a finding.

/** How serious a finding is. 错误 blocks or contradicts; 警告 needs a look (e.g. 待核实); 提示 is information. */
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES = ['error', 'warning', 'info'] as const satisfies readonly Severity[];

export const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const satisfies Record<Severity, string>;

/** Sort key: errors first. */
export const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const satisfies Record<Severity, number>;

export const bySeverity = <T extends { severity: Severity }>(a: T, b: T): number =>
  SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];

/** Counts of findings per severity, every severity present. */
export function severityCounts(items: Iterable<{ severity: Severity }>): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of items) counts[f.severity]++;
  return counts;
}

/** One finding about a scored evaluation or an audited report (rule, arithmetic, consistency). */
export interface Finding {
  severity: Severity;
  code: string;
  /** Indicator name (as printed) or section the finding is about. */
  indicator?: string;
  path?: string[];
  /** Section of a published report the finding is about (audit). */
  section?: string;
  /** The words of the report the finding quotes (audit). */
  quote?: string;
  /** Chinese: what differs and why it matters. */
  message: string;
  /** The number the rule or the arithmetic gives. */
  expected?: number;
  /** The number the report states. */
  stated?: number;
}
