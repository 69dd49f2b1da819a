import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderHtml } from './html.js';
import type { ReportDocument } from './model.js';

/**
 * PDF = the report's HTML printed by headless Chromium (Debian's `chromium` package) through
 * playwright-core. Chromium embeds the fonts it used (Noto CJK as Type 3 subsets: text stays
 * searchable) and honours the print CSS: A4, 公文 margins, named landscape pages, page-number boxes.
 *
 * One engine holds one browser and a small pool of pages; a server keeps one engine for its lifetime.
 */

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

export class PdfUnavailableError extends Error {}

export interface PdfEngineOptions {
  executablePath?: string;
  /** Pages printing at once (default 2). */
  concurrency?: number;
  /** Per document, ms (default 60 s). */
  timeoutMs?: number;
}

export class PdfEngine {
  private idle: Page[] = [];
  private made = 0;
  private waiting: Array<(p: Page) => void> = [];

  private constructor(
    private readonly browser: Browser,
    private readonly concurrency: number,
    private readonly timeoutMs: number,
  ) {}

  static async launch(opts: PdfEngineOptions = {}): Promise<PdfEngine> {
    const executablePath = opts.executablePath ?? chromiumPath();
    if (!existsSync(executablePath)) {
      throw new PdfUnavailableError(
        `找不到 Chromium（${executablePath}）：请运行 scripts/install-system-deps.sh，或设置 JIXIAO_CHROMIUM`,
      );
    }
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    return new PdfEngine(browser, Math.max(1, opts.concurrency ?? 2), opts.timeoutMs ?? 60_000);
  }

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

  /** Prints a self-contained HTML document to PDF. */
  async htmlToPdf(html: string): Promise<Buffer> {
    const page = await this.acquire();
    let ok = false;
    try {
      page.setDefaultTimeout(this.timeoutMs);
      await page.setContent(html, { waitUntil: 'load' });
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

  /** False once the browser has gone away (crashed or closed): launch a new engine. */
  get connected(): boolean {
    return this.browser.isConnected();
  }

  render(doc: ReportDocument): Promise<Buffer> {
    return this.htmlToPdf(renderHtml(doc));
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** Renders one PDF, with the given engine or a browser launched (and closed) for it. */
export async function renderPdf(doc: ReportDocument, engine?: PdfEngine): Promise<Buffer> {
  if (engine) return engine.render(doc);
  const e = await PdfEngine.launch({ concurrency: 1 });
  try {
    return await e.render(doc);
  } finally {
    await e.close();
  }
}
