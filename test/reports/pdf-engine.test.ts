import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { buildReport } from '../../src/reports/build.js';
import { renderDocx } from '../../src/reports/docx.js';
import { compactPdf } from '../../src/reports/pdf-compact.js';
import { PdfBusyError, PdfEngine, PdfPrintError } from '../../src/reports/pdf.js';
import { has, loadExamples, run } from './helpers.js';

/**
 * The PDF engine as the server and the CLI use it: the Chromium page pool with its pages or its browser
 * closed underneath (the print retried on a fresh page, then reported as a PdfPrintError), the queue
 * bound; LibreOffice's pool with a converter that always fails (retried, then reported); and compactPdf on a LibreOffice PDF (the 龙华 draft): smaller, the same text, the same named
 * fonts, and every page rendered pixel for pixel the same by poppler.
 */

const CHROMIUM = existsSync(process.env.JIXIAO_CHROMIUM ?? '/usr/bin/chromium');
const SOFFICE = has('soffice');
const POPPLER = has('pdftoppm') && has('pdftotext') && has('pdffonts');
const why = (ok: boolean, what: string) => (ok ? false : `${what} missing: run scripts/install-system-deps.sh`);

const examples = loadExamples();
const byStem = (p: string) => examples.find((e) => e.stem.startsWith(p))!;
const jinzhong = byStem('001_'); // four pages: the quickest to print
const small = buildReport(jinzhong.framework, jinzhong.evaluation, jinzhong.result);
const tmp = mkdtempSync(path.join(tmpdir(), 'jixiao-pdf-engine-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const pagesOf = (browser: NonNullable<PdfEngine['browser']>) => browser.contexts().flatMap((c) => c.pages());

test(
  'Chromium pool: a page closed underneath is replaced and the print retried; a dead browser is reported, not a crash',
  { skip: why(CHROMIUM, 'chromium') },
  async () => {
    const engine = await PdfEngine.launch({ via: 'chromium', concurrency: 1, queue: 4 });
    try {
      const first = await engine.render(small);
      assert.equal(first.subarray(0, 5).toString(), '%PDF-');
      const warm = pagesOf(engine.browser!);
      assert.equal(warm.length, 1, 'one warm page kept');
      assert.equal((await engine.render(small)).subarray(0, 5).toString(), '%PDF-');
      assert.deepEqual(pagesOf(engine.browser!), warm, 'the same page reused');

      // The warm page dies: the next print fails on it, is retried on a fresh page and succeeds.
      await warm[0]!.close();
      const retried = await engine.render(small);
      assert.equal(retried.subarray(0, 5).toString(), '%PDF-');
      assert.deepEqual({ ...engine.stats }, { printed: 3, retried: 1, failed: 0, refused: 0 });
      assert.ok(!pagesOf(engine.browser!).includes(warm[0]!), 'the dead page is not kept');

      // The browser dies: the print and its retry fail; the caller gets a PdfPrintError to report.
      await engine.browser!.close();
      await assert.rejects(
        engine.render(small),
        (e: unknown) =>
          e instanceof PdfPrintError && /^PDF 生成失败（换用新的Chromium 页面重试后仍失败）：/.test(e.message),
      );
      assert.deepEqual({ ...engine.stats }, { printed: 3, retried: 2, failed: 1, refused: 0 });
      assert.equal(engine.connected, false, 'the server launches a new engine on its next PDF');
    } finally {
      await engine.close().catch(() => undefined);
    }
  },
);

test('Chromium pool: the queue bound holds', { skip: why(CHROMIUM, 'chromium') }, async () => {
  const engine = await PdfEngine.launch({ via: 'chromium', concurrency: 1, queue: 1 });
  try {
    const printing = engine.render(small);
    const waiting = engine.render(small);
    assert.equal(engine.queued, 1);
    await assert.rejects(
      engine.render(small),
      (e: unknown) => e instanceof PdfBusyError && /请稍后再试/.test(e.message),
    );
    for (const pdf of await Promise.all([printing, waiting])) assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.deepEqual({ ...engine.stats }, { printed: 2, retried: 0, failed: 0, refused: 1 });
  } finally {
    await engine.close();
  }
});

test(
  'LibreOffice pool: a converter that fails is retried on a fresh profile, then reported',
  { skip: why(existsSync('/bin/false'), '/bin/false') },
  async () => {
    // /bin/false stands where soffice would: it exits 1 every time, as a LibreOffice that cannot convert.
    const engine = await PdfEngine.launch({ via: 'libreoffice', executablePath: '/bin/false', concurrency: 1 });
    try {
      await assert.rejects(
        engine.render(small),
        (e: unknown) =>
          e instanceof PdfPrintError &&
          /^PDF 生成失败（换用新的LibreOffice 配置目录重试后仍失败）：LibreOffice 转换 PDF 失败/.test(e.message),
      );
      assert.deepEqual({ ...engine.stats }, { printed: 0, retried: 1, failed: 1, refused: 0 });
    } finally {
      await engine.close();
    }
  },
);

test(
  'compactPdf: the 龙华 draft from LibreOffice smaller, with the same text, named fonts and pages',
  { skip: why(SOFFICE && POPPLER, 'soffice or poppler-utils') },
  async () => {
    const e = byStem('003_');
    const draft = buildReport(e.framework, e.evaluation, e.result, { draft: true });
    const src = path.join(tmp, 'longhua.docx');
    writeFileSync(src, await renderDocx(draft, { fontSet: 'free' }));
    const profile = pathToFileURL(path.join(tmp, 'profile')).href;
    const r = run(
      'soffice',
      [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, src],
      {
        timeout: 180_000,
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const rawFile = path.join(tmp, 'longhua.pdf');
    const raw = readFileSync(rawFile);
    const small = compactPdf(raw);
    const smallFile = path.join(tmp, 'longhua-compact.pdf');
    writeFileSync(smallFile, small);

    // The 草稿 mark is one form on every page: LibreOffice stores it per page, compactPdf once per look.
    const forms = (b: Buffer) => b.toString('latin1').match(/\/Subtype\s*\/Form/g)?.length ?? 0;
    assert.ok(forms(raw) >= 10, `${forms(raw)} forms`);
    assert.ok(forms(small) <= 2, `${forms(small)} forms`);
    assert.ok(small.length < raw.length - 100_000, `${raw.length} → ${small.length}`);
    assert.ok(small.length < 300 * 1024, `${(small.length / 1024).toFixed(0)} KB`);

    const text = (f: string) => run('pdftotext', ['-enc', 'UTF-8', f, '-']).stdout;
    assert.equal(text(smallFile), text(rawFile));
    const fonts = (f: string) =>
      run('pdffonts', [f])
        .stdout.split('\n')
        .slice(2)
        .filter(Boolean)
        .map((l) => l.replace(/\s+\d+\s+\d+\s*$/, '')); // object numbers change
    assert.deepEqual(fonts(smallFile), fonts(rawFile));
    for (const l of fonts(smallFile)) assert.match(l, /^[A-Z]{6}\+\S+\s.*\syes\s+yes\s+yes$/, l);

    // Every page the same to the pixel (poppler draws the trimmed TrueType subsets as it drew the originals).
    run('pdftoppm', ['-r', '30', '-gray', rawFile, path.join(tmp, 'raw')]);
    run('pdftoppm', ['-r', '30', '-gray', smallFile, path.join(tmp, 'small')]);
    const pngs = readdirSync(tmp).filter((f) => f.startsWith('raw-'));
    assert.ok(pngs.length >= 15, `${pngs.length} pages`);
    for (const f of pngs)
      assert.ok(
        readFileSync(path.join(tmp, f)).equals(readFileSync(path.join(tmp, f.replace('raw-', 'small-')))),
        `page ${f} differs`,
      );
  },
);

test('compactPdf: what it cannot read is returned as it came', () => {
  const notPdf = Buffer.from('not a pdf at all');
  assert.equal(compactPdf(notPdf), notPdf);
  const cut = Buffer.from('%PDF-1.6\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
  assert.equal(compactPdf(cut), cut);
});
