import { z } from 'zod';

/**
 * A unit's figures (基础数据), entered once; every metric and every indicator that depends on
 * them is derived from here. Money in 万元, rates in percent, counts as whole numbers.
 * Numbers may be written with thousands separators ("1,586.78") as they are printed.
 */
const num = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : Number(v.replace(/[,，\s]/g, '').replace(/[%％]$/, ''));
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `应为数字，实际为“${String(v)}”` });
    return z.NEVER;
  }
  return n;
});
const amount = num.optional();
const count = num.refine((n) => n >= 0, { message: '不能为负数' }).optional();

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
        previousCarryOverRate: amount.describe('上年结转结余率（%）'),
        finalAccounts: amount.describe('决算数'),
        keySpending: amount.describe('重点支出'),
        paymentPlanned: amount.describe('既定支付进度（%）'),
        paymentActual: amount.describe('实际支付进度（%）'),
        quarterly: z.array(num).max(4).optional().describe('季度末累计支出进度（%）'),
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
    satisfaction: amount.describe('满意度（%）'),
  })
  .strict();

export type Figures = z.output<typeof FiguresSchema>;
