/**
 * Drops the long records of a TrueType font's `name` table (the licence text, the vendor URL …), keeping
 * the copyright notice and the font's names (IDs 0–6, what fontTools' and HarfBuzz's subsetters keep by
 * default). LibreOffice copies the whole table into every subset it embeds; for the AR PL fonts that is
 * 22 KB (7 KB compressed) per subset, a tenth of a seed report's PDF. A PDF reader does not read it: the
 * font is named by the PDF's /BaseFont, and ISO 32000-1 §9.9 does not require the table.
 */

/** Name IDs kept: 0 copyright, 1 family, 2 subfamily, 3 unique id, 4 full name, 5 version, 6 PostScript name. */
const KEEP_IDS = 6;

const pad4 = (n: number): number => (n + 3) & ~3;

/** The sum of the big-endian 32-bit words of `b` (zero-padded to 4 bytes), modulo 2³². */
function checksum(b: Uint8Array): number {
  let sum = 0;
  const n = b.length;
  for (let i = 0; i < n; i += 4) {
    const w = ((b[i]! << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
    sum = (sum + w) >>> 0;
  }
  return sum;
}

/** A format-0 `name` table with only the records whose ID ≤ 6; undefined if there is nothing to drop. */
function trimmedName(t: Buffer): Buffer | undefined {
  if (t.length < 6 || t.readUInt16BE(0) !== 0) return undefined;
  const count = t.readUInt16BE(2);
  const storage = t.readUInt16BE(4);
  if (6 + count * 12 > t.length) return undefined;
  const kept: Array<{ rec: Buffer; str: Buffer }> = [];
  for (let i = 0; i < count; i++) {
    const rec = t.subarray(6 + i * 12, 18 + i * 12);
    const len = rec.readUInt16BE(8);
    const off = storage + rec.readUInt16BE(10);
    if (off + len > t.length) return undefined;
    if (rec.readUInt16BE(6) <= KEEP_IDS) kept.push({ rec, str: t.subarray(off, off + len) });
  }
  if (kept.length === count) return undefined;
  const head = 6 + kept.length * 12;
  const out = Buffer.alloc(head + kept.reduce((n, k) => n + k.str.length, 0));
  out.writeUInt16BE(0, 0);
  out.writeUInt16BE(kept.length, 2);
  out.writeUInt16BE(head, 4);
  let at = 0;
  kept.forEach(({ rec, str }, i) => {
    rec.copy(out, 6 + i * 12);
    out.writeUInt16BE(at, 6 + i * 12 + 10);
    str.copy(out, head + at);
    at += str.length;
  });
  return out;
}

/**
 * The font program with its `name` table trimmed, checksums and head.checkSumAdjustment recomputed; the
 * font unchanged when it is not a plain TrueType file (a collection, CFF) or has nothing to trim.
 */
export function trimFontNames(font: Buffer): Buffer {
  if (font.length < 12) return font;
  const version = font.readUInt32BE(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) return font;
  const n = font.readUInt16BE(4);
  const dirEnd = 12 + n * 16;
  if (dirEnd > font.length) return font;
  const tables: Array<{ tag: string; data: Buffer }> = [];
  for (let i = 0; i < n; i++) {
    const r = 12 + i * 16;
    const offset = font.readUInt32BE(r + 8);
    const length = font.readUInt32BE(r + 12);
    if (offset + length > font.length) return font;
    tables.push({ tag: font.toString('latin1', r, r + 4), data: font.subarray(offset, offset + length) });
  }
  const name = tables.find((t) => t.tag === 'name');
  const trimmed = name && trimmedName(name.data);
  if (!name || !trimmed) return font;
  name.data = trimmed;

  const out = Buffer.alloc(dirEnd + tables.reduce((s, t) => s + pad4(t.data.length), 0));
  font.copy(out, 0, 0, 12);
  let at = dirEnd;
  let headAt = -1;
  tables.forEach((t, i) => {
    const r = 12 + i * 16;
    out.write(t.tag, r, 'latin1');
    t.data.copy(out, at);
    if (t.tag === 'head' && t.data.length >= 12) {
      headAt = at;
      out.writeUInt32BE(0, at + 8); // checkSumAdjustment is left out of the head table's own checksum
    }
    out.writeUInt32BE(checksum(out.subarray(at, at + t.data.length)), r + 4);
    out.writeUInt32BE(at, r + 8);
    out.writeUInt32BE(t.data.length, r + 12);
    at += pad4(t.data.length);
  });
  if (headAt >= 0) out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headAt + 8);
  return out;
}
