/**
 * XLSX a finance clerk can work in: one worksheet per table (自评表, 得分汇总, 指标计分), merged cells as in
 * the document, money and rates as numbers (rates in percent format), every rule score that the rule
 * allows a formula of its 指标值 and 实际完成值 cells on the 指标计分 sheet, subtotals, totals and the
 * grade formulas over them — each with the core's number as its cached result, so the file adds up when
 * opened and still adds up after a figure is corrected. Printing: A4, the table's orientation, the 公文
 * margins, fit to one page wide, the heading rows repeated, print area, page numbers; row heights from
 * the content. The workbook asks to be recalculated on open, in a way that a re-save keeps.
 */
import type ExcelJS from 'exceljs';
import { columnWidthsPt, textWidthPt } from './columns.js';
import { FONT_SETS, type FontSet, type Fonts, MARGINS_MM } from './fonts.js';
import { type Calc, type Cell, placeCells, type ReportDocument, type Table } from './model.js';
import { tableSegments } from './segments.js';
import { zipParts } from './zip-writer.js';

export interface XlsxOptions {
  fontSet?: FontSet;
}

interface Address {
  sheet: string;
  row: number;
  col: number;
}

export function colName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;
const refOf = (a: Address, here: string) =>
  `${a.sheet === here ? '' : `${quoteSheet(a.sheet)}!`}${colName(a.col)}${a.row}`;

/** `SUM('自评表'!H5:H7,'自评表'!H9)`: references grouped by sheet and column, consecutive rows as ranges. */
export function sumFormula(refs: Address[], here: string): string {
  const groups = new Map<string, number[]>();
  const order: string[] = [];
  for (const r of refs) {
    const k = `${r.sheet}\u0000${r.col}`;
    if (!groups.has(k)) {
      groups.set(k, []);
      order.push(k);
    }
    groups.get(k)!.push(r.row);
  }
  const parts: string[] = [];
  for (const k of order) {
    const [sheet, col] = k.split('\u0000') as [string, string];
    const prefix = sheet === here ? '' : `${quoteSheet(sheet)}!`;
    const c = colName(Number(col));
    const rows = [...new Set(groups.get(k)!)].sort((a, b) => a - b);
    for (let i = 0; i < rows.length;) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
      parts.push(i === j ? `${prefix}${c}${rows[i]}` : `${prefix}${c}${rows[i]}:${c}${rows[j]}`);
      i = j + 1;
    }
  }
  // A subtotal of a single cell is that cell.
  if (parts.length === 1 && !parts[0]!.includes(':')) return parts[0]!;
  return `SUM(${parts.join(',')})`;
}

export function gradeFormula(ref: Address, here: string, calc: Extract<Calc, { op: 'grade' }>): string {
  const x = refOf(ref, here);
  const v = calc.integer ? `ROUND(${x},0)` : x;
  const bands = [...calc.bands].sort((a, b) => b.min - a.min);
  let f = `"${bands[bands.length - 1]!.name}"`;
  for (let i = bands.length - 2; i >= 0; i--) f = `IF(${v}>=${bands[i]!.min},"${bands[i]!.name}",${f})`;
  return f;
}

