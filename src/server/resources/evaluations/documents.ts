/** @module An evaluation document checked and scored by the core (checkEvaluation), its problems as the API's field problems. */
import { checkEvaluation, submissionGaps } from '../../../core/check/index.js';
import type { Evaluation } from '../../../core/evaluation.js';
import type { Framework } from '../../../core/framework/model.js';
import { fieldName } from '../../../core/input.js';
import type { ScoreResult } from '../../../core/scoring.js';
import { ApiError, badRequest, type FieldProblem } from '../../errors.js';

export interface DocumentContext {
  framework: Framework;
  unitName: string;
  year: number;
}

/**
 * Validates an evaluation document (the shape of examples/seeds/*.yaml) for a unit's evaluation in
 * a round, and scores it with the core. framework, frameworkVersion, unit and year come from the
 * round and the organisation: the document may omit them, and may not contradict them.
 * The core's one check (src/core/check) decides; every refusal is a 400 naming the field (document.…).
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
  const checked = checkEvaluation(ctx.framework, doc);
  if (checked.errors || !checked.document || !checked.result) {
    throw badRequest(
      checked.issues
        .filter((i) => i.level === 'error')
        .map((i) => ({ field: fieldName([prefix, ...i.path]), message: i.message })),
    );
  }
  return { document: checked.document, result: checked.result };
}

/**
 * The submission gate on the server: the stored document checked again by the core, and the unit
 * refused (409, the fields listed) while any input is invalid or a figure the rules need is empty —
 * the same list the web's submit dialog shows.
 */
export function assertReadyToSubmit(raw: unknown, ctx: DocumentContext, published = false, prefix = 'document'): void {
  const doc = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const full = {
    ...doc,
    framework: ctx.framework.id,
    frameworkVersion: ctx.framework.version,
    unit: ctx.unitName,
    year: ctx.year,
  };
  const checked = checkEvaluation(ctx.framework, full);
  // A published report keeps what it lacks as 待核实; only refused input stops it.
  const gaps = published ? checked.issues.filter((i) => i.level === 'error') : submissionGaps(checked);
  if (!gaps.length) return;
  const fields = gaps.map((g) => ({ field: fieldName([prefix, ...g.path]), message: `${g.label}：${g.message}` }));
  throw new ApiError(
    409,
    'not-ready',
    `还有${gaps.length}项未完成，不能提交：${gaps
      .slice(0, 5)
      .map((g) => g.label)
      .join('、')}${gaps.length > 5 ? '等' : ''}。请填写或更正后再提交`,
    fields,
  );
}
