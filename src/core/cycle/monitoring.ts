// 运行监控 (“双监控”): a unit's mid-year report per indicator, and budget execution against 序时进度.
import { z } from 'zod';
import { dec, fmt, toNumber, wan } from '../decimal.js';
import { hasAtMostTwoDecimals } from '../money.js';
import { falls, sameTarget } from './compare.js';
import type { CycleFinding } from './findings.js';
import {
  DEVIATION_CATEGORIES,
  DEVIATION_CATEGORY_LABELS,
  labelledEnum,
  LIKELIHOOD_LABELS,
  LIKELIHOODS,
  type Likelihood,
} from './labels.js';
import type { TargetSet } from './targets.js';

const value = z.union([z.string(), z.number()]);
const money = z.number().nonnegative().finite();

export const MonitoringIndicatorSchema = z
  .object({
    name: z.string().min(1),
    /** 指标值 (from the approved target set). */
    target: value.optional(),
    /** 1–N月实际完成值. */
    actualToDate: value.optional(),
    /** 全年预计完成值. */
    forecast: value.optional(),
    deviation: z
      .object({
        category: labelledEnum(DEVIATION_CATEGORIES, DEVIATION_CATEGORY_LABELS),
        text: z.string().optional(),
      })
      .strict()
      .optional(),
    /** 完成目标可能性. */
    likelihood: labelledEnum(LIKELIHOODS, LIKELIHOOD_LABELS),
    /** 纠偏措施. */
    correction: z.string().optional(),
  })
  .strict();
export type MonitoringIndicator = z.output<typeof MonitoringIndicatorSchema>;

export const MonitoringReportSchema = z
  .object({
    unit: z.string().min(1),
    year: z.number().int().min(2000).max(2100),
    /** The report covers 1–N月. */
    month: z.number().int().min(1).max(12),
    budget: z
      .object({
        /** 全年预算数, 万元. */
        total: money.positive({ error: '全年预算数须大于0' }),
        /** Each month's 执行数 (not cumulative), 万元, months 1..N. */
        monthly: z.array(money).max(12).optional(),
        /** 1–N月累计执行数, when months are not given. */
        executed: money.optional(),
      })
      .strict()
      .refine((b) => b.monthly !== undefined || b.executed !== undefined, {
        error: '请填写各月执行数（monthly）或累计执行数（executed）',
      }),
    indicators: z.array(MonitoringIndicatorSchema),
  })
  .strict();
export type MonitoringReport = z.output<typeof MonitoringReportSchema>;

export interface ExecutionProgress {
  month: number;
  executed: number;
  total: number;
  /** 预算执行率, %, two decimals. */
  rate: number;
  /** 序时进度, % (N/12). */
  timeProgress: number;
  /** 序时进度 − 执行率, percentage points; positive = behind. */
  lag: number;
  lagging: boolean;
}

/** Budget execution against 序时进度 (month N of 12), lagging beyond the bureau's threshold in points. */
export function executionProgress(report: MonitoringReport, threshold: number): ExecutionProgress {
  const b = report.budget;
  const executed = b.monthly ? b.monthly.slice(0, report.month).reduce((a, v) => a.plus(v), dec(0)) : dec(b.executed!);
  const rate = executed.div(b.total).times(100);
  const time = dec(report.month).div(12).times(100);
  const lag = time.minus(rate);
  return {
    month: report.month,
    executed: toNumber(executed, 2),
    total: b.total,
    rate: toNumber(rate, 2),
    timeProgress: toNumber(time, 2),
    lag: toNumber(lag, 2),
    lagging: toNumber(lag, 2) > threshold,
  };
}

export interface MonitoringCheck {
  progress: ExecutionProgress;
  findings: CycleFinding[];
  /** Indicators reported 有可能 or 完全不可能, with that likelihood. */
  atRisk: Array<{ name: string; likelihood: Likelihood }>;
}