/** A rule score: the rule's arithmetic on the 实际完成值 cell, capped at the 分值, rounded half-up. */
export function scoreFormula(c: Extract<Calc, { op: 'score' }>, a: string, t: string | undefined): string {
  const W = String(c.weight);
  const T = t ?? String(c.target ?? 0);
  let x: string;
  switch (c.kind) {
    case 'ratio':
      x = `IF(${a}>=${T},${W},${a}/${T}*${W})`;
      break;
    case 'reverse':
      x = `IF(${a}<=${T},${W},${T}/${a}*${W})`;
      break;
    case 'equal':
      x = `IF(ABS(${a}-${T})<=${c.tolerance ?? 0},${W},IF(${T}=0,0,MAX(0,1-ABS(${a}-${T})/${T})*${W}))`;
      break;
    case 'rate':
      x = c.zeroAbove !== undefined ? `IF(${a}>${c.zeroAbove},0,${a}*${W})` : `${a}*${W}`;
      break;
    case 'threshold-linear': {
      const F = c.floor ?? 0.6;
      x = `IF(${a}>=1,${W},IF(${a}<${F},0,(${a}-${F})/(1-${F})*${W}))`;
      break;
    }
    case 'bands': {
      x = '0';
      for (const b of [...(c.bands ?? [])].reverse()) {
        const conds = [
          ...(b.gte !== undefined ? [`${a}>=${b.gte}`] : []),
          ...(b.gt !== undefined ? [`${a}>${b.gt}`] : []),
          ...(b.lte !== undefined ? [`${a}<=${b.lte}`] : []),
          ...(b.lt !== undefined ? [`${a}<${b.lt}`] : []),
        ];
        x = conds.length ? `IF(AND(${conds.join(',')}),${b.points},${x})` : String(b.points);
      }
      break;
    }
  }
  return `ROUND(MAX(0,MIN(${W},${x})),${c.decimals})`;
}

export interface SheetPlan {
  table: Table;
  name: string;
  firstRow: number;
}

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF000000' } },
  left: { style: 'thin', color: { argb: 'FF000000' } },
  bottom: { style: 'thin', color: { argb: 'FF000000' } },
  right: { style: 'thin', color: { argb: 'FF000000' } },
};

/** Points across the printed width of a sheet before fitting to the page (A4 text width at about 80 %). */
const SHEET_PT = { portrait: 560, landscape: 820 };
/** One Excel column width unit (a digit of the default font) in pt. */
const UNIT_PT = 5.6;

function uniqueNames(tables: Table[]): string[] {
  const used = new Set<string>();
  return tables.map((t) => {
    const base = t.sheetName.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'Sheet';
    let n = base;
    for (let i = 2; used.has(n); i++) n = `${base.slice(0, 28)}(${i})`;
    used.add(n);
    return n;
  });
}

/** Lines a text takes in a column `widthPt` wide (a little generous, so that nothing is clipped when printed). */
function lineCount(text: string, widthPt: number, fontSize: number): number {
  const avail = Math.max(fontSize, widthPt - 6);
  return text
    .split(/\r?\n/)
    .reduce((n, line) => n + Math.max(1, Math.ceil((textWidthPt(line, fontSize) * 1.08) / avail)), 0);
}

/**
 * One style object per distinct table-cell style, shared by its cells: exceljs then finds a cell's style
 * id by the object (a WeakMap) instead of serialising its font, border and fill for every cell. Keyed
 * also by whether the cell is a number, since exceljs gives a number's style the General format.
 */
type StyleCache = (key: string, make: () => Partial<ExcelJS.Style>) => Partial<ExcelJS.Style>;

function styleCache(): StyleCache {
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  return (key, make) => {
    let s = styles.get(key);
    if (!s) styles.set(key, (s = make()));
    return s;
  };
}

const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };

