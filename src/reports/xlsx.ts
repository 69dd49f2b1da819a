/**
 * XLSX a finance clerk can work in: one worksheet per table (自评表, 得分汇总, 指标计分), merged cells as in
 * the document, money and rates as numbers (rates in percent format), every rule score that the rule
 * allows a formula of its 指标值 and 实际完成值 cells on the 指标计分 sheet, subtotals, totals and the
 * grade formulas over them — each with the core's number as its cached result, so the file adds up when
 * opened and still adds up after a figure is corrected. Printing: A4, the table's orientation, the 公文
 * margins, fit to one page wide, the heading rows repeated, print area, page numbers; row heights from
 * the content. The workbook asks to be recalculated on open, in a way that a re-save keeps. Written as
 * SpreadsheetML strings in one pass — the parts exceljs wrote for the same workbook (see the section below).
 */
import { columnWidthsPt, textWidthPt } from './columns.js';
import { FONT_SETS, type FontSet, type Fonts, MARGINS_MM } from './fonts.js';
import { type Calc, type Cell, placeCells, type ReportDocument, type Table } from './model.js';
import { tableSegments } from './segments.js';
import {
  BUILTIN_NUM_FMTS,
  CALC_PR,
  CELL_STYLE_XFS,
  contentTypes,
  DEFAULT_BORDER,
  DEFAULT_FILLS,
  DEFAULT_FONT,
  DEFAULT_XF,
  PACKAGE_RELS,
  SHEET_VIEWS,
  STYLES_CLOSE,
  STYLES_OPEN,
  THEME,
  WORKBOOK_OPEN,
  workbookRels,
  WORKSHEET_OPEN,
  XML_HEAD,
} from './xlsx-package.js';
import { zipParts } from './zip-writer.js';

export interface XlsxOptions {
  fontSet?: FontSet;
}

export interface Address {
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

/** Points across the printed width of a sheet before fitting to the page (A4 text width at about 80 %). */
export const SHEET_PT = { portrait: 560, landscape: 820 };
/** One Excel column width unit (a digit of the default font) in pt. */
export const UNIT_PT = 5.6;

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
export function lineCount(text: string, widthPt: number, fontSize: number): number {
  const avail = Math.max(fontSize, widthPt - 6);
  return text
    .split(/\r?\n/)
    .reduce((n, line) => n + Math.max(1, Math.ceil((textWidthPt(line, fontSize) * 1.08) / avail)), 0);
}

/** The formula of a computed cell, its references resolved to sheet addresses. */
export function cellFormula(c: Cell & { calc: Calc }, here: string, addr: Map<string, Address>): string {
  const resolve = (id: string) => {
    const a = addr.get(id);
    if (!a) throw new Error(`单元格“${c.text}”的公式引用了不存在的单元格 ${id}`);
    return a;
  };
  const calc = c.calc;
  switch (calc.op) {
    case 'sum':
      return sumFormula(calc.refs.map(resolve), here);
    case 'grade':
      return gradeFormula(resolve(calc.ref), here, calc);
    case 'ref':
      return refOf(resolve(calc.ref), here);
    case 'ratio': {
      const q = `IF(${refOf(resolve(calc.den), here)}=0,0,${refOf(resolve(calc.num), here)}/${refOf(resolve(calc.den), here)})`;
      return calc.decimals === undefined ? q : `ROUND(${q},${calc.decimals})`;
    }
    case 'score':
      return scoreFormula(
        calc,
        refOf(resolve(calc.actual), here),
        calc.targetRef && addr.has(calc.targetRef) ? refOf(resolve(calc.targetRef), here) : undefined,
      );
  }
}

/** Where each table goes: its worksheet and the row its first table row lands on (title and captions above). */
export function sheetPlans(doc: ReportDocument): SheetPlan[] {
  const names = uniqueNames(doc.sheets);
  return doc.sheets.map((t, i) => ({ table: t, name: names[i]!, firstRow: 2 + t.captions.length }));
}

/** Where each cell with an id lands (the targets of formulas). */
export function cellAddresses(plans: SheetPlan[]): Map<string, Address> {
  const addr = new Map<string, Address>();
  for (const p of plans) {
    for (const pc of placeCells(p.table))
      if (pc.cell.id) addr.set(pc.cell.id, { sheet: p.name, row: p.firstRow + pc.r, col: pc.c + 1 });
  }
  return addr;
}

/** The draft's mark, centred in the page header of every page (the page numbers sit at the footer's outer corner). */
export const DRAFT_HEADER = '&C&"黑体"&20&K999999草稿';

// ───────────────────────────── SpreadsheetML as strings ─────────────────────────────
//
// The parts are those exceljs 4.4 wrote for the same workbook (its writer is kept as
// test/reports/xlsx-reference.ts, which the tests compare with part for part): the same styles in the
// same order, shared strings in the order the cells are met, merges in the order exceljs listed them.

const ESCAPE = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
const ESCAPE_ALL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
/** Text and attribute values escaped as exceljs did: the five entities; control characters but tab, LF and CR dropped. */
const esc = (s: string): string => (ESCAPE.test(s) ? s.replace(ESCAPE_ALL, (ch) => ENTITY[ch] ?? '') : s);

/** A cell format; `id` once the workbook's styles have met it. */
interface Style {
  numFmt?: string;
  font: string;
  size: number;
  bold: boolean;
  horizontal: string;
  vertical: 'center' | 'top';
  wrap: boolean;
  fill?: string;
  border: boolean;
  unlocked: boolean;
  id?: number;
}

const THIN = '<color rgb="FF000000"/>';
const BORDER_XML = `<border><left style="thin">${THIN}</left><right style="thin">${THIN}</right><top style="thin">${THIN}</top><bottom style="thin">${THIN}</bottom><diagonal/></border>`;
const HEAD_FILL = 'FFF2F2F2';
const INPUT_FILL = 'FFFFF2CC';

/** styles.xml: fonts, fills, borders, number formats and cell formats, each numbered when first met. */
class StyleBook {
  private readonly numFmts = new Map<string, number>();
  private readonly fonts = new Map<string, number>([[DEFAULT_FONT, 0]]);
  private readonly fills = new Map<string, number>(DEFAULT_FILLS.map((f, i) => [f, i]));
  private readonly borders = new Map<string, number>([[DEFAULT_BORDER, 0]]);
  private readonly xfs = new Map<string, number>([[DEFAULT_XF, 0]]);

