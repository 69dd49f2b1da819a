import { D, type Dec, dec, fmt, HUNDRED, wan } from './decimal.js';
import { FIGURE_FIELDS } from './check/domains.js';
import type { Figures } from './figures.js';

/**
 * Standard metrics (标准指标) with the seeds' formulas. Each is data: which two figures make the
 * ratio, so an indicator that names a metric is scored from figures entered once.
 */
export type MetricId =
  | 'budgetExecutionRate'
  | 'budgetAdjustmentRate'
  | 'paymentProgressRate'
  | 'carryOverRate'
  | 'carryOverChangeRate'
  | 'publicFundsControlRate'
  | 'threePublicControlRate'
  | 'threePublicChangeRate'
  | 'procurementExecutionRate'
  | 'staffControlRate'
  | 'fundedStaffControlRate'
  | 'supernumeraryRate'
  | 'keySpendingRate'
  | 'fixedAssetUtilization'
  | 'completionRate'
  | 'timelinessRate'
  | 'qualityRate'
  | 'keyTaskCompletionRate'
  | 'projectTimelinessRate'
  | 'budgetFinalDifferenceRate'
  | 'satisfaction';

/** Derived figures: the few quantities the seeds compute before dividing. */
type FigurePath =
  | 'budget.initial'
  | 'budget.adjustment'
  | 'budget.total'
  | 'budget.executed'
  | 'budget.balance'
  | 'budget.previousBalance'
  | 'budget.finalAccounts'
  | 'budget.keySpending'
  | 'budget.paymentPlanned'
  | 'budget.paymentActual'
  | 'threePublic.budget'
  | 'threePublic.actual'
  | 'threePublic.previousBudget'
  | 'publicFunds.budget'
  | 'publicFunds.actual'
  | 'procurement.budget'
  | 'procurement.actual'
  | 'staffing.authorized'
  | 'staffing.actual'
  | 'staffing.onPayroll'
  | 'staffing.supernumerary'
  | 'staffing.headcount'
  | 'assets.total'
  | 'assets.inUse'
  | 'tasks.planned'
  | 'tasks.completed'
  | 'tasks.onTime'
  | 'tasks.qualified'
  | 'tasks.keyAssigned'
  | 'tasks.keyCompleted'
  | 'tasks.projects'
  | 'tasks.projectsOnTime'
  | 'satisfaction';

/**
 * The printed name of each figure a metric reads: the one figure-label table (FIGURE_FIELDS in
 * src/core/check/domains.ts, also used by the form, the checks and the importers), plus the one derived sum.
 */
export const FIGURE_NAMES: Record<FigurePath, string> = {
  ...(Object.fromEntries(Object.entries(FIGURE_FIELDS).map(([k, v]) => [k, v.label])) as Record<
    Exclude<FigurePath, 'staffing.headcount'>,
    string
  >),
  'staffing.headcount': '在职人员总数（在编＋编外）',
};

type Shape = 'ratio' | 'change' | 'absChange' | 'value';

export interface MetricDef {
  id: MetricId;
  name: string;
  formula: string;
  shape: Shape;
  num: FigurePath;
  den?: FigurePath;
}

const m = (
  id: MetricId,
  name: string,
  shape: Shape,
  num: FigurePath,
  den: FigurePath | undefined,
  formula: string,
): MetricDef => (den ? { id, name, shape, num, den, formula } : { id, name, shape, num, formula });

