import { type Evaluation, EvaluationError, EvaluationSchema } from '../../core/evaluation.js';
import type { Framework } from '../../core/framework/model.js';
import { fieldName } from '../../core/input.js';
import { score, type ScoreResult } from '../../core/scoring.js';
import { badRequest, type FieldProblem } from '../errors.js';

/** Money in the figures, in 万元: at most two decimals. Rates and counts are not money. */
const MONEY: Record<string, readonly string[] | true> = {
  budget: ['initial', 'adjustment', 'otherAdjustment', 'carryOver', 'total', 'executed', 'balance', 'previousBalance', 'finalAccounts', 'keySpending'],
  threePublic: true,
  publicFunds: true,
  procurement: true,
  assets: true,
};
const BUDGET_PARTS = ['basic', 'project', 'other'];
const TASK_MONEY = ['budget', 'fiscalBudget', 'executed', 'fiscalExecuted'] as const;

function twoDecimals(v: number): boolean {
  return Number(v.toFixed(2)) === v;
}

export function moneyProblems(ev: Evaluation, prefix = 'document'): FieldProblem[] {
  const out: FieldProblem[] = [];
  const check = (v: unknown, field: string) => {
    if (typeof v === 'number' && !twoDecimals(v)) out.push({ field, message: `金额以万元为单位，最多保留两位小数（收到 ${v}）` });
  };
  const figures = ev.figures as Record<string, Record<string, unknown> | undefined>;
  for (const [section, keys] of Object.entries(MONEY)) {
    const obj = figures[section];
    if (!obj || typeof obj !== 'object') continue;
    for (const [k, v] of Object.entries(obj)) {
      if (keys === true || keys.includes(k)) check(v, `${prefix}.figures.${section}.${k}`);
    }
    if (section === 'budget') {
      for (const part of BUDGET_PARTS) {
        const p = obj[part] as Record<string, unknown> | undefined;
        if (p) for (const [k, v] of Object.entries(p)) check(v, `${prefix}.figures.budget.${part}.${k}`);
      }
    }
  }
  ev.tasks?.forEach((t, i) => {
    for (const k of TASK_MONEY) check(t[k], `${prefix}.tasks[${i}].${k}`);
  });
  return out;
}

export interface DocumentContext {
  framework: Framework;
  unitName: string;
  year: number;
}

/**
 * Validates an evaluation document (the shape of examples/seeds/*.yaml) for a unit's evaluation in
 * a round, and scores it with the core. framework, frameworkVersion, unit and year come from the
 * round and the organisation: the document may omit them, and may not contradict them.
 * Every problem is a 400 naming the field (document.…).
 */
export function validateAndScore(raw: unknown, ctx: DocumentContext, prefix = 'document'): { document: Evaluation; result: ScoreResult } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest([{ field: prefix, message: '评价文档必须是一个对象' }]);
  const doc = { ...(raw as Record<string, unknown>) };
  const fixed: Record<string, unknown> = { framework: ctx.framework.id, frameworkVersion: ctx.framework.version, unit: ctx.unitName, year: ctx.year };
  const mismatch: FieldProblem[] = [];
  const labels: Record<string, string> = { framework: '指标框架', frameworkVersion: '框架版本', unit: '单位名称', year: '年度' };
  for (const [k, v] of Object.entries(fixed)) {
    if (doc[k] !== undefined && doc[k] !== v) {
      mismatch.push({ field: `${prefix}.${k}`, message: `${labels[k]}须与评价轮次和本单位一致（应为“${String(v)}”，收到“${String(doc[k])}”）` });
    }
    doc[k] = v;
  }
  if (mismatch.length) throw badRequest(mismatch);
  const parsed = EvaluationSchema.safeParse(doc);
  if (!parsed.success) {
    throw badRequest(parsed.error.issues.slice(0, 20).map((i) => ({ field: fieldName([prefix, ...i.path]), message: i.message })));
  }
  const document = parsed.data;
  const money = moneyProblems(document, prefix);
  if (money.length) throw badRequest(money);
  try {
    return { document, result: score(ctx.framework, document) };
  } catch (e) {
    if (e instanceof EvaluationError) throw badRequest(e.issues.map((i) => ({ field: fieldName([prefix, ...i.src]), message: i.message })));
    throw e;
  }
}
