import type ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import type { Block, Doc } from './document.js';
import { ImportError, LIMITS } from './limits.js';
import { cleanText, libraryReason } from './text-util.js';
import { SafeZip } from './zip.js';

/**
 * XLSX via exceljs, fed only what was checked first. The parts a workbook's cells need (workbook,
 * relationships, sheets, shared strings, styles) are inflated through SafeZip's counters and handed
 * to exceljs re-packed uncompressed, so exceljs never inflates a size the directory lied about;
 * images and other parts are not read at all. Each sheet's cell references are scanned before
 * exceljs builds anything: a cell with content beyond LIMITS.maxSheetRows × maxSheetCols, or more
 * cells than LIMITS.maxSheetCells, refuses the file. Cells are then visited sparsely (never a dense
 * rows × columns loop). Each sheet is a table (the covered cells of a merged range are empty); a
 * sheet that uses a single column is read as paragraphs (the report's text).
 */
const PARTS =
  /^(\[Content_Types\]\.xml|_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/worksheets\/[^/]+\.xml|xl\/sharedStrings\.xml|xl\/styles\.xml)$/i;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Refuses a sheet whose cells reach beyond the limits, before anything is allocated for them. */
export function checkSheetXml(xml: string, sheet: string, name?: string): void {
  let cells = 0;
  let at = 0;
  // A linear scan: each <c …> tag, and its content up to the next </c>.
  for (;;) {
    const open = xml.indexOf('<c', at);
    if (open < 0) break;
    const after = xml.charCodeAt(open + 2);
    const end = xml.indexOf('>', open);
    if (end < 0) break;
    at = end + 1;
    // <c>, <c …> or <c/> only (not <cols>, <col …>).
    if (!(after === 0x20 || after === 0x3e || after === 0x2f || after === 0x09 || after === 0x0a || after === 0x0d))
      continue;
    if (++cells > LIMITS.maxSheetCells)
      throw new ImportError('too-large', `工作表“${sheet}”单元格过多（超过${LIMITS.maxSheetCells}个）`, name);
    const tag = xml.slice(open, end);
    let content = '';
    if (!tag.endsWith('/')) {
      const close = xml.indexOf('</c>', at);
      if (close < 0) break;
      content = xml.slice(at, Math.min(close, at + 200));
      at = close + 4;
    }
    if (!/<(v|is|f)\b/.test(content)) continue;
    const ref = /\br="([A-Z]{1,3})(\d{1,8})"/.exec(tag);
    if (!ref) continue;
    const col = colNumber(ref[1]!);
    const row = Number(ref[2]);
    if (col > LIMITS.maxSheetCols || row > LIMITS.maxSheetRows)
      throw new ImportError(
        'too-large',
        `工作表“${sheet}”在单元格 ${ref[1]}${ref[2]} 有内容，超出可读取的范围（最多${LIMITS.maxSheetRows}行、${LIMITS.maxSheetCols}列），疑为恶意构造的表格`,
        name,
      );
  }
}

/** A workbook loaded by exceljs from only the checked parts (see above): what every XLSX reader starts from. */
export async function loadWorkbookSafely(buf: Uint8Array, name?: string): Promise<ExcelJS.Workbook> {
  const zip = await SafeZip.open(buf, name);
  if (!zip.has('xl/workbook.xml')) throw new ImportError('corrupt', 'XLSX 中缺少 xl/workbook.xml', name);
  const parts: Record<string, Uint8Array> = {};
  for (const entry of zip.names().filter((n) => PARTS.test(n))) {
    const bytes = await zip.read(entry);
    if (!bytes) continue;
    if (/^xl\/worksheets\//i.test(entry)) checkSheetXml(bytes.toString('utf8'), entry.replace(/^.*\//, ''), name);
    parts[entry] = bytes;
  }
  // Loaded on demand: a process reading text or PDF need not load exceljs.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    const packed = Buffer.from(zipSync(parts, { level: 0 }));
    await wb.xlsx.load(packed as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (e) {
    throw new ImportError('corrupt', `XLSX 文件无法读取，文件已损坏或不是有效的 Excel 工作簿${libraryReason(e)}`, name);
  }
  return wb;
}

export async function readXlsx(buf: Uint8Array, name?: string): Promise<Doc> {
  const wb = await loadWorkbookSafely(buf, name);
  const blocks: Block[] = [];
  const notes: string[] = [];
  const sheets = wb.worksheets.slice(0, LIMITS.maxSheets);
  if (wb.worksheets.length > LIMITS.maxSheets)
    notes.push(`工作簿有${wb.worksheets.length}个工作表，只读取前${LIMITS.maxSheets}个`);
  let table = 0;
  for (const ws of sheets) {
    table++;
    // Rows whose one cell is merged across three or more columns are titles (“（2022年度）”), not table rows.
    const titles = new Set<number>();
    for (const m of (ws.model as { merges?: string[] }).merges ?? []) {
      const r = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(m);
      if (r && r[2] === r[4] && colNumber(r[3]!) - colNumber(r[1]!) >= 2 && r[1] === 'A') titles.add(Number(r[2]));
    }
    const rows: string[][] = [];
    const isTitle: boolean[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (r > LIMITS.maxSheetRows) return;
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (c > LIMITS.maxSheetCols) return;
        const covered = cell.isMerged && cell.master && cell.master.address !== cell.address;
        const text = covered ? '' : cleanText(cellString(cell)).replace(/\t/g, ' ');
        if (!text) return;
        while (cells.length < c - 1) cells.push('');
        cells[c - 1] = text;
      });
      if (cells.length) {
        rows.push(cells);
        isTitle.push(titles.has(r) && cells.filter(Boolean).length === 1);
      }
    });
    if (!rows.length) continue;
    const singleColumn = rows.every((r) => r.length <= 1);
    // A sheet boundary ends a table.
    blocks.push({ kind: 'p', text: `［工作表：${ws.name}］` });
    for (const [k, cells] of rows.entries()) {
      if (isTitle[k] && !singleColumn) {
        blocks.push({ kind: 'p', text: cells[0]!.trim() });
        continue;
      }
      if (singleColumn) {
        for (const line of cells[0]!.split('\n')) if (line.trim()) blocks.push({ kind: 'p', text: line.trim() });
      } else blocks.push({ kind: 'row', cells, table });
    }
  }
  if (!blocks.length) notes.push('工作簿中没有数据');
  return { format: 'xlsx', blocks, notes };
}

export function cellString(cell: ExcelJS.Cell): string {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && v !== null) {
    const o = v as { result?: unknown; richText?: Array<{ text: string }>; text?: string; error?: string };
    if ('result' in o) return o.result === undefined || o.result === null ? '' : String(o.result);
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (typeof o.text === 'string') return o.text;
    if (o.error) return '';
  }
  if (typeof v === 'number') {
    if (/%/.test(cell.numFmt ?? '')) return `${Math.round(v * 100 * 1e6) / 1e6}%`;
    return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
  }
  try {
    return cell.text ?? String(v);
  } catch {
    return String(v);
  }
}
