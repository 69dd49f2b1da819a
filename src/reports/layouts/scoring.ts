/**
 * 指标计分 — the spreadsheet's working sheet (not printed in DOCX or PDF): one row per leaf with its 分值,
 * 指标值 and 实际完成值 as input cells and its 得分 as a formula of them wherever the rule is arithmetic
 * (正向/反向比率, 比率×分值, 等于, 及格门槛, 分档 as nested lookups); where the rule is a judgment the
 * 得分 itself is the input. The 自评表's score cells refer to these, its subtotals, total and grade add
 * them up, so a clerk who corrects a 实际完成值 sees every figure that depends on it follow.
 */
import { dec, fmt } from '../../core/decimal.js';
import { computeAllMetrics, type MetricId } from '../../core/metrics.js';
import { parseQuantity, parseTarget } from '../../core/quantity.js';
import { RULE_KIND_NAMES, type Rule } from '../../core/rules/schema.js';
import type { Ctx, TreeItem } from '../context.js';
import type { Calc, Cell, Row, Table } from '../model.js';
import { distinctName } from '../names.js';
import { countedScore, isUnverified } from '../statement.js';
import { cell, center, headRow, scoreCell } from './cells.js';

type ScoreCalc = Extract<Calc, { op: 'score' }>;

/** The rule a leaf is scored by, with `target` resolved to the direction of its 指标值. */
function effectiveKind(rule: Rule, op: string | undefined): Rule['kind'] {
  if (rule.kind !== 'target') return rule.kind;
  if (op === '<=' || op === '<') return 'reverse';
  if (op === '=') return 'equal';
  return 'ratio';
}

interface Numbers {
  /** In the cell's own unit: a percentage as a fraction (98.12% → 0.9812). */
  target?: number;
  actual?: number;
  percent: boolean;
  /** The actual comes from the unit's figures (预算执行率 = 执行数 ÷ 全年预算数). */
  metric?: MetricId;
}

function numbersOf(ctx: Ctx, l: TreeItem): Numbers {
  const i = l.indicator!;
  const t = parseTarget(i.target);
  const entered = parseQuantity(i.actual);
  const metric = l.node?.metric;
  let actual = entered;
  let fromMetric: MetricId | undefined;
  if (!entered && metric) {
    const m = computeAllMetrics(ctx.ev.figures).get(metric);
    if (m?.ok) {
      actual = { value: m.value.toNumber(), unit: '%' };
      fromMetric = metric;
    }
  }
  const percent = t?.unit === '%' || actual?.unit === '%';
  const scale = (v: number) => (percent ? dec(v).div(100).toNumber() : v);
  return {
    ...(t && { target: scale(t.value) }),
    ...(actual && { actual: scale(actual.value) }),
    percent,
    ...(fromMetric && { metric: fromMetric }),
  };
}

/** The score formula of a leaf, where its rule and numbers allow one. */
function formulaOf(ctx: Ctx, l: TreeItem, n: Numbers): ScoreCalc | undefined {
  const i = l.indicator!;
  const rule = l.node?.rule;
  if (!rule || isUnverified(i) || n.actual === undefined) return undefined;
  const kind = effectiveKind(rule, parseTarget(i.target)?.op);
  const base = { actual: `in:${l.id}`, weight: l.score.weight, decimals: ctx.d };
  const targetRef = `tg:${l.id}`;
  const pct = (v: number) => (n.percent ? dec(v).div(100).toNumber() : v);
  switch (kind) {
    case 'ratio':
    case 'reverse':
      if (!n.target) return undefined;
      // 年初指标值设定偏低 penalties are not in the formula: keep those as typed values.
      if ((rule.kind === 'ratio' || rule.kind === 'target') && rule.overTarget) return undefined;
      return { op: 'score', kind, target: n.target, targetRef, ...base };
    case 'equal':
      if (!n.target) return undefined;
      return {
        op: 'score',
        kind,
        target: n.target,
        targetRef,
        tolerance: rule.kind === 'equal' ? pct(rule.tolerance) : 0,
        ...base,
      };
    case 'rate':
      return {
        op: 'score',
        kind,
        ...base,
        ...(rule.kind === 'rate' &&
          rule.zeroAbove !== undefined && { zeroAbove: dec(rule.zeroAbove).div(100).toNumber() }),
      };
    case 'threshold-linear': {
      if (rule.kind !== 'threshold-linear' || !n.percent) return undefined;
      const t = parseTarget(i.target);
      // Only the percentage form without a target: 完成率 is the actual itself.
      if (t && t.value > 0) return undefined;
      return { op: 'score', kind, floor: dec(rule.floor).div(100).toNumber(), ...base };
    }
    case 'bands':
      if (rule.kind !== 'bands') return undefined;
      return {
        op: 'score',
        kind,
        ...base,
        bands: rule.bands.map((b) => ({
          ...(b.gte !== undefined && { gte: pct(b.gte) }),
          ...(b.gt !== undefined && { gt: pct(b.gt) }),
          ...(b.lte !== undefined && { lte: pct(b.lte) }),
          ...(b.lt !== undefined && { lt: pct(b.lt) }),
          points:
            b.points ??
            dec(l.score.weight)
              .times(b.fraction ?? 0)
              .toNumber(),
        })),
      };
    default:
      return undefined;
  }
}