function writeSheet(
  ws: ExcelJS.Worksheet,
  plan: SheetPlan,
  addr: Map<string, Address>,
  fonts: Fonts,
  draft: boolean,
  styleOf: StyleCache,
): void {
  const t = plan.table;
  const ncols = t.columns.length;
  const widthsPt = columnWidthsPt(t, SHEET_PT[t.orientation]);
  widthsPt.forEach((w, i) => (ws.getColumn(i + 1).width = Math.round((w / UNIT_PT) * 10) / 10));
  const fullPt = widthsPt.reduce((a, b) => a + b, 0);
  const font = (name: string, size: number, bold = false): Partial<ExcelJS.Font> => ({ name, size, bold });

  // Title and captions.
  let r = 1;
  ws.mergeCells(r, 1, r, ncols);
  const title = ws.getCell(r, 1);
  title.value = t.title;
  title.font = font(fonts.title, 16);
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(r).height = 30;
  r++;
  const half = Math.max(1, Math.floor(ncols / 2));
  const captionRow = (c: Table['captions'][number]) => {
    if (c.center !== undefined) {
      ws.mergeCells(r, 1, r, ncols);
      const x = ws.getCell(r, 1);
      x.value = c.center;
      x.font = font(fonts.fang, 12);
      x.alignment = { horizontal: 'center', vertical: 'middle' };
    } else {
      if (half > 1) ws.mergeCells(r, 1, r, half);
      if (ncols - half > 1) ws.mergeCells(r, half + 1, r, ncols);
      const a = ws.getCell(r, 1);
      a.value = c.left ?? '';
      a.font = font(fonts.fang, 12);
      a.alignment = { horizontal: 'left', vertical: 'middle' };
      const b = ws.getCell(r, half + 1);
      b.value = c.right ?? '';
      b.font = font(fonts.fang, 12);
      b.alignment = { horizontal: 'right', vertical: 'middle' };
    }
    ws.getRow(r).height = 20;
    r++;
  };
  t.captions.forEach(captionRow);

  // The table.
  const heights = new Map<number, number>();
  for (const p of placeCells(t)) {
    const row = plan.firstRow + p.r;
    const col = p.c + 1;
    const c = p.cell;
    if (p.rowSpan > 1 || p.colSpan > 1) ws.mergeCells(row, col, row + p.rowSpan - 1, col + p.colSpan - 1);
    const x = ws.getCell(row, col);
    x.value = cellValue(c, ws.name, addr);
    const numFmt = c.numFmt && typeof c.value === 'number' ? c.numFmt : undefined;
    const horizontal = c.align === 'justify' ? 'left' : (c.align ?? (c.head ? 'center' : 'left'));
    const face = c.head ? fonts.hei : fonts.fang;
    const bold = !!c.bold && !c.head;
    // Whether exceljs gives the style the General number format (a number, or a formula whose result is one).
    const numeric = typeof c.value === 'number';
    const style = styleOf(
      `${numeric}|${numFmt}|${face}|${t.fontSize}|${bold}|${horizontal}|${!c.nowrap}|${!!c.head}|${!!c.input}`,
      () => ({
        ...(numFmt && { numFmt }),
        font: font(face, t.fontSize, bold),
        alignment: { horizontal, vertical: 'middle', wrapText: !c.nowrap },
        ...(c.head && { fill: HEAD_FILL }),
        ...(c.input && { fill: INPUT_FILL, protection: { locked: false } }),
        border: BORDER,
      }),
    );
    // The merged cells carry the cell's style, as exceljs gives them when merging.
    for (let i = 0; i < p.rowSpan; i++) for (let j = 0; j < p.colSpan; j++) ws.getCell(row + i, col + j).style = style;
    const w = widthsPt.slice(p.c, p.c + p.colSpan).reduce((a, b) => a + b, 0);
    const h = (lineCount(c.text, w, t.fontSize) * t.fontSize * 1.35 + 6) / p.rowSpan;
    for (let i = 0; i < p.rowSpan; i++) heights.set(row + i, Math.max(heights.get(row + i) ?? 0, h));
  }
  for (const [row, h] of heights) ws.getRow(row).height = Math.min(409, Math.max(18, Math.ceil(h)));

  // Notes and the lines under the table.
  r = plan.firstRow + t.rows.length;
  for (const n of t.notes) {
    ws.mergeCells(r, 1, r, ncols);
    const x = ws.getCell(r, 1);
    x.value = n;
    x.font = font(fonts.fang, 10.5);
    x.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    ws.getRow(r).height = Math.max(16, Math.ceil(lineCount(n, fullPt, 10.5) * 10.5 * 1.4 + 4));
    r++;
  }
  (t.footer ?? []).forEach(captionRow);
  const lastRow = r - 1;

  // The heading rows of the table's first piece repeat on every page.
  const seg = tableSegments(t)[0]!;
  const m = MARGINS_MM[t.orientation];
  const inch = (mm: number) => Math.round((mm / 25.4) * 100) / 100;
  ws.pageSetup = {
    paperSize: 9,
    orientation: t.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printArea: `A1:${colName(ncols)}${lastRow}`,
    margins: {
      top: inch(m.top),
      bottom: inch(m.bottom),
      left: inch(m.left),
      right: inch(m.right),
      header: 0.3,
      footer: inch(m.bottom - 13),
    },
    ...(seg.head ? { printTitlesRow: `${plan.firstRow}:${plan.firstRow + seg.head - 1}` } : {}),
  };
  const mark = draft ? '&C&"黑体"&20&K999999草稿' : '';
  ws.headerFooter = {
    differentOddEven: true,
    ...(draft && { oddHeader: mark, evenHeader: mark }),
    oddFooter: '&R— &P —',
    evenFooter: '&L— &P —',
  };
}

