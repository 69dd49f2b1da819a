// A 自评 seen against its year: the approved targets it starts from (指标值 locked), monitoring, signals, last year's open 整改.
import type { Kysely } from 'kysely';
import { carriedOver, cycleSignals, type MonitoringReport } from '../../../core/cycle/index.js';
import type { Evaluation } from '../../../core/evaluation.js';
import { findIndicator, type Framework, indexTree } from '../../../core/framework/model.js';
import type { DB } from '../../../db/schema.js';
import { type Actor, evaluationVisibleSql } from '../../access.js';
import { type FieldProblem, notFound } from '../../errors.js';
import { itemsOfUnitYear } from '../rectification/service.js';
import type { CycleView } from './contract.js';
import { approvedTargetsOf, type CDb, cdb } from './shared.js';

export async function cycleOfEvaluation(db0: Kysely<DB>, actor: Actor, id: number): Promise<CycleView> {
  const db = cdb(db0);
  const e = await db
    .selectFrom('evaluations as e')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .innerJoin('rounds as r', 'r.id', 'e.round_id')
    .select(['e.id', 'e.org_id', 'e.document', 'e.result', 'r.year'])
    .where('e.id', '=', id)
    .where(evaluationVisibleSql(actor))
    .executeTakeFirst();
  if (!e) throw notFound('评价');
  const t = await approvedTargetsOf(db, e.org_id, e.year);
  const reports =
    actor.role === 'public'
      ? []
      : await db
          .selectFrom('monitoring_reports')
          .select(['id', 'month', 'document'])
          .where('org_id', '=', e.org_id)
          .where('year', '=', e.year)
          .orderBy('month')
          .execute();
  const monitoring: MonitoringReport[] = reports.map((r) => r.document);
  const signals =
    t && e.result
      ? cycleSignals({ approved: t.approved, evaluation: e.document, scored: e.result.indicators, monitoring })
      : [];
  const open = actor.role === 'public' ? [] : carriedOver(await itemsOfUnitYear(db0, e.org_id, e.year - 1));
  return {
    evaluationId: e.id,
    targetSetId: t?.id ?? null,
    approvedVersion: t?.approved.version ?? null,
    prefill: t
      ? {
          goals: t.approved.set.goals.map((g, i) => `${i + 1}.${g}`).join(''),
          tasks: t.approved.set.tasks.map((x) => ({ ...x })),
          indicators: Object.fromEntries(
            t.approved.set.indicators.filter((i) => i.target !== undefined).map((i) => [i.name, { target: i.target! }]),
          ),
        }
      : null,
    monitoring: reports.map((r) => ({
      id: r.id,
      month: r.month,
      indicators: r.document.indicators.map((i) => ({
        name: i.name,
        likelihood: i.likelihood,
        ...(i.actualToDate !== undefined && { actualToDate: i.actualToDate }),
        ...(i.forecast !== undefined && { forecast: i.forecast }),
      })),
    })),
    signals,
    carriedOver: open,
  };
}

/**
 * 指标值 and task budgets of an approved target set are locked in the 自评: a document that states
 * a different one is refused (a justified change is a 目标调整 by the bureau). Called by the
 * evaluations service when a 自评 is created or saved.
 */
export async function lockedTargetProblems(
  db0: Kysely<DB> | CDb,
  orgId: number,
  year: number,
  doc: Evaluation,
): Promise<FieldProblem[]> {
  const t = await approvedTargetsOf(db0 as CDb, orgId, year);
  if (!t) return [];
  const out: FieldProblem[] = [];
  const set = t.approved.set;
  const byName = new Map(set.indicators.map((i) => [i.name, i]));
  for (const [key, input] of Object.entries(doc.indicators)) {
    const name = key.split('/').pop()!;
    const appr = byName.get(name);
    if (!appr || input.target === undefined || appr.target === undefined) continue;
    if (String(input.target).trim() !== String(appr.target).trim())
      out.push({
        field: `document.indicators.${key}.target`,
        message: `指标值已随绩效目标批复锁定为“${appr.target}”（第${t.approved.version}版），不能改为“${input.target}”；确需调整请向财政局申请目标调整`,
      });
  }
  const tasks = new Map(set.tasks.map((x) => [x.name, x]));
  (doc.tasks ?? []).forEach((task, i) => {
    const appr = tasks.get(task.name);
    if (appr && task.budget !== undefined && task.budget !== appr.budget)
      out.push({
        field: `document.tasks[${i}].budget`,
        message: `任务“${task.name}”的预算资金已随绩效目标批复锁定为${appr.budget.toFixed(2)}万元，不能改为${task.budget}万元`,
      });
  });
  return out;
}

/**
 * A new 自评 starts from the approved targets: 年度总体目标 and 年度主要任务 (with 预算资金) where the
 * document has none, and each approved indicator's 指标值 where the document leaves it out and the
 * framework has a leaf of that name (a unit's own indicator is added through tailoring, not here).
 */
export async function prefillFromTargets(
  db0: Kysely<DB>,
  orgId: number,
  year: number,
  raw: unknown,
  framework: Framework,
): Promise<unknown> {
  const t = await approvedTargetsOf(cdb(db0), orgId, year);
  if (!t || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const doc = structuredClone(raw) as Record<string, unknown>;
  const set = t.approved.set;
  if (doc.goals === undefined || doc.goals === '') doc.goals = set.goals.map((g, i) => `${i + 1}.${g}`).join('');
  if (!Array.isArray(doc.tasks) || doc.tasks.length === 0)
    doc.tasks = set.tasks.map((x) => ({ name: x.name, ...(x.content && { content: x.content }), budget: x.budget }));
  const indicators = (typeof doc.indicators === 'object' && doc.indicators !== null ? doc.indicators : {}) as Record<
    string,
    Record<string, unknown>
  >;
  const index = indexTree(framework.roots);
  for (const ind of set.indicators) {
    if (ind.target === undefined) continue;
    const hit = findIndicator(index, ind.name);
    if (!hit || Array.isArray(hit) || hit.children.length) continue;
    const key = Object.keys(indicators).find((k) => k === ind.name || k.split('/').pop() === ind.name) ?? ind.name;
    const cur = indicators[key] ?? {};
    if (cur.target === undefined) indicators[key] = { ...cur, target: ind.target };
  }
  doc.indicators = indicators;
  return doc;
}
