/** @module An evaluation document checked and scored by the core, its problems as the API's field problems. */
import { type Evaluation, EvaluationError, EvaluationSchema } from '../../../core/evaluation.js';
import type { Framework } from '../../../core/framework/model.js';
import { fieldName } from '../../../core/input.js';
import { moneyIssues } from '../../../core/money.js';
import { score, type ScoreResult } from '../../../core/scoring.js';
import { badRequest, type FieldProblem } from '../../errors.js';

/** The core's money rule as the API's field problems (document.figures.budget.initial …). */
export function moneyProblems(ev: Evaluation, prefix = 'document'): FieldProblem[] {
  return moneyIssues(ev).map((i) => ({ field: fieldName([prefix, ...i.path]), message: i.message }));
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
export function validateAndScore(
  raw: unknown,
  ctx: DocumentContext,
  prefix = 'document',
): { document: Evaluation; result: ScoreResult } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw badRequest([{ field: prefix, message: '评价文档必须是一个对象' }]);
  const doc = { ...(raw as Record<string, unknown>) };
  const fixed: Record<string, unknown> = {
    framework: ctx.framework.id,
    frameworkVersion: ctx.framework.version,
    unit: ctx.unitName,
    year: ctx.year,
  };
  const mismatch: FieldProblem[] = [];
  const labels: Record<string, string> = {
    framework: '指标框架',
    frameworkVersion: '框架版本',
    unit: '单位名称',
    year: '年度',
  };
  for (const [k, v] of Object.entries(fixed)) {
    if (doc[k] !== undefined && doc[k] !== v) {
      mismatch.push({
        field: `${prefix}.${k}`,
        message: `${labels[k]}须与评价轮次和本单位一致（应为“${String(v)}”，收到“${String(doc[k])}”）`,
      });
    }
    doc[k] = v;
  }
  if (mismatch.length) throw badRequest(mismatch);
  const parsed = EvaluationSchema.safeParse(doc);
  if (!parsed.success) {
    throw badRequest(
      parsed.error.issues.slice(0, 20).map((i) => ({ field: fieldName([prefix, ...i.path]), message: i.message })),
    );
  }
  const document = parsed.data;
  const money = moneyProblems(document, prefix);
  if (money.length) throw badRequest(money);
  try {
    return { document, result: score(ctx.framework, document) };
  } catch (e) {
    if (e instanceof EvaluationError)
      throw badRequest(e.issues.map((i) => ({ field: fieldName([prefix, ...i.src]), message: i.message })));
    throw e;
  }
}