  id(s: Style): number {
    if (s.id !== undefined) return s.id;
    const numFmtId = s.numFmt === undefined ? 0 : this.numFmtId(s.numFmt);
    const fontId = add(
      this.fonts,
      `<font>${s.bold ? '<b/>' : ''}<sz val="${s.size}"/><name val="${esc(s.font)}"/></font>`,
    );
    const borderId = s.border ? add(this.borders, BORDER_XML) : 0;
    const fillId =
      s.fill === undefined
        ? 0
        : add(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${s.fill}"/></patternFill></fill>`);
    const xf =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}` +
      `${borderId ? ' applyBorder="1"' : ''} applyAlignment="1"${s.unlocked ? ' applyProtection="1"' : ''}>` +
      `<alignment horizontal="${s.horizontal}" vertical="${s.vertical}"${s.wrap ? ' wrapText="1"' : ''}/>` +
      `${s.unlocked ? '<protection locked="0"/>' : ''}</xf>`;
    return (s.id = add(this.xfs, xf));
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_NUM_FMTS.get(code);
    if (builtin !== undefined) return builtin;
    return add(this.numFmts, code) + 164;
  }

  xml(): string {
    const list = (m: Map<string, number>) => [...m.keys()].join('');
    const numFmts = this.numFmts.size
      ? `<numFmts count="${this.numFmts.size}">${[...this.numFmts]
          .map(([code, i]) => `<numFmt numFmtId="${i + 164}" formatCode="${esc(code)}"/>`)
          .join('')}</numFmts>`
      : '';
    return (
      `${STYLES_OPEN}${numFmts}<fonts count="${this.fonts.size}" x14ac:knownFonts="1">${list(this.fonts)}</fonts>` +
      `<fills count="${this.fills.size}">${list(this.fills)}</fills><borders count="${this.borders.size}">${list(this.borders)}</borders>` +
      `${CELL_STYLE_XFS}<cellXfs count="${this.xfs.size}">${list(this.xfs)}</cellXfs>${STYLES_CLOSE}`
    );
  }
}

/** The index of `key` in an insertion-ordered set, adding it when new. */
function add(m: Map<string, number>, key: string): number {
  let i = m.get(key);
  if (i === undefined) m.set(key, (i = m.size));
  return i;
}

/** sharedStrings.xml: each distinct text once, in the order the cells are met; `count` is every use. */
class SharedStrings {
  private readonly ids = new Map<string, number>();
  private count = 0;

  id(text: string): number {
    this.count++;
    return add(this.ids, text);
  }

  xml(): string {
    let out = `${XML_HEAD}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.ids.size}">`;
    for (const t of this.ids.keys())
      out += /^\s|\n|\s$/.test(t) ? `<si><t xml:space="preserve">${esc(t)}</t></si>` : `<si><t>${esc(t)}</t></si>`;
    return `${out}</sst>`;
  }
}

