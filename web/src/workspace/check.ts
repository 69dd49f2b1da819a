import { EvaluationError, EvaluationSchema } from '@core/evaluation.js';
import { findIndicator, type Framework, indexTree, type TreeIndex } from '@core/framework/model.js';
import type { Figures } from '@core/figures.js';
import { figure } from '@core/metrics.js';
import { moneyIssues, TASK_MONEY } from '@core/money.js';
import { parseQuantity } from '@core/quantity.js';
import { MEASURED_KINDS } from '@core/rules/schema.js';
import { score, type ScoreResult } from '@core/scoring.js';
import type { EvaluationDocument } from '../app/types';
import { forServer, getIn, pathKey } from './doc';
import { FIGURE_LABELS, INPUT_LABELS, PERCENT_FIELDS, SIGNED_FIELDS, TASK_LABELS } from './fields';

/**
 * Everything the workspace says about a document, on every change: the live score from the core
 * (the same score() the server runs on save, so the number on screen is the server's), and the
 * problems by field. `error`s stop the autosave (the server would refuse them); `warning`s do not.
 */
export interface Problem {
  key: string;
  label: string;
  message: string;
  level: 'error' | 'warning';
}

export interface Checked {
  result?: ScoreResult;
  problems: Problem[];
  byKey: Map<string, Problem[]>;
  errors: number;
}

export function fieldLabel(key: string, index?: TreeIndex): string {
  if (FIGURE_LABELS[key]) return FIGURE_LABELS[key]!;
  const parts = key.split('.');
  if (parts[0] === 'tasks' && parts.length >= 2)
    return `年度主要任务第${Number(parts[1]) + 1}行${parts[2] ? `的${TASK_LABELS[parts[2]] ?? parts[2]}` : ''}`;
  if (parts[0] === 'indicators' && parts[1]) {
    const hit = index ? findIndicator(index, parts[1]) : undefined;
    const name = hit && !Array.isArray(hit) ? hit.name : parts[1];
    const field = parts.slice(2).filter((p) => !/^\d+$/.test(p));
    return `指标“${name}”${field.length ? `的${field.map((f) => INPUT_LABELS[f] ?? f).join('·')}` : ''}`;
  }
  if (parts[0] === 'tailoring') {
    if (parts[1] === 'add')
      return `第${Number(parts[2]) + 1}项个性指标${parts[3] ? `的${({ parent: '上级指标', name: '名称', weight: '分值', target: '指标值', rule: '计分方式' } as Record<string, string>)[parts[3]] ?? parts[3]}` : ''}`;
    if (parts[1] === 'drop') return '删减的指标';
    if (parts[1] === 'weights') return `“${parts[2]}”的设定分值`;
  }
  if (parts[0] === 'narrative') return `情况说明“${parts[1]}”`;
  return key;
}

function add(list: Problem[], key: string, message: string, level: Problem['level'], index?: TreeIndex): void {
  list.push({ key, label: fieldLabel(key, index), message, level });
}

