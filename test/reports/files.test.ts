import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { fmt } from '../../src/core/decimal.js';
import { renderDocx } from '../../src/reports/docx.js';
import { renderHtml } from '../../src/reports/html.js';
import { buildReport, placeCells, type Block, type ReportDocument, type Table } from '../../src/reports/model.js';
import { PdfEngine } from '../../src/reports/pdf.js';
import { renderXlsx, sheetPlans } from '../../src/reports/xlsx.js';
import { decodePng, docxTables, evaluate, type Gray, has, ink, loadExamples, run, type Example } from './helpers.js';

/**
 * Writes DOCX, XLSX, HTML and PDF for every seed example and the 10号 project example, opens each file
 * again and checks its tables and numbers against the document model and the core; converts the DOCX
 * to PDF with LibreOffice and the PDFs to PNG with pdftoppm, and checks the pages carry the unit's name,
 * the total and visible Chinese text.
 */

const examples = loadExamples();
const docs = new Map<string, ReportDocument>(
  examples.map((e) => [e.stem, buildReport(e.framework, e.evaluation, e.result)]),
);
const doc = (e: Example) => docs.get(e.stem)!;
const tmp = mkdtempSync(path.join(tmpdir(), 'jixiao-reports-'));
const file = (e: Example, ext: string) => path.join(tmp, `${e.stem}.${ext}`);
const squash = (s: string) => s.replace(/\s+/g, '');

const CHROMIUM = has('chromium') || existsSync(process.env.JIXIAO_CHROMIUM ?? '/usr/bin/chromium');
const SOFFICE = has('soffice');
const POPPLER = has('pdftoppm') && has('pdftotext') && has('pdffonts');
const why = (ok: boolean, what: string) => (ok ? false : `${what} missing: run scripts/install-system-deps.sh`);

const modelTables = (d: ReportDocument): Table[] =>
  d.parts
    .flatMap((p) => p.blocks)
    .filter((b): b is Extract<Block, { type: 'table' }> => b.type === 'table')
    .map((b) => b.table);

let engine: PdfEngine | undefined;
before(async () => {
  if (CHROMIUM) engine = await PdfEngine.launch({ concurrency: 2 });
});
after(async () => {
  await engine?.close();
  // JIXIAO_KEEP_REPORTS=1 keeps the files (DOCX, XLSX, HTML, PDF, LibreOffice PDFs, PNGs) to look at.
  if (process.env.JIXIAO_KEEP_REPORTS) process.stderr.write(`reports kept in ${tmp}\n`);
  else rmSync(tmp, { recursive: true, force: true });
});

/** Page 1 of a PDF as a grayscale PNG (pdftoppm, 72 dpi). */
function firstPage(pdf: string): Gray {
  const out = path.join(path.dirname(pdf), `${path.basename(pdf, '.pdf')}-p1`);
  const r = run('pdftoppm', ['-f', '1', '-l', '1', '-r', '72', '-gray', '-png', '-singlefile', pdf, out]);
  assert.equal(r.status, 0, r.stderr);
  return decodePng(readFileSync(`${out}.png`));
}

/** The box around the dark pixels above `bottomMm` (the page number below the text block excluded), in mm. */
function inkBox(g: Gray, bottomMm: number): { left: number; right: number; top: number; bottom: number } {
  const px = 25.4 / 72;
  const maxY = Math.min(g.height, Math.floor(bottomMm / px));
  let left = g.width;
  let right = -1;
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < maxY; y++) {
    for (let x = 0; x < g.width; x++) {
      if (g.pixels[y * g.width + x]! < 128) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (top < 0) top = y;
        bottom = y;
      }
    }
  }
  return { left: left * px, right: (right + 1) * px, top: top * px, bottom: (bottom + 1) * px };
}

/** The checks every PDF of a report must pass, whoever printed it. */
function checkPdf(e: Example, pdf: string, who: string): void {
  const text = run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
  assert.equal(text.status, 0, text.stderr);
  const t = squash(text.stdout);
  assert.ok(t.includes(squash(e.evaluation.unit)), `${who}: the unit's name is in the PDF text`);
  assert.ok(
    t.includes(`${fmt(e.result.total, e.framework.decimals)}分`),
    `${who}: the total ${e.result.total} is in the PDF text`,
  );
  assert.ok(t.includes('综合评价结论') && t.includes('绩效目标实现情况分析'), `${who}: section headings`);
  const info = run('pdfinfo', [pdf]).stdout;
  assert.match(
    info,
    /Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)|Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts/,
    `${who}: A4 portrait first page`,
  );
  assert.ok(Number(/Pages:\s+(\d+)/.exec(info)?.[1]) >= 3, `${who}: several pages`);
  const fonts = run('pdffonts', [pdf])
    .stdout.split('\n')
    .slice(2)
    .filter((l) => l.trim());
  assert.ok(fonts.length > 0, `${who}: fonts listed`);
  for (const l of fonts)
    assert.match(l, /\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/, `${who}: font embedded — ${l}`);
  const page = firstPage(pdf);
  const ratio = ink(page);
  assert.ok(ratio > 0.004 && ratio < 0.3, `${who}: page 1 has visible text (${(ratio * 100).toFixed(2)}% ink)`);
  // GB/T 9704 margins: the text block is 28 mm from the left, 26 mm from the right, 37 mm from the top
  // (LibreOffice lets a comma or full stop hang into the right margin, as Word does: allow half a character).
  const box = inkBox(page, 297 - 33);
  const mm = (v: number) => `${v.toFixed(1)} mm`;
  assert.ok(box.left > 27 && box.left < 31, `${who}: left margin ${mm(box.left)}`);
  assert.ok(210 - box.right > 23 && 210 - box.right < 40, `${who}: right margin ${mm(210 - box.right)}`);
  assert.ok(box.top > 36.5 && box.top < 48, `${who}: top margin ${mm(box.top)}`);
  assert.ok(box.bottom < 297 - 34, `${who}: bottom margin ${mm(297 - box.bottom)}`);
}