/** What a cell holds: nothing (a merged cell's others), a text, a number, or a formula with its cached result. */
type Content =
  | { kind: 'none'; merge?: string }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'formula'; formula: string; result: number | string };

interface SheetCell {
  style: Style;
  content: Content;
}

interface SheetRow {
  height?: number;
  cells: Array<SheetCell | undefined>;
}

/** One worksheet's cells, rows and merges before they are written out. */
class Sheet {
  readonly rows: Array<SheetRow | undefined> = [];

  row(r: number): SheetRow {
    return (this.rows[r] ??= { cells: [] });
  }

  set(r: number, c: number, style: Style, content: Content): void {
    this.row(r).cells[c] = { style, content };
  }

  /** A merged range: its first cell holds `content`, every cell the style. */
  merge(r1: number, c1: number, r2: number, c2: number, style: Style, content: Content): void {
    const merge = { kind: 'none' as const, merge: `${colName(c1)}${r1}:${colName(c2)}${r2}` };
    for (let r = r1; r <= r2; r++)
      for (let c = c1; c <= c2; c++) this.set(r, c, style, r === r1 && c === c1 ? content : merge);
  }
}

const text = (t: string): Content => ({ kind: 'text', text: t });

function fillSheet(sheet: Sheet, plan: SheetPlan, addr: Map<string, Address>, fonts: Fonts, styleOf: StyleCache) {
  const t = plan.table;
  const ncols = t.columns.length;
  const widthsPt = columnWidthsPt(t, SHEET_PT[t.orientation]);
  const fullPt = widthsPt.reduce((a, b) => a + b, 0);
  const plain = (font: string, size: number, horizontal: string, vertical: 'center' | 'top', wrap: boolean) =>
    styleOf(`${font}|${size}|${horizontal}|${vertical}|${wrap}`, () => ({
      font,
      size,
      bold: false,
      horizontal,
      vertical,
      wrap,
      border: false,
      unlocked: false,
    }));

  // Title and captions.
  let r = 1;
  sheet.merge(r, 1, r, ncols, plain(fonts.title, 16, 'center', 'center', true), text(t.title));
  sheet.row(r).height = 30;
  r++;
  const half = Math.max(1, Math.floor(ncols / 2));
  const captionRow = (c: Table['captions'][number]) => {
    if (c.center !== undefined) {
      sheet.merge(r, 1, r, ncols, plain(fonts.fang, 12, 'center', 'center', false), text(c.center));
    } else {
      const left = plain(fonts.fang, 12, 'left', 'center', false);
      const right = plain(fonts.fang, 12, 'right', 'center', false);
      sheet.merge(r, 1, r, half, left, text(c.left ?? ''));
      sheet.merge(r, half + 1, r, Math.max(half + 1, ncols), right, text(c.right ?? ''));
    }
    sheet.row(r).height = 20;
    r++;
  };
  t.captions.forEach(captionRow);

  // The table.
  const heights = new Map<number, number>();
  for (const p of placeCells(t)) {
    const row = plan.firstRow + p.r;
    const col = p.c + 1;
    const c = p.cell;
    const numFmt = c.numFmt && typeof c.value === 'number' ? c.numFmt : undefined;
    const horizontal = c.align === 'justify' ? 'left' : (c.align ?? (c.head ? 'center' : 'left'));
    const face = c.head ? fonts.hei : fonts.fang;
    const bold = !!c.bold && !c.head;
    const style = styleOf(
      `${numFmt}|${face}|${t.fontSize}|${bold}|${horizontal}|${!c.nowrap}|${!!c.head}|${!!c.input}`,
      () => ({
        ...(numFmt && numFmt !== 'General' && { numFmt }),
        font: face,
        size: t.fontSize,
        bold,
        horizontal,
        vertical: 'center',
        wrap: !c.nowrap,
        ...(c.head && { fill: HEAD_FILL }),
        ...(c.input && { fill: INPUT_FILL }),
        border: true,
        unlocked: !!c.input,
      }),
    );
    const content: Content = c.calc
      ? { kind: 'formula', formula: cellFormula(c as Cell & { calc: Calc }, plan.name, addr), result: c.value ?? '' }
      : typeof c.value === 'number'
        ? { kind: 'number', value: c.value }
        : text(c.text);
    sheet.merge(row, col, row + p.rowSpan - 1, col + p.colSpan - 1, style, content);
    const w = widthsPt.slice(p.c, p.c + p.colSpan).reduce((a, b) => a + b, 0);
    const h = (lineCount(c.text, w, t.fontSize) * t.fontSize * 1.35 + 6) / p.rowSpan;
    for (let i = 0; i < p.rowSpan; i++) heights.set(row + i, Math.max(heights.get(row + i) ?? 0, h));
  }
  for (const [row, h] of heights) sheet.row(row).height = Math.min(409, Math.max(18, Math.ceil(h)));

  // Notes and the lines under the table.
  r = plan.firstRow + t.rows.length;
  for (const n of t.notes) {
    sheet.merge(r, 1, r, ncols, plain(fonts.fang, 10.5, 'left', 'top', true), text(n));
    sheet.row(r).height = Math.max(16, Math.ceil(lineCount(n, fullPt, 10.5) * 10.5 * 1.4 + 4));
    r++;
  }
  (t.footer ?? []).forEach(captionRow);
  return { widthsPt, lastRow: r - 1 };
}