export const METRICS: readonly MetricDef[] = [
  m('budgetExecutionRate', '预算执行率', 'ratio', 'budget.executed', 'budget.total', '预算执行数÷全年预算数×100%'),
  m('budgetAdjustmentRate', '预算调整率', 'ratio', 'budget.adjustment', 'budget.initial', '预算调整数÷年初预算数×100%'),
  m(
    'paymentProgressRate',
    '支付进度率',
    'ratio',
    'budget.paymentActual',
    'budget.paymentPlanned',
    '实际支付进度÷既定支付进度×100%',
  ),
  m('carryOverRate', '结转结余率', 'ratio', 'budget.balance', 'budget.total', '结转结余总额÷支出预算数×100%'),
  m(
    'carryOverChangeRate',
    '结转结余变动率',
    'change',
    'budget.balance',
    'budget.previousBalance',
    '（本年结转结余−上年结转结余）÷上年结转结余×100%',
  ),
  m(
    'publicFundsControlRate',
    '公用经费控制率',
    'ratio',
    'publicFunds.actual',
    'publicFunds.budget',
    '实际支出公用经费÷预算安排公用经费×100%',
  ),
  m(
    'threePublicControlRate',
    '“三公经费”控制率',
    'ratio',
    'threePublic.actual',
    'threePublic.budget',
    '“三公经费”实际支出数÷预算安排数×100%',
  ),
  m(
    'threePublicChangeRate',
    '“三公经费”变动率',
    'change',
    'threePublic.budget',
    'threePublic.previousBudget',
    '（本年度“三公经费”−上年度“三公经费”）÷上年度“三公经费”×100%',
  ),
  m(
    'procurementExecutionRate',
    '政府采购执行率',
    'ratio',
    'procurement.actual',
    'procurement.budget',
    '实际政府采购金额÷政府采购预算数×100%',
  ),
  m('staffControlRate', '在职人员控制率', 'ratio', 'staffing.actual', 'staffing.authorized', '在职人员数÷编制数×100%'),
  m(
    'fundedStaffControlRate',
    '财政供养人员控制率',
    'ratio',
    'staffing.onPayroll',
    'staffing.authorized',
    '在编人数（含工勤）÷核定编制数×100%',
  ),
  m(
    'supernumeraryRate',
    '编外人员控制率',
    'ratio',
    'staffing.supernumerary',
    'staffing.headcount',
    '编外人员数÷（在编＋编外）×100%',
  ),
  m(
    'keySpendingRate',
    '重点支出安排率',
    'ratio',
    'budget.keySpending',
    'budget.initial',
    '重点预算支出÷预算总支出×100%',
  ),
  m(
    'fixedAssetUtilization',
    '固定资产利用率',
    'ratio',
    'assets.inUse',
    'assets.total',
    '实际在用固定资产总额÷所有固定资产总额×100%',
  ),
  m('completionRate', '实际完成率', 'ratio', 'tasks.completed', 'tasks.planned', '实际完成工作数÷计划工作数×100%'),
  m('timelinessRate', '完成及时率', 'ratio', 'tasks.onTime', 'tasks.planned', '及时完成工作数÷计划工作数×100%'),
  m('qualityRate', '质量达标率', 'ratio', 'tasks.qualified', 'tasks.planned', '质量达标工作数÷计划工作数×100%'),
  m(
    'keyTaskCompletionRate',
    '重点工作办结率',
    'ratio',
    'tasks.keyCompleted',
    'tasks.keyAssigned',
    '重点工作完成数÷交办或下达数×100%',
  ),
  m(
    'projectTimelinessRate',
    '项目完成及时率',
    'ratio',
    'tasks.projectsOnTime',
    'tasks.projects',
    '按时完成项目数÷计划完成项目总数×100%',
  ),
  m(
    'budgetFinalDifferenceRate',
    '预决算差异率',
    'absChange',
    'budget.finalAccounts',
    'budget.initial',
    '|决算数−年初预算数|÷年初预算数×100%',
  ),
  m('satisfaction', '满意度', 'value', 'satisfaction', undefined, '调查所得满意度'),
];

export const METRIC_BY_ID: ReadonlyMap<MetricId, MetricDef> = new Map(METRICS.map((d) => [d.id, d]));
export const METRIC_IDS = METRICS.map((d) => d.id) as [MetricId, ...MetricId[]];

export type MetricResult =
  | { ok: true; id: MetricId; name: string; value: Dec; explanation: string }
  | { ok: false; id: MetricId; name: string; missing: string[]; message: string };

const opt = (v: number | undefined): Dec | undefined => (v === undefined ? undefined : dec(v));

