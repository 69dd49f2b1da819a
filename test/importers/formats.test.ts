import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { audit } from '../../src/core/audit/index.js';
import { importBuffer, importFile, type ImportResult } from '../../src/importers/index.js';
import { docxXmlToDoc } from '../../src/importers/docx.js';
import {
  docxFromDoc,
  minimalPdf,
  pdfFromDocx,
  scoreSheetXlsx,
  seedDoc,
  seedPath,
  SOFFICE,
  STEMS,
  xlsxFromDoc,
} from './fixtures.js';

// DOCX, XLSX and PDF files generated from the seed data import to the same evaluations as the text.
const fromText = new Map<string, ImportResult>();
const textImport = async (stem: string) => {
  if (!fromText.has(stem)) fromText.set(stem, await importFile(seedPath(stem)));
  return fromText.get(stem)!;
};
const strip = (r: ImportResult) => {
  const { source: _s, ...ev } = r.evaluation;
  return ev;
};
const codes = (r: ImportResult) =>
  audit(r.framework, r.evaluation, r.facts)
    .findings.filter((f) => f.severity !== 'info')
    .map((f) => `${f.code}:${f.indicator ?? ''}:${f.stated ?? ''}:${f.expected ?? ''}`)
    .sort();

for (const stem of STEMS) {
  test(`DOCX from ${stem}: tables as Word tables, the same evaluation as the text`, async () => {
    const buf = await docxFromDoc(seedDoc(stem));
    const r = await importBuffer(buf, { name: `${stem}.docx` });
    assert.equal(r.format, 'docx');
    const t = await textImport(stem);
    assert.deepEqual(strip(r), strip(t));
    assert.deepEqual(codes(r), codes(t));
  });

  test(`XLSX from ${stem}: one sheet per table, the text in its own sheet, the same evaluation`, async () => {
    const buf = await xlsxFromDoc(seedDoc(stem));
    const r = await importBuffer(buf, { name: `${stem}.xlsx` });
    assert.equal(r.format, 'xlsx');
    const t = await textImport(stem);
    assert.deepEqual(strip(r), strip(t));
    assert.deepEqual(codes(r), codes(t));
  });
}

// A clean score sheet with the column names units use.
const ALIASES = [
  { leaf: '三级指标', score: '得分' },
  { leaf: '三级指标名称', score: '自评得分' },
  { leaf: '指标名称', score: '评价得分' },
];
for (const stem of ['000_6ca4beea76738c10', '002_a0eb83d49e186f2c', '003_a5aa38cac94662cb'] as const) {
  for (const a of ALIASES) {
    test(`XLSX score sheet (${a.leaf} / ${a.score}) for ${stem}: framework recognised, every claim read`, async () => {
      const t = await textImport(stem);
      const scored = audit(t.framework, t.evaluation, t.facts).score.indicators.map((i) => {
        const input = Object.entries(t.evaluation.indicators).find(([k]) => k === i.id)?.[1];
        return {
          path: i.path,
          name: i.name,
          weight: i.weight,
          ...(i.claimed !== undefined && { claimed: i.claimed }),
          ...(input?.target !== undefined && { target: String(input.target) }),
          ...(input?.actual !== undefined && { actual: String(input.actual) }),
          ...(input?.deviationReason && { deviationReason: input.deviationReason }),
        };
      });
      const buf = await scoreSheetXlsx(t, scored, a);
      const r = await importBuffer(buf, { name: 'score-sheet.xlsx' });
      assert.equal(r.framework.id, t.framework.id);
      assert.equal(r.evaluation.unit, t.evaluation.unit);
      assert.equal(r.evaluation.year, t.evaluation.year);
      assert.equal(r.evaluation.claimed?.total, t.evaluation.claimed?.total);
      for (const i of scored) {
        if (i.claimed === undefined) continue;
        assert.equal(
          r.evaluation.indicators[
            Object.keys(t.evaluation.indicators).find(
              (k) => k === i.path.join('/') || k === i.name || t.evaluation.indicators[k] === undefined,
            ) ?? ''
          ]?.claimed ??
            r.evaluation.indicators[i.name]?.claimed ??
            Object.entries(r.evaluation.indicators).find(([k]) => k.endsWith(i.name))?.[1].claimed,
          i.claimed,
          i.name,
        );
      }
      const sum = Object.values(r.evaluation.indicators).reduce((s, x) => s + (x.claimed ?? 0), 0);
      assert.equal(
        Math.round(sum * 100) / 100,
        Math.round(scored.reduce((s, x) => s + (x.claimed ?? 0), 0) * 100) / 100,
      );
    });
  }
}

