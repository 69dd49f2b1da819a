import ExcelJS from 'exceljs';
import { displayWidth } from '../cli/table.js';
import { FONT_SETS, type FontSet, type Fonts, MARGINS_MM } from './fonts.js';
import { type Calc, type Cell, placeCells, type ReportDocument, type Table } from './model.js';

/**
 * XLSX: one worksheet per table (自评表, 得分汇总, 评分核查), merged cells as in the document. Subtotals,
 * totals and the grade are real formulas (SUM over the leaf score cells, an IF chain over the grade
 * bands) with the core's numbers as cached results, so the file adds up when opened and still adds up
 * after a score is edited. Printing: A4, the table's orientation, fit to one page wide, heading rows
 * repeated.
 */

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
  const x = `${ref.sheet === here ? '' : `${quoteSheet(ref.sheet)}!`}${colName(ref.col)}${ref.row}`;
  const v = calc.integer ? `ROUND(${x},0)` : x;
  const bands = [...calc.bands].sort((a, b) => b.min - a.min);
  let f = `"${bands[bands.length - 1]!.name}"`;
  for (let i = bands.length - 2; i >= 0; i--) f = `IF(${v}>=${bands[i]!.min},"${bands[i]!.name}",${f})`;
  return f;
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

/** Characters across the printed width (Excel width units), before fitting to the page. */
const SHEET_CHARS = { portrait: 100, landscape: 150 };

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

function lineCount(text: string, widthChars: number, fontSize: number): number {
  const scale = fontSize / 11;
  const avail = Math.max(1, widthChars - 1);
  return text.split(/\r?\n/).reduce((n, line) => n + Math.max(1, Math.ceil((displayWidth(line) * scale) / avail)), 0);
}

function writeSheet(ws: ExcelJS.Worksheet, plan: SheetPlan, addr: Map<string, Address>, fonts: Fonts): void {
  const t = plan.table;
  const ncols = t.columns.length;
  const total = t.columns.reduce((a, b) => a + b, 0);
  const widths = t.columns.map((w) => Math.max(4, (w / total) * SHEET_CHARS[t.orientation]));
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = Math.round(w * 10) / 10));
  const font = (name: string, size: number, bold = false): Partial<ExcelJS.Font> => ({ name, size, bold });

  // Title and captions.
  let r = 1;
  ws.mergeCells(r, 1, r, ncols);
  const title = ws.getCell(r, 1);
  title.value = t.title;
  title.font = font(fonts.title, 16);
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(r).height = 30;
  r++;
  const half = Math.max(1, Math.floor(ncols / 2));
  for (const c of t.captions) {
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
  }

  // The table.
  const heights = new Map<number, number>();
  for (const p of placeCells(t)) {
    const row = plan.firstRow + p.r;
    const col = p.c + 1;
    const c = p.cell;
    if (p.rowSpan > 1 || p.colSpan > 1) ws.mergeCells(row, col, row + p.rowSpan - 1, col + p.colSpan - 1);
    const x = ws.getCell(row, col);
    x.value = cellValue(c, ws.name, addr);
    if (c.numFmt && typeof c.value === 'number') x.numFmt = c.numFmt;
    x.font = font(c.head ? fonts.hei : fonts.fang, t.fontSize, !!c.bold && !c.head);
    x.alignment = {
      horizontal: c.align === 'justify' ? 'left' : (c.align ?? (c.head ? 'center' : 'left')),
      vertical: 'middle',
      wrapText: true,
    };
    if (c.head) x.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    for (let i = 0; i < p.rowSpan; i++)
      for (let j = 0; j < p.colSpan; j++) ws.getCell(row + i, col + j).border = BORDER;
    const w = widths.slice(p.c, p.c + p.colSpan).reduce((a, b) => a + b, 0);
    const h = (lineCount(c.text, w, t.fontSize) * t.fontSize * 1.3 + 6) / p.rowSpan;
    for (let i = 0; i < p.rowSpan; i++) heights.set(row + i, Math.max(heights.get(row + i) ?? 0, h));
  }
  for (const [row, h] of heights) ws.getRow(row).height = Math.min(409, Math.max(18, Math.round(h)));

  // Notes.
  r = plan.firstRow + t.rows.length;
  const fullWidth = widths.reduce((a, b) => a + b, 0);
  for (const n of t.notes) {
    ws.mergeCells(r, 1, r, ncols);
    const x = ws.getCell(r, 1);
    x.value = n;
    x.font = font(fonts.fang, 10.5);
    x.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    ws.getRow(r).height = Math.max(16, lineCount(n, fullWidth, 10.5) * 15);
    r++;
  }

  let head = 0;
  while (head < t.rows.length && t.rows[head]!.header) head++;
  const m = MARGINS_MM[t.orientation];
  const inch = (mm: number) => Math.round((mm / 25.4) * 100) / 100;
  ws.pageSetup = {
    paperSize: 9,
    orientation: t.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: {
      top: inch(m.top),
      bottom: inch(m.bottom),
      left: inch(m.left),
      right: inch(m.right),
      header: 0.3,
      footer: inch(m.bottom - 13),
    },
    ...(head ? { printTitlesRow: `${plan.firstRow}:${plan.firstRow + head - 1}` } : {}),
  };
  ws.headerFooter = { oddFooter: '&R— &P —', evenFooter: '&L— &P —', differentOddEven: true };
}

function cellValue(c: Cell, here: string, addr: Map<string, Address>): ExcelJS.CellValue {
  if (c.calc) {
    const resolve = (id: string) => {
      const a = addr.get(id);
      if (!a) throw new Error(`单元格“${c.text}”的公式引用了不存在的单元格 ${id}`);
      return a;
    };
    const formula =
      c.calc.op === 'sum'
        ? sumFormula(c.calc.refs.map(resolve), here)
        : gradeFormula(resolve(c.calc.ref), here, c.calc);
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

export function buildWorkbook(doc: ReportDocument, opts: XlsxOptions = {}): ExcelJS.Workbook {
  const fonts = FONT_SETS[opts.fontSet ?? 'gb'];
  const plans = sheetPlans(doc);
  const addr = new Map<string, Address>();
  for (const p of plans) {
    for (const pc of placeCells(p.table))
      if (pc.cell.id) addr.set(pc.cell.id, { sheet: p.name, row: p.firstRow + pc.r, col: pc.c + 1 });
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  wb.title = doc.meta.title;
  wb.subject = doc.meta.framework.name;
  wb.created = new Date(0);
  wb.modified = new Date(0);
  wb.calcProperties = { fullCalcOnLoad: true };
  for (const p of plans) {
    const ws = wb.addWorksheet(p.name, { views: [{ showGridLines: false }] });
    writeSheet(ws, p, addr, fonts);
  }
  return wb;
}

export async function renderXlsx(doc: ReportDocument, opts: XlsxOptions = {}): Promise<Buffer> {
  const wb = buildWorkbook(doc, opts);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
