// Inflation signals from the cycle: a 自评 held to its approved targets and to its own monitoring reports.
import { fmt, wan } from '../decimal.js';
import type { Evaluation } from '../evaluation.js';
import type { IndicatorScore } from '../scoring.js';
import { parseQuantity, parseTarget } from '../quantity.js';
import { quantityText, sameTarget, weakerThan } from './compare.js';
import type { CycleFinding } from './findings.js';
import type { MonitoringReport } from './monitoring.js';
import type { ApprovedTargets } from './targets.js';

/** The 自评's indicators as scored: name, path, weight, self-score and the 指标值 in effect. */
export type ScoredIndicator = Pick<IndicatorScore, 'name' | 'path' | 'weight' | 'claimed' | 'target'>;

function matchScored(scored: ScoredIndicator[], name: string, level2?: string): ScoredIndicator | undefined {
  const hits = scored.filter((s) => s.name === name);
  if (hits.length <= 1) return hits[0];
  return hits.find((h) => level2 !== undefined && h.path.includes(level2)) ?? hits[0];
}

/**
 * A 自评 compared with the approved target set and the year's monitoring reports. Warnings:
 * - target-changed: the 指标值 the 自评 is scored against differs from the approved one (lowering
 *   it after the fact is the simplest inflation);
 * - target-dropped: an approved indicator is not in the 自评;
 * - task-budget-changed: a task's 预算资金 differs from the approved one;
 * - impossible-full-marks: full marks on an indicator the unit itself reported 完全不可能 to reach.
 */
export function cycleSignals(input: {
  approved: ApprovedTargets;
  evaluation: Pick<Evaluation, 'tasks'>;
  scored: ScoredIndicator[];
  monitoring?: MonitoringReport[];
}): CycleFinding[] {
  const out: CycleFinding[] = [];
  const { approved, scored } = input;
  const version = approved.approvedAt
    ? `第${approved.version}版，${approved.approvedAt.slice(0, 10)}批复`
    : `第${approved.version}版`;
  approved.set.indicators.forEach((ind, i) => {
    const s = matchScored(scored, ind.name, ind.level2);
    const path = ['indicators', i];
    if (!s) {
      out.push({
        severity: 'warning',
        code: 'target-dropped',
        path,
        indicator: ind.name,
        message: `批复的绩效指标“${ind.name}”（指标值${ind.target ?? '未填'}）未出现在自评中`,
      });
      return;
    }
    if (ind.target === undefined || sameTarget(s.target, ind.target)) return;
    const a = parseTarget(ind.target);
    const e = parseTarget(s.target);
    const lowered = a && e && e.op === a.op && weakerThan(e, { value: a.value, ...(a.unit && { unit: a.unit }) });
    out.push({
      severity: 'warning',
      code: 'target-changed',
      path,
      indicator: ind.name,
      message: `自评所用指标值“${s.target ?? '未填'}”与批复的绩效目标“${ind.target}”（${version}）不一致${lowered ? '，自评降低了目标，得分可能虚高' : ''}；调整目标须经财政局批准`,
    });
  });
  const tasks = new Map((input.evaluation.tasks ?? []).map((t) => [t.name, t]));
  approved.set.tasks.forEach((t, i) => {
    const e = tasks.get(t.name);
    if (e?.budget !== undefined && e.budget !== t.budget)
      out.push({
        severity: 'warning',
        code: 'task-budget-changed',
        path: ['tasks', i, 'budget'],
        message: `任务“${t.name}”自评所列预算资金${wan(e.budget)}万元，与批复的${wan(t.budget)}万元（${version}）不一致`,
      });
  });
  // The latest report on each indicator is the one that counts: a unit that later said 有可能 is not held to an earlier 完全不可能.
  const latest = new Map<string, { month: number; actualToDate?: string | number }>();
  for (const r of [...(input.monitoring ?? [])].sort((x, y) => x.month - y.month))
    for (const ind of r.indicators)
      latest.set(
        ind.name,
        ind.likelihood === 'impossible'
          ? { month: r.month, ...(ind.actualToDate !== undefined && { actualToDate: ind.actualToDate }) }
          : { month: -1 },
      );
  for (const [name, m] of latest) {
    if (m.month < 0) continue;
    const s = matchScored(scored, name);
    if (!s || s.claimed === undefined || s.weight <= 0 || s.claimed < s.weight) continue;
    const q = parseQuantity(m.actualToDate);
    out.push({
      severity: 'warning',
      code: 'impossible-full-marks',
      path: s.path,
      indicator: name,
      message: `自评满分${fmt(s.claimed)}分，但单位在1–${m.month}月绩效监控中报告该指标“完全不可能”完成目标${q ? `（当时完成${quantityText(q)}）` : ''}，满分与监控结论矛盾，得分可能虚高`,
    });
  }
  return out;
}
