/**
 * The XLSX writer as it was on exceljs (4.4), kept as the reference that src/reports/xlsx.ts
 * (SpreadsheetML as strings) is compared with in ./xlsx-reference.test.ts: the workbook built cell by
 * cell in exceljs's model, its parts collected from exceljs's writer, calcPr replaced, zipped once.
 * Formulas, sheet plans, column widths and row heights are the writer's own (imported), so what is
 * compared is the workbook exceljs makes of them.
 */
import ExcelJS from 'exceljs';
import { columnWidthsPt } from '../../src/reports/columns.js';
import { FONT_SETS, type Fonts, MARGINS_MM } from '../../src/reports/fonts.js';
import { type Calc, type Cell, placeCells, type ReportDocument, type Table } from '../../src/reports/model.js';
import { tableSegments } from '../../src/reports/segments.js';
import { CALC_PR } from '../../src/reports/xlsx-package.js';
import {
  type Address,
  cellAddresses,
  cellFormula,
  colName,
  lineCount,
  SHEET_PT,
  type SheetPlan,
  sheetPlans,
  UNIT_PT,
  DRAFT_HEADER,
  type XlsxOptions,
} from '../../src/reports/xlsx.js';
import { zipParts } from '../../src/reports/zip-writer.js';

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF000000' } },
  left: { style: 'thin', color: { argb: 'FF000000' } },
  bottom: { style: 'thin', color: { argb: 'FF000000' } },
  right: { style: 'thin', color: { argb: 'FF000000' } },
};

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
  const mark = draft ? DRAFT_HEADER : '';
  ws.headerFooter = {
    differentOddEven: true,
    ...(draft && { oddHeader: mark, evenHeader: mark }),
    oddFooter: '&R— &P —',
    evenFooter: '&L— &P —',
  };
}

function cellValue(c: Cell, here: string, addr: Map<string, Address>): ExcelJS.CellValue {
  if (c.calc)
    return {
      formula: cellFormula(c as Cell & { calc: Calc }, here, addr),
      result: c.value ?? '',
    } as ExcelJS.CellFormulaValue;
  if (typeof c.value === 'number') return c.value;
  return c.text;
}

/** The report's sheets written into `wb`, an empty exceljs workbook. */
export function buildWorkbook(wb: ExcelJS.Workbook, doc: ReportDocument, opts: XlsxOptions = {}): ExcelJS.Workbook {
  const fonts = FONT_SETS[opts.fontSet ?? 'gb'];
  const plans = sheetPlans(doc);
  const addr = cellAddresses(plans);
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

export async function workbookPartsReference(wb: ExcelJS.Workbook): Promise<Array<[string, string | Buffer]>> {
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

/** Recalculation on open that survives a re-save (see CALC_PR). */
const recalcOnOpen = (workbookXml: string) => workbookXml.replace(/<calcPr[^>]*\/>/, CALC_PR);

export async function renderXlsxReference(doc: ReportDocument, opts: XlsxOptions = {}): Promise<Buffer> {
  const parts = await workbookPartsReference(buildWorkbook(new ExcelJS.Workbook(), doc, opts));
  return zipParts(
    parts.map(([name, data]): [string, string | Buffer] => [
      name,
      name === 'xl/workbook.xml' ? recalcOnOpen(String(data)) : data,
    ]),
    // The theme and, per layout, the styles recur from workbook to workbook.
    { reuse: (name) => name === 'xl/theme/theme1.xml' || name === 'xl/styles.xml' },
  );
}
