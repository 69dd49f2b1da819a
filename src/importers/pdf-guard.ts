import { constants, inflateSync } from 'node:zlib';
import { ImportError, LIMITS, mb } from './limits.js';

/**
 * Checks a PDF's streams before pdf.js reads it: every stream that is not an image is decoded here
 * through its filters (Flate, LZW, RunLength, ASCIIHex, ASCII85) with a cap on its decompressed
 * size and a cap on all of them together, so a decompression bomb (a page whose content stream
 * inflates to a gigabyte) is refused after at most one capped buffer, instead of being expanded by
 * pdf.js without bound. Streams are found by their `stream`/`endstream` keywords (every PDF stream
 * is a top-level object; object streams cannot hold streams). What cannot be decoded here
 * (encrypted data, an unknown filter) is left to pdf.js inside the sandbox's memory cap.
 */
export interface PdfStreamCheck {
  streams: number;
  checked: number;
  inflated: number;
}

class TooBig extends Error {}

function filtersOf(dict: string): string[] {
  const m = /\/Filter\s*(\/[A-Za-z0-9]+|\[([^\]]*)\])/.exec(dict);
  if (!m) return [];
  if (m[2] !== undefined) return [...m[2].matchAll(/\/([A-Za-z0-9]+)/g)].map((x) => x[1]!);
  return [m[1]!.slice(1)];
}

function inflate(data: Buffer, cap: number): Buffer {
  try {
    return inflateSync(data, { maxOutputLength: cap + 1, finishFlush: constants.Z_SYNC_FLUSH });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new TooBig();
    throw e;
  }
}

function asciiHex(data: Buffer): Buffer {
  const s = data
    .toString('latin1')
    .replace(/>[\s\S]*$/, '')
    .replace(/[^0-9A-Fa-f]/g, '');
  return Buffer.from(s.length % 2 ? `${s}0` : s, 'hex');
}

function ascii85(data: Buffer): Buffer {
  const s = data
    .toString('latin1')
    .replace(/^\s*<~/, '')
    .replace(/~>[\s\S]*$/, '')
    .replace(/\s+/g, '');
  const out: number[] = [];
  let group: number[] = [];
  for (const ch of s) {
    if (ch === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    const c = ch.charCodeAt(0) - 33;
    if (c < 0 || c > 84) continue;
    group.push(c);
    if (group.length === 5) {
      let v = 0;
      for (const g of group) v = v * 85 + g;
      out.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
      group = [];
    }
  }
  if (group.length > 1) {
    const n = group.length;
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const g of group) v = v * 85 + g;
    const bytes = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
    out.push(...bytes.slice(0, n - 1));
  }
  return Buffer.from(out);
}

/** RunLengthDecode; only the output length matters when `keep` is false. */
function runLength(data: Buffer, cap: number): Buffer {
  const chunks: Buffer[] = [];
  let size = 0;
  for (let i = 0; i < data.length;) {
    const n = data[i]!;
    if (n === 128) break;
    if (n < 128) {
      const piece = data.subarray(i + 1, i + 2 + n);
      size += piece.length;
      chunks.push(piece);
      i += n + 2;
    } else {
      const len = 257 - n;
      size += len;
      if (size > cap) throw new TooBig();
      chunks.push(Buffer.alloc(len, data[i + 1] ?? 0));
      i += 2;
    }
    if (size > cap) throw new TooBig();
  }
  return Buffer.concat(chunks, size);
}

/** LZWDecode (EarlyChange 1 unless told otherwise), capped. */
function lzw(data: Buffer, cap: number, earlyChange: number): Buffer {
  const out = Buffer.alloc(Math.min(cap + 1, Math.max(4096, data.length * 8)));
  let buf = out;
  let size = 0;
  const push = (bytes: Uint8Array) => {
    if (size + bytes.length > cap) throw new TooBig();
    if (size + bytes.length > buf.length) {
      const bigger = Buffer.alloc(Math.min(cap + 1, Math.max(buf.length * 2, size + bytes.length)));
      buf.copy(bigger, 0, 0, size);
      buf = bigger;
    }
    buf.set(bytes, size);
    size += bytes.length;
  };
  let table: Uint8Array[] = [];
  const reset = () => {
    table = [];
    for (let i = 0; i < 256; i++) table.push(Uint8Array.of(i));
    table.push(new Uint8Array(0), new Uint8Array(0));
  };
  reset();
  let width = 9;
  let bitBuf = 0;
  let bits = 0;
  let prev: Uint8Array | undefined;
  for (let i = 0; i < data.length; i++) {
    bitBuf = ((bitBuf << 8) | data[i]!) >>> 0;
    bits += 8;
    while (bits >= width) {
      const code = (bitBuf >>> (bits - width)) & ((1 << width) - 1);
      bits -= width;
      bitBuf &= (1 << bits) - 1;
      if (code === 256) {
        reset();
        width = 9;
        prev = undefined;
        continue;
      }
      if (code === 257) return buf.subarray(0, size);
      let entry: Uint8Array;
      if (code < table.length) entry = table[code]!;
      else if (prev && code === table.length) {
        entry = new Uint8Array(prev.length + 1);
        entry.set(prev);
        entry[prev.length] = prev[0]!;
      } else return buf.subarray(0, size);
      push(entry);
      if (prev && table.length < 4096) {
        const next = new Uint8Array(prev.length + 1);
        next.set(prev);
        next[prev.length] = entry[0]!;
        table.push(next);
      }
      prev = entry;
      const limit = table.length + earlyChange;
      if (limit >= 1 << width && width < 12) width++;
    }
  }
  return buf.subarray(0, size);
}

