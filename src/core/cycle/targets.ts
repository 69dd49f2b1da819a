// 部门整体支出绩效目标表: the target set a unit files with its budget, its quality checks, the bureau's review, approval and 目标调整.
import { z } from 'zod';
import { dec, wan } from '../decimal.js';
import { hasAtMostTwoDecimals } from '../money.js';
import { parseQuantity, parseTarget } from '../quantity.js';
import { quantityText, weakerThan } from './compare.js';
import type { CycleFinding } from './findings.js';
import {
  labelledEnum,
  REVIEW_VERDICT_LABELS,
  REVIEW_VERDICTS,
  TARGET_SOURCE_LABELS,
  TARGET_SOURCES,
} from './labels.js';

const value = z.union([z.string(), z.number()]);
const money = z.number().nonnegative().finite();

export const TargetIndicatorSchema = z
  .object({
    /** 一级指标 (产出指标 / 效益指标 …). */
    level1: z.string().min(1).optional(),
    /** 二级指标. */
    level2: z.string().min(1).optional(),
    /** 三级指标, the name the 自评 uses. */
    name: z.string().min(1),
    /** 指标值 as the unit writes it (≥98%, 不少于10批次). */
    target: value.optional(),
    unit: z.string().optional(),
    /** 指标值 source. */
    source: labelledEnum(TARGET_SOURCES, TARGET_SOURCE_LABELS).optional(),
    /** 指标值说明. */
    explanation: z.string().optional(),
    /** 上年实际完成值, when the unit states it (else taken from last year's 自评). */
    lastYearActual: value.optional(),
  })
  .strict();
export type TargetIndicator = z.output<typeof TargetIndicatorSchema>;

export const TargetTaskSchema = z
  .object({
    name: z.string().min(1),
    /** 主要内容. */
    content: z.string().optional(),
    /** 预算资金, 万元. */
    budget: money,
  })
  .strict();
export type TargetTask = z.output<typeof TargetTaskSchema>;

export const TargetBudgetSchema = z
  .object({
    /** 部门预算总额, 万元. */
    total: money,
    /** 资金来源: 政府预算资金 / 财政专户管理资金 / 单位资金. */
    sources: z
      .object({ government: money.optional(), specialAccount: money.optional(), unitFunds: money.optional() })
      .strict()
      .optional(),
    /** 资金结构: 基本支出 / 项目支出. */
    structure: z.object({ basic: money.optional(), project: money.optional() }).strict().optional(),
  })
  .strict();

export const TargetSetSchema = z
  .object({
    unit: z.string().min(1),
    year: z.number().int().min(2000).max(2100),
    framework: z.string().optional(),
    /** 年度总体目标 (年度履职目标), one line each. */
    goals: z.array(z.string().min(1)).min(1, { error: '至少填写一项年度总体目标' }),
    /** 年度主要任务 with 预算资金. */
    tasks: z.array(TargetTaskSchema).min(1, { error: '至少填写一项年度主要任务' }),
    budget: TargetBudgetSchema,
    indicators: z.array(TargetIndicatorSchema).min(1, { error: '至少填写一项绩效指标' }),
  })
  .strict();
export type TargetSet = z.output<typeof TargetSetSchema>;

export interface CheckOptions {
  /** 上年实际完成值 by indicator name (from last year's approved 自评). */
  lastYearActuals?: Record<string, string | number>;
}

const SOURCE_NAMES: Record<string, string> = {
  government: '政府预算资金',
  specialAccount: '财政专户管理资金',
  unitFunds: '单位资金',
  basic: '基本支出',
  project: '项目支出',
};

