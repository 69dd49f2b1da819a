import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { fmt } from '../../src/core/decimal.js';
import { score } from '../../src/core/scoring.js';
import { buildReport } from '../../src/reports/build.js';
import { renderDocx } from '../../src/reports/docx.js';
import { renderHtml } from '../../src/reports/html.js';
import { placeCells, type Block, type ReportDocument, type Table } from '../../src/reports/model.js';
import { PdfEngine } from '../../src/reports/pdf.js';
import { tableSegments } from '../../src/reports/segments.js';
import { renderXlsx, sheetPlans } from '../../src/reports/xlsx.js';
import {
  decodePng,
  docxTables,
  type Gray,
  has,
  INTERNAL_NOTES,
  loadExamples,
  run,
  seedHeadings,
  type Example,
} from './helpers.js';

/**
 * Writes DOCX, XLSX, HTML and PDF for every seed example and the 10号 project example and opens each
 * file again: DOCX tables cell by cell with their merges, heading rows marked to repeat, rows that do
 * not split, the document grid and the font table; XLSX values, percent formats, formulas and print
 * setup, then edited and recalculated by LibreOffice; the PDFs (LibreOffice from the DOCX; Chromium
 * once) with pdftotext, pdffonts, pdfinfo and pdftoppm: the seed's headings, repeated table headings on
 * every page of a table, page numbers, named embedded fonts, A4 and the 公文 margins, the 草稿 mark.
 */

const examples = loadExamples();
const docs = new Map<string, ReportDocument>(
  examples.map((e) => [e.stem, buildReport(e.framework, e.evaluation, e.result)]),
);
const doc = (e: Example) => docs.get(e.stem)!;
const tmp = mkdtempSync(path.join(tmpdir(), 'jixiao-reports-'));
const file = (e: Example, ext: string) => path.join(tmp, `${e.stem}.${ext}`);
const squash = (s: string) => s.replace(/\s+/g, '');

const SOFFICE = has('soffice');
const CHROMIUM = has('chromium') || existsSync(process.env.JIXIAO_CHROMIUM ?? '/usr/bin/chromium');
const POPPLER = has('pdftoppm') && has('pdftotext') && has('pdffonts');
const why = (ok: boolean, what: string) => (ok ? false : `${what} missing: run scripts/install-system-deps.sh`);

const modelTables = (d: ReportDocument): Table[] =>
  d.parts
    .flatMap((p) => p.blocks)
    .filter((b): b is Extract<Block, { type: 'table' }> => b.type === 'table')
    .map((b) => b.table);

let engine: PdfEngine | undefined;
before(async () => {
  if (SOFFICE) engine = await PdfEngine.launch({ via: 'libreoffice', concurrency: 2 });
});
after(async () => {
  await engine?.close();
  // JIXIAO_KEEP_REPORTS=1 keeps the files (DOCX, XLSX, HTML, PDF, PNGs) to look at.
  if (process.env.JIXIAO_KEEP_REPORTS) process.stderr.write(`reports kept in ${tmp}\n`);
  else rmSync(tmp, { recursive: true, force: true });
});

/** A page of a PDF as a grayscale PNG (pdftoppm, 36 dpi unless asked). */
function page(pdf: string, n: number, dpi = 36): Gray {
  const out = path.join(path.dirname(pdf), `${path.basename(pdf, '.pdf')}-p${n}-${dpi}`);
  const r = run('pdftoppm', [
    '-f',
    String(n),
    '-l',
    String(n),
    '-r',
    String(dpi),
    '-gray',
    '-png',
    '-singlefile',
    pdf,
    out,
  ]);
  assert.equal(r.status, 0, r.stderr);
  return decodePng(readFileSync(`${out}.png`));
}

/** The box around the dark pixels above `bottomMm` (the page number excluded), in mm. */
function inkBox(g: Gray, bottomMm: number, dpi: number): { left: number; right: number; top: number } {
  const px = 25.4 / dpi;
  const maxY = Math.min(g.height, Math.floor(bottomMm / px));
  let left = g.width;
  let right = -1;
  let top = -1;
  for (let y = 0; y < maxY; y++)
    for (let x = 0; x < g.width; x++)
      if (g.pixels[y * g.width + x]! < 100) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (top < 0) top = y;
      }
  return { left: left * px, right: (right + 1) * px, top: top * px };
}

/** Mid-grey pixels: the 草稿 watermark's. */
const grey = (g: Gray) => g.pixels.reduce((n, v) => n + (v > 150 && v < 235 ? 1 : 0), 0);

