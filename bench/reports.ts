/**
 * Renders 1,000 reports (the seed examples and the 10号 project example, round-robin) to DOCX, XLSX,
 * HTML and PDF; prints reports per second for each format and the ratio of that cost to the cost of
 * just zipping the same XML (the parts of the DOCX / XLSX, the HTML for the PDF) with jszip.
 * Each report's document model is built afresh (part of the cost); scoring is not (bench/scoring.ts).
 *
 * Usage: npm run bench                       (1,000 reports per format)
 *        JIXIAO_BENCH_REPORTS=200 JIXIAO_BENCH_PDF=50 node --import tsx bench/reports.ts
 * PDF goes through LibreOffice (JIXIAO_PDF=chromium: Chromium); without it the PDF line says so.
 */
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import JSZip from 'jszip';
import { scoreFile } from '../src/load/evaluations.js';
import { PACKAGE_ROOT } from '../src/load/paths.js';
import { renderDocx } from '../src/reports/docx.js';
import { renderHtml } from '../src/reports/html.js';
import { buildReport } from '../src/reports/build.js';
import { chromiumPath, PdfEngine, sofficePath } from '../src/reports/pdf.js';
import { renderXlsx } from '../src/reports/xlsx.js';
import { type Figure, writeSection } from './results.js';

const N = Number(process.env.JIXIAO_BENCH_REPORTS ?? 1000);
/** PDFs through LibreOffice start soffice each (≈ 1.5 s): a few dozen give the rate. */
const NPDF = Number(process.env.JIXIAO_BENCH_PDF ?? Math.min(N, 20));
const VIA = process.env.JIXIAO_PDF === 'chromium' ? 'chromium' : 'libreoffice';
const PDF_PAGES = Number(process.env.JIXIAO_BENCH_PDF_PAGES ?? 2);

const seeds = path.join(PACKAGE_ROOT, 'examples', 'seeds');
const files = [
  ...readdirSync(seeds)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(seeds, f)),
  path.join(PACKAGE_ROOT, 'examples', 'national', 'project-2020.yaml'),
].filter(existsSync);
const scored = files.map((f) => scoreFile(f));
const K = scored.length;
const docOf = (i: number) => {
  const s = scored[i % K]!;
  return buildReport(s.framework, s.evaluation, s.result);
};

const fmtN = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 1 : 0 });
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function time(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return performance.now() - t;
}

/** Time to zip the given parts `n` times (round-robin over the examples), as a writer would at the end. */
async function zipOnly(parts: Array<Array<[string, Uint8Array | string]>>, n: number): Promise<number> {
  return time(n, async (i) => {
    const z = new JSZip();
    for (const [name, data] of parts[i % parts.length]!) z.file(name, data);
    await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  });
}

async function unzipParts(buf: Buffer): Promise<Array<[string, Uint8Array]>> {
  const z = await JSZip.loadAsync(buf);
  const out: Array<[string, Uint8Array]> = [];
  for (const f of Object.values(z.files)) if (!f.dir) out.push([f.name, await f.async('uint8array')]);
  return out;
}

const figures: Figure[] = [];
const TARGET_ZIP: Partial<Record<string, number>> = { DOCX: 2, XLSX: 2 };

function line(name: string, n: number, ms: number, zipMs?: number, zipWhat = 'the same XML'): void {
  const perSec = (n / ms) * 1000;
  const target = TARGET_ZIP[name];
  figures.push({
    name: `${name}, ${n} reports`,
    value: ms,
    unit: 'ms',
    ...(zipMs !== undefined && { baseline: { name: `zipping ${zipWhat}`, value: zipMs }, ratio: ms / zipMs }),
    ...(target !== undefined && zipMs !== undefined && { target: `≤ ${target}× zip cost`, met: ms / zipMs <= target }),
  });
  const ratio =
    zipMs === undefined
      ? ''
      : `   ×${(ms / zipMs).toFixed(1)} the cost of zipping ${zipWhat} (${secs(zipMs)}, ${fmtN((n / zipMs) * 1000)}/s)`;
  process.stdout.write(
    `  ${name.padEnd(22)} ${fmtN(n).padStart(6)} in ${secs(ms).padStart(9)}   ${fmtN(perSec).padStart(6)} reports/s${ratio}\n`,
  );
}