/** Reads a figure, deriving the totals the seeds compute on the way. */
export function figure(f: Figures, path: FigurePath): Dec | undefined {
  const b = f.budget;
  switch (path) {
    case 'budget.total': {
      if (b?.total !== undefined) return dec(b.total);
      if (b?.initial === undefined) return undefined;
      // 全年预算数 = 年初预算 + 调整 + 其他调整 + 上年结转 (晋中's table adds up this way).
      return dec(b.initial)
        .plus(b.adjustment ?? 0)
        .plus(b.otherAdjustment ?? 0)
        .plus(b.carryOver ?? 0);
    }
    case 'budget.finalAccounts':
      return opt(b?.finalAccounts ?? b?.executed);
    case 'staffing.headcount': {
      const s = f.staffing;
      if (s?.onPayroll === undefined || s.supernumerary === undefined) return undefined;
      return dec(s.onPayroll).plus(s.supernumerary);
    }
    default: {
      const [group, key] = path.split('.') as [keyof Figures, string | undefined];
      const g = f[group] as unknown;
      if (key === undefined) return typeof g === 'number' ? dec(g) : undefined;
      const v = (g as Record<string, unknown> | undefined)?.[key];
      return typeof v === 'number' ? dec(v) : undefined;
    }
  }
}

const isPercentInput = (p: FigurePath) =>
  p === 'budget.paymentActual' || p === 'budget.paymentPlanned' || p === 'satisfaction';
const show = (p: FigurePath, v: Dec) =>
  isPercentInput(p) ? `${fmt(v)}%` : p.startsWith('staffing') || p.startsWith('tasks') ? fmt(v) : wan(v);

export function computeMetric(f: Figures, id: MetricId): MetricResult {
  const def = METRIC_BY_ID.get(id);
  if (!def) throw new Error(`unknown metric ${id}`);
  const a = figure(f, def.num);
  const b = def.den ? figure(f, def.den) : undefined;
  const missing = [
    ...(a === undefined ? [FIGURE_NAMES[def.num]] : []),
    ...(def.den && b === undefined ? [FIGURE_NAMES[def.den]] : []),
  ];
  if (missing.length)
    return { ok: false, id, name: def.name, missing, message: `计算${def.name}缺少：${missing.join('、')}` };
  if (def.shape === 'value') return { ok: true, id, name: def.name, value: a!, explanation: `${def.name}${fmt(a!)}%` };
  if (b!.isZero()) {
    return {
      ok: false,
      id,
      name: def.name,
      missing: [FIGURE_NAMES[def.den!]],
      message: `计算${def.name}时${FIGURE_NAMES[def.den!]}为0，无法相除`,
    };
  }
  let value: Dec;
  if (def.shape === 'ratio') value = a!.div(b!).times(HUNDRED);
  else if (def.shape === 'change') value = a!.minus(b!).div(b!).times(HUNDRED);
  else value = a!.minus(b!).abs().div(b!).times(HUNDRED);
  const expr =
    def.shape === 'ratio'
      ? `${show(def.num, a!)}÷${show(def.den!, b!)}`
      : def.shape === 'change'
        ? `（${show(def.num, a!)}−${show(def.den!, b!)}）÷${show(def.den!, b!)}`
        : `|${show(def.num, a!)}−${show(def.den!, b!)}|÷${show(def.den!, b!)}`;
  return { ok: true, id, name: def.name, value, explanation: `${def.name}=${expr}×100%=${fmt(value)}%` };
}

export function computeAllMetrics(f: Figures): Map<MetricId, MetricResult> {
  return new Map(METRICS.map((d) => [d.id, computeMetric(f, d.id)]));
}

/**
 * Quarterly progress (季度末累计支出进度, %): given directly, or derived from nothing else —
 * the seeds print it, so we take it as entered.
 */
export function quarterlyProgress(f: Figures): Dec[] | undefined {
  const q = f.budget?.quarterly;
  return q && q.length === 4 ? q.map((v) => new D(v)) : undefined;
}