const pagesOf = (pdf: string): string[] => run('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-']).stdout.split('\f');

function pdfFonts(pdf: string): string[] {
  return run('pdffonts', [pdf])
    .stdout.split('\n')
    .slice(2)
    .filter((l) => l.trim());
}

for (const e of examples) {
  const d = doc(e);
  const label = `${e.stem} (${e.framework.layout ?? 'generic'})`;

  test(`${label}: DOCX — tables cell by cell with merges, repeating heading rows, rows unsplit, grid, font table`, async () => {
    const buf = await renderDocx(d);
    writeFileSync(file(e, 'docx'), buf);
    const zip = await JSZip.loadAsync(buf);
    const xml = await zip.file('word/document.xml')!.async('string');
    // Each piece of a table (it starts at its own heading rows) is a table of its own.
    const want = modelTables(d).flatMap((t) =>
      tableSegments(t).map((seg) =>
        placeCells({ ...t, rows: seg.rows }).map((p) => ({
          r: p.r,
          c: p.c,
          rowSpan: p.rowSpan,
          colSpan: p.colSpan,
          text: p.cell.text,
        })),
      ),
    );
    assert.deepEqual(docxTables(xml), want);
    const tables = xml.split('<w:tbl>').slice(1);
    const pieces = modelTables(d).flatMap((t) => tableSegments(t));
    tables.forEach((tx, k) => {
      const rows = tx.split('<w:tr>').slice(1);
      rows.forEach((r, i) => {
        assert.match(r, /<w:cantSplit\/>/, `table ${k} row ${i} does not split`);
        assert.equal(/<w:tblHeader\/>/.test(r), i < pieces[k]!.head, `table ${k} row ${i}: heading row repeats`);
      });
    });
    if (d.meta.kind !== 'table') {
      assert.match(xml, /<w:docGrid w:type="lines" w:linePitch="579"\/>/, 'the 22-line grid');
      assert.match(xml, /<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
      assert.match(xml, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    }
    const fonts = await zip.file('word/fontTable.xml')!.async('string');
    for (const [name, alt] of [
      ['仿宋_GB2312', '仿宋'],
      ['仿宋', 'FangSong'],
      ['楷体_GB2312', '楷体'],
      ['楷体', 'KaiTi'],
      ['方正小标宋简体', '宋体'],
    ])
      assert.match(fonts, new RegExp(`<w:font w:name="${name}"><w:altName w:val="${alt}"/>`), `${name} → ${alt}`);
    const styles = await zip.file('word/styles.xml')!.async('string');
    const body = /<w:style w:type="paragraph" w:styleId="JxBody">[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? '';
    assert.match(body, /w:eastAsia="仿宋_GB2312"/, '正文 in 仿宋_GB2312');
    assert.match(body, /<w:sz w:val="32"\/>/, '正文 in 3号 (16 pt)');
    assert.match(body, /<w:spacing w:val="-5"\/>/, '正文 condensed to 28 characters a line');
    const text = xml.replace(/<w:br\/>/g, '\n').replace(/<[^>]+>/g, '');
    for (const re of INTERNAL_NOTES) assert.ok(!re.test(text), `${re} in the DOCX`);
  });

  test(`${label}: XLSX — rates as percentages, rule scores, subtotals, total and grade as formulas; print setup`, async () => {
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
        } else if (typeof c.value === 'number') assert.equal(x.value, c.value, `${p.name}!${x.address}`);
        if (c.numFmt === '0.00%') assert.equal(x.numFmt, '0.00%', `${p.name}!${x.address} a percentage`);
        if (/^\d+(\.\d+)?%$/.test(c.text)) assert.equal(typeof c.value, 'number', `${c.text} is a number`);
      }
      assert.equal(ws.pageSetup.fitToWidth, 1);
      assert.match(String(ws.pageSetup.printArea), /^A1:[A-Z]+\d+$/);
      if (tableSegments(p.table)[0]!.head) assert.ok(ws.pageSetup.printTitlesRow, `${p.name}: print titles`);
    }
    assert.ok(formulas >= e.result.indicators.length + 3, 'scores, subtotals, total and grade are formulas');
    const calcPr = /<calcPr[^>]*\/>/.exec(await (await JSZip.loadAsync(buf)).file('xl/workbook.xml')!.async('string'));
    assert.match(calcPr?.[0] ?? '', /fullCalcOnLoad="1"/);
    assert.match(calcPr?.[0] ?? '', /calcId="124519"/);
  });

  test(`${label}: HTML — self-contained, heading rows in thead, each score cell the core's number`, () => {
    const html = renderHtml(d);
    writeFileSync(file(e, 'html'), html);
    assert.ok(!/<(link|script|img)\b/i.test(html), 'no external resources');
    assert.match(html, /@page \{ size: A4 portrait; margin: 37mm 26mm 35mm 28mm; \}/);
    const heads = modelTables(d)
      .flatMap((t) => tableSegments(t))
      .filter((s) => s.head).length;
    assert.equal((html.match(/<thead>/g) ?? []).length, heads);
    for (const i of e.result.indicators) {
      const key = `score:${i.id}`.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
      const m = new RegExp(`data-key="${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">([^<]*)</td>`).exec(html);
      assert.ok(m, key);
      assert.ok(
        m[1]!.startsWith(fmt(i.score, e.framework.decimals, e.framework.layout === 'jinzhong')),
        `${i.id}: ${m[1]}`,
      );
    }
  });

  test(
    `${label}: PDF — the seed's headings, table headings on every page, page numbers, named embedded fonts, A4 margins`,
    { skip: why(SOFFICE && POPPLER, 'soffice or poppler-utils') },
    async () => {
      const pdf = await engine!.render(d);
      writeFileSync(file(e, 'pdf'), pdf);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      assert.ok(pdf.length < 300_000, `${(pdf.length / 1024).toFixed(0)} KB`); // issue 13: under 300 KB
      const fonts = pdfFonts(file(e, 'pdf'));
      assert.ok(fonts.length > 0);
      for (const l of fonts) {
        assert.ok(!/^\[none\]|Type 3/.test(l), `a named font, not Type 3: ${l}`);
        assert.match(l, /\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/, `embedded as a subset: ${l}`);
      }
      const pages = pagesOf(file(e, 'pdf')).filter((p) => p.trim());
      const all = squash(pages.join(''));
      assert.ok(all.includes(squash(e.evaluation.unit)), 'the unit');
      assert.ok(all.includes(`${fmt(e.result.total, e.framework.decimals)}`), 'the total');
      for (const h of seedHeadings(e.stem) ?? []) assert.ok(all.includes(squash(h)), `heading ${h}`);
      for (const re of INTERNAL_NOTES) assert.ok(!re.test(all), `${re} in the PDF`);
      pages.forEach((p, i) => assert.ok(squash(p).includes(`—${i + 1}—`), `page ${i + 1} numbered`));
      // The 自评表: from the page its heading rows first appear, every page shows a heading row again.
      const main = d.sheets[0]!;
      const heads = tableSegments(main)
        .filter((s) => s.head)
        .map((s) => squash(s.rows[0]!.cells.find((c) => c.text.trim())!.text));
      // The table starts on the (last) page that carries its title: the text before names it in 附件说明.
      const titled = pages.map((p, i) => (squash(p).includes(squash(main.title)) ? i : -1)).filter((i) => i >= 0);
      const first = titled[titled.length - 1]!;
      assert.ok(first >= 0, 'the 自评表 title');
      const tablePages = pages.slice(first).filter((p) => /\S/.test(p.replace(/—\s*\d+\s*—/g, '')));
      // Its first page opens with the title (and, in some regions, rows above the headings); its last may
      // hold only the notes or the 签章 line under the table.
      for (const p of tablePages.slice(1, -1))
        assert.ok(
          heads.some((h) => squash(p).includes(h)),
          squash(p).slice(0, 60),
        );
      const info = run('pdfinfo', ['-f', '1', '-l', '999', file(e, 'pdf')]).stdout;
      assert.match(info, /Page\s+1 size:\s+595(\.\d+)? x 84[12](\.\d+)? pts/, 'A4 portrait first page');
      if (main.orientation === 'landscape')
        assert.match(info, /size:\s+84[12](\.\d+)? x 595(\.\d+)? pts/, 'landscape pages');
      // GB/T 9704 margins: text 28 mm from the left, 37 mm from the top (a table page's title may sit higher).
      const dpi = 72;
      const box = inkBox(page(file(e, 'pdf'), 1, dpi), 297 - 33, dpi);
      if (d.meta.kind === 'report') {
        assert.ok(box.left > 27 && box.left < 31, `left margin ${box.left.toFixed(1)} mm`);
        assert.ok(box.top > 36.5 && box.top < 48, `top margin ${box.top.toFixed(1)} mm`);
      }
      assert.ok(210 - box.right > 21, `right margin ${(210 - box.right).toFixed(1)} mm`);
    },
  );
}

