/**
 * @module The domain of every number a unit enters — one table, used by the file loader, the API and
 * the web form alike: money in 万元 (finite, ≥ 0, two decimals, an upper bound), counts (whole
 * numbers ≥ 0), 满意度 and progress (0–100), ratio rates (≥ 0; over 100% only a 提示) and change
 * rates (变动率, may be negative).
 */
import { hasAtMostTwoDecimals } from '../money.js';
import type { NumberUnit } from './normalise.js';

export type Domain = 'money' | 'signedMoney' | 'count' | 'percent' | 'rate' | 'change';

/** Bounds a region (its framework) may set; the defaults hold elsewhere. */
export interface Limits {
  /** Largest amount in 万元 (default 10^8 万元 = 1 万亿元). */
  moneyMax: number;
}
export const DEFAULT_LIMITS: Limits = { moneyMax: 1e8 };

/** A count above this is a typing slip, not a department. */
const COUNT_MAX = 1e7;
/** A rate above 10000% or a change beyond ±10^6% cannot be a real figure. */
const RATE_MAX = 1e4;
const CHANGE_MAX = 1e6;

export type Level = 'error' | 'warning';
export interface DomainProblem {
  level: Level;
  message: string;
}

const fmtMax = (v: number) => (v >= 1e4 && Number.isInteger(Math.log10(v)) ? `10^${Math.log10(v)}` : String(v));

interface DomainRule {
  /** How the field is typed: decides which trailing units normalisation understands. */
  unit: NumberUnit;
  /** Words for the domain, for docs and messages. */
  text: string;
  check(v: number, limits: Limits): DomainProblem[];
}

const err = (message: string): DomainProblem[] => [{ level: 'error', message }];

function money(v: number, limits: Limits, signed: boolean): DomainProblem[] {
  if (!signed && v < 0) return err(`金额不能为负数（现为 ${v} 万元）`);
  if (Math.abs(v) > limits.moneyMax)
    return err(`金额超出合理范围（不超过 ${fmtMax(limits.moneyMax)} 万元），请确认单位是万元（现为 ${v}）`);
  if (!hasAtMostTwoDecimals(v)) return err(`金额以万元为单位，最多保留两位小数（现为 ${v}）`);
  return [];
}

export const DOMAINS = {
  money: { unit: 'wan', text: '金额（万元，≥0，最多两位小数）', check: (v, l) => money(v, l, false) },
  signedMoney: { unit: 'wan', text: '金额（万元，可为负，最多两位小数）', check: (v, l) => money(v, l, true) },
  count: {
    unit: 'count',
    text: '数量（非负整数）',
    check: (v) =>
      v < 0
        ? err(`数量不能为负数（现为 ${v}）`)
        : !Number.isInteger(v)
          ? err(`应为整数（现为 ${v}）`)
          : v > COUNT_MAX
            ? err(`数量超出合理范围（现为 ${v}）`)
            : [],
  },
  percent: {
    unit: 'percent',
    text: '百分比（0–100）',
    check: (v) => (v < 0 || v > 100 ? err(`应在 0～100% 之间（现为 ${v}%）`) : []),
  },
  rate: {
    unit: 'percent',
    text: '比率（≥0%，超过100%时提示核对）',
    check: (v) =>
      v < 0
        ? err(`比率不能为负数（现为 ${v}%）`)
        : v > RATE_MAX
          ? err(`比率超出合理范围（现为 ${v}%）`)
          : v > 100
            ? [{ level: 'warning', message: `超过100%（现为 ${v}%），请核对` }]
            : [],
  },
  change: {
    unit: 'percent',
    text: '变动率（可为负）',
    check: (v) => (Math.abs(v) > CHANGE_MAX ? err(`变动率超出合理范围（现为 ${v}%）`) : []),
  },
} as const satisfies Record<Domain, DomainRule>;

