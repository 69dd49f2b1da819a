/**
 * The cells every 自评表 layout is made of: scores, weights, subtotals, totals, the grade, money and
 * rates, and the indicator-name columns with their merges. Every leaf's score is in exactly one cell
 * (`id` `s:<indicator id>`), which refers to the leaf's row of the 指标计分 sheet (`rs:<id>`, a rule
 * formula or the typed judgment); subtotals, totals and the grade say which cells make them (`calc`),
 * with the core's number as the cached value.
 */
import { dec, fmt } from '../../core/decimal.js';
import { type Ctx, leavesOf, money, scoreText, type TreeItem, weightText } from '../context.js';
import type { Cell, Row, Table } from '../model.js';
import { fullName } from '../names.js';
import { countedScore, isUnverified } from '../statement.js';

export const cell = (text: string, o: Partial<Cell> = {}): Cell => ({ text, ...o });
export const head = (text: string, o: Partial<Cell> = {}): Cell => ({
  text,
  head: true,
  bold: true,
  align: 'center',
  ...o,
});
export const center = (text: string, o: Partial<Cell> = {}): Cell => ({ text, align: 'center', ...o });

export interface Fmt {
  ctx: Ctx;
  /** Print scores and weights with all decimals (晋中: 3.00). */
  fixed: boolean;
}

export const numFmt = (f: Fmt): string => (f.fixed ? `0.${'0'.repeat(f.ctx.d)}` : 'General');

/** The score of a leaf (or of a 一级 indicator that is one): the points counted in the total. */
export function scoreCell(f: Fmt, t: TreeItem, o: Partial<Cell> = {}): Cell {
  const ind = t.indicator;
  const v = ind ? countedScore(ind) : t.score.score;
  const pending = ind && isUnverified(ind) ? '（待核实）' : '';
  return center(`${scoreText(v, f.ctx.d, f.fixed)}${pending}`, {
    value: v,
    numFmt: numFmt(f),
    nowrap: !pending,
    id: `s:${t.id}`,
    key: `score:${t.id}`,
    calc: { op: 'ref', ref: `rs:${t.id}` },
    ...o,
  });
}

export function weightCell(f: Fmt, t: TreeItem, o: Partial<Cell> = {}): Cell {
  const v = t.score.weight;
  return center(weightText(v, f.ctx.d, f.fixed), {
    value: v,
    numFmt: numFmt(f),
    nowrap: true,
    key: `weight:${t.id}`,
    ...o,
  });
}

export function refWeightCell(t: TreeItem, o: Partial<Cell> = {}): Cell {
  const rw = t.node?.referenceWeight;
  if (rw === undefined) return center('', o);
  return center(fmt(rw), { value: rw.toNumber(), nowrap: true, ...o });
}

/** A subtotal: the sum of its leaves' score cells (or of other subtotal cells); the value is the core's. */
export function subtotalCell(f: Fmt, tableId: string, t: TreeItem, refs: string[], o: Partial<Cell> = {}): Cell {
  const v = t.score.score;
  return center(scoreText(v, f.ctx.d, f.fixed), {
    value: v,
    numFmt: numFmt(f),
    nowrap: true,
    id: `${tableId}:sub:${t.id}`,
    key: `subtotal:${t.id}`,
    calc: { op: 'sum', refs },
    bold: true,
    ...o,
  });
}

export function totalCell(f: Fmt, tableId: string, refs: string[], o: Partial<Cell> = {}): Cell {
  const v = f.ctx.st.total;
  return center(scoreText(v, f.ctx.d, f.fixed), {
    value: v,
    numFmt: numFmt(f),
    nowrap: true,
    id: `${tableId}:total`,
    key: 'total',
    calc: { op: 'sum', refs },
    bold: true,
    ...o,
  });
}

export function gradeCell(f: Fmt, tableId: string, o: Partial<Cell> = {}): Cell {
  const g = f.ctx.fw.grades;
  return center(f.ctx.st.grade, {
    value: f.ctx.st.grade,
    key: 'grade',
    nowrap: true,
    calc: {
      op: 'grade',
      ref: `${tableId}:total`,
      bands: [...g.bands].sort((a, b) => b.min - a.min).map((b) => ({ name: b.name, min: b.min })),
      integer: g.mode === 'integer',
    },
    bold: true,
    ...o,
  });
}

/** 分值 of the whole table: Σ of the 一级 weights the unit's tree carries (the framework's total when they add up). */
export function totalWeightCell(f: Fmt, o: Partial<Cell> = {}): Cell {
  const total = f.ctx.roots.reduce((a, r) => a.plus(r.score.weight), dec(0)).toNumber();
  return center(weightText(total, f.ctx.d, f.fixed), {
    value: total,
    numFmt: numFmt(f),
    nowrap: true,
    key: 'weight:total',
    ...o,
  });
}

