/**
 * Money is entered in 万元 with at most two decimals (分 are below what the tables print). One
 * rule for every place that takes figures: the API refuses a document that breaks it, the web
 * workspace flags the field as the user types.
 */

/** Figure sections whose every number is money, and the money fields of the others. */
const MONEY: Record<string, readonly string[] | true> = {
  budget: [
    'initial',
    'adjustment',
    'otherAdjustment',
    'carryOver',
    'total',
    'executed',
    'balance',
    'previousBalance',
    'finalAccounts',
    'keySpending',
  ],
  threePublic: true,
  publicFunds: true,
  procurement: true,
  assets: true,
};
/** 基本/项目/其他支出 inside the budget: budget and executed, both money. */
const BUDGET_PARTS = ['basic', 'project', 'other'] as const;
export const TASK_MONEY = ['budget', 'fiscalBudget', 'executed', 'fiscalExecuted'] as const;

export interface MoneyIssue {
  /** Path inside the evaluation document, e.g. ['figures', 'budget', 'initial'] or ['tasks', 0, 'budget']. */
  path: Array<string | number>;
  value: number;
  message: string;
}

export const hasAtMostTwoDecimals = (v: number): boolean => Number(v.toFixed(2)) === v;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every money amount with more than two decimals. Takes a document as typed (not yet validated). */
export function moneyIssues(doc: { figures?: unknown; tasks?: unknown }): MoneyIssue[] {
  const out: MoneyIssue[] = [];
  const check = (v: unknown, path: Array<string | number>) => {
    if (typeof v === 'number' && Number.isFinite(v) && !hasAtMostTwoDecimals(v))
      out.push({ path, value: v, message: `金额以万元为单位，最多保留两位小数（现为 ${v}）` });
  };
  const figures = isObject(doc.figures) ? doc.figures : {};
  for (const [section, keys] of Object.entries(MONEY)) {
    const obj = figures[section];
    if (!isObject(obj)) continue;
    for (const [k, v] of Object.entries(obj)) if (keys === true || keys.includes(k)) check(v, ['figures', section, k]);
    if (section !== 'budget') continue;
    for (const part of BUDGET_PARTS) {
      const p = obj[part];
      if (isObject(p)) for (const [k, v] of Object.entries(p)) check(v, ['figures', 'budget', part, k]);
    }
  }
  if (Array.isArray(doc.tasks)) {
    doc.tasks.forEach((t, i) => {
      if (isObject(t)) for (const k of TASK_MONEY) check(t[k], ['tasks', i, k]);
    });
  }
  return out;
}
