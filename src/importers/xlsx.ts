import ExcelJS from 'exceljs';
import type { Block, Doc } from './document.js';
import { ImportError, LIMITS } from './limits.js';
import { cleanText } from './text-util.js';
import { openZip } from './zip.js';

/**
 * XLSX via exceljs. Each sheet is a table (rows of cell texts; the covered cells of a merged range
 * are empty); a sheet that uses a single column is read as paragraphs (the report's text). The
 * container is checked for zip bombs before exceljs inflates it.
 */
export async function readXlsx(buf: Uint8Array, name?: string): Promise<Doc> {
  await openZip(buf, name);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(
      Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as unknown as Parameters<typeof wb.xlsx.load>[0],
    );
  } catch (e) {
    throw new ImportError('corrupt', `XLSX 文件无法读取：${(e as Error).message}`, name);
  }
  const blocks: Block[] = [];
  const notes: string[] = [];
  const sheets = wb.worksheets.slice(0, LIMITS.maxSheets);
  if (wb.worksheets.length > LIMITS.maxSheets)
    notes.push(`工作簿有${wb.worksheets.length}个工作表，只读取前${LIMITS.maxSheets}个`);
  let table = 0;
  for (const ws of sheets) {
    table++;
    const rows: string[][] = [];
    const maxRow = Math.min(ws.rowCount, LIMITS.maxSheetRows);
    if (ws.rowCount > LIMITS.maxSheetRows)
      notes.push(`工作表“${ws.name}”有${ws.rowCount}行，只读取前${LIMITS.maxSheetRows}行`);
    const maxCol = Math.min(ws.columnCount, LIMITS.maxSheetCols);
    for (let r = 1; r <= maxRow; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= maxCol; c++) {
        const cell = row.getCell(c);
        if (cell.isMerged && cell.master && cell.master.address !== cell.address) {
          cells.push('');
          continue;
        }
        cells.push(cleanText(cellString(cell)).replace(/\t/g, ' '));
      }
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      rows.push(cells);
    }
    const used = rows.filter((r) => r.length > 0);
    if (!used.length) continue;
    const singleColumn = used.every((r) => r.length <= 1);
    // A sheet boundary ends a table.
    blocks.push({ kind: 'p', text: `［工作表：${ws.name}］` });
    for (const cells of rows) {
      if (!cells.length) continue;
      if (singleColumn) {
        for (const line of cells[0]!.split('\n')) if (line.trim()) blocks.push({ kind: 'p', text: line.trim() });
      } else blocks.push({ kind: 'row', cells, table });
    }
  }
  if (!blocks.length) notes.push('工作簿中没有数据');
  return { format: 'xlsx', blocks, notes };
}

function cellString(cell: ExcelJS.Cell): string {
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