type StyleCache = (key: string, make: () => Style) => Style;

/** sheetN.xml: cells in row order, each style and text numbered as met. */
function sheetXml(
  sheet: Sheet,
  plan: SheetPlan,
  widthsPt: number[],
  lastRow: number,
  draft: boolean,
  styles: StyleBook,
  strings: SharedStrings,
): string {
  const t = plan.table;
  let data = '';
  const merges = new Set<string>();
  let top = 0;
  let bottom = 0;
  let left = 0;
  let right = 0;
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    let min = 0;
    let max = 0;
    let cells = '';
    row.cells.forEach((cell, c) => {
      if (!cell) return;
      if (!min) min = c;
      max = c;
      const s = styles.id(cell.style);
      const ref = `${colName(c)}${r}`;
      const x = cell.content;
      const sAttr = s ? ` s="${s}"` : '';
      switch (x.kind) {
        case 'none':
          if (x.merge !== undefined) merges.add(x.merge);
          if (s) cells += `<c r="${ref}"${sAttr}/>`;
          break;
        case 'text':
          cells += `<c r="${ref}"${sAttr} t="s"><v>${strings.id(x.text)}</v></c>`;
          break;
        case 'number':
          cells += `<c r="${ref}"${sAttr}><v>${x.value}</v></c>`;
          break;
        case 'formula':
          cells +=
            typeof x.result === 'number'
              ? `<c r="${ref}"${sAttr}><f>${esc(x.formula)}</f><v>${x.result}</v></c>`
              : `<c r="${ref}"${sAttr} t="str"><f>${esc(x.formula)}</f><v>${esc(x.result)}</v></c>`;
          break;
      }
    });
    if (row.height === undefined && !min) return;
    if (!top) top = r;
    bottom = r;
    if (min && (!left || min < left)) left = min;
    if (max > right) right = max;
    data +=
      `<row r="${r}"${row.height ? ` ht="${row.height}" customHeight="1"` : ''}` +
      `${min ? ` spans="${min}:${max}"` : ''} x14ac:dyDescent="0.25"${cells ? `>${cells}</row>` : '/>'}`;
  });

  // Columns of the same width side by side are one <col>; a column of the default width (9) has none.
  const widths = widthsPt.map((w) => Math.round((w / UNIT_PT) * 10) / 10);
  let cols = '';
  for (let i = 0; i < widths.length;) {
    let j = i;
    while (j + 1 < widths.length && widths[j + 1] === widths[i]) j++;
    if (widths[i] !== 9)
      cols += `<col min="${i + 1}" max="${j + 1}"${widths[i] ? ` width="${widths[i]}"` : ''} customWidth="1"/>`;
    i = j + 1;
  }

  const m = MARGINS_MM[t.orientation];
  const inch = (mm: number) => Math.round((mm / 25.4) * 100) / 100;
  const mark = draft ? esc(DRAFT_HEADER) : '';
  return (
    `${WORKSHEET_OPEN}${top ? `<dimension ref="${colName(left)}${top}:${colName(right)}${bottom}"/>` : ''}${SHEET_VIEWS}` +
    `${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${data}</sheetData>` +
    `${merges.size ? `<mergeCells count="${merges.size}">${[...merges].map((x) => `<mergeCell ref="${x}"/>`).join('')}</mergeCells>` : ''}` +
    `<printOptions horizontalCentered="1"/><pageMargins left="${inch(m.left)}" right="${inch(m.right)}" top="${inch(m.top)}" bottom="${inch(m.bottom)}" header="0.3" footer="${inch(m.bottom - 13)}"/>` +
    `<pageSetup paperSize="9" orientation="${t.orientation}" fitToWidth="1" fitToHeight="0"/>` +
    `<headerFooter differentOddEven="1">${draft ? `<oddHeader>${mark}</oddHeader>` : ''}<oddFooter>&amp;R— &amp;P —</oddFooter>` +
    `${draft ? `<evenHeader>${mark}</evenHeader>` : ''}<evenFooter>&amp;L— &amp;P —</evenFooter></headerFooter></worksheet>`
  );
}

