/** @module The review list as an XLSX workbook: one row per evaluation, the columns the list shows. */
import type { ReviewRow } from './contract.js';

const COLUMNS: Array<{ header: string; width: number; value: (r: ReviewRow) => string | number | null }> = [
  { header: '评价编号', width: 10, value: (r) => r.id },
  { header: '评价轮次', width: 28, value: (r) => r.roundName },
  { header: '年度', width: 8, value: (r) => r.year },
  { header: '单位', width: 30, value: (r) => r.orgName },
  { header: '单位类型', width: 10, value: (r) => r.orgKindLabel },
  { header: '状态', width: 14, value: (r) => r.statusLabel },
  { header: '核定分', width: 10, value: (r) => r.total },
  { header: '等级', width: 8, value: (r) => r.grade },
  { header: '自评分', width: 10, value: (r) => r.claimedTotal },
  { header: '自评分−核定分', width: 14, value: (r) => r.diff },
  { header: '最后修改', width: 20, value: (r) => r.updatedAt.slice(0, 19).replace('T', ' ') },
];

export async function reviewWorkbook(rows: ReviewRow[], title: string): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'jixiao';
  const ws = wb.addWorksheet('评价列表', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  const head = ws.getRow(2);
  COLUMNS.forEach((c, i) => {
    head.getCell(i + 1).value = c.header;
    head.getCell(i + 1).font = { bold: true };
  });
  for (const r of rows) ws.addRow(COLUMNS.map((c) => c.value(r)));
  for (const col of [7, 9, 10]) ws.getColumn(col).numFmt = '0.00';
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: COLUMNS.length } };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
