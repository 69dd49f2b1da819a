/**
 * @module Figures that are each within their domain but do not fit together (执行数 above 预算数,
 * 在用 above 总额 …): 提示 to check, never refusals — a unit may have good reasons.
 */
import { fmt } from '../decimal.js';
import type { Evaluation } from '../evaluation.js';
import { figure } from '../metrics.js';
import type { CheckIssue } from './issues.js';

export function plausibilityIssues(ev: Evaluation): CheckIssue[] {
  const out: CheckIssue[] = [];
  const warn = (path: Array<string | number>, message: string) => out.push({ path, message, level: 'warning' });
  const f = ev.figures;
  const total = figure(f, 'budget.total');
  const executed = f.budget?.executed;
  if (total !== undefined && executed !== undefined && total.lt(executed))
    warn(['figures', 'budget', 'executed'], `预算执行数大于全年预算数（${fmt(total, 2, true)} 万元），请核对`);
  for (const part of ['basic', 'project', 'other'] as const) {
    const p = f.budget?.[part];
    if (p?.budget !== undefined && p.executed !== undefined && p.executed > p.budget)
      warn(['figures', 'budget', part, 'executed'], '执行数大于预算数，请核对');
  }
  const st = f.staffing;
  if (st?.authorized !== undefined && st.actual !== undefined && st.actual > st.authorized)
    warn(['figures', 'staffing', 'actual'], '实有在职人数超过核定编制数');
  const a = f.assets;
  if (a?.total !== undefined && a.inUse !== undefined && a.inUse > a.total)
    warn(['figures', 'assets', 'inUse'], '在用固定资产不应超过固定资产总额');
  const t = f.tasks;
  if (t?.planned !== undefined && t.completed !== undefined && t.completed > t.planned)
    warn(['figures', 'tasks', 'completed'], '实际完成工作数超过计划工作数，请核对');
  return out;
}
