// The closed vocabularies of the budget-performance cycle (目标 → 监控 → 自评 → 整改 → 公开), each with its Chinese label.
import { z } from 'zod';

/** Where a 指标值 comes from (财预〔2018〕167号: 计划标准、行业标准、历史标准). */
export const TARGET_SOURCES = ['plan', 'industry', 'history'] as const;
export type TargetSource = (typeof TARGET_SOURCES)[number];
export const TARGET_SOURCE_LABELS = {
  plan: '计划标准',
  industry: '行业标准',
  history: '历史标准',
} as const satisfies Record<TargetSource, string>;

/** The bureau's 审核意见 on one indicator. */
export const REVIEW_VERDICTS = ['reasonable', 'adjust'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];
export const REVIEW_VERDICT_LABELS = {
  reasonable: '合理',
  adjust: '需调整',
} as const satisfies Record<ReviewVerdict, string>;

/** 偏差原因 categories of the 绩效监控表. */
export const DEVIATION_CATEGORIES = ['funding', 'institution', 'staffing', 'facilities', 'other'] as const;
export type DeviationCategory = (typeof DEVIATION_CATEGORIES)[number];
export const DEVIATION_CATEGORY_LABELS = {
  funding: '经费保障',
  institution: '制度保障',
  staffing: '人员保障',
  facilities: '硬件条件保障',
  other: '其他',
} as const satisfies Record<DeviationCategory, string>;

/** 完成目标可能性. */
export const LIKELIHOODS = ['certain', 'possible', 'impossible'] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];
export const LIKELIHOOD_LABELS = {
  certain: '确定能',
  possible: '有可能',
  impossible: '完全不可能',
} as const satisfies Record<Likelihood, string>;

/** A 整改 item's state; 逾期 is not a state but read from the due date (isOverdue). */
export const RECTIFICATION_STATUSES = ['open', 'in_progress', 'done'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_LABELS = {
  open: '待整改',
  in_progress: '整改中',
  done: '已完成',
} as const satisfies Record<RectificationStatus, string>;

/** Where a 整改 item came from. */
export const RECTIFICATION_SOURCES = ['report', 'finding', 'monitoring'] as const;
export type RectificationSource = (typeof RECTIFICATION_SOURCES)[number];
export const RECTIFICATION_SOURCE_LABELS = {
  report: '自评报告所列问题',
  finding: '财政局确认的核查问题',
  monitoring: '运行监控督促整改',
} as const satisfies Record<RectificationSource, string>;

/**
 * A zod enum over English keys that also takes the Chinese label (files are typed by people who
 * write “计划标准”, the API speaks keys). Output is always the key.
 */
export function labelledEnum<K extends string>(keys: readonly [K, ...K[]], labels: Record<K, string>) {
  const byLabel = new Map<string, K>(keys.map((k) => [labels[k], k]));
  return z.preprocess(
    (v) => (typeof v === 'string' && byLabel.has(v.trim()) ? byLabel.get(v.trim()) : v),
    z.enum(keys, { error: () => `应为${keys.map((k) => `“${labels[k]}”`).join('、')}之一` }),
  );
}