/** Quality checks of a target set, as findings; an error blocks submission. */
export function checkTargets(set: TargetSet, opts: CheckOptions = {}): CycleFinding[] {
  const out: CycleFinding[] = [];
  const seen = new Map<string, number>();
  set.indicators.forEach((ind, i) => {
    const at = ['indicators', i];
    const first = seen.get(ind.name);
    if (first !== undefined)
      out.push({
        severity: 'error',
        code: 'indicator-duplicate',
        path: [...at, 'name'],
        indicator: ind.name,
        message: `指标“${ind.name}”重复（另见第${first + 1}项），自评按名称对应，名称须唯一`,
      });
    else seen.set(ind.name, i);
    if (ind.target === undefined || String(ind.target).trim() === '') {
      out.push({
        severity: 'error',
        code: 'target-missing',
        path: [...at, 'target'],
        indicator: ind.name,
        message: `指标“${ind.name}”未填写指标值`,
      });
      return;
    }
    const spec = parseTarget(ind.target);
    if (!spec) {
      out.push({
        severity: 'warning',
        code: 'target-no-number',
        path: [...at, 'target'],
        indicator: ind.name,
        message: `指标“${ind.name}”的指标值“${ind.target}”没有数值，难以衡量和评价；能量化的请写明数值（如“≥95%”）`,
      });
    } else if (!spec.unit && !ind.unit) {
      out.push({
        severity: 'warning',
        code: 'target-no-unit',
        path: [...at, 'target'],
        indicator: ind.name,
        message: `指标“${ind.name}”的指标值“${ind.target}”没有计量单位（%、次、人…）`,
      });
    }
    if (!ind.source)
      out.push({
        severity: 'warning',
        code: 'target-source-missing',
        path: [...at, 'source'],
        indicator: ind.name,
        message: `指标“${ind.name}”未注明指标值来源（计划标准、行业标准或历史标准）`,
      });
    const last = ind.lastYearActual ?? opts.lastYearActuals?.[ind.name];
    const lastQ = parseQuantity(last);
    if (spec && lastQ) {
      const withUnit = spec.unit || !ind.unit ? spec : { ...spec, unit: ind.unit };
      if (weakerThan(withUnit, lastQ))
        out.push({
          severity: 'warning',
          code: 'target-weaker-than-last-year',
          path: [...at, 'target'],
          indicator: ind.name,
          message: `指标“${ind.name}”的指标值“${ind.target}”低于上年实际完成值${quantityText(lastQ)}，目标设定偏低`,
        });
    }
  });
  for (const [word, path] of [
    ['产出', '产出指标'],
    ['效益', '效益指标'],
  ] as const) {
    if (!set.indicators.some((i) => (i.level1 ?? '').includes(word)))
      out.push({
        severity: 'warning',
        code: 'category-missing',
        path: ['indicators'],
        message: `没有${path}（一级指标名含“${word}”），部门整体绩效目标应包括产出和效益`,
      });
  }
  out.push(...moneyChecks(set));
  return out;
}

function moneyChecks(set: TargetSet): CycleFinding[] {
  const out: CycleFinding[] = [];
  const amounts: Array<[Array<string | number>, number]> = [[['budget', 'total'], set.budget.total]];
  set.tasks.forEach((t, i) => amounts.push([['tasks', i, 'budget'], t.budget]));
  for (const group of ['sources', 'structure'] as const)
    for (const [k, v] of Object.entries(set.budget[group] ?? {}))
      if (typeof v === 'number') amounts.push([['budget', group, k], v]);
  let bad = false;
  for (const [path, v] of amounts) {
    if (hasAtMostTwoDecimals(v)) continue;
    bad = true;
    out.push({
      severity: 'error',
      code: 'money-decimals',
      path,
      message: `金额以万元为单位，最多保留两位小数（现为 ${v}）`,
    });
  }
  if (bad) return out;
  const total = dec(set.budget.total);
  const sum = set.tasks.reduce((a, t) => a.plus(t.budget), dec(0));
  if (!sum.eq(total))
    out.push({
      severity: 'error',
      code: 'tasks-budget-sum',
      path: ['tasks'],
      message: `年度主要任务的预算资金合计${wan(sum)}万元，与部门预算总额${wan(total)}万元不符（相差${wan(sum.minus(total).abs())}万元）`,
    });
  for (const group of ['sources', 'structure'] as const) {
    const parts = Object.entries(set.budget[group] ?? {}).filter(([, v]) => typeof v === 'number') as Array<
      [string, number]
    >;
    if (!parts.length) continue;
    const s = parts.reduce((a, [, v]) => a.plus(v), dec(0));
    if (!s.eq(total))
      out.push({
        severity: 'error',
        code: 'budget-parts-sum',
        path: ['budget', group],
        message: `${group === 'sources' ? '资金来源' : '资金结构'}（${parts.map(([k, v]) => `${SOURCE_NAMES[k]}${wan(v)}万元`).join('、')}）合计${wan(s)}万元，与部门预算总额${wan(total)}万元不符`,
      });
  }
  return out;
}

