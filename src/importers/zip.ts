import yauzl from 'yauzl';
import { ImportError, LIMITS, mb } from './limits.js';
import { libraryReason } from './text-util.js';

/**
 * Zip containers (DOCX, XLSX) opened defensively with yauzl: the central directory is read first
 * and refused when it declares too many entries, too much data or an implausible compression ratio;
 * an entry is then inflated as a stream through a byte counter that stops at the cap whatever the
 * directory claims (and yauzl itself refuses an entry that inflates to more than it declared), and
 * a second counter bounds all entries together.
 */
export interface ZipEntryInfo {
  name: string;
  declared: number;
  compressed: number;
}

export class SafeZip {
  private inflated = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    private readonly file: string | undefined,
  ) {}

  static async open(buf: Uint8Array, file?: string): Promise<SafeZip> {
    const buffer = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(
        buffer,
        { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true },
        (err, z) => (err || !z ? reject(err ?? new Error('无法打开')) : resolve(z)),
      ),
    ).catch((e: unknown) => {
      throw new ImportError('corrupt', `文件已损坏，无法作为 DOCX/XLSX（zip）读取${libraryReason(e)}`, file);
    });
    if (zip.entryCount > LIMITS.maxZipEntries)
      throw new ImportError('zip-bomb', `压缩包内文件过多（${zip.entryCount}个，上限${LIMITS.maxZipEntries}个）`, file);
    const entries = new Map<string, yauzl.Entry>();
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => {
        entries.set(e.fileName.replace(/^\/+/, ''), e);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (e: Error) =>
        reject(
          /size mismatch/i.test(e.message)
            ? new ImportError('zip-bomb', `压缩包目录所记大小自相矛盾，疑为伪造大小的压缩炸弹：${e.message}`, file)
            : new ImportError('corrupt', `文件已损坏，压缩包目录无法读取${libraryReason(e)}`, file),
        ),
      );
      zip.readEntry();
    });
    let total = 0;
    for (const [n, e] of entries) {
      const size = e.uncompressedSize;
      total += size;
      if (size > LIMITS.maxZipEntryBytes)
        throw new ImportError(
          'zip-bomb',
          `压缩包内“${n}”解压后达${mb(size)}，超过上限${mb(LIMITS.maxZipEntryBytes)}`,
          file,
        );
      if (e.compressedSize > 0 && size / e.compressedSize > LIMITS.maxZipRatio && size > 1024 * 1024)
        throw new ImportError(
          'zip-bomb',
          `压缩包内“${n}”压缩比异常（${Math.round(size / e.compressedSize)}:1），疑为压缩炸弹`,
          file,
        );
    }
    if (total > LIMITS.maxZipTotalBytes)
      throw new ImportError('zip-bomb', `压缩包解压后共${mb(total)}，超过上限${mb(LIMITS.maxZipTotalBytes)}`, file);
    return new SafeZip(zip, entries, file);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  info(): ZipEntryInfo[] {
    return [...this.entries].map(([name, e]) => ({
      name,
      declared: e.uncompressedSize,
      compressed: e.compressedSize,
    }));
  }

  has(entry: string): boolean {
    return this.entries.has(entry);
  }

  /** One entry's bytes, inflated through the counters; undefined when absent. */
  async read(entry: string, cap = LIMITS.maxZipEntryBytes): Promise<Buffer | undefined> {
    const e = this.entries.get(entry);
    if (!e || e.fileName.endsWith('/')) return undefined;
    const file = this.file;
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      this.zip.openReadStream(e, (err, s) => (err || !s ? reject(err ?? new Error('无法解压')) : resolve(s))),
    ).catch((err: unknown) => {
      throw new ImportError('corrupt', `“${entry}”无法解压：${(err as Error).message}`, file);
    });
    const chunks: Buffer[] = [];
    let size = 0;
    return new Promise<Buffer>((resolve, reject) => {
      let done = false;
      const fail = (err: ImportError) => {
        if (done) return;
        done = true;
        (stream as unknown as { destroy?: () => void }).destroy?.();
        reject(err);
      };
      stream.on('data', (c: Buffer) => {
        if (done) return;
        size += c.length;
        this.inflated += c.length;
        if (size > cap)
          return fail(new ImportError('zip-bomb', `“${entry}”解压后超过${mb(cap)}，疑为压缩炸弹，已停止读取`, file));
        if (this.inflated > LIMITS.maxZipTotalBytes)
          return fail(
            new ImportError(
              'zip-bomb',
              `压缩包解压后超过${mb(LIMITS.maxZipTotalBytes)}，疑为压缩炸弹，已停止读取`,
              file,
            ),
          );
        chunks.push(c);
      });
      stream.on('error', (err: Error) => {
        const lie = /too many bytes|expected \d+|uncompressed/i.test(err.message);
        fail(
          new ImportError(
            lie ? 'zip-bomb' : 'corrupt',
            lie
              ? `“${entry}”实际解压大小超过压缩包目录所记（${mb(e.uncompressedSize)}），疑为伪造大小的压缩炸弹，已停止读取`
              : `“${entry}”无法解压：${err.message}`,
            file,
          ),
        );
      });
      stream.on('end', () => {
        if (done) return;
        done = true;
        resolve(Buffer.concat(chunks, size));
      });
    });
  }

  async text(entry: string, cap?: number): Promise<string | undefined> {
    const b = await this.read(entry, cap);
    return b?.toString('utf8');
  }
}

export async function listZip(buf: Uint8Array, name?: string): Promise<string[]> {
  return (await SafeZip.open(buf, name)).names();
}
