import type { Evaluation } from '../core/evaluation.js';
import type { Framework } from '../core/framework/model.js';
import type { ScoreResult } from '../core/scoring.js';
import { buildContext } from './context.js';
import { findingsTable, selfEvaluationTable, summaryTable } from './layouts.js';
import { reportBody } from './text.js';

/**
 * The document model: one pure description of the 自评报告 and its 自评表, built once from
 * Framework + Evaluation + ScoreResult and rendered to DOCX, XLSX, PDF and HTML. Every number in it
 * is the core's (scores, subtotals, totals, metrics) or one of the unit's own figures, formatted with
 * src/core/decimal.ts; writers only lay it out and never compute.
 */

export type Align = 'left' | 'center' | 'right' | 'justify';

/** How a spreadsheet computes a cell from others; the cell's `value` is the cached result (the core's). */
export type Calc =
  | { op: 'sum'; refs: string[] }
  | { op: 'grade'; ref: string; bands: Array<{ name: string; min: number }>; integer: boolean };

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
  /** Excel number format of a numeric `value` ('0.00' where the region prints two decimals). */
  numFmt?: string;
  /** Name other cells' formulas use to refer to this one (unique within a document). */
  id?: string;
  calc?: Calc;
  /**
   * What the cell shows, for tests and tools: `score:<indicator id>`, `subtotal:<node id>`,
   * `total`, `grade`, `weight:<node id>`.
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
  /** Relative column widths. */
  columns: number[];
  rows: Row[];
  notes: string[];
  /** Font size of the cells, pt. */
  fontSize: number;
  orientation: 'portrait' | 'landscape';
}

export type Block =
  | { type: 'title'; text: string }
  | { type: 'subtitle'; text: string }
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
  | { type: 'attachment-label'; text: string }
  | { type: 'table'; table: Table };

export interface Part {
  orientation: 'portrait' | 'landscape';
  blocks: Block[];
}

export interface ReportMeta {
  title: string;
  unit: string;
  year: number;
  layout: string;
  framework: { id: string; name: string; version: number };
  total: number;
  grade: string;
  decimals: number;
}

export interface ReportDocument {
  meta: ReportMeta;
  /** DOCX sections / printed page groups: the report, then one per attachment. */
  parts: Part[];
  /** The tables in spreadsheet order: 自评表 first. */
  sheets: Table[];
}

export interface BuildOptions {
  /** Leave out the findings appendix (附件：评分核查情况). Default: included. */
  findings?: boolean;
}

export const LAYOUTS = ['shangjie', 'jinzhong', 'heshan', 'longhua', 'huairou', 'project-10'] as const;

export function buildReport(fw: Framework, ev: Evaluation, res: ScoreResult, opts: BuildOptions = {}): ReportDocument {
  const ctx = buildContext(fw, ev, res);
  const main = selfEvaluationTable(ctx);
  const summary = summaryTable(ctx);
  const findings = opts.findings === false ? undefined : findingsTable(ctx);
  const attachments = [main, ...(findings ? [findings] : [])];
  const body = reportBody(ctx, summary, attachments);
  const parts: Part[] = [
    { orientation: 'portrait', blocks: body.blocks },
    ...attachments.map((t, i): Part => ({
      orientation: t.orientation,
      blocks: [
        { type: 'attachment-label', text: `附件${i + 1}` },
        { type: 'table', table: t },
      ],
    })),
  ];
  return {
    meta: {
      title: body.title,
      unit: ev.unit,
      year: ev.year,
      layout: fw.layout ?? 'default',
      framework: { id: fw.id, name: fw.name, version: fw.version },
      total: res.total,
      grade: res.grade,
      decimals: fw.decimals,
    },
    parts,
    sheets: [main, summary, ...(findings ? [findings] : [])],
  };
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

/** All cells of a document's tables with an id, by id. */
export function cellsById(doc: ReportDocument): Map<string, { table: Table; cell: Cell }> {
  const m = new Map<string, { table: Table; cell: Cell }>();
  for (const t of doc.sheets)
    for (const row of t.rows) for (const cell of row.cells) if (cell.id) m.set(cell.id, { table: t, cell });
  return m;
}
