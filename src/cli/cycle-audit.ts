// `jixiao audit --targets`: the audit of a 自评 held to the unit's approved 绩效目标表 (and 监控表), the cycle's inflation signals added.
import type { AuditFinding, AuditResult } from '../core/audit/index.js';
import {
  approveTargets,
  cycleSignals,
  type MonitoringReport,
  MonitoringReportSchema,
  type TargetSet,
  TargetSetSchema,
} from '../core/cycle/index.js';
import type { Evaluation } from '../core/evaluation.js';
import { InputError } from '../core/input.js';
import { readCycleFile } from '../load/cycle.js';

export interface CycleInputs {
  file: string;
  targets: TargetSet;
  monitoring: Array<{ file: string; report: MonitoringReport }>;
}

/** The files named by --targets and --monitoring (read once, before any audit). */
export function readCycleInputs(targets?: string, monitoring: string[] = []): CycleInputs | undefined {
  if (!targets) {
    if (monitoring.length)
      throw new InputError(monitoring[0]!, [
        { field: '', message: '--monitoring 须与 --targets（批复的绩效目标表）同用' },
      ]);
    return undefined;
  }
  return {
    file: targets,
    targets: readCycleFile(TargetSetSchema, targets).value,
    monitoring: monitoring.map((f) => ({ file: f, report: readCycleFile(MonitoringReportSchema, f).value })),
  };
}

/**
 * The audit with the cycle's signals (warnings: a 指标值 changed or lowered from the approved one, an approved
 * indicator dropped, a task's 预算资金 changed, full marks against 完全不可能). The target file must be the
 * same unit and year as the 自评: anything else would compare two units' targets.
 */
export function withCycleSignals(a: AuditResult, evaluation: Evaluation, c: CycleInputs, file: string): AuditResult {
  const wrong = [
    c.targets.unit !== evaluation.unit && `单位（目标表“${c.targets.unit}”，自评“${evaluation.unit}”）`,
    c.targets.year !== evaluation.year && `年度（目标表${c.targets.year}，自评${evaluation.year}）`,
    ...c.monitoring.map(
      (m) =>
        (m.report.unit !== c.targets.unit || m.report.year !== c.targets.year) &&
        `监控表${m.file}的单位或年度（${m.report.unit}，${m.report.year}）`,
    ),
  ].filter((x): x is string => typeof x === 'string');
  if (wrong.length)
    throw new InputError(file, [
      { field: '', message: `与绩效目标表${c.file}不是同一单位同一年度：${wrong.join('；')}` },
    ]);
  // A file stands for the approved set (version 1), as in `jixiao targets compare`.
  const signals = cycleSignals({
    approved: approveTargets(c.targets, '', ''),
    evaluation,
    scored: a.score.indicators,
    monitoring: c.monitoring.map((m) => m.report),
  });
  const added: AuditFinding[] = signals.map((s) => ({
    severity: s.severity,
    code: s.code,
    ...(s.indicator !== undefined && { indicator: s.indicator }),
    message: s.message,
  }));
  const counts = { ...a.summary.counts };
  for (const f of added) counts[f.severity]++;
  return { ...a, findings: [...a.findings, ...added], summary: { ...a.summary, counts } };
}