export const IndicatorReviewSchema = z
  .object({
    verdict: labelledEnum(REVIEW_VERDICTS, REVIEW_VERDICT_LABELS),
    reason: z.string().optional(),
  })
  .strict();
/** The bureau's 审核意见: one per indicator (by name) and an overall comment. */
export const TargetReviewSchema = z
  .object({
    indicators: z.record(z.string(), IndicatorReviewSchema),
    comment: z.string().optional(),
  })
  .strict();
export type TargetReview = z.output<typeof TargetReviewSchema>;

/** What the review lets the bureau do: approve only with every indicator 合理, else return. */
export function reviewOutcome(
  set: TargetSet,
  review: TargetReview,
): { findings: CycleFinding[]; canApprove: boolean; toAdjust: string[] } {
  const findings: CycleFinding[] = [];
  const names = new Set(set.indicators.map((i) => i.name));
  for (const [name, r] of Object.entries(review.indicators)) {
    if (!names.has(name))
      findings.push({
        severity: 'error',
        code: 'review-unknown-indicator',
        path: ['indicators', name],
        indicator: name,
        message: `审核意见中的指标“${name}”不在目标表中`,
      });
    if (r.verdict === 'adjust' && !r.reason?.trim())
      findings.push({
        severity: 'error',
        code: 'review-reason-missing',
        path: ['indicators', name, 'reason'],
        indicator: name,
        message: `指标“${name}”审核为“需调整”，须写明理由`,
      });
  }
  const toAdjust = Object.entries(review.indicators)
    .filter(([, r]) => r.verdict === 'adjust')
    .map(([n]) => n);
  const unreviewed = set.indicators.filter((i) => !review.indicators[i.name]).map((i) => i.name);
  return { findings, canApprove: findings.length === 0 && toAdjust.length === 0 && unreviewed.length === 0, toAdjust };
}

/** One 目标调整: a 指标值 (or a task's 预算资金) changed after approval, with its reason, through the bureau. */
export const TargetAdjustmentSchema = z
  .object({
    indicator: z.string().min(1).optional(),
    task: z.string().min(1).optional(),
    target: value.optional(),
    budget: money.optional(),
    reason: z.string().trim().min(4, { error: '目标调整须写明理由（至少4个字）' }),
  })
  .strict()
  .refine((a) => (a.indicator !== undefined) !== (a.task !== undefined), { error: '调整须指明一项指标或一项任务' });
export type TargetAdjustment = z.output<typeof TargetAdjustmentSchema>;

export interface AdjustmentRecord extends TargetAdjustment {
  from: string | number | undefined;
  version: number;
  by: string;
  at: string;
}

/** An approved, frozen target set: the version the 自评 is held to. */
export interface ApprovedTargets {
  version: number;
  approvedAt: string;
  approvedBy: string;
  set: TargetSet;
  adjustments: AdjustmentRecord[];
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

export function approveTargets(set: TargetSet, by: string, at: string): ApprovedTargets {
  return deepFreeze({ version: 1, approvedAt: at, approvedBy: by, set: structuredClone(set), adjustments: [] });
}

/** Applies a 目标调整: a new frozen version, the change logged with what it replaced. */
export function adjustTargets(
  approved: ApprovedTargets,
  adj: TargetAdjustment,
  by: string,
  at: string,
): { approved: ApprovedTargets } | { error: string } {
  const set = structuredClone(approved.set) as TargetSet;
  let from: string | number | undefined;
  if (adj.indicator !== undefined) {
    const ind = set.indicators.find((i) => i.name === adj.indicator);
    if (!ind) return { error: `目标表中没有指标“${adj.indicator}”` };
    if (adj.target === undefined) return { error: '请填写调整后的指标值' };
    from = ind.target;
    ind.target = adj.target;
  } else {
    const task = set.tasks.find((t) => t.name === adj.task);
    if (!task) return { error: `目标表中没有任务“${adj.task}”` };
    if (adj.budget === undefined) return { error: '请填写调整后的预算资金' };
    from = task.budget;
    task.budget = adj.budget;
  }
  const version = approved.version + 1;
  return {
    approved: deepFreeze({
      version,
      approvedAt: at,
      approvedBy: by,
      set,
      adjustments: [...approved.adjustments.map((a) => ({ ...a })), { ...adj, from, version, by, at }],
    }),
  };
}
