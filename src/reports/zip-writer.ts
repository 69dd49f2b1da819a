/**
 * A zip written in one pass with Node's own zlib: each file is compressed (or stored) once, as it is
 * added, and only the compressed bytes are kept. What DOCX, XLSX and the round zips need — UTF-8
 * names, DEFLATE or STORE, no zip64 (each zip stays far below 4 GB and 65,535 files; larger is refused).
 */
import zlib from 'node:zlib';

/** zlib.crc32 is Node ≥ 20.15; the table is for older 20.x. */
const crc32: (data: Uint8Array) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (data) => (zlib as unknown as { crc32: (d: Uint8Array) => number }).crc32(data)
    : (() => {
        const table = new Int32Array(256);
        for (let n = 0; n < 256; n++) {
          let c = n;
          for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
          table[n] = c;
        }
        return (data: Uint8Array) => {
          let c = -1;
          for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
          return (c ^ -1) >>> 0;
        };
      })();

/** 2000-01-01 00:00 in MS-DOS time: every entry gets the same date, so equal content gives equal files. */
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;

/**
 * Parts that recur from file to file (a theme, the styles of a layout, page footers) are compressed
 * once per process: their compressed bytes are kept by content, a few dozen at most.
 */
const REUSED = new Map<string, { packed: Buffer; crc: number; size: number }>();
const REUSED_MAX = 64;

function compress(raw: Buffer, level: number): Buffer {
  return zlib.deflateRawSync(raw, { level });
}

export interface ZipWriterOptions {
  /** zlib level for DEFLATE entries (default 6, as jszip). */
  level?: number;
}

export class ZipWriter {
  private readonly chunks: Buffer[] = [];
  private readonly central: Buffer[] = [];
  private offset = 0;
  private count = 0;
  private readonly level: number;

  constructor(opts: ZipWriterOptions = {}) {
    this.level = opts.level ?? 6;
  }

  /**
   * Adds one file; `deflate: false` stores it (files that are already compressed). `reuse`: a part
   * that recurs across files (see REUSED), compressed once.
   */
  add(name: string, data: Buffer | string, deflate = true, reuse = false): void {
    const key = reuse && deflate && typeof data === 'string' ? `${this.level}\u0000${data}` : undefined;
    let entry = key === undefined ? undefined : REUSED.get(key);
    if (!entry) {
      const raw = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      entry = { packed: deflate ? compress(raw, this.level) : raw, crc: crc32(raw), size: raw.length };
      if (key !== undefined) {
        if (REUSED.size >= REUSED_MAX) REUSED.clear();
        REUSED.set(key, entry);
      }
    }
    this.write(name, entry.packed, entry.crc, entry.size, deflate ? 8 : 0);
  }

  private write(name: string, packed: Buffer, crc: number, size: number, method: number): void {
    const fileName = Buffer.from(name, 'utf8');
    if (this.offset + packed.length > 0xfffffff0 || this.count >= 0xffff)
      throw new Error('压缩包超过 4 GB 或 65535 个文件，请分批导出');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // made by
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt16LE(DOS_TIME, 12);
    dir.writeUInt16LE(DOS_DATE, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(fileName.length, 28);
    // extra, comment, disk, internal attributes 0; external attributes 0
    dir.writeUInt32LE(this.offset, 42);
    this.chunks.push(local, fileName, packed);
    this.central.push(dir, fileName);
    this.offset += local.length + fileName.length + packed.length;
    this.count++;
  }

  /** The whole zip; the writer is not used after. */
  finish(): Buffer {
    const dirSize = this.central.reduce((n, b) => n + b.length, 0);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.count, 8);
    end.writeUInt16LE(this.count, 10);
    end.writeUInt32LE(dirSize, 12);
    end.writeUInt32LE(this.offset, 16);
    return Buffer.concat([...this.chunks, ...this.central, end]);
  }
}

/** Zips named parts in the given order, every part deflated; those named in `reuse` through REUSED. */
export function zipParts(
  parts: Iterable<[string, Buffer | string]>,
  opts: ZipWriterOptions & { reuse?: (name: string) => boolean } = {},
): Buffer {
  const z = new ZipWriter(opts);
  for (const [name, data] of parts) z.add(name, data, true, opts.reuse?.(name) ?? false);
  return z.finish();
}