test(
  'PDF by Chromium (the other engine): named TrueType body fonts embedded, A4, the unit and total',
  { skip: why(CHROMIUM && POPPLER, 'chromium or poppler-utils') },
  async () => {
    const e = examples.find((x) => x.stem.startsWith('003_'))!;
    const c = await PdfEngine.launch({ via: 'chromium', concurrency: 1 });
    try {
      const pdf = await c.render(doc(e));
      const f = path.join(tmp, 'chromium.pdf');
      writeFileSync(f, pdf);
      const fonts = pdfFonts(f);
      assert.ok(
        fonts.some((l) => /\+UMingCN\s+CID TrueType/.test(l)),
        fonts.join('\n'),
      );
      for (const l of fonts) assert.match(l, /\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/, l);
      assert.ok(squash(pagesOf(f).join('')).includes(squash(e.evaluation.unit)));
    } finally {
      await c.close();
    }
  },
);

test(
  '草稿: a watermark on every page of every format',
  { skip: why(SOFFICE && POPPLER, 'soffice or poppler-utils') },
  async () => {
    const e = examples.find((x) => x.stem.startsWith('004_'))!;
    const draft = buildReport(e.framework, e.evaluation, e.result, { draft: true });
    const docx = await JSZip.loadAsync(await renderDocx(draft));
    const headers = Object.keys(docx.files).filter((n) => /^word\/header\d+\.xml$/.test(n));
    assert.ok(headers.length >= 2 * draft.parts.length, 'odd and even headers of every section');
    for (const h of headers) assert.match(await docx.file(h)!.async('string'), /string="草稿"/, h);
    assert.match(renderHtml(draft), /<div class="jx-watermark"[^>]*>草稿<\/div>/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(draft)) as unknown as ArrayBuffer);
    for (const ws of wb.worksheets) assert.match(String(ws.headerFooter.oddHeader), /草稿/, ws.name);
    const a = path.join(tmp, 'draft.pdf');
    const b = path.join(tmp, 'final.pdf');
    writeFileSync(a, await engine!.render(draft));
    writeFileSync(b, await engine!.render(doc(e)));
    const n = pagesOf(a).filter((p) => p.trim()).length;
    for (let i = 1; i <= n; i++) assert.ok(grey(page(a, i)) > grey(page(b, i)) + 200, `page ${i} carries the mark`);
  },
);

