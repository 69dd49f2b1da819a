/**
 * What the document builders read: the scored tree (from the core's ScoreResult) joined with the
 * framework's printed texts (指标解释, 评分标准, 参考分值, 度量单位) of the unit's effective tree, the
 * score statement and the report outline. Pure: no I/O, no arithmetic on scores.
 */
import { dec, fmt, pct, wan } from '../core/decimal.js';
import { effectiveTree, type Evaluation } from '../core/evaluation.js';
import { type Framework, type IndicatorNode, walk } from '../core/framework/model.js';
import { figure } from '../core/metrics.js';
import { parseTarget } from '../core/quantity.js';
import type { IndicatorScore, NodeScore, ScoreResult } from '../core/scoring.js';
import type { Outline } from './outline/schema.js';
import { scoreStatement, type ScoreStatement } from './statement.js';

export interface TreeItem {
  id: string;
  name: string;
  level: number;
  score: NodeScore;
  /** Present for leaves. */
  indicator?: IndicatorScore;
  /** The framework node (explanation, standard, referenceWeight, unit, metric). */
  node?: IndicatorNode;
  parent?: TreeItem;
  children: TreeItem[];
}

export interface Ctx {
  fw: Framework;
  ev: Evaluation;
  res: ScoreResult;
  roots: TreeItem[];
  items: Map<string, TreeItem>;
  leaves: TreeItem[];
  /** Decimals of scores (framework.decimals). */
  d: number;
  /** Total, grade and 待核实 points as the documents state them. */
  st: ScoreStatement;
  outline: Outline;
}

export function buildContext(fw: Framework, ev: Evaluation, res: ScoreResult, outline: Outline): Ctx {
  const nodes = new Map<string, IndicatorNode>();
  walk(effectiveTree(fw, ev).roots, (n) => nodes.set(n.id, n));
  const indicators = new Map(res.indicators.map((i) => [i.id, i]));
  const roots: TreeItem[] = [];
  const items = new Map<string, TreeItem>();
  const leaves: TreeItem[] = [];
  // res.nodes is the tree in pre-order with levels: rebuild it with a stack.
  const stack: TreeItem[] = [];
  for (const s of res.nodes) {
    while (stack.length && stack[stack.length - 1]!.level >= s.level) stack.pop();
    const parent = stack[stack.length - 1];
    const item: TreeItem = { id: s.id, name: s.name, level: s.level, score: s, children: [] };
    const ind = indicators.get(s.id);
    if (s.leaf && ind) item.indicator = ind;
    const node = nodes.get(s.id);
    if (node) item.node = node;
    if (parent) {
      item.parent = parent;
      parent.children.push(item);
    } else roots.push(item);
    items.set(s.id, item);
    if (s.leaf) leaves.push(item);
    stack.push(item);
  }
  return { fw, ev, res, roots, items, leaves, d: fw.decimals, st: scoreStatement(res, fw), outline };
}

export function leavesOf(t: TreeItem): TreeItem[] {
  if (!t.children.length) return [t];
  return t.children.flatMap(leavesOf);
}

export function ancestors(t: TreeItem): TreeItem[] {
  const out: TreeItem[] = [];
  for (let p = t.parent; p; p = p.parent) out.unshift(p);
  return out;
}

/** A score as printed: the core's number, half-up to the framework's decimals, trailing zeros trimmed unless `fixed`. */
export const scoreText = (v: number, d: number, fixed = false): string => fmt(v, d, fixed);

/** Weight (分值) as printed. */
export const weightText = (v: number | undefined, d: number, fixed = false): string =>
  v === undefined ? '' : fmt(v, d, fixed);

/** Money in 万元, two decimals; '' when absent. */
export const money = (v: number | undefined): string => (v === undefined ? '' : wan(v));

/**
 * A ratio of two of the unit's figures that no indicator scores (a task's or a budget part's
 * 执行率), in decimal arithmetic; undefined when it cannot be computed.
 */
export function ratioText(num: number | undefined, den: number | undefined): string {
  if (num === undefined || den === undefined || den === 0) return '';
  return pct(dec(num).div(den).times(100));
}

/** 全年预算数 as the core derives it (年初 + 调整 + 其他调整 + 上年结转 when not entered). */
export function budgetTotal(ctx: Ctx): number | undefined {
  const v = figure(ctx.ev.figures, 'budget.total');
  return v === undefined ? undefined : v.toNumber();
}

export function metric(ctx: Ctx, id: string): { value?: number; explanation: string; name: string } | undefined {
  return ctx.res.metrics.find((m) => m.id === id);
}

/** "≥100%" → "100%", "≤5%" → "不高于5%": the 指标值 as a sentence says it ("年初目标为100%"). */
export function targetPhrase(target: string | undefined): string | undefined {
  if (target === undefined || target.trim() === '') return undefined;
  const t = parseTarget(target);
  if (!t) return target.trim();
  if (!/^[≥≤=<>＞＜＝]|^(>=|<=)/.test(t.text.trim())) return t.text.trim();
  const v = `${fmt(t.value, 4)}${t.unit ?? ''}`;
  switch (t.op) {
    case '>=':
      return v;
    case '<=':
      return `不高于${v}`;
    case '>':
      return `高于${v}`;
    case '<':
      return `低于${v}`;
    default:
      return v;
  }
}

/** 度量单位 of an indicator: the framework's (“%”, “定性指标”), else the unit of its 指标值. */
export function unitOf(t: TreeItem): string {
  if (t.node?.unit) return t.node.unit;
  const q = parseTarget(t.indicator?.target);
  return q?.unit ?? '';
}

/** The level-1 leaf (or level-1 node with a single leaf) scored on 预算执行率, which budget blocks show. */
export function budgetIndicator(ctx: Ctx): TreeItem | undefined {
  for (const r of ctx.roots) {
    const leaf =
      r.children.length === 0
        ? r
        : r.children.length === 1 && r.children[0]!.children.length === 0
          ? r.children[0]!
          : undefined;
    if (leaf?.node?.metric === 'budgetExecutionRate' || (leaf && leaf.level === 1 && /预算执行率/.test(leaf.name)))
      return leaf;
  }
  return undefined;
}

/** Sequential Chinese numerals for headings: 1 → 一. */
export function cn(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n]!;
  if (n < 20) return `十${n % 10 ? d[n % 10] : ''}`;
  if (n < 100) return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
  return String(n);
}
