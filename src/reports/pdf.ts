/**
 * PDF, two ways (docs/reports.md compares them):
 *
 * - `libreoffice` (default): the DOCX converted by LibreOffice (`soffice --headless --convert-to pdf`).
 *   The PDF is the DOCX the unit signs, page for page: the 22-line grid, the heading rows repeated, the
 *   署名 kept with the text. Every face (bold too) is embedded as a named TrueType subset; a seed report
 *   is 120–280 KB after compactPdf (drafts up to 300 KB). Each conversion starts soffice (≈ 1.5 s) on a
 *   profile folder of its own.
 * - `chromium`: the report's HTML printed by headless Chromium (Debian's `chromium` through
 *   playwright-core). Faster when warm, but Skia embeds bold or stroked CJK text as unnamed Type 3 glyphs
 *   and the files are two to three times larger.
 *
 * One engine serves a process (the server keeps one for its lifetime): a PrintPool (print-pool.ts) of
 * `concurrency` warm workers and a bounded queue; a failed print is retried once on a fresh worker, then
 * rejected with a PdfPrintError.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import type { ReportDocument } from './model.js';
import { compactPdf } from './pdf-compact.js';
import { PdfUnavailableError, PrintPool, type PrintPoolStats } from './print-pool.js';

export { PdfBusyError, PdfError, PdfPrintError, PdfUnavailableError, type PrintPoolStats } from './print-pool.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** $JIXIAO_CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.JIXIAO_CHROMIUM ?? '/usr/bin/chromium';
}

/** $JIXIAO_SOFFICE, else Debian's /usr/bin/soffice. */
export function sofficePath(): string {
  return process.env.JIXIAO_SOFFICE ?? '/usr/bin/soffice';
}

export type PdfVia = 'libreoffice' | 'chromium';

export interface PdfEngineOptions {
  /** Default: $JIXIAO_PDF, else libreoffice. */
  via?: PdfVia;
  executablePath?: string;
  /** Prints at once, each on a warm worker of its own (default 2). */
  concurrency?: number;
  /** Prints waiting at most; one more is refused with a PdfBusyError (default 64). */
  queue?: number;
  /** Per document, ms (default 120 s). */
  timeoutMs?: number;
}

interface Backend {
  /** The PDF as printed, before compactPdf. */
  print(doc: ReportDocument): Promise<Buffer>;
  readonly pool: PrintPool<unknown>;
  readonly connected: boolean;
  close(): Promise<void>;
}

class LibreOffice implements Backend {
  private readonly root = mkdtempSync(path.join(tmpdir(), 'jixiao-pdf-'));
  readonly pool: PrintPool<string>;
  private closed = false;

  constructor(
    private readonly exe: string,
    concurrency: number,
    queue: number,
    private readonly timeoutMs: number,
  ) {
    // A worker is a LibreOffice profile folder (LibreOffice will not run twice on one); a fresh one
    // after a failure, in case the profile is what broke.
    this.pool = new PrintPool<string>({
      size: concurrency,
      queue,
      what: 'LibreOffice 配置目录',
      create: async () => mkdtempSync(path.join(this.root, 'profile-')),
      destroy: async (dir) => rmSync(dir, { recursive: true, force: true }),
    });
  }

  get connected(): boolean {
    return !this.closed;
  }

