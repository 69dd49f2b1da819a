/**
 * @module The submission gate: what stops a unit from submitting — every refused input, and every
 * figure or entry the framework's rules need and the unit left empty (an unfinished field in its own
 * workspace, not a 待核实 as in a published report). Each item names its field so the submit dialog
 * links to it and the server refuses with the same list.
 */
import type { Evaluation, IndicatorInput } from '../evaluation.js';
import { findIndicator, type IndicatorNode, leaves } from '../framework/model.js';
import { figure, METRIC_BY_ID, type MetricId } from '../metrics.js';
import { MEASURED_KINDS } from '../rules/schema.js';
import type { Checked } from './index.js';
import { type CheckIssue, labelIssues, type LabelledIssue } from './issues.js';

type FigurePath = Parameters<typeof figure>[1];

/** The fields a figure path is entered in (derived figures point at what they are derived from). */
const ENTERED_AS: Partial<Record<FigurePath, FigurePath[]>> = {
  'staffing.headcount': ['staffing.onPayroll', 'staffing.supernumerary'],
  'budget.finalAccounts': ['budget.executed'],
  // 全年预算数 is 年初预算数 with its adjustments unless entered itself.
  'budget.total': ['budget.initial'],
};

/** The key under which the document holds a node's inputs (a name, a path or the id). */
function keyOf(ev: Evaluation, n: IndicatorNode, index: Checked['index']): string {
  for (const k of Object.keys(ev.indicators)) {
    const hit = findIndicator(index, k);
    if (hit && !Array.isArray(hit) && hit.id === n.id) return k;
  }
  return n.id;
}

function missingFigures(ev: Evaluation, metric: MetricId): FigurePath[] {
  const def = METRIC_BY_ID.get(metric);
  if (!def) return [];
  const out: FigurePath[] = [];
  for (const p of def.den ? [def.num, def.den] : [def.num]) {
    if (figure(ev.figures, p) !== undefined) continue;
    for (const q of ENTERED_AS[p] ?? [p]) if (figure(ev.figures, q) === undefined) out.push(q);
  }
  return out;
}

/**
 * What must be done before the unit may submit; [] when it may. `checked` is the core's check of
 * the unit's document (checkEvaluation).
 */
export function submissionGaps(checked: Checked): LabelledIssue[] {
  const errors = checked.issues.filter((i) => i.level === 'error');
  const ev = checked.document;
  if (!ev) return errors.length ? errors : labelIssues([{ path: [], message: '评价文档无法读取', level: 'error' }]);
  const needs = new Map<string, { path: Array<string | number>; for: string[] }>();
  const need = (path: Array<string | number>, what: string) => {
    const k = path.join('.');
    const e = needs.get(k) ?? { path, for: [] };
    if (!e.for.includes(what)) e.for.push(what);
    needs.set(k, e);
  };
  const scored = new Map((checked.result?.indicators ?? []).map((s) => [s.id, s]));
  const roots = [...checked.index.byId.values()].filter((n) => n.level === 1);
  for (const n of leaves(roots)) {
    const key = keyOf(ev, n, checked.index);
    const input: IndicatorInput | undefined = ev.indicators[key];
    const metrics: MetricId[] = [];
    if (n.metric) metrics.push(n.metric);
    if (n.rule?.kind === 'composite')
      for (const p of n.rule.parts)
        if (p.metric && input?.parts?.[p.name]?.actual === undefined) metrics.push(p.metric as MetricId);
    let listed = false;
    if (input?.actual === undefined) {
      for (const m of metrics) {
        for (const p of missingFigures(ev, m)) {
          need(['figures', ...p.split('.')], METRIC_BY_ID.get(m)?.name ?? m);
          listed = true;
        }
      }
    }
    if (listed) continue;
    const s = scored.get(n.id);
    if (!s?.incomplete) continue;
    const measured = n.rule !== undefined && MEASURED_KINDS.has(n.rule.kind);
    need(
      measured && input?.actual === undefined ? ['indicators', key, 'actual'] : ['indicators', key],
      `指标“${n.name}”计分`,
    );
  }
  const gaps: CheckIssue[] = [...needs.values()].map((e) => ({
    path: e.path,
    message: e.for.some(Boolean)
      ? `尚未填写：计算${e.for.filter(Boolean).join('、')}需要此项`
      : '尚未填写：按规则计分需要此项',
    level: 'error',
  }));
  return [...errors, ...labelIssues(gaps, checked.index)];
}