test('XLSX with a table no built-in framework knows: the framework is rebuilt from it (weights from the table, rule manual)', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('自评表');
  ws.addRow(['单位名称', '某某县文化馆']);
  ws.addRow(['评价年度', '2023年度']);
  ws.addRow(['总分', 100, 96.5]);
  ws.addRow(['一级指标', '二级指标', '三级指标名称', '指标值', '实际完成值', '分值', '自评得分', '偏差原因']);
  ws.addRow(['决策（20分）', '项目立项', '立项依据充分性', '充分', '充分', 10, 10]);
  ws.addRow(['', '', '绩效目标合理性', '合理', '合理', 10, 10]);
  ws.addRow(['产出（50分）', '数量', '开展展览场次', '≥12场', '12场', 25, 25]);
  ws.addRow(['', '质量', '观众满意度', '≥90%', '88%', 25, 21.5, '部分展陈老化']);
  ws.addRow(['效益（30分）', '社会效益', '惠及群众人次', '≥5万人次', '5.2万人次', 30, 30]);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const r = await importBuffer(buf, { name: 'unknown.xlsx' });
  assert.equal(r.recognised, false);
  assert.match(r.framework.id, /^imported-/);
  assert.ok(r.frameworkSource);
  assert.deepEqual(
    r.framework.roots.map((n) => [n.name, n.weight?.toNumber()]),
    [
      ['决策', 20],
      ['产出', 50],
      ['效益', 30],
    ],
  );
  assert.equal(r.evaluation.unit, '某某县文化馆');
  assert.equal(r.evaluation.year, 2023);
  assert.equal(r.evaluation.claimed?.total, 96.5);
  const a = audit(r.framework, r.evaluation, r.facts);
  assert.equal(a.summary.claimedTotal, 96.5);
  assert.equal(a.summary.recomputedTotal, 96.5, 'manual rules: the printed scores stand as judgments');
  assert.ok(!a.findings.some((f) => f.severity === 'error'), JSON.stringify(a.findings));
  assert.ok(r.confidence.some((c) => c.field === 'framework' && /按表重建/.test(c.note)));
});

test('DOCX XML: merged cells keep their place (gridSpan → empty cells, vMerge continuation → empty)', () => {
  const xml =
    '<w:document><w:body><w:p><w:r><w:t>标题</w:t></w:r></w:p><w:tbl>' +
    '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>一级指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>得分</w:t></w:r></w:p></w:tc></w:tr>' +
    '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>A&amp;B</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r><w:r><w:tab/><w:t>y</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>' +
    '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>A&amp;B</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>第一行</w:t></w:r></w:p><w:p><w:r><w:t>第二行</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>' +
    '</w:tbl></w:body></w:document>';
  const doc = docxXmlToDoc(xml);
  assert.deepEqual(
    doc.blocks.map((b) => (b.kind === 'p' ? b.text : b.cells)),
    ['标题', ['一级指标', '', '得分'], ['A&B', 'x y', '1'], ['', '第一行\n第二行', '']],
  );
});

const pdfs = new Map<string, Buffer | undefined>();
const pdfOf = async (stem: string) => {
  if (!pdfs.has(stem)) pdfs.set(stem, pdfFromDocx(await docxFromDoc(seedDoc(stem)), stem));
  return pdfs.get(stem);
};

for (const stem of STEMS) {
  test(
    `PDF from ${stem} (DOCX converted by LibreOffice): the same claims, totals and findings as the text`,
    { skip: SOFFICE ? false : 'LibreOffice (soffice) not installed', timeout: 240_000 },
    async () => {
      const pdf = await pdfOf(stem);
      assert.ok(pdf, 'LibreOffice did not produce a PDF');
      const r = await importBuffer(pdf, { name: `${stem}.pdf` });
      assert.equal(r.format, 'pdf');
      const t = await textImport(stem);
      assert.equal(r.framework.id, t.framework.id);
      assert.equal(r.evaluation.unit, t.evaluation.unit);
      assert.equal(r.evaluation.year, t.evaluation.year);
      assert.deepEqual(r.evaluation.claimed, t.evaluation.claimed);
      // A blank line inside a cell (“工作人员满意度\n\n领导群众满意度”) does not survive PDF: names compared without spaces.
      const claims = (x: ImportResult) =>
        Object.fromEntries(Object.entries(x.evaluation.indicators).map(([k, v]) => [k.replace(/\s+/g, ''), v.claimed]));
      assert.deepEqual(claims(r), claims(t));
      const norm = (cs: string[]) => cs.map((c) => c.replace(/\s+/g, ''));
      assert.deepEqual(norm(codes(r)), norm(codes(t)));
    },
  );
}

test('a PDF without a score table: a clear error naming the file', async () => {
  await assert.rejects(
    importBuffer(minimalPdf('Annual report 2021 - no tables here'), { name: 'plain.pdf' }),
    (e: Error) => e.name === 'ImportError' && /plain\.pdf/.test(e.message) && /未识别出绩效指标评分表/.test(e.message),
  );
});