  async print(doc: ReportDocument): Promise<Buffer> {
    // The free fonts by name: one subset per face, whatever fontconfig maps the official names to.
    const docx = await renderDocx(doc, { fontSet: 'free' });
    return this.pool.run(async (profileDir) => {
      const dir = mkdtempSync(path.join(this.root, 'doc-'));
      try {
        const src = path.join(dir, 'report.docx');
        writeFileSync(src, docx);
        await new Promise<void>((resolve, reject) => {
          execFile(
            this.exe,
            [
              `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
              '--headless',
              '--norestore',
              '--convert-to',
              'pdf',
              '--outdir',
              dir,
              src,
            ],
            { timeout: this.timeoutMs, maxBuffer: 4 * 1024 * 1024 },
            (err, _out, stderr) =>
              err ? reject(new Error(`LibreOffice 转换 PDF 失败：${stderr || err.message}`)) : resolve(),
          );
        });
        const out = path.join(dir, 'report.pdf');
        if (!existsSync(out)) throw new Error('LibreOffice 未生成 PDF');
        return readFileSync(out);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool.close();
    rmSync(this.root, { recursive: true, force: true });
  }
}

class Chromium implements Backend {
  readonly pool: PrintPool<Page>;

  constructor(
    readonly browser: Browser,
    concurrency: number,
    queue: number,
    private readonly timeoutMs: number,
  ) {
    // A worker is a page kept open between prints (no new tab per document).
    this.pool = new PrintPool<Page>({
      size: concurrency,
      queue,
      what: 'Chromium 页面',
      create: () => browser.newPage(),
      destroy: (page) => page.close(),
    });
  }

  print(doc: ReportDocument): Promise<Buffer> {
    const html = renderHtml(doc);
    return this.pool.run(async (page) => {
      page.setDefaultTimeout(this.timeoutMs);
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => true)');
      return page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
    });
  }

  get connected(): boolean {
    return this.browser.isConnected();
  }

  async close(): Promise<void> {
    await this.pool.close();
    await this.browser.close();
  }
}

export class PdfEngine {
  private constructor(
    private readonly backend: Backend,
    readonly via: PdfVia,
  ) {}

  static async launch(opts: PdfEngineOptions = {}): Promise<PdfEngine> {
    const via: PdfVia = opts.via ?? (process.env.JIXIAO_PDF === 'chromium' ? 'chromium' : 'libreoffice');
    const concurrency = Math.max(1, opts.concurrency ?? 2);
    const queue = Math.max(0, opts.queue ?? 64);
    if (via === 'libreoffice') {
      const exe = opts.executablePath ?? sofficePath();
      if (!existsSync(exe))
        throw new PdfUnavailableError(
          `找不到 LibreOffice（${exe}）：请运行 scripts/install-system-deps.sh，或设置 JIXIAO_SOFFICE`,
        );
      return new PdfEngine(new LibreOffice(exe, concurrency, queue, opts.timeoutMs ?? 120_000), via);
    }
    const executablePath = opts.executablePath ?? chromiumPath();
    if (!existsSync(executablePath)) {
      throw new PdfUnavailableError(
        `找不到 Chromium（${executablePath}）：请运行 scripts/install-system-deps.sh，或设置 JIXIAO_CHROMIUM`,
      );
    }
    // Loaded when a Chromium engine starts: playwright-core is ~7 MB of source a server or CLI would otherwise hold.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    return new PdfEngine(new Chromium(browser, concurrency, queue, opts.timeoutMs ?? 60_000), via);
  }

  /** False once the engine has gone away (a crashed browser, a closed engine): launch a new one. */
  get connected(): boolean {
    return this.backend.connected;
  }

  /** Prints waiting now, and what the pool has done so far (printed, retried, failed, refused). */
  get queued(): number {
    return this.backend.pool.queued;
  }

  get stats(): Readonly<PrintPoolStats> {
    return this.backend.pool.stats;
  }

  /** The Chromium behind a `chromium` engine (diagnostics, tests); undefined for LibreOffice. */
  get browser(): Browser | undefined {
    return this.backend instanceof Chromium ? this.backend.browser : undefined;
  }

  /**
   * The document as a PDF, compacted (pdf-compact.ts). Rejects with a PdfError — PdfBusyError when the
   * queue is full, PdfPrintError when the print failed on a fresh worker too — never anything else.
   */
  async render(doc: ReportDocument): Promise<Buffer> {
    return compactPdf(await this.backend.print(doc));
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}

/** Renders one PDF, with the given engine or one launched (and closed) for it. */
export async function renderPdf(doc: ReportDocument, engine?: PdfEngine): Promise<Buffer> {
  if (engine) return engine.render(doc);
  const e = await PdfEngine.launch({ concurrency: 1 });
  try {
    return await e.render(doc);
  } finally {
    await e.close();
  }
}