/** The workbook's parts, in the order exceljs wrote them. */
export function workbookParts(doc: ReportDocument, opts: XlsxOptions = {}): Array<[string, string]> {
  const fonts = FONT_SETS[opts.fontSet ?? 'gb'];
  const plans = sheetPlans(doc);
  const addr = cellAddresses(plans);
  const cache = new Map<string, Style>();
  const styleOf: StyleCache = (key, make) => {
    let s = cache.get(key);
    if (!s) cache.set(key, (s = make()));
    return s;
  };
  const styles = new StyleBook();
  const strings = new SharedStrings();
  const sheets = plans.map((p) => {
    const sheet = new Sheet();
    const { widthsPt, lastRow } = fillSheet(sheet, p, addr, fonts, styleOf);
    return { xml: sheetXml(sheet, p, widthsPt, lastRow, doc.meta.draft, styles, strings), lastRow };
  });

  // The print area of every sheet, and the heading rows of its table's first piece, repeated on every page.
  let definedNames = '';
  plans.forEach((p, i) => {
    const q = `${quoteSheet(p.name)}!`; // exceljs left an apostrophe in a sheet name undoubled
    definedNames += `<definedName name="_xlnm.Print_Area" localSheetId="${i}">${esc(`${q}$A1:$${colName(p.table.columns.length)}${sheets[i]!.lastRow}`)}</definedName>`;
    const head = tableSegments(p.table)[0]!.head;
    if (head)
      definedNames += `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${esc(`${q}$${p.firstRow}:$${p.firstRow + head - 1}`)}</definedName>`;
  });
  const workbook =
    `${WORKBOOK_OPEN}<sheets>${plans.map((p, i) => `<sheet sheetId="${i + 1}" name="${esc(p.name)}" state="visible" r:id="rId${i + 4}"/>`).join('')}</sheets>` +
    `<definedNames>${definedNames}</definedNames>${CALC_PR}</workbook>`;
  const n = plans.length;
  const app =
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${plans.map((p) => `<vt:lpstr>${esc(p.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
    '<Company></Company><Manager></Manager><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>';
  const core =
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${esc(doc.meta.unit || 'Unknown')}</dc:creator><dc:title>${esc(doc.meta.title)}</dc:title><dc:subject>${esc(doc.meta.framework.name)}</dc:subject>` +
    '<dc:description></dc:description><cp:keywords></cp:keywords><cp:category></cp:category><cp:lastModifiedBy>Unknown</cp:lastModifiedBy>' +
    '<dcterms:created xsi:type="dcterms:W3CDTF">1970-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">1970-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>';
  return [
    ['[Content_Types].xml', contentTypes(n)],
    ['_rels/.rels', PACKAGE_RELS],
    ['xl/_rels/workbook.xml.rels', workbookRels(n)],
    ...sheets.map((s, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, s.xml]),
    ['xl/sharedStrings.xml', strings.xml()],
    ['xl/theme/theme1.xml', THEME],
    ['xl/styles.xml', styles.xml()],
    ['docProps/app.xml', app],
    ['docProps/core.xml', core],
    ['xl/workbook.xml', workbook],
  ];
}

export async function renderXlsx(doc: ReportDocument, opts: XlsxOptions = {}): Promise<Buffer> {
  return zipParts(workbookParts(doc, opts), {
    // The theme and, per layout, the styles recur from workbook to workbook.
    reuse: (name) => name === 'xl/theme/theme1.xml' || name === 'xl/styles.xml',
  });
}
