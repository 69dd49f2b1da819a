/**
 * The document model: one pure description of a filed document (the 自评报告 with its 自评表, 晋中's
 * 自评表 alone, or the bureau's 审核意见), rendered to DOCX, XLSX, PDF and HTML. Types and the grid
 * arithmetic only: the builders live in ./build.ts, ./layouts/ and ./outline/, the writers beside them.
 * Every number in a document is the core's (scores, subtotals, totals, metrics) or one of the unit's own
 * figures, formatted with src/core/decimal.ts; writers only lay it out and never compute.
 */
import type { LayoutId } from '../core/layouts.js';
import type { ScoreStatement } from './statement.js';

export type Align = 'left' | 'center' | 'right' | 'justify';

/** A band of a banded score formula, bounds in the input cell's own unit (a percent as a fraction). */
export interface FormulaBand {
  gte?: number;
  gt?: number;
  lte?: number;
  lt?: number;
  points: number;
}

/**
 * How a spreadsheet computes a cell from others; the cell's `value` is the cached result (the core's).
 * `score` formulas follow the rule kinds that a spreadsheet can compute from an input cell.
 */
export type Calc =
  | { op: 'sum'; refs: string[] }
  | { op: 'grade'; ref: string; bands: Array<{ name: string; min: number }>; integer: boolean }
  | { op: 'ref'; ref: string }
  /** num ÷ den (rounded to `decimals` when given): a rate from two money cells. */
  | { op: 'ratio'; num: string; den: string; decimals?: number }
  | {
      op: 'score';
      /** ratio: min(1, a÷t); reverse: a≤t → 1, else t÷a; rate: a (as a fraction); equal: 1−|a−t|÷t. */
      kind: 'ratio' | 'reverse' | 'rate' | 'equal' | 'threshold-linear' | 'bands';
      actual: string;
      /** The 指标值 cell (or, without one, the number itself). */
      targetRef?: string;
      target?: number;
      weight: number;
      decimals: number;
      /** rate: above this the score is 0. */
      zeroAbove?: number;
      tolerance?: number;
      /** threshold-linear: the floor as a fraction (0.6). */
      floor?: number;
      bands?: FormulaBand[];
    };

export interface Cell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
  align?: Align;
  bold?: boolean;
  /** A heading cell (shaded, 黑体). */
  head?: boolean;
  /** The typed value behind the text, for spreadsheets: a number from the core, or the grade. */
  value?: number | string;
  /** Excel number format of a numeric `value` ('0.00' where the region prints two decimals, '0.00%'). */
  numFmt?: string;
  /** Never wrapped: numbers, money, percentages, scores. Columns are sized so that these fit. */
  nowrap?: boolean;
  /** A cell the user types into (XLSX: shaded light yellow and unlocked); formulas depend on it. */
  input?: boolean;
  /** Name other cells' formulas use to refer to this one (unique within a document). */
  id?: string;
  calc?: Calc;
  /**
   * What the cell shows, for tests and tools: `score:<indicator id>`, `subtotal:<node id>`,
   * `total`, `grade`, `weight:<node id>`, `actual:<indicator id>`.
   */
  key?: string;
}

export interface Row {
  cells: Cell[];
  /** A column-heading row: repeated at the top of each page when it starts the table. */
  header?: boolean;
}

export interface Caption {
  left?: string;
  center?: string;
  right?: string;
}

export interface Table {
  /** Unique within the document. */
  id: string;
  title: string;
  /** 'document': an attachment's own title (小标宋); 'caption': 表1 above a table in the text. */
  titleStyle: 'document' | 'caption';
  /** Worksheet name in the XLSX (≤ 31 characters). */
  sheetName: string;
  captions: Caption[];
  /** Relative column widths (the share of the width left once every column holds its unbreakable text). */
  columns: number[];
  rows: Row[];
  notes: string[];
  /** Font size of the cells, pt. */
  fontSize: number;
  orientation: 'portrait' | 'landscape';
  /** Lines under the table (签章, 日期), right-aligned pairs. */
  footer?: Caption[];
  /** Only in the spreadsheet (the 指标计分 sheet): not printed in DOCX, HTML or PDF. */
  sheetOnly?: boolean;
}

