import { ZipWriter } from './zip-writer.js';

/**
 * A round's reports as one zip: entries render one by one (a few at a time), each finished one is
 * reported to `onProgress` — the CLI draws a progress bar from it, the server streams it to the page.
 * DOCX, XLSX and PDF are already compressed and are stored; HTML is deflated. Written in one pass
 * (./zip-writer.ts): a finished file is compressed once and its rendered bytes are dropped.
 */

export interface ZipEntry {
  /** Path inside the zip, '/'-separated. */
  name: string;
  render: () => Promise<Buffer | string>;
}

export interface ZipProgress {
  done: number;
  total: number;
  name: string;
  /** Set when this entry failed; the zip then carries `<name>.错误.txt` with the message. */
  error?: string;
}

export interface ZipOptions {
  onProgress?: (p: ZipProgress) => void;
  /** Entries rendering at once (default 2). */
  concurrency?: number;
  /** Stop at the first failing entry instead of writing its error into the zip. */
  failFast?: boolean;
}

const STORED = /\.(docx|xlsx|pdf|zip|png|jpe?g)$/i;

/** Makes a name safe as a file name on Windows, macOS and Linux. */
export function safeFileName(s: string): string {
  return (
    s
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 150) || '_'
  );
}

/** Appends (2), (3)… to names already used. */
export function uniqueName(name: string, used: Set<string>): string {
  if (!used.has(name)) {
    used.add(name);
    return name;
  }
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let i = 2; ; i++) {
    const n = `${stem}(${i})${ext}`;
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
}

/**
 * A round's zip being written: entries are added in batches (the server reads a round's evaluations a
 * hundred at a time), each file goes into the zip as soon as it and those before it are done, in the
 * entries' order, and only its compressed bytes are kept.
 */
export class ReportZip {
  private readonly zip = new ZipWriter();
  private readonly used = new Set<string>();
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly opts: ZipOptions = {},
  ) {}

  async add(entries: ZipEntry[]): Promise<void> {
    const names = entries.map((e) => uniqueName(e.name, this.used));
    const results: Array<{ name: string; data: Buffer | string } | undefined> = new Array(entries.length);
    let next = 0;
    let written = 0;
    const flush = () => {
      for (; written < entries.length && results[written]; written++) {
        const r = results[written]!;
        this.zip.add(r.name, r.data, !STORED.test(r.name));
        results[written] = undefined;
      }
    };
    const worker = async () => {
      while (next < entries.length) {
        const i = next++;
        const name = names[i]!;
        try {
          results[i] = { name, data: await entries[i]!.render() };
          this.done++;
          this.opts.onProgress?.({ done: this.done, total: this.total, name });
        } catch (e) {
          if (this.opts.failFast) throw e;
          const message = e instanceof Error ? e.message : String(e);
          results[i] = { name: `${name}.错误.txt`, data: `生成失败：${message}\n` };
          this.done++;
          this.opts.onProgress?.({ done: this.done, total: this.total, name, error: message });
        }
        flush();
      }
    };
    const n = Math.max(1, Math.min(this.opts.concurrency ?? 2, entries.length));
    await Promise.all(Array.from({ length: n }, worker));
    flush();
  }

  finish(): Buffer {
    return this.zip.finish();
  }
}

export async function zipReports(entries: ZipEntry[], opts: ZipOptions = {}): Promise<Buffer> {
  const zip = new ReportZip(entries.length, opts);
  await zip.add(entries);
  return zip.finish();
}