function figureProblems(doc: EvaluationDocument, out: Problem[]): void {
  const walk = (v: unknown, path: string[]) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
      return;
    }
    const key = path.join('.');
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        if (typeof x === 'number' && (x < 0 || x > 100)) add(out, `${key}.${i}`, '进度应在 0～100% 之间', 'warning');
      });
      if (key === 'figures.budget.quarterly') {
        const filled = v.filter((x) => typeof x === 'number').length;
        if (filled > 0 && filled < 4) add(out, key, `已填写${filled}个季度，四个季度都填写后才计入计分`, 'warning');
        for (let i = 1; i < v.length; i++) {
          if (typeof v[i] === 'number' && typeof v[i - 1] === 'number' && v[i] < v[i - 1])
            add(out, `${key}.${i}`, '累计进度不应低于上一季度', 'warning');
        }
      }
      return;
    }
    if (typeof v !== 'number') return;
    if (!SIGNED_FIELDS.has(key) && v < 0)
      add(
        out,
        key,
        '不能为负数',
        key.startsWith('figures.staffing') || key.startsWith('figures.tasks') ? 'error' : 'warning',
      );
    if (PERCENT_FIELDS.has(key) && v > 100) add(out, key, '百分比不应超过 100%', 'warning');
    if ((key.startsWith('figures.staffing') || key.startsWith('figures.tasks')) && !Number.isInteger(v))
      add(out, key, '应为整数', 'warning');
  };
  walk(doc.figures, ['figures']);
  for (const m of moneyIssues(doc)) add(out, pathKey(m.path), m.message, 'error');
  const num = (p: string[]) => {
    const v = getIn(doc, p);
    return typeof v === 'number' ? v : undefined;
  };
  const b = ['figures', 'budget'];
  const total = figure((doc.figures ?? {}) as Figures, 'budget.total')?.toNumber();
  const executed = num([...b, 'executed']);
  if (total !== undefined && executed !== undefined && executed > total + 1e-9)
    add(out, 'figures.budget.executed', `预算执行数大于全年预算数（${total.toFixed(2)} 万元），请核对`, 'warning');
  for (const part of ['basic', 'project', 'other']) {
    const pb = num([...b, part, 'budget']);
    const pe = num([...b, part, 'executed']);
    if (pb !== undefined && pe !== undefined && pe > pb + 1e-9)
      add(out, `figures.budget.${part}.executed`, '执行数大于预算数，请核对', 'warning');
  }
  const st = ['figures', 'staffing'];
  const auth = num([...st, 'authorized']);
  const act = num([...st, 'actual']);
  if (auth !== undefined && act !== undefined && act > auth)
    add(out, 'figures.staffing.actual', '实有在职人数超过核定编制数', 'warning');
  const a = num(['figures', 'assets', 'total']);
  const u = num(['figures', 'assets', 'inUse']);
  if (a !== undefined && u !== undefined && u > a)
    add(out, 'figures.assets.inUse', '在用固定资产不应超过固定资产总额', 'warning');
  (doc.tasks as Array<Record<string, unknown> | null> | undefined)?.forEach((t, i) => {
    if (!t) return;
    for (const k of TASK_MONEY) {
      const v = t[k];
      if (typeof v === 'number' && v < 0) add(out, `tasks.${i}.${k}`, '不能为负数', 'warning');
    }
    if (Object.keys(t).length > 0 && !(typeof t.name === 'string' && t.name.trim()))
      add(out, `tasks.${i}.name`, '请填写任务名称', 'error');
  });
}

function inputProblems(doc: EvaluationDocument, index: TreeIndex, out: Problem[]): void {
  for (const [key, input] of Object.entries((doc.indicators ?? {}) as Record<string, Record<string, unknown>>)) {
    const hit = findIndicator(index, key);
    if (!hit || Array.isArray(hit)) continue;
    const kind = hit.rule?.kind;
    const actual = input.actual;
    if (typeof actual === 'string' && actual.trim() && kind && MEASURED_KINDS.has(kind) && !parseQuantity(actual)) {
      add(out, `indicators.${key}.actual`, `“${actual}”不是数值，按规则计分需要数值（例如 98.5%）`, 'warning', index);
    }
    const target = input.target;
    if (
      typeof target === 'string' &&
      target.trim() &&
      kind &&
      MEASURED_KINDS.has(kind) &&
      kind !== 'rate' &&
      !parseQuantity(target)
    ) {
      add(out, `indicators.${key}.target`, `“${target}”中没有数值，按规则计分需要数值（例如 ≥95%）`, 'warning', index);
    }
  }
}

export function checkDocument(fw: Framework, doc: EvaluationDocument, meta: { unit: string; year: number }): Checked {
  const problems: Problem[] = [];
  const index = indexTree(fw.roots);
  figureProblems(doc, problems);
  inputProblems(doc, index, problems);
  const full = { ...forServer(doc), framework: fw.id, frameworkVersion: fw.version, unit: meta.unit, year: meta.year };
  let result: ScoreResult | undefined;
  const parsed = EvaluationSchema.safeParse(full);
  if (!parsed.success) {
    for (const i of parsed.error.issues.slice(0, 30))
      add(problems, pathKey(i.path as Array<string | number>), i.message, 'error', index);
  } else {
    try {
      result = score(fw, parsed.data);
    } catch (e) {
      if (!(e instanceof EvaluationError)) throw e;
      for (const i of e.issues) add(problems, pathKey(i.src), i.message, 'error', index);
    }
  }
  const byKey = new Map<string, Problem[]>();
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const id = `${p.key}|${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  for (const p of unique) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
  return {
    ...(result ? { result } : {}),
    problems: unique,
    byKey,
    errors: unique.filter((p) => p.level === 'error').length,
  };
}