/** Every figure (基础数据) by its path under `figures`: its label as the form prints it, its domain. */
export const FIGURE_FIELDS = {
  'budget.initial': { label: '年初预算数', domain: 'money' },
  'budget.adjustment': { label: '预算调整数（追加追减）', domain: 'signedMoney' },
  'budget.otherAdjustment': { label: '其他调整资金', domain: 'signedMoney' },
  'budget.carryOver': { label: '上年结转资金', domain: 'money' },
  'budget.total': { label: '全年预算数（调整后）', domain: 'money' },
  'budget.executed': { label: '预算执行数', domain: 'money' },
  'budget.balance': { label: '年末结转结余', domain: 'money' },
  'budget.previousBalance': { label: '上年末结转结余', domain: 'money' },
  'budget.previousCarryOverRate': { label: '上年结转结余率', domain: 'percent' },
  'budget.finalAccounts': { label: '决算数', domain: 'money' },
  'budget.keySpending': { label: '重点支出', domain: 'money' },
  'budget.paymentPlanned': { label: '既定支付进度', domain: 'percent' },
  'budget.paymentActual': { label: '实际支付进度', domain: 'percent' },
  'budget.quarterly.0': { label: '第一季度末累计支出进度', domain: 'percent' },
  'budget.quarterly.1': { label: '第二季度末累计支出进度', domain: 'percent' },
  'budget.quarterly.2': { label: '第三季度末累计支出进度', domain: 'percent' },
  'budget.quarterly.3': { label: '第四季度末累计支出进度', domain: 'percent' },
  'budget.basic.budget': { label: '基本支出预算数', domain: 'money' },
  'budget.basic.executed': { label: '基本支出执行数', domain: 'money' },
  'budget.project.budget': { label: '项目支出预算数', domain: 'money' },
  'budget.project.executed': { label: '项目支出执行数', domain: 'money' },
  'budget.other.budget': { label: '其他支出预算数', domain: 'money' },
  'budget.other.executed': { label: '其他支出执行数', domain: 'money' },
  'threePublic.budget': { label: '“三公”经费预算数', domain: 'money' },
  'threePublic.actual': { label: '“三公”经费实际支出数', domain: 'money' },
  'threePublic.previousBudget': { label: '上年“三公”经费预算数', domain: 'money' },
  'publicFunds.budget': { label: '公用经费预算数', domain: 'money' },
  'publicFunds.actual': { label: '公用经费实际支出数', domain: 'money' },
  'procurement.budget': { label: '政府采购预算数', domain: 'money' },
  'procurement.actual': { label: '实际政府采购金额', domain: 'money' },
  'staffing.authorized': { label: '核定编制数', domain: 'count' },
  'staffing.actual': { label: '实有在职人数', domain: 'count' },
  'staffing.onPayroll': { label: '在编人数（含工勤）', domain: 'count' },
  'staffing.supernumerary': { label: '编外人员数（含劳务派遣）', domain: 'count' },
  'staffing.retired': { label: '离退休人数', domain: 'count' },
  'assets.total': { label: '固定资产总额', domain: 'money' },
  'assets.inUse': { label: '在用固定资产总额', domain: 'money' },
  'tasks.planned': { label: '计划工作数', domain: 'count' },
  'tasks.completed': { label: '实际完成工作数', domain: 'count' },
  'tasks.onTime': { label: '及时完成工作数', domain: 'count' },
  'tasks.qualified': { label: '质量达标工作数', domain: 'count' },
  'tasks.keyAssigned': { label: '重点工作交办数', domain: 'count' },
  'tasks.keyCompleted': { label: '重点工作完成数', domain: 'count' },
  'tasks.projects': { label: '计划完成项目数', domain: 'count' },
  'tasks.projectsOnTime': { label: '按时完成项目数', domain: 'count' },
  satisfaction: { label: '满意度', domain: 'percent' },
} as const satisfies Record<string, { label: string; domain: Domain }>;
export type FigureKey = keyof typeof FIGURE_FIELDS;

/** The money columns of a row of 年度主要任务 (tasks[i].…). */
export const TASK_FIELDS = {
  budget: { label: '预算数', domain: 'money' },
  fiscalBudget: { label: '其中财政资金预算', domain: 'money' },
  executed: { label: '执行数', domain: 'money' },
  fiscalExecuted: { label: '其中财政资金执行', domain: 'money' },
} as const satisfies Record<string, { label: string; domain: Domain }>;

export const isFigureKey = (k: string): k is FigureKey => Object.hasOwn(FIGURE_FIELDS, k);

/** The domain of a figure path (budget.quarterly.2 → percent), or undefined for an unknown path. */
export function figureDomain(key: string): Domain | undefined {
  return isFigureKey(key) ? FIGURE_FIELDS[key].domain : undefined;
}

/** Checks one number against its domain. */
export function checkDomain(v: number, domain: Domain, limits: Limits = DEFAULT_LIMITS): DomainProblem[] {
  if (!Number.isFinite(v)) return err('不是有效的数字');
  return DOMAINS[domain].check(v, limits);
}
