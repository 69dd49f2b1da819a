import { z } from 'zod';
import { FIGURE_FIELDS } from './check/domains.js';
import { type NumberUnit, readNumber } from './check/normalise.js';

/**
 * A unit's figures (基础数据), entered once; every metric and every indicator that depends on
 * them is derived from here. Money in 万元, rates in percent, counts as whole numbers.
 * Numbers may be written as printed or typed ("1,586.78", "１２３．４", "98.5%"): src/core/check/normalise.ts.
 */
const numIn = (unit: NumberUnit) =>
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const r = readNumber(v, unit);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.value;
  });
const amount = numIn('wan').optional();
const percent = numIn('percent').optional();
const count = numIn('count')
  .refine((n) => n >= 0, { message: '不能为负数' })
  .optional();

const budgetPart = z.object({ budget: amount, executed: amount }).strict();

export const FiguresSchema = z
  .object({
    budget: z
      .object({
        initial: amount.describe('年初预算数'),
        adjustment: amount.describe('预算调整金额（追加追减，计入调整率的部分）'),
        otherAdjustment: amount.describe('其他调整资金'),
        carryOver: amount.describe('上年结转金额'),
        total: amount.describe('全年预算数（调整后）'),
        executed: amount.describe('预算执行数'),
        balance: amount.describe('年末结转结余总额'),
        previousBalance: amount.describe('上年末结转结余总额'),
        previousCarryOverRate: percent.describe('上年结转结余率（%）'),
        finalAccounts: amount.describe('决算数'),
        keySpending: amount.describe('重点支出'),
        paymentPlanned: percent.describe('既定支付进度（%）'),
        paymentActual: percent.describe('实际支付进度（%）'),
        quarterly: z.array(numIn('percent')).max(4).optional().describe('季度末累计支出进度（%）'),
        basic: budgetPart.optional(),
        project: budgetPart.optional(),
        other: budgetPart.optional(),
      })
      .strict()
      .optional(),
    threePublic: z.object({ budget: amount, actual: amount, previousBudget: amount }).strict().optional(),
    publicFunds: z.object({ budget: amount, actual: amount }).strict().optional(),
    procurement: z.object({ budget: amount, actual: amount }).strict().optional(),
    staffing: z
      .object({
        authorized: count.describe('核定编制数'),
        actual: count.describe('实有在职人数'),
        onPayroll: count.describe('在编人数（含工勤）'),
        supernumerary: count.describe('编外人员（含劳务派遣）'),
        retired: count,
      })
      .strict()
      .optional(),
    assets: z.object({ total: amount, inUse: amount }).strict().optional(),
    tasks: z
      .object({
        planned: count,
        completed: count,
        onTime: count,
        qualified: count,
        keyAssigned: count,
        keyCompleted: count,
        projects: count.describe('项目总数'),
        projectsOnTime: count.describe('按计划完成的项目数'),
      })
      .strict()
      .optional(),
    satisfaction: percent.describe('满意度（%）'),
  })
  .strict();

export type Figures = z.output<typeof FiguresSchema>;

/**
 * Labels of the document's fields, as the paper form prints them (workspace messages, history, API),
 * keyed by their path in the document. One table: the figure domains in src/core/check/domains.ts.
 */
export const FIGURE_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(FIGURE_FIELDS).map(([k, v]) => [`figures.${k}`, v.label])),
  'figures.budget.quarterly': '季度末累计支出进度',
  contact: '联系人',
  goals: '年度绩效目标',
};

export { INPUT_LABELS, TASK_LABELS } from './check/labels.js';