test(
  'XLSX edited (a 实际完成值 lowered) and recalculated by LibreOffice: the total and the grade follow the rules',
  { skip: why(SOFFICE, 'soffice') },
  async () => {
    const e = examples.find((x) => x.stem.startsWith('000_'))!;
    const d = doc(e);
    const plans = sheetPlans(d);
    const scoring = plans.find((p) => p.table.id === 'scoring')!;
    // The 区人大代表履职活动完成率 (≥90%, 10 points): 90% → 45% halves its score.
    const id = '区人大代表履职活动完成率';
    const actual = placeCells(scoring.table).find((p) => p.cell.id === `in:${id}`)!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(d)) as unknown as ArrayBuffer);
    wb.getWorksheet(scoring.name)!.getCell(scoring.firstRow + actual.r, actual.c + 1).value = 0.45;
    const edited = path.join(tmp, 'edited.xlsx');
    await wb.xlsx.writeFile(edited);
    // LibreOffice told to recalculate on load (its default for files last saved elsewhere is to ask).
    const profile = path.join(tmp, 'lo-recalc');
    mkdirSync(path.join(profile, 'user'), { recursive: true });
    writeFileSync(
      path.join(profile, 'user', 'registrymodifications.xcu'),
      '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>',
    );
    const out = path.join(tmp, 'recalc');
    const r = run('soffice', [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'xlsx',
      '--outdir',
      out,
      edited,
    ]);
    assert.equal(r.status, 0, r.stderr);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path.join(out, 'edited.xlsx'));
    const main = plans[0]!;
    const at = (key: string) => {
      const p = placeCells(main.table).find((x) => x.cell.key === key)!;
      return back.getWorksheet(main.name)!.getCell(main.firstRow + p.r, p.c + 1);
    };
    const ev = structuredClone(e.evaluation);
    ev.indicators[id] = { ...ev.indicators[id], actual: '45%' };
    const rescored = score(e.framework, ev);
    assert.notEqual(rescored.total, e.result.total);
    assert.equal(fmt(Number(at('total').result), 2), fmt(rescored.total, 2), 'the total');
    assert.equal(at('grade').result, rescored.grade, 'the grade');
    assert.equal(fmt(Number(at(`score:${id}`).result), 2), fmt(rescored.indicators.find((i) => i.id === id)!.score, 2));
  },
);
