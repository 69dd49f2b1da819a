// 绩效目标表 and 绩效监控表 as DOCX, XLSX, PDF and HTML, opened again: LibreOffice prints the DOCX and XLSX, pdftotext reads the rows.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import {
  approveTargets,
  adjustTargets,
  executionProgress,
  MonitoringReportSchema,
  TargetSetSchema,
} from '../../src/core/cycle/index.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { monitoringDocument, targetsDocument } from '../../src/reports/cycle/document.js';
import { renderDocument, reportFileName } from '../../src/reports/index.js';
import { PdfEngine } from '../../src/reports/pdf.js';
import { has, run } from '../reports/helpers.js';

const read = (f: string) => parse(readFileSync(path.join(PACKAGE_ROOT, f), 'utf8'));
const targets = TargetSetSchema.parse(read('examples/cycle/targets-2021.yaml'));
const june = MonitoringReportSchema.parse(read('examples/cycle/monitoring-2021-06.yaml'));
const adjusted = adjustTargets(
  approveTargets(targets, '财政局', '2021-03-01T08:00:00Z'),
  { indicator: '总体工作完成率', target: '≥92%', reason: '机构改革后任务调整' },
  '财政局',
  '2021-07-15T08:00:00Z',
);
if ('error' in adjusted) throw new Error(adjusted.error);
const tdoc = targetsDocument(adjusted.approved.set, { approved: adjusted.approved });
const mdoc = monitoringDocument(june, executionProgress(june, 10), { threshold: 10, targets });

const tmp = mkdtempSync(path.join(tmpdir(), 'jixiao-cycle-docs-'));
const SOFFICE = has('soffice');
const POPPLER = has('pdftotext');
const skip = SOFFICE && POPPLER ? false : 'soffice or poppler-utils missing: run scripts/install-system-deps.sh';
let engine: PdfEngine | undefined;
before(async () => {
  if (SOFFICE) engine = await PdfEngine.launch({ via: 'libreoffice', concurrency: 1 });
});
after(async () => {
  await engine?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** The text of a PDF, one string per printed line with the spaces between cells taken out. */
const lines = (pdf: string): string[] =>
  run('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-'])
    .stdout.split('\n')
    .map((l) => l.replace(/\s+/g, ''))
    .filter(Boolean);

/** A file printed by LibreOffice (DOCX, XLSX) to PDF, read back as lines. */
function printed(file: string): string[] {
  const out = path.join(tmp, `lo-${path.basename(file)}`);
  const r = run('soffice', ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, file]);
  assert.equal(r.status, 0, r.stderr);
  return lines(path.join(out, `${path.basename(file, path.extname(file))}.pdf`));
}

async function written(doc: typeof tdoc, format: 'docx' | 'xlsx' | 'pdf' | 'html'): Promise<string> {
  const file = path.join(tmp, reportFileName(doc, format));
  writeFileSync(file, await renderDocument(doc, format, engine ? { pdf: engine } : {}));
  return file;
}

/** What every format of the target table must show: the indicator rows with 指标值 and source, the tasks and their total. */
function targetRows(ls: string[], what: string): void {
  const has = (s: string) =>
    assert.ok(
      ls.some((l) => l.includes(s)),
      `${what}: no line with “${s}”\n${ls.join('\n')}`,
    );
  has('2021年度部门整体支出绩效目标表');
  has('区人大代表会议完成率=100%计划标准');
  has('总体工作完成率≥92%计划标准');
  has('区人大代表满意度≥90%行业标准');
  has('合计830.78');
  has('部门预算总额830.78');
  has('676.78');
  has('第2版（2021-07-15批复）');
  // 目标调整记录: the value replaced and the reason.
  has('总体工作完成率≥95%≥92%机构改革后任务调整');
}

function monitoringRows(ls: string[], what: string): void {
  const has = (s: string) =>
    assert.ok(
      ls.some((l) => l.includes(s)),
      `${what}: no line with “${s}”\n${ls.join('\n')}`,
    );
  has('2021年1–6月部门整体支出绩效监控表');
  has('1月40.1240.124.83%8.33%');
  has('6月60.30328.2239.51%50.00%');
  has('1–6月合计328.2239.51%50.00%');
  has('执行率落后序时进度10.49个百分点，超过预警阈值10个百分点');
  // The 指标值 comes from the approved targets where the report leaves it out.
  has('区人大代表会议完成率=100%100%100%确定能');
  has('总体工作完成率≥95%48%96%确定能');
}

test(
  '绩效目标表: DOCX and XLSX printed by LibreOffice, PDF read by pdftotext — every indicator row and the totals',
  { skip },
  async () => {
    targetRows(printed(await written(tdoc, 'docx')), 'DOCX');
    targetRows(printed(await written(tdoc, 'xlsx')), 'XLSX');
    targetRows(lines(await written(tdoc, 'pdf')), 'PDF');
  },
);

test('绩效目标表 XLSX: money as numbers in 万元, the 指标值 as the unit wrote it', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderDocument(tdoc, 'xlsx')) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('绩效目标表')!;
  const cells: unknown[] = [];
  ws.eachRow((r) => r.eachCell((c) => cells.push(c.value)));
  assert.ok(cells.includes(830.78));
  assert.ok(cells.includes(676.78));
  assert.ok(cells.includes('≥92%'));
  assert.ok(wb.getWorksheet('目标调整'));
  const html = (await renderDocument(tdoc, 'html')).toString('utf8');
  assert.match(html, /<title>2021年度郑州市上街区人民代表大会常务委员会办公室部门整体支出绩效目标表<\/title>/);
  assert.match(html, /机构改革后任务调整/);
  // A set not approved carries the 草稿 mark.
  assert.match(
    (await renderDocument(targetsDocument(targets, { draft: true }), 'html')).toString('utf8'),
    /jx-watermark[^>]*>草稿/,
  );
});

test(
  '绩效监控表: DOCX and XLSX printed by LibreOffice, PDF read by pdftotext — months, 序时进度 and indicators',
  { skip },
  async () => {
    monitoringRows(printed(await written(mdoc, 'docx')), 'DOCX');
    monitoringRows(printed(await written(mdoc, 'xlsx')), 'XLSX');
    const pdf = lines(await written(mdoc, 'pdf'));
    monitoringRows(pdf, 'PDF');
    assert.ok(pdf.some((l) => l.includes('其他：受疫情影响')));
  },
);

test('the tables carry no score: the DOCX properties name the framework without a 得分', async () => {
  const JSZip = (await import('jszip')).default;
  for (const d of [tdoc, mdoc]) {
    const file = await renderDocument(d, 'docx');
    const core = await (await JSZip.loadAsync(file)).file('docProps/core.xml')!.async('string');
    const description = /<dc:description>([^<]*)<\/dc:description>/.exec(core)?.[1];
    assert.ok(description !== undefined, core);
    assert.doesNotMatch(description, /得分|分，/);
  }
});