/** Checks a monitoring report; with the approved targets, its 指标值 and names are held to them. */
export function checkMonitoring(report: MonitoringReport, threshold: number, approved?: TargetSet): MonitoringCheck {
  const findings: CycleFinding[] = [];
  const b = report.budget;
  const moneyAt: Array<[Array<string | number>, number]> = [[['budget', 'total'], b.total]];
  b.monthly?.forEach((v, i) => moneyAt.push([['budget', 'monthly', i], v]));
  if (b.executed !== undefined) moneyAt.push([['budget', 'executed'], b.executed]);
  for (const [path, v] of moneyAt)
    if (!hasAtMostTwoDecimals(v))
      findings.push({
        severity: 'error',
        code: 'money-decimals',
        path,
        message: `金额以万元为单位，最多保留两位小数（现为 ${v}）`,
      });
  const monthsWrong = b.monthly !== undefined && b.monthly.length !== report.month;
  if (monthsWrong)
    findings.push({
      severity: 'error',
      code: 'monitoring-months',
      path: ['budget', 'monthly'],
      message: `监控期为1–${report.month}月，各月执行数应有${report.month}个，现有${b.monthly?.length ?? 0}个`,
    });
  const progress = executionProgress(report, threshold);
  // With months missing the rate is not the period's: the months error comes first.
  if (progress.lagging && !monthsWrong)
    findings.push({
      severity: 'warning',
      code: 'execution-lag',
      path: ['budget'],
      message: `1–${report.month}月预算执行率${fmt(progress.rate)}%（执行${wan(progress.executed)}万元/全年预算${wan(progress.total)}万元），低于序时进度${fmt(progress.timeProgress)}%达${fmt(progress.lag)}个百分点，超过财政局设定的${fmt(threshold)}个百分点`,
    });
  const byName = new Map((approved?.indicators ?? []).map((i) => [i.name, i]));
  const atRisk: MonitoringCheck['atRisk'] = [];
  report.indicators.forEach((ind, i) => {
    const at = ['indicators', i];
    const base = { indicator: ind.name };
    const appr = byName.get(ind.name);
    if (approved && !appr)
      findings.push({
        ...base,
        severity: 'warning',
        code: 'monitoring-unknown-indicator',
        path: [...at, 'name'],
        message: `指标“${ind.name}”不在批复的绩效目标表中`,
      });
    const target = ind.target ?? appr?.target;
    if (appr && ind.target !== undefined && !sameTarget(ind.target, appr.target))
      findings.push({
        ...base,
        severity: 'warning',
        code: 'monitoring-target-differs',
        path: [...at, 'target'],
        message: `监控表中指标“${ind.name}”的指标值“${ind.target}”与批复的“${appr.target ?? ''}”不一致`,
      });
    const short = falls(ind.forecast, target);
    const reason = ind.deviation?.text?.trim() || (ind.deviation && ind.deviation.category !== 'other');
    if ((short || ind.likelihood !== 'certain') && !reason)
      findings.push({
        ...base,
        severity: 'error',
        code: 'deviation-missing',
        path: [...at, 'deviation'],
        message: `指标“${ind.name}”${short ? `全年预计完成值${ind.forecast}达不到指标值${target}` : `完成目标可能性为“${LIKELIHOOD_LABELS[ind.likelihood]}”`}，须说明偏差原因`,
      });
    if (ind.likelihood !== 'certain') {
      atRisk.push({ name: ind.name, likelihood: ind.likelihood });
      if (!ind.correction?.trim())
        findings.push({
          ...base,
          severity: 'error',
          code: 'correction-missing',
          path: [...at, 'correction'],
          message: `指标“${ind.name}”完成目标可能性为“${LIKELIHOOD_LABELS[ind.likelihood]}”，须填写纠偏措施`,
        });
    } else if (short)
      findings.push({
        ...base,
        severity: 'warning',
        code: 'likelihood-inconsistent',
        path: [...at, 'likelihood'],
        message: `指标“${ind.name}”全年预计完成值${ind.forecast}达不到指标值${target}，完成目标可能性却填“确定能”`,
      });
  });
  return { progress, findings, atRisk };
}
