/**
 * PDF, two ways (docs/reports.md compares them):
 *
 * - `libreoffice` (default): the DOCX converted by LibreOffice (`soffice --headless --convert-to pdf`).
 *   The PDF is the DOCX the unit signs, page for page: the 22-line grid, the heading rows repeated, the
 *   署名 kept with the text. Every face (bold too) is embedded as a named TrueType subset; a seed report
 *   is 110–320 KB. Each conversion starts soffice (≈ 1.5 s) with a profile folder of its own slot.
 * - `chromium`: the report's HTML printed by headless Chromium (Debian's `chromium` through
 *   playwright-core). Faster when warm, but Skia embeds bold or stroked CJK text as unnamed Type 3 glyphs
 *   and the files are two to three times larger.
 *
 * One engine serves a process (the server keeps one for its lifetime); `concurrency` conversions run at once.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import type { ReportDocument } from './model.js';

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

export class PdfUnavailableError extends Error {}

export interface PdfEngineOptions {
  /** Default: $JIXIAO_PDF, else libreoffice. */
  via?: PdfVia;
  executablePath?: string;
  /** Conversions at once (default 2). */
  concurrency?: number;
  /** Per document, ms (default 120 s). */
  timeoutMs?: number;
}

/** A small pool: at most `size` tasks at once, each given its slot number. */
class Slots {
  private free: number[];
  private waiting: Array<(slot: number) => void> = [];

  constructor(size: number) {
    this.free = Array.from({ length: size }, (_, i) => i);
  }

  async run<T>(fn: (slot: number) => Promise<T>): Promise<T> {
    const slot = this.free.pop() ?? (await new Promise<number>((resolve) => this.waiting.push(resolve)));
    try {
      return await fn(slot);
    } finally {
      const next = this.waiting.shift();
      if (next) next(slot);
      else this.free.push(slot);
    }
  }
}

interface Backend {
  render(doc: ReportDocument): Promise<Buffer>;
  readonly connected: boolean;
  close(): Promise<void>;
}

class LibreOffice implements Backend {
  private readonly root = mkdtempSync(path.join(tmpdir(), 'jixiao-pdf-'));
  private readonly slots: Slots;
  private closed = false;

  constructor(
    private readonly exe: string,
    concurrency: number,
    private readonly timeoutMs: number,
  ) {
    this.slots = new Slots(concurrency);
  }

  get connected(): boolean {
    return !this.closed;
  }

  render(doc: ReportDocument): Promise<Buffer> {
    return this.slots.run(async (slot) => {
      // The free fonts by name: one subset per face, whatever fontconfig maps the official names to.
      const docx = await renderDocx(doc, { fontSet: 'free' });
      const dir = mkdtempSync(path.join(this.root, 'doc-'));
      try {
        const src = path.join(dir, 'report.docx');
        writeFileSync(src, docx);
        // One profile per slot: LibreOffice will not run twice on one profile.
        const profile = pathToFileURL(path.join(this.root, `profile-${slot}`)).href;
        await new Promise<void>((resolve, reject) => {
          execFile(
            this.exe,
            [
              `-env:UserInstallation=${profile}`,
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
    rmSync(this.root, { recursive: true, force: true });
  }
}

class Chromium implements Backend {
  private idle: Page[] = [];
  private made = 0;
  private waiting: Array<(p: Page) => void> = [];

  constructor(
    private readonly browser: Browser,
    private readonly concurrency: number,
    private readonly timeoutMs: number,
  ) {}

  private async acquire(): Promise<Page> {
    const p = this.idle.pop();
    if (p) return p;
    if (this.made < this.concurrency) {
      this.made++;
      try {
        return await this.browser.newPage();
      } catch (e) {
        this.made--;
        throw e;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(p: Page): void {
    const next = this.waiting.shift();
    if (next) next(p);
    else this.idle.push(p);
  }

  async render(doc: ReportDocument): Promise<Buffer> {
    const page = await this.acquire();
    let ok = false;
    try {
      page.setDefaultTimeout(this.timeoutMs);
      await page.setContent(renderHtml(doc), { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => true)');
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
      ok = true;
      return pdf;
    } finally {
      if (ok) this.release(page);
      else {
        // A page that failed may be stuck: replace it.
        this.made--;
        void page.close().catch(() => undefined);
        const next = this.waiting.shift();
        if (next) void this.acquire().then(next);
      }
    }
  }

  get connected(): boolean {
    return this.browser.isConnected();
  }

  close(): Promise<void> {
    return this.browser.close();
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
    if (via === 'libreoffice') {
      const exe = opts.executablePath ?? sofficePath();
      if (!existsSync(exe))
        throw new PdfUnavailableError(
          `找不到 LibreOffice（${exe}）：请运行 scripts/install-system-deps.sh，或设置 JIXIAO_SOFFICE`,
        );
      return new PdfEngine(new LibreOffice(exe, concurrency, opts.timeoutMs ?? 120_000), via);
    }
    const executablePath = opts.executablePath ?? chromiumPath();
    if (!existsSync(executablePath)) {
      throw new PdfUnavailableError(
        `找不到 Chromium（${executablePath}）：请运行 scripts/install-system-deps.sh，或设置 JIXIAO_CHROMIUM`,
      );
    }
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    return new PdfEngine(new Chromium(browser, concurrency, opts.timeoutMs ?? 60_000), via);
  }

  /** False once the engine has gone away (a crashed browser, a closed engine): launch a new one. */
  get connected(): boolean {
    return this.backend.connected;
  }

  render(doc: ReportDocument): Promise<Buffer> {
    return this.backend.render(doc);
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