const numCell = (v: number | undefined, percent: boolean, o: Partial<Cell>): Cell =>
  v === undefined
    ? center('', o)
    : center(percent ? `${fmt(dec(v).times(100), 2)}%` : fmt(v, 4), {
        value: v,
        numFmt: percent ? '0.00%' : 'General',
        nowrap: true,
        ...o,
      });

/**
 * The 实际完成值 of a leaf as the 自评表 prints it: the unit's text, and where it is a number the number
 * itself (a percentage in percent format), following the 指标计分 sheet's input cell.
 */
export function actualCell(ctx: Ctx, l: TreeItem): Cell {
  const i = l.indicator;
  const text = i?.actual ?? '';
  if (!i || !/^[\d.,，]+\s*(%|％)?$/.test(text.trim())) return center(text, { key: `actual:${l.id}` });
  const n = numbersOf(ctx, l);
  if (n.actual === undefined) return center(text, { key: `actual:${l.id}` });
  return center(text, {
    key: `actual:${l.id}`,
    value: n.actual,
    ...(n.percent && { numFmt: '0.00%' }),
    nowrap: true,
    calc: { op: 'ref', ref: `in:${l.id}` },
  });
}

/** The 指标计分 sheet; `budget` names the 自评表's 全年预算数 and 执行数 cells where it prints them. */
export function scoringTable(ctx: Ctx, budget: { total?: string; executed?: string }): Table {
  const rows: Row[] = [headRow(['序号', '指标', '计分方法', '分值', '指标值', '实际完成值', '得分'])];
  ctx.leaves.forEach((l, k) => {
    const i = l.indicator;
    if (!i) return;
    const n = numbersOf(ctx, l);
    const f = formulaOf(ctx, l, n);
    const viaFigures = f && n.metric === 'budgetExecutionRate' && budget.total && budget.executed;
    const path = [...(l.parent ? [l.parent] : []), l].map((x) => distinctName(ctx, x)).join(' / ');
    const typed = scoreCell({ ctx, fixed: false }, l, {});
    const score: Cell = {
      ...typed,
      id: `rs:${l.id}`,
      key: `rule-score:${l.id}`,
      value: countedScore(i),
      ...(f ? { calc: f } : { input: true }),
    };
    if (!f) delete score.calc;
    rows.push({
      cells: [
        center(String(k + 1), { value: k + 1, nowrap: true }),
        cell(path),
        cell(f ? RULE_KIND_NAMES[f.kind] : `${RULE_KIND_NAMES[l.node?.rule?.kind ?? 'manual']}（填写得分）`),
        center(String(l.score.weight), { value: l.score.weight, nowrap: true }),
        n.target !== undefined && f
          ? numCell(n.target, n.percent, { id: `tg:${l.id}`, input: true })
          : center(i.target ?? ''),
        n.actual !== undefined
          ? numCell(n.actual, n.percent, {
              id: `in:${l.id}`,
              ...(viaFigures ? { calc: { op: 'ratio', num: budget.executed!, den: budget.total! } } : { input: true }),
            })
          : center(i.actual ?? ''),
        score,
      ],
    });
  });
  return {
    id: 'scoring',
    title: '指标计分',
    titleStyle: 'document',
    sheetName: '指标计分',
    captions: [{ left: '黄色单元格可填写；得分、小计、合计和等级随之重算。', right: '' }],
    columns: [4, 30, 16, 6, 9, 9, 7],
    rows,
    notes: [],
    fontSize: 10.5,
    orientation: 'portrait',
    sheetOnly: true,
  };
}