function cellValue(c: Cell, here: string, addr: Map<string, Address>): ExcelJS.CellValue {
  if (c.calc) {
    const resolve = (id: string) => {
      const a = addr.get(id);
      if (!a) throw new Error(`单元格“${c.text}”的公式引用了不存在的单元格 ${id}`);
      return a;
    };
    const calc = c.calc;
    let formula: string;
    switch (calc.op) {
      case 'sum':
        formula = sumFormula(calc.refs.map(resolve), here);
        break;
      case 'grade':
        formula = gradeFormula(resolve(calc.ref), here, calc);
        break;
      case 'ref':
        formula = refOf(resolve(calc.ref), here);
        break;
      case 'ratio': {
        const q = `IF(${refOf(resolve(calc.den), here)}=0,0,${refOf(resolve(calc.num), here)}/${refOf(resolve(calc.den), here)})`;
        formula = calc.decimals === undefined ? q : `ROUND(${q},${calc.decimals})`;
        break;
      }
      case 'score':
        formula = scoreFormula(
          calc,
          refOf(resolve(calc.actual), here),
          calc.targetRef && addr.has(calc.targetRef) ? refOf(resolve(calc.targetRef), here) : undefined,
        );
        break;
    }
    return { formula, result: c.value ?? '' } as ExcelJS.CellFormulaValue;
  }
  if (typeof c.value === 'number') return c.value;
  return c.text;
}

/** Where each table goes: its worksheet and the row its first table row lands on (title and captions above). */
export function sheetPlans(doc: ReportDocument): SheetPlan[] {
  const names = uniqueNames(doc.sheets);
  return doc.sheets.map((t, i) => ({ table: t, name: names[i]!, firstRow: 2 + t.captions.length }));
}

/** The report's sheets written into `wb`, an empty exceljs workbook (the library is loaded by renderXlsx, on demand). */
export function buildWorkbook(wb: ExcelJS.Workbook, doc: ReportDocument, opts: XlsxOptions = {}): ExcelJS.Workbook {
  const fonts = FONT_SETS[opts.fontSet ?? 'gb'];
  const plans = sheetPlans(doc);
  const addr = new Map<string, Address>();
  for (const p of plans) {
    for (const pc of placeCells(p.table))
      if (pc.cell.id) addr.set(pc.cell.id, { sheet: p.name, row: p.firstRow + pc.r, col: pc.c + 1 });
  }
  wb.creator = doc.meta.unit;
  wb.title = doc.meta.title;
  wb.subject = doc.meta.framework.name;
  wb.created = new Date(0);
  wb.modified = new Date(0);
  wb.calcProperties = { fullCalcOnLoad: true };
  const styleOf = styleCache();
  for (const p of plans) {
    const ws = wb.addWorksheet(p.name, { views: [{ showGridLines: false }] });
    writeSheet(ws, p, addr, fonts, doc.meta.draft, styleOf);
  }
  return wb;
}