/** Money in 万元: the unit's figure, two decimals, a number in the spreadsheet. */
export const moneyCell = (v: number | undefined, o: Partial<Cell> = {}): Cell =>
  center(money(v), v === undefined ? o : { value: v, numFmt: '0.00', nowrap: true, ...o });

/** A rate of two money cells (执行率), a percentage with two decimals; a formula in the spreadsheet. */
export function rateCell(
  num: number | undefined,
  den: number | undefined,
  ids: { num?: string; den?: string } = {},
  o: Partial<Cell> = {},
): Cell {
  if (num === undefined || den === undefined || den === 0) return center('', o);
  const r = dec(num).div(den);
  const value = r.toNumber();
  return center(`${fmt(r.times(100), 2)}%`, {
    value,
    numFmt: '0.00%',
    nowrap: true,
    ...(ids.num && ids.den && { calc: { op: 'ratio', num: ids.num, den: ids.den } }),
    ...o,
  });
}

/** A percentage the core computed (a metric), as a number in percent format. */
export function percentCell(v: number | undefined, o: Partial<Cell> = {}): Cell {
  if (v === undefined) return center('', o);
  return center(`${fmt(v, 2)}%`, { value: dec(v).div(100).toNumber(), numFmt: '0.00%', nowrap: true, ...o });
}

export const leafRefs = (items: TreeItem[]): string[] => items.flatMap(leavesOf).map((l) => `s:${l.id}`);

export interface LeafRow {
  leaf: TreeItem;
  /** From the 一级 indicator down to the leaf. */
  path: TreeItem[];
  /** The ancestors whose first leaf this is (their merged cells start on this row). */
  starts: Set<TreeItem>;
}

export function leafRows(items: TreeItem[]): LeafRow[] {
  const out: LeafRow[] = [];
  const visit = (t: TreeItem, path: TreeItem[], starting: TreeItem[]) => {
    const p = [...path, t];
    if (!t.children.length) {
      out.push({ leaf: t, path: p, starts: new Set(starting) });
      return;
    }
    t.children.forEach((ch, i) => visit(ch, p, i === 0 ? [...starting, t] : []));
  };
  for (const t of items) visit(t, [], []);
  return out;
}

export const span = (t: TreeItem): number => leavesOf(t).length;

/**
 * The name columns of a leaf row, `depth` levels deep: an ancestor's cells (rowSpan over its leaves)
 * where its first leaf starts; the leaf's own cells span the levels below it.
 */
export function nameCells(
  row: LeafRow,
  depth: number,
  cellsFor: (t: TreeItem, rowSpan: number, levels: number) => Cell[],
): Cell[] {
  const out: Cell[] = [];
  for (let lv = 1; lv <= depth; lv++) {
    const t = row.path[lv - 1];
    if (!t) break;
    if (t === row.leaf) {
      out.push(...cellsFor(t, 1, depth - lv + 1));
      break;
    }
    if (lv === depth) {
      // A tree deeper than the printed columns: the leaf takes the last column.
      out.push(...cellsFor(row.leaf, 1, 1));
      break;
    }
    if (row.starts.has(t)) out.push(...cellsFor(t, span(t), 1));
  }
  return out;
}

export const nameOnly =
  (o: Partial<Cell> = {}) =>
  (t: TreeItem, rowSpan: number, levels: number): Cell[] => [
    cell(fullName(t), { rowSpan, colSpan: levels, align: 'center', ...o }),
  ];

/** 赫山 “绩效目标合理性（2分）”, 怀柔 “产出（30）”: the name with its weight. */
export const withWeight =
  (f: Fmt, unit = '分') =>
  (t: TreeItem, rowSpan: number, levels: number): Cell[] => [
    center(`${fullName(t)}（${weightText(t.score.weight, f.ctx.d)}${unit}）`, { rowSpan, colSpan: levels }),
  ];

/** The table's own notes: what the region prints under it (the outline's), never the framework's modelling notes. */
export function tableNotes(ctx: Ctx): string[] {
  const notes = ctx.outline.tableNotes;
  return notes.map((n, i) => `${i === 0 ? '注：' : '　　'}${notes.length > 1 ? `${i + 1}. ` : ''}${n}`);
}

export function base(ctx: Ctx, o: Pick<Table, 'title' | 'columns' | 'rows' | 'orientation'> & Partial<Table>): Table {
  return {
    id: 'main',
    titleStyle: 'document',
    sheetName: '自评表',
    captions: [],
    notes: tableNotes(ctx),
    fontSize: 10.5,
    ...o,
  };
}

/** The 实际完成值 as the unit entered it ('' when the rule read it from the figures). */
export const actualText = (t: TreeItem): string => t.indicator?.actual ?? '';
export const targetText = (t: TreeItem): string => t.indicator?.target ?? '';

/** A column-heading row. */
export const headRow = (titles: string[], header = true): Row => ({ header, cells: titles.map((t) => head(t)) });