for (const e of examples) {
  const d = doc(e);
  const label = `${e.stem} (${e.framework.layout ?? 'default'})`;

  test(`${label}: DOCX — tables read back cell by cell (merges included) equal the model; scores the core's`, async () => {
    const buf = await renderDocx(d);
    writeFileSync(file(e, 'docx'), buf);
    const zip = await JSZip.loadAsync(buf);
    const xml = await zip.file('word/document.xml')!.async('string');
    const tables = docxTables(xml);
    const model = modelTables(d);
    assert.equal(tables.length, model.length);
    model.forEach((t, k) => {
      const got = tables[k]!;
      const want = placeCells(t).map((p) => ({
        r: p.r,
        c: p.c,
        rowSpan: p.rowSpan,
        colSpan: p.colSpan,
        text: p.cell.text,
      }));
      assert.deepEqual(got, want, `table ${t.title}`);
    });
    // The 自评表 (attachment 1) shows every indicator's score as the core computed it.
    const main = model.findIndex((t) => t.id === 'main');
    const placed = placeCells(model[main]!);
    for (const i of e.result.indicators) {
      const p = placed.find((x) => x.cell.key === `score:${i.id}`)!;
      const cell = tables[main]!.find((x) => x.r === p.r && x.c === p.c)!;
      assert.ok(
        [fmt(i.score, e.framework.decimals), fmt(i.score, e.framework.decimals, true)].includes(cell.text),
        `${i.id}: ${cell.text} vs ${i.score}`,
      );
    }
    for (const p of placed.filter((x) => x.cell.key === 'total')) {
      const cell = tables[main]!.find((x) => x.r === p.r && x.c === p.c)!;
      assert.ok(cell.text.startsWith(fmt(e.result.total, e.framework.decimals)), `total ${cell.text}`);
    }
    // GB/T 9704 page: A4, margins 37/35/28/26 mm (twips), 3号 仿宋 text.
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    assert.match(xml, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const styles = await zip.file('word/styles.xml')!.async('string');
    const body = /<w:style w:type="paragraph" w:styleId="JxBody">[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? '';
    assert.match(body, /w:eastAsia="仿宋_GB2312"/, '正文 in 仿宋_GB2312');
    assert.match(body, /<w:sz w:val="32"\/>/, '正文 in 3号 (16 pt)');
    assert.match(
      body,
      /<w:spacing[^>]*w:line="579"[^>]*w:lineRule="exact"|<w:spacing[^>]*w:lineRule="exact"[^>]*w:line="579"/,
      'fixed 28.95 pt line pitch',
    );
    const title = /<w:style w:type="paragraph" w:styleId="JxTitle">[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? '';
    assert.match(title, /w:eastAsia="方正小标宋简体"/);
    assert.match(title, /<w:sz w:val="44"\/>/, '标题 in 2号 (22 pt)');
    const text = xml.replace(/<[^>]+>/g, '');
    assert.ok(text.includes(`总分为${fmt(e.result.total, e.framework.decimals)}分，评价等级为“${e.result.grade}”`));
  });

  test(`${label}: XLSX — values, merges and real formulas whose cached results are the core's subtotals and total`, async () => {
    const buf = await renderXlsx(d);
    writeFileSync(file(e, 'xlsx'), buf);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    let formulas = 0;
    for (const p of sheetPlans(d)) {
      const ws = wb.getWorksheet(p.name)!;
      assert.ok(ws, p.name);
      for (const pc of placeCells(p.table)) {
        const x = ws.getCell(p.firstRow + pc.r, pc.c + 1);
        const c = pc.cell;
        if (c.calc) {
          formulas++;
          assert.ok(x.formula, `${p.name}!${x.address} holds a formula`);
          assert.equal(x.result, c.value, `${p.name}!${x.address} cached result`);
          const v = evaluate(wb, p.name, x.formula);
          if (typeof c.value === 'number')
            assert.equal(
              fmt(Number(v), e.framework.decimals),
              fmt(c.value, e.framework.decimals),
              `${p.name}!${x.address} =${x.formula}`,
            );
          else assert.equal(v, c.value, `${p.name}!${x.address} =${x.formula}`);
        } else if (typeof c.value === 'number') assert.equal(x.value, c.value, `${p.name}!${x.address}`);
        else assert.equal(String(x.value ?? ''), c.text, `${p.name}!${x.address}`);
        if (pc.rowSpan > 1 || pc.colSpan > 1) {
          const last = ws.getCell(p.firstRow + pc.r + pc.rowSpan - 1, pc.c + pc.colSpan);
          assert.ok(
            last.isMerged && last.master.address === x.address,
            `${p.name}!${x.address} merged over ${last.address}`,
          );
        }
      }
    }
    assert.ok(formulas >= 4, 'subtotals, total and grade are formulas');
    // Numbers equal the core's.
    const main = sheetPlans(d)[0]!;
    const ws = wb.getWorksheet(main.name)!;
    const at = (key: string) => {
      const p = placeCells(main.table).find((x) => x.cell.key === key)!;
      return ws.getCell(main.firstRow + p.r, p.c + 1);
    };
    for (const i of e.result.indicators) assert.equal(at(`score:${i.id}`).value, i.score, i.id);
    assert.equal(at('total').result, e.result.total);
    assert.equal(at('grade').result, e.result.grade);
    // Edited: raise one score by 1 point and the total formula follows.
    const first = e.result.indicators[0]!;
    at(`score:${first.id}`).value = first.score + 1;
    const total = at('total');
    assert.equal(fmt(Number(evaluate(wb, main.name, total.formula!)), 2), fmt(e.result.total + 1, 2));
  });

  test(`${label}: HTML — self-contained, each score cell carries the core's number`, () => {
    const html = renderHtml(d);
    writeFileSync(file(e, 'html'), html);
    assert.ok(!/<(link|script|img)\b/i.test(html), 'no external resources');
    assert.match(html, /@page \{ size: A4 portrait; margin: 37mm 26mm 35mm 28mm; \}/);
    for (const i of e.result.indicators) {
      const key = `score:${i.id}`
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
      const m = new RegExp(`data-key="${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">([^<]*)</td>`).exec(html);
      assert.ok(m, key);
      assert.ok(
        [fmt(i.score, e.framework.decimals), fmt(i.score, e.framework.decimals, true)].includes(m[1]!),
        `${i.id}: ${m[1]}`,
      );
    }
  });

  test(
    `${label}: PDF (Chromium) — A4, fonts embedded, unit name and total in the text, visible Chinese on page 1`,
    { skip: why(CHROMIUM && POPPLER, 'chromium or poppler-utils') },
    async () => {
      const pdf = await engine!.render(d);
      writeFileSync(file(e, 'pdf'), pdf);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      checkPdf(e, file(e, 'pdf'), 'Chromium');
      if (d.sheets[0]!.orientation === 'landscape') {
        const sizes = run('pdfinfo', ['-f', '1', '-l', '99', file(e, 'pdf')]).stdout;
        assert.match(sizes, /Page\s+\d+ size:\s+841(\.\d+)? x 59[45](\.\d+)? pts/, 'the 自评表 pages are landscape');
      }
    },
  );
}

test(
  'DOCX → PDF with LibreOffice, → PNG with pdftoppm: every report opens, prints on A4 with the 公文 margins and shows its unit and total',
  { skip: why(SOFFICE && POPPLER, 'soffice or poppler-utils') },
  () => {
    const out = path.join(tmp, 'lo');
    mkdirSync(out, { recursive: true });
    const docxs = examples.map((e) => file(e, 'docx')).filter(existsSync);
    assert.equal(docxs.length, examples.length, 'the DOCX test wrote every file');
    // One LibreOffice process for all files, with its own profile so parallel runs do not collide.
    const r = run(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(tmp, 'lo-profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        out,
        ...docxs,
      ],
      { timeout: 240_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    for (const e of examples) {
      const pdf = path.join(out, `${e.stem}.pdf`);
      assert.ok(existsSync(pdf), `${e.stem}.pdf written by LibreOffice`);
      checkPdf(e, pdf, `LibreOffice ${e.stem}`);
    }
  },
);

test(
  'XLSX opens in LibreOffice Calc and prints the 自评表 with its totals',
  { skip: why(SOFFICE && POPPLER, 'soffice or poppler-utils') },
  () => {
    const e = examples.find((x) => x.stem.startsWith('000_')) ?? examples[0]!;
    const out = path.join(tmp, 'lo-xlsx');
    mkdirSync(out, { recursive: true });
    const r = run(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(tmp, 'lo-profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        out,
        file(e, 'xlsx'),
      ],
      { timeout: 120_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const text = squash(run('pdftotext', ['-enc', 'UTF-8', path.join(out, `${e.stem}.pdf`), '-']).stdout);
    assert.ok(text.includes(fmt(e.result.total, e.framework.decimals)));
    assert.ok(text.includes(squash(e.evaluation.unit)));
  },
);
