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

/** Labels of the document's fields, as the paper form prints them (workspace messages, history, API). */
export const FIGURE_LABELS: Readonly<Record<string, string>> = {
  'figures.budget.initial': '年初预算数',
  'figures.budget.adjustment': '预算调整数（追加追减）',
  'figures.budget.otherAdjustment': '其他调整资金',
  'figures.budget.carryOver': '上年结转资金',
  'figures.budget.total': '全年预算数（调整后）',
  'figures.budget.executed': '预算执行数',
  'figures.budget.balance': '年末结转结余',
  'figures.budget.previousBalance': '上年末结转结余',
  'figures.budget.previousCarryOverRate': '上年结转结余率',
  'figures.budget.finalAccounts': '决算数',
  'figures.budget.keySpending': '重点支出',
  'figures.budget.paymentPlanned': '既定支付进度',
  'figures.budget.paymentActual': '实际支付进度',
  'figures.budget.quarterly': '季度末累计支出进度',
  'figures.budget.quarterly.0': '第一季度末累计支出进度',
  'figures.budget.quarterly.1': '第二季度末累计支出进度',
  'figures.budget.quarterly.2': '第三季度末累计支出进度',
  'figures.budget.quarterly.3': '第四季度末累计支出进度',
  'figures.budget.basic.budget': '基本支出预算数',
  'figures.budget.basic.executed': '基本支出执行数',
  'figures.budget.project.budget': '项目支出预算数',
  'figures.budget.project.executed': '项目支出执行数',
  'figures.budget.other.budget': '其他支出预算数',
  'figures.budget.other.executed': '其他支出执行数',
  'figures.threePublic.budget': '“三公”经费预算数',
  'figures.threePublic.actual': '“三公”经费实际支出数',
  'figures.threePublic.previousBudget': '上年“三公”经费预算数',
  'figures.publicFunds.budget': '公用经费预算数',
  'figures.publicFunds.actual': '公用经费实际支出数',
  'figures.procurement.budget': '政府采购预算数',
  'figures.procurement.actual': '实际政府采购金额',
  'figures.staffing.authorized': '核定编制数',
  'figures.staffing.actual': '实有在职人数',
  'figures.staffing.onPayroll': '在编人数（含工勤）',
  'figures.staffing.supernumerary': '编外人员数（含劳务派遣）',
  'figures.staffing.retired': '离退休人数',
  'figures.assets.total': '固定资产总额',
  'figures.assets.inUse': '在用固定资产总额',
  'figures.tasks.planned': '计划工作数',
  'figures.tasks.completed': '实际完成工作数',
  'figures.tasks.onTime': '及时完成工作数',
  'figures.tasks.qualified': '质量达标工作数',
  'figures.tasks.keyAssigned': '重点工作交办数',
  'figures.tasks.keyCompleted': '重点工作完成数',
  'figures.tasks.projects': '计划完成项目数',
  'figures.tasks.projectsOnTime': '按时完成项目数',
  'figures.satisfaction': '满意度',
  contact: '联系人',
  goals: '年度绩效目标',
};

export const TASK_LABELS: Readonly<Record<string, string>> = {
  name: '任务名称',
  content: '主要内容',
  budget: '预算数',
  fiscalBudget: '其中财政资金预算',
  executed: '执行数',
  fiscalExecuted: '其中财政资金执行',
  status: '完成情况',
};

export const INPUT_LABELS: Readonly<Record<string, string>> = {
  target: '指标值',
  actual: '实际完成值',
  previous: '上年值',
  quarters: '季度进度',
  count: '扣分项数',
  tier: '定性档次',
  value: '档内分值',
  judged: '判断得分',
  met: '是否达到',
  checks: '评价要点',
  vetoed: '否决情形',
  parts: '分项',
  claimed: '自评得分',
  deviationReason: '偏差原因',
  evidence: '佐证材料',
  note: '备注',
};
