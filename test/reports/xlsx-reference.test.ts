// XLSX as strings compared with the exceljs writer it replaced, part for part and cell by cell, on every example.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'yaml';
import {
  adjustTargets,
  approveTargets,
  executionProgress,
  MonitoringReportSchema,
  TargetSetSchema,
} from '../../src/core/cycle/index.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { scoreFile } from '../../src/load/evaluations.js';
import { buildReport } from '../../src/reports/build.js';
import { monitoringDocument, targetsDocument } from '../../src/reports/cycle/document.js';
import type { FontSet } from '../../src/reports/fonts.js';
import type { ReportDocument } from '../../src/reports/model.js';
import { renderXlsx } from '../../src/reports/xlsx.js';
import { referenceFiles, referenceVariants } from './helpers.js';
import { renderXlsxReference } from './xlsx-reference.js';

/**
 * The XLSX writer builds SpreadsheetML as strings (issue 16); the exceljs writer it replaced is kept in
 * ./xlsx-reference.ts. For every example's report and 审核意见, draft or not, in the official and the
 * Noto font names, and for the cycle's 绩效目标表 and 绩效监控表: every part must be exceljs's, character
 * for character, and — read back with exceljs — every cell the same value, formula and cached result,
 * font, border, fill, alignment, number format and protection, the same merges, column widths, row
 * heights, print setup and header and footer. test/reports/files.test.ts opens the files with LibreOffice.
 */

async function parts(buf: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(buf);
  const out = new Map<string, string>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async('string'));
  return out;
}

function sameParts(mine: Map<string, string>, theirs: Map<string, string>, label: string): void {
  assert.deepEqual([...mine.keys()], [...theirs.keys()], `${label}: parts`);
  for (const [name, xml] of theirs) {
    const got = mine.get(name)!;
    if (got === xml) continue;
    let i = 0;
    while (got[i] === xml[i]) i++;
    assert.fail(
      `${label} ${name} differs at ${i}:\n  exceljs: …${xml.slice(Math.max(0, i - 120), i + 120)}\n  strings: …${got.slice(Math.max(0, i - 120), i + 120)}`,
    );
  }
}

/** A workbook as exceljs reads it: per sheet its cells (value, formula, result, style), merges, columns, rows, page setup. */
async function readBack(buf: Buffer): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const cells: unknown[] = [];
    const rows: unknown[] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      rows.push([r, row.height]);
      row.eachCell({ includeEmpty: true }, (c) =>
        cells.push({
          at: c.address,
          type: c.type,
          value: c.value,
          master: c.isMerged ? c.master.address : undefined,
          font: c.font,
          border: c.border,
          fill: c.fill,
          alignment: c.alignment,
          numFmt: c.numFmt,
          protection: c.protection,
        }),
      );
    });
    return {
      name: ws.name,
      cells,
      rows,
      merges: (ws.model as unknown as { merges: string[] }).merges,
      columns: (ws.columns ?? []).map((c) => c.width),
      pageSetup: ws.pageSetup,
      headerFooter: ws.headerFooter,
      printArea: ws.pageSetup.printArea,
      printTitles: ws.pageSetup.printTitlesRow,
    };
  });
}

async function same(doc: ReportDocument, fontSet: FontSet, label: string): Promise<void> {
  const [mine, theirs] = await Promise.all([renderXlsx(doc, { fontSet }), renderXlsxReference(doc, { fontSet })]);
  sameParts(await parts(mine), await parts(theirs), label);
  const [a, b] = await Promise.all([readBack(mine), readBack(theirs)]);
  assert.deepEqual(a, b, `${label}: cells read back`);
  // The read-back is not vacuous: the sheets have cells, merges and formulas.
  const sheets = a as Array<{ cells: Array<{ value: unknown }>; merges: string[] }>;
  assert.ok(sheets.length > 0 && sheets.every((s) => s.cells.length > 0 && s.merges.length > 0), label);
}

const files = referenceFiles();

describe('XLSX as strings = exceljs, part for part and cell by cell', () => {
  for (const file of files) {
    test(path.basename(file), async () => {
      for (const v of referenceVariants(file)) await same(v.doc, v.fontSet, v.label);
    });
  }

  test('the cycle’s 绩效目标表 and 绩效监控表', async () => {
    const read = (f: string) => parse(readFileSync(path.join(PACKAGE_ROOT, f), 'utf8'));
    const targets = TargetSetSchema.parse(read('examples/cycle/targets-2021.yaml'));
    const june = MonitoringReportSchema.parse(read('examples/cycle/monitoring-2021-06.yaml'));
    const approved = approveTargets(targets, '财政局', '2021-03-01T08:00:00Z');
    const adjusted = adjustTargets(
      approved,
      { indicator: '总体工作完成率', target: '≥92%', reason: '机构改革后任务调整' },
      '财政局',
      '2021-07-15T08:00:00Z',
    );
    if ('error' in adjusted) throw new Error(adjusted.error);
    await same(targetsDocument(adjusted.approved.set, { approved: adjusted.approved }), 'gb', '绩效目标表');
    await same(targetsDocument(targets), 'noto', '绩效目标表 (draft)');
    await same(monitoringDocument(june, executionProgress(june, 10), { threshold: 10, targets }), 'gb', '绩效监控表');
  });

  test('a sheet name with an apostrophe: doubled in the print area and titles (exceljs left it single)', async () => {
    const s = scoreFile(files[0]!);
    const doc = buildReport(s.framework, s.evaluation, s.result);
    doc.sheets[0]!.sheetName = "O'Brien表";
    const [mine, theirs] = await Promise.all([parts(await renderXlsx(doc)), parts(await renderXlsxReference(doc))]);
    const wb = mine.get('xl/workbook.xml')!;
    assert.match(wb, /&apos;O&apos;&apos;Brien表&apos;!\$A1:\$[A-Z]+\d+</);
    assert.equal(wb.replaceAll('&apos;&apos;', '&apos;'), theirs.get('xl/workbook.xml'));
    mine.delete('xl/workbook.xml');
    theirs.delete('xl/workbook.xml');
    sameParts(mine, theirs, 'apostrophe');
  });

  test('text that needs escaping', async () => {
    const s = scoreFile(files[0]!);
    const doc = buildReport(s.framework, { ...s.evaluation, unit: ` A&B <"单位'>\u0001\n` }, s.result, { draft: true });
    await same(doc, 'gb', 'escaping');
  });
});
