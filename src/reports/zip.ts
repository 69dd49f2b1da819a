import JSZip from 'jszip';

/**
 * A round's reports as one zip: entries render one by one (a few at a time), each finished one is
 * reported to `onProgress` — the CLI draws a progress bar from it, the server streams it to the page.
 * DOCX, XLSX and PDF are already compressed and are stored; HTML is deflated.
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

export async function zipReports(entries: ZipEntry[], opts: ZipOptions = {}): Promise<Buffer> {
  const zip = new JSZip();
  const total = entries.length;
  let done = 0;
  let next = 0;
  const used = new Set<string>();
  const names = entries.map((e) => uniqueName(e.name, used));
  // Files go into the zip in the entries' order, whatever order they finish in.
  const results: Array<{ name: string; data: Buffer | string } | undefined> = new Array(total);
  const worker = async () => {
    while (next < entries.length) {
      const i = next++;
      const name = names[i]!;
      try {
        const data = await entries[i]!.render();
        results[i] = { name, data };
        done++;
        opts.onProgress?.({ done, total, name });
      } catch (e) {
        if (opts.failFast) throw e;
        const message = e instanceof Error ? e.message : String(e);
        results[i] = { name: `${name}.错误.txt`, data: `生成失败：${message}\n` };
        done++;
        opts.onProgress?.({ done, total, name, error: message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 2, entries.length)) }, worker));
  for (const r of results) {
    if (r)
      zip.file(r.name, r.data, {
        compression: STORED.test(r.name) ? 'STORE' : 'DEFLATE',
        date: new Date(Date.UTC(2000, 0, 1)),
        createFolders: false,
      });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