export type Block =
  | { type: 'title'; text: string }
  /** Lines right under the title (龙华: 部门名称（公章）：…, 填报人：…), left-aligned, no indent. */
  | { type: 'preamble'; text: string }
  | { type: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  /**
   * generated: sentences built from the data; narrative: the unit's own text, kept as written;
   * placeholder: a part the unit has not written yet.
   */
  | {
      type: 'paragraph';
      text: string;
      source: 'generated' | 'narrative' | 'placeholder';
      align?: 'left' | 'right' | 'center';
      indent?: boolean;
    }
  /** One empty line of the text grid (GB/T 9704: before 附件说明 and before 署名). */
  | { type: 'blank' }
  /** 附件说明: “附件：1.…”, hanging under “附件：”. */
  | { type: 'attachments'; items: string[] }
  /** 署名 and 成文日期, kept on the page of the paragraph before them. */
  | { type: 'signature'; lines: string[] }
  | { type: 'attachment-label'; text: string }
  | { type: 'table'; table: Table };

export interface Part {
  orientation: 'portrait' | 'landscape';
  blocks: Block[];
}

/** Which document: the unit's report (with its 自评表), the 自评表 alone (晋中), the bureau's 审核意见. */
export type DocumentKind = 'report' | 'table' | 'review';

export interface ReportMeta {
  kind: DocumentKind;
  title: string;
  unit: string;
  year: number;
  layout: LayoutId | 'generic';
  framework: { id: string; name: string; version: number };
  statement: ScoreStatement;
  decimals: number;
  /** 草稿: a watermark on every page of every format. */
  draft: boolean;
}

export interface ReportDocument {
  meta: ReportMeta;
  /** DOCX sections / printed page groups: the report, then one per attachment. */
  parts: Part[];
  /** The tables in spreadsheet order: 自评表 first. */
  sheets: Table[];
  /** What stops the document being filed as it is (parts left for the unit to write), in Chinese. */
  unfinished: string[];
}

/** A cell at its place in the grid, after row and column spans. */
export interface Placed {
  r: number;
  c: number;
  rowSpan: number;
  colSpan: number;
  cell: Cell;
}

/**
 * Places cells on the grid: each row lists its cells left to right, skipping the columns that
 * row-spanning cells above already cover (the HTML convention). Throws when a row does not fill
 * the table's columns exactly, so a layout error cannot reach a file.
 */
export function placeCells(t: Table): Placed[] {
  const cols = t.columns.length;
  const taken: boolean[][] = [];
  const out: Placed[] = [];
  const take = (r: number, c: number) => {
    taken[r] ??= [];
    if (taken[r]![c]) throw new Error(`表“${t.title}”第${r + 1}行第${c + 1}列重叠`);
    taken[r]![c] = true;
  };
  t.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (taken[r]?.[c]) c++;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      if (c + colSpan > cols) throw new Error(`表“${t.title}”第${r + 1}行超出${cols}列`);
      if (r + rowSpan > t.rows.length) throw new Error(`表“${t.title}”第${r + 1}行的合并单元格超出表格`);
      for (let i = 0; i < rowSpan; i++) for (let j = 0; j < colSpan; j++) take(r + i, c + j);
      out.push({ r, c, rowSpan, colSpan, cell });
      c += colSpan;
    }
  });
  t.rows.forEach((_, r) => {
    for (let c = 0; c < cols; c++) if (!taken[r]?.[c]) throw new Error(`表“${t.title}”第${r + 1}行第${c + 1}列空缺`);
  });
  return out;
}

/** Rows at the top of a table marked `header` (repeated on every page). */
export function headerRowCount(t: Table): number {
  let n = 0;
  while (n < t.rows.length && t.rows[n]!.header) n++;
  return n;
}

/** All cells of a document's tables with an id, by id. */
export function cellsById(doc: ReportDocument): Map<string, { table: Table; cell: Cell }> {
  const m = new Map<string, { table: Table; cell: Cell }>();
  for (const t of doc.sheets)
    for (const row of t.rows) for (const cell of row.cells) if (cell.id) m.set(cell.id, { table: t, cell });
  return m;
}