process.stdout.write(
  `\nreports: ${fmtN(N)} reports round-robin over ${K} examples (${scored.map((s) => s.framework.layout).join(', ')}); ${availableParallelism()} CPUs\n`,
);

// Warm up (JIT, font tables).
for (let i = 0; i < K; i++) {
  const d = docOf(i);
  await renderDocx(d);
  await renderXlsx(d);
  renderHtml(d);
}

const modelMs = await time(N, (i) => docOf(i));
line('document model', N, modelMs);

const docxParts: Array<Array<[string, Uint8Array]>> = [];
for (let i = 0; i < K; i++) docxParts.push(await unzipParts(await renderDocx(docOf(i))));
const docxMs = await time(N, (i) => renderDocx(docOf(i)));
line('DOCX', N, docxMs, await zipOnly(docxParts, N));

const xlsxParts: Array<Array<[string, Uint8Array]>> = [];
for (let i = 0; i < K; i++) xlsxParts.push(await unzipParts(await renderXlsx(docOf(i))));
const xlsxMs = await time(N, (i) => renderXlsx(docOf(i)));
line('XLSX', N, xlsxMs, await zipOnly(xlsxParts, N));

const htmls = Array.from({ length: K }, (_, i) => renderHtml(docOf(i)));
const htmlMs = await time(N, (i) => renderHtml(docOf(i)));
line(
  'HTML',
  N,
  htmlMs,
  await zipOnly(
    htmls.map((h) => [['report.html', h]]),
    N,
  ),
  'the HTML',
);

const pdfExe = VIA === 'chromium' ? chromiumPath() : sofficePath();
if (!existsSync(pdfExe) || NPDF <= 0) {
  process.stdout.write(
    `  PDF                    skipped (${NPDF <= 0 ? 'JIXIAO_BENCH_PDF=0' : `no ${pdfExe}: run scripts/install-system-deps.sh`})\n`,
  );
} else {
  const engine = await PdfEngine.launch({ via: VIA, concurrency: PDF_PAGES });
  try {
    for (let i = 0; i < Math.min(K, 2); i++) await engine.render(docOf(i));
    let next = 0;
    let done = 0;
    const failures: string[] = [];
    const t = performance.now();
    const tty = process.stderr.isTTY;
    await Promise.all(
      Array.from({ length: PDF_PAGES }, async () => {
        while (next < NPDF) {
          const i = next++;
          // A print that fails twice is a PdfError to count and report, not the end of the run.
          await engine.render(docOf(i)).catch((e: Error) => failures.push(e.message));
          done++;
          if (tty && done % 10 === 0) process.stderr.write(`\r  PDF ${done}/${NPDF}…`);
        }
      }),
    );
    const pdfMs = performance.now() - t;
    if (tty) process.stderr.write('\r\u001b[2K');
    // Against the DOCX of this run, per report (issue 16: ≤ 3×), with the pool's retries and failures.
    const docxPer = docxMs / N;
    const ratio = pdfMs / NPDF / docxPer;
    const { retried } = engine.stats;
    figures.push({
      name: `PDF (${VIA}), ${NPDF} reports`,
      value: pdfMs,
      unit: 'ms',
      baseline: { name: `DOCX of the same reports (${fmtN(docxPer)} ms each)`, value: docxPer * NPDF },
      ratio,
      target: '≤ 3× DOCX cost per report; completes every time',
      met: ratio <= 3 && failures.length === 0,
    });
    process.stdout.write(
      `  ${`PDF (${VIA === 'chromium' ? 'Chromium' : 'LibreOffice'} ×${PDF_PAGES})`.padEnd(22)} ${fmtN(NPDF).padStart(6)} in ${secs(pdfMs).padStart(9)}   ${fmtN((NPDF / pdfMs) * 1000).padStart(6)} reports/s   ×${ratio.toFixed(1)} the cost of a DOCX (${fmtN(docxPer)} ms each); ${retried} retried, ${failures.length} failed${failures.length ? `: ${failures[0]}` : ''}\n`,
    );
  } finally {
    await engine.close();
  }
}
process.stdout.write('\n');
writeSection('reports', figures, { reports: N, pdfs: NPDF, pdfVia: VIA });