/**
 * The workbook's parts as exceljs writes them (its own `write`, step by step), collected instead of
 * zipped: exceljs would deflate every part with jszip's JavaScript DEFLATE, and the calcPr fix below
 * would then unzip and deflate them all again. exceljs 4.4 is the last release; test/reports/files.test.ts
 * opens the result with exceljs and LibreOffice.
 */
interface ExcelJsWriter {
  prepareModel(model: unknown, options: object): void;
  addContentTypes(zip: PartSink, model: unknown): Promise<void>;
  addOfficeRels(zip: PartSink, model: unknown): Promise<void>;
  addWorkbookRels(zip: PartSink, model: unknown): Promise<void>;
  addWorksheets(zip: PartSink, model: unknown): Promise<void>;
  addSharedStrings(zip: PartSink, model: unknown): Promise<void>;
  addDrawings(zip: PartSink, model: unknown): Promise<void>;
  addTables(zip: PartSink, model: unknown): Promise<void>;
  addThemes(zip: PartSink, model: unknown): Promise<void>;
  addStyles(zip: PartSink, model: unknown): Promise<void>;
  addMedia(zip: PartSink, model: unknown): Promise<void>;
  addApp(zip: PartSink, model: unknown): Promise<void>;
  addCore(zip: PartSink, model: unknown): Promise<void>;
  addWorkbook(zip: PartSink, model: unknown): Promise<void>;
}
interface PartSink {
  append(data: string | Buffer, o: { name: string; base64?: boolean }): void;
}

async function workbookParts(wb: ExcelJS.Workbook): Promise<Array<[string, string | Buffer]>> {
  const parts: Array<[string, string | Buffer]> = [];
  const zip: PartSink = {
    append: (data, o) => parts.push([o.name, o.base64 ? Buffer.from(String(data), 'base64') : data]),
  };
  const x = wb.xlsx as unknown as ExcelJsWriter;
  const { model } = wb as unknown as { model: unknown };
  x.prepareModel(model, {});
  await x.addContentTypes(zip, model);
  await x.addOfficeRels(zip, model);
  await x.addWorkbookRels(zip, model);
  await x.addWorksheets(zip, model);
  await x.addSharedStrings(zip, model);
  await x.addDrawings(zip, model);
  await x.addTables(zip, model);
  await x.addThemes(zip, model);
  await x.addStyles(zip, model);
  await x.addMedia(zip, model);
  await x.addApp(zip, model);
  await x.addCore(zip, model);
  await x.addWorkbook(zip, model);
  return parts;
}

/**
 * Recalculation on open that survives a re-save: besides fullCalcOnLoad (which Excel and exceljs drop
 * when they re-save), the calculation engine id is an old one (Excel 2007's), so any newer Excel
 * recalculates the whole workbook when it opens it — and exceljs writes that id again on every save.
 */
const recalcOnOpen = (workbookXml: string) =>
  workbookXml.replace(/<calcPr[^>]*\/>/, '<calcPr calcId="124519" fullCalcOnLoad="1" forceFullCalc="1"/>');

export async function renderXlsx(doc: ReportDocument, opts: XlsxOptions = {}): Promise<Buffer> {
  // Loaded on demand: exceljs and what it requires are ~180 modules a process that writes no XLSX need not hold.
  const { default: Excel } = await import('exceljs');
  const parts = await workbookParts(buildWorkbook(new Excel.Workbook(), doc, opts));
  return zipParts(
    parts.map(([name, data]): [string, string | Buffer] => [
      name,
      name === 'xl/workbook.xml' ? recalcOnOpen(String(data)) : data,
    ]),
    // The theme and, per layout, the styles recur from workbook to workbook.
    { reuse: (name) => name === 'xl/theme/theme1.xml' || name === 'xl/styles.xml' },
  );
}