/** Decodes one stream through its filters; undefined when it cannot be decoded here. */
function decode(data: Buffer, filters: string[], dict: string, cap: number): Buffer | undefined {
  let cur = data;
  for (const f of filters) {
    switch (f) {
      case 'FlateDecode':
      case 'Fl':
        cur = inflate(cur, cap);
        break;
      case 'LZWDecode':
      case 'LZW': {
        const early = /\/EarlyChange\s+0\b/.test(dict) ? 0 : 1;
        cur = lzw(cur, cap, early);
        break;
      }
      case 'RunLengthDecode':
      case 'RL':
        cur = runLength(cur, cap);
        break;
      case 'ASCIIHexDecode':
      case 'AHx':
        cur = asciiHex(cur);
        break;
      case 'ASCII85Decode':
      case 'A85':
        cur = ascii85(cur);
        break;
      default:
        // Image codecs (DCT, JPX, CCITT, JBIG2) and Crypt: not decoded for text.
        return undefined;
    }
    if (cur.length > cap) throw new TooBig();
  }
  return cur;
}

/** The dictionary ending right before `pos` (which points at its closing `>>`), or undefined. */
function dictBefore(s: string, close: number): string | undefined {
  let depth = 0;
  const stop = Math.max(0, close - 65536);
  for (let i = close; i >= stop; i--) {
    if (s[i] === '>' && s[i - 1] === '>') {
      depth++;
      i--;
    } else if (s[i] === '<' && s[i - 1] === '<') {
      depth--;
      i--;
      if (depth === 0) return s.slice(i, close + 1);
    }
  }
  return undefined;
}

export function checkPdfStreams(buf: Uint8Array, name?: string): PdfStreamCheck {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const s = bytes.toString('latin1');
  const re = /stream(\r\n|\n|\r)/g;
  let m: RegExpExecArray | null;
  let streams = 0;
  let checked = 0;
  let total = 0;
  while ((m = re.exec(s))) {
    if (s.slice(Math.max(0, m.index - 3), m.index) === 'end') continue;
    let k = m.index - 1;
    while (k > 0 && /\s/.test(s[k]!)) k--;
    if (s[k] !== '>' || s[k - 1] !== '>') continue;
    const dict = dictBefore(s, k);
    if (!dict) continue;
    streams++;
    const start = m.index + m[0].length;
    let end = s.indexOf('endstream', start);
    if (end < 0) end = s.length;
    const len = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    if (len && start + Number(len[1]) <= end) end = start + Number(len[1]);
    re.lastIndex = end;
    if (/\/Subtype\s*\/Image\b/.test(dict)) continue;
    const filters = filtersOf(dict);
    if (!filters.length) continue;
    let out: Buffer | undefined;
    try {
      out = decode(bytes.subarray(start, end), filters, dict, LIMITS.maxPdfStreamBytes);
    } catch (e) {
      if (e instanceof TooBig)
        throw new ImportError(
          'pdf-bomb',
          `PDF 中有一个数据流解压后超过${mb(LIMITS.maxPdfStreamBytes)}（第${streams}个数据流），疑为解压炸弹，已拒绝读取`,
          name,
        );
      continue; // encrypted or damaged: pdf.js decides, inside the sandbox
    }
    if (!out) continue;
    checked++;
    total += out.length;
    if (total > LIMITS.maxPdfInflatedBytes)
      throw new ImportError(
        'pdf-bomb',
        `PDF 各数据流解压后合计超过${mb(LIMITS.maxPdfInflatedBytes)}，疑为解压炸弹，已拒绝读取`,
        name,
      );
  }
  return { streams, checked, inflated: total };
}
