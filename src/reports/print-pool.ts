/**
 * A bounded pool of warm print workers (Chromium pages, LibreOffice profiles) for the PDF engine: at most
 * `size` prints at once, at most `queue` waiting — past that a PdfBusyError at once rather than an
 * unbounded pile of documents in memory; a print that fails is tried once more on a fresh worker (a page
 * can die under load: "Printing failed"), and a second failure is a PdfPrintError for the caller to
 * report. A worker that failed is closed, never handed out again.
 */

/** Every error of the PDF engine: the CLI and the server report these, never crash on them. */
export class PdfError extends Error {
  override name = 'PdfError';
}

/** No PDF engine on this machine (Chromium or LibreOffice missing). */
export class PdfUnavailableError extends PdfError {
  override name = 'PdfUnavailableError';
}

/** The queue is full: try again later. */
export class PdfBusyError extends PdfError {
  override name = 'PdfBusyError';
}

/** A print failed twice (the second time on a fresh worker). */
export class PdfPrintError extends PdfError {
  override name = 'PdfPrintError';
}

export interface PrintPoolOptions<W> {
  /** Prints at once (workers kept warm). */
  size: number;
  /** Prints waiting at most. */
  queue: number;
  /** What a worker is, for messages: “Chromium 页面”. */
  what: string;
  create(): Promise<W>;
  destroy(worker: W): Promise<void>;
}

export interface PrintPoolStats {
  /** Prints that succeeded (first time or on the retry). */
  printed: number;
  /** First attempts that failed and were tried again. */
  retried: number;
  /** Prints that failed on the retry too (a PdfPrintError each). */
  failed: number;
  /** Prints refused because the queue was full. */
  refused: number;
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 300);

export class PrintPool<W> {
  private idle: W[] = [];
  private busy = 0;
  private waiting: Array<{ go: () => void; stop: (e: Error) => void }> = [];
  private closed = false;
  readonly stats: PrintPoolStats = { printed: 0, retried: 0, failed: 0, refused: 0 };

  constructor(private readonly opts: PrintPoolOptions<W>) {}

  /** Prints waiting for a worker now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `task` on a warm worker, once more on a fresh one if it fails; see the top of the file. */
  async run<T>(task: (worker: W) => Promise<T>): Promise<T> {
    if (this.closed) throw new PdfError('PDF 引擎已关闭');
    if (this.busy < this.opts.size) this.busy++;
    else if (this.waiting.length >= this.opts.queue) {
      this.stats.refused++;
      throw new PdfBusyError(
        `PDF 生成繁忙：${this.opts.size}份正在生成，${this.waiting.length}份排队，已达上限，请稍后再试`,
      );
    } else await new Promise<void>((go, stop) => this.waiting.push({ go, stop })); // the slot is handed over
    try {
      return await this.attempt(task);
    } finally {
      const next = this.waiting.shift();
      if (next) next.go();
      else this.busy--;
    }
  }

  private async attempt<T>(task: (worker: W) => Promise<T>): Promise<T> {
    let last: unknown;
    for (let attempt = 1; attempt <= 2; attempt++) {
      let worker: W | undefined;
      try {
        worker = (attempt === 1 ? this.idle.pop() : undefined) ?? (await this.opts.create());
        const result = await task(worker);
        this.keep(worker);
        this.stats.printed++;
        return result;
      } catch (e) {
        last = e;
        if (worker !== undefined) this.discard(worker);
        if (attempt === 1) this.stats.retried++;
        if (this.closed) break;
      }
    }
    this.stats.failed++;
    throw new PdfPrintError(`PDF 生成失败（换用新的${this.opts.what}重试后仍失败）：${reason(last)}`, {
      cause: last,
    });
  }

  private keep(worker: W): void {
    if (this.closed) this.discard(worker);
    else this.idle.push(worker);
  }

  private discard(worker: W): void {
    void this.opts.destroy(worker).catch(() => undefined);
  }

  /** Refuses what waits, closes the idle workers; prints under way finish and close theirs. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.stop(new PdfError('PDF 引擎已关闭'));
    await Promise.all(this.idle.splice(0).map((w) => this.opts.destroy(w).catch(() => undefined)));
  }
}
