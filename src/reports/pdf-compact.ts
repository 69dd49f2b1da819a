/**
 * Rewrites a PDF that LibreOffice (or Chromium) wrote, smaller and showing the same pages:
 * - embedded TrueType subsets lose the licence text of their `name` table (font-names.ts): ≈ 7 KB each;
 * - identical streams are stored once: LibreOffice draws the 草稿 watermark (a header shape) as its own
 *   9 KB form on every page, 150 KB in a 17-page draft;
 * - Flate streams are recompressed at level 9 when that is smaller; objects nothing refers to any more (the
 *   indirect /Length numbers, the duplicates) are dropped and the rest renumbered.
 * Only a classic cross-reference table without updates or encryption is rewritten; any other PDF, or one
 * this module cannot read, is returned as it came.
 */
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { trimFontNames } from './font-names.js';

interface Obj {
  /** "num gen" as referred to. */
  key: string;
  /** The object's value; for a stream, its dictionary. */
  head: string;
  data?: Buffer;
}

const WS = /[\0\t\n\f\r ]/;
const DELIM = /[\0\t\n\f\r ()<>[\]{}/%]/;

/** Index just past the PDF value starting at (or after whitespace from) `i`. */
function skipValue(s: string, i: number): number {
  while (i < s.length && WS.test(s[i]!)) i++;
  const c = s[i];
  if (c === undefined) throw new Error('end of data');
  if (c === '<' && s[i + 1] === '<') {
    i += 2;
    for (;;) {
      while (WS.test(s[i] ?? '')) i++;
      if (s.startsWith('>>', i)) return i + 2;
      if (i >= s.length) throw new Error('unterminated dictionary');
      i = skipValue(s, i);
    }
  }
  if (c === '[') {
    i++;
    for (;;) {
      while (WS.test(s[i] ?? '')) i++;
      if (s[i] === ']') return i + 1;
      if (i >= s.length) throw new Error('unterminated array');
      i = skipValue(s, i);
    }
  }
  if (c === '(') return skipString(s, i);
  if (c === '<') {
    const e = s.indexOf('>', i);
    if (e < 0) throw new Error('unterminated hex string');
    return e + 1;
  }
  if (c === '/') i++;
  else if (DELIM.test(c)) throw new Error(`unexpected ${JSON.stringify(c)} at ${i}`);
  while (i < s.length && !DELIM.test(s[i]!)) i++;
  return i;
}

function skipString(s: string, i: number): number {
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  throw new Error('unterminated string');
}

/** `head` with each reference "n g R" outside strings replaced by `fn`'s. */
function mapRefs(head: string, fn: (key: string) => string): string {
  let out = '';
  let code = '';
  const flush = () => {
    out += code.replace(/(?<![\w.+-])(\d+)\s+(\d+)\s+R(?![\w])/g, (_, n: string, g: string) => fn(`${n} ${g}`));
    code = '';
  };
  for (let i = 0; i < head.length;) {
    const c = head[i]!;
    if (c === '(' || (c === '<' && head[i + 1] !== '<')) {
      flush();
      const e = c === '(' ? skipString(head, i) : head.indexOf('>', i) + 1;
      out += head.slice(i, e);
      i = e;
    } else if (c === '<') {
      code += '<<';
      i += 2;
    } else {
      code += c;
      i++;
    }
  }
  flush();
  return out;
}

function refsOf(head: string): string[] {
  const keys: string[] = [];
  mapRefs(head, (k) => (keys.push(k), ''));
  return keys;
}

/** The dictionary entry `/key value` replaced (or removed when value is undefined), outside strings. */
function setKey(head: string, key: string, value: string | undefined): string {
  const re = new RegExp(`/${key}(?![\\w])\\s*(\\d+\\s+\\d+\\s+R|[\\d.]+|/[^\\s/<>\\[\\]()]+)`);
  const m = re.exec(head);
  if (m)
    return head.slice(0, m.index) + (value === undefined ? '' : `/${key} ${value}`) + head.slice(m.index + m[0].length);
  if (value === undefined) return head;
  const open = head.indexOf('<<');
  return `${head.slice(0, open + 2)}/${key} ${value}${head.slice(open + 2)}`;
}

interface Parsed {
  version: string;
  objs: Map<string, Obj>;
  trailer: string;
}

function parse(pdf: Buffer): Parsed {
  const s = pdf.toString('latin1');
  const version = /^%PDF-(\d\.\d)/.exec(s)?.[1];
  if (!version) throw new Error('not a PDF');
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(s.slice(-64));
  if (!sx) throw new Error('no startxref');
  let i = Number(sx[1]);
  if (!s.startsWith('xref', i)) throw new Error('not a classic xref table');
  i += 4;
  const offsets = new Map<string, number>();
  const sub = /\s*(\d+)\s+(\d+)[ \t]*\r?\n/y;
  for (;;) {
    sub.lastIndex = i;
    const m = sub.exec(s);
    if (!m) break;
    i = sub.lastIndex;
    const [first, count] = [Number(m[1]), Number(m[2])];
    for (let k = 0; k < count; k++, i += 20) {
      const e = /^(\d{10}) (\d{5}) ([nf])/.exec(s.slice(i, i + 18));
      if (!e) throw new Error('bad xref entry');
      if (e[3] === 'n') offsets.set(`${first + k} ${Number(e[2])}`, Number(e[1]));
    }
  }
  const t = s.indexOf('trailer', i);
  if (t < 0) throw new Error('no trailer');
  const trailer = s.slice(t + 7, skipValue(s, t + 7)).trim();
  if (/\/(Prev|Encrypt|XRefStm)(?![\w])/.test(trailer)) throw new Error('updated or encrypted');

  const raw = new Map<string, { head: string; dataAt?: number }>();
  for (const [key, off] of offsets) {
    const m = /(\d+)\s+(\d+)\s+obj/y;
    m.lastIndex = off;
    const h = m.exec(s);
    if (!h || `${h[1]} ${Number(h[2])}` !== key) throw new Error(`object ${key} not at its offset`);
    let end = skipValue(s, m.lastIndex);
    const asRef = /\s+\d+\s+R(?![\w])/y; // an object whose value is a reference
    asRef.lastIndex = end;
    if (asRef.exec(s)) end = asRef.lastIndex;
    const head = s.slice(m.lastIndex, end).trim();
    const st = /\s*stream\r?\n/y;
    st.lastIndex = end;
    raw.set(key, st.exec(s) ? { head, dataAt: st.lastIndex } : { head });
  }
  const objs = new Map<string, Obj>();
  for (const [key, r] of raw) {
    if (r.dataAt === undefined) {
      objs.set(key, { key, head: r.head });
      continue;
    }
    const len = /\/Length(?![\w])\s*(\d+)(?:\s+(\d+)\s+R)?/.exec(r.head);
    if (!len) throw new Error(`stream ${key} without /Length`);
    const n = len[2] === undefined ? Number(len[1]) : Number(raw.get(`${len[1]} ${Number(len[2])}`)?.head);
    if (!Number.isInteger(n) || !/^\s*endstream/.test(s.slice(r.dataAt + n, r.dataAt + n + 16)))
      throw new Error(`stream ${key}: length`);
    objs.set(key, { key, head: r.head, data: pdf.subarray(r.dataAt, r.dataAt + n) });
  }
  return { version, objs, trailer };
}

const isPlainFlate = (head: string) => /\/Filter\s*\/FlateDecode(?![\w])/.test(head) && !/\/DecodeParms/.test(head);

/** Trims font names and recompresses each Flate stream when that is smaller. */
function recompress(objs: Map<string, Obj>, skip: Map<string, string>): void {
  const fontFiles = new Set<string>();
  for (const o of objs.values())
    for (const m of o.head.matchAll(/\/FontFile2\s+(\d+)\s+(\d+)\s+R/g)) fontFiles.add(`${m[1]} ${Number(m[2])}`);
  for (const o of objs.values()) {
    if (!o.data || skip.has(o.key) || !isPlainFlate(o.head)) continue;
    let plain: Buffer = inflateSync(o.data);
    if (fontFiles.has(o.key)) {
      const trimmed = trimFontNames(plain);
      if (trimmed !== plain) o.head = setKey(o.head, 'Length1', String(trimmed.length));
      plain = trimmed;
    }
    const packed = deflateSync(plain, { level: 9 });
    if (packed.length < o.data.length || fontFiles.has(o.key)) o.data = packed;
  }
}

/** Maps each duplicate stream to the first of its kind, until no new duplicates appear. */
function dedupe(objs: Map<string, Obj>): Map<string, string> {
  const same = new Map<string, string>();
  for (let round = 0; round < 8; round++) {
    const seen = new Map<string, string>();
    let found = false;
    for (const o of objs.values()) {
      if (!o.data || same.has(o.key)) continue;
      const id = createHash('sha256')
        .update(setKey(o.head, 'Length', undefined))
        .update('\0')
        .update(o.data)
        .digest('hex');
      const first = seen.get(id);
      if (first) {
        same.set(o.key, first);
        found = true;
      } else seen.set(id, o.key);
    }
    if (!found) break;
    for (const o of objs.values()) o.head = mapRefs(o.head, (k) => `${same.get(k) ?? k} R`);
  }
  return same;
}

function write(p: Parsed): Buffer {
  // What the trailer reaches, in the original order, numbered afresh.
  const reached = new Set<string>();
  const stack = refsOf(p.trailer);
  while (stack.length) {
    const k = stack.pop()!;
    const o = p.objs.get(k);
    if (!o || reached.has(k)) continue;
    reached.add(k);
    stack.push(...refsOf(o.head));
  }
  const order = [...p.objs.keys()].filter((k) => reached.has(k)).sort((a, b) => parseInt(a) - parseInt(b));
  const num = new Map(order.map((k, i) => [k, i + 1]));
  const ref = (k: string) => (num.has(k) ? `${num.get(k)} 0 R` : 'null');

  const parts: Buffer[] = [Buffer.from(`%PDF-${p.version}\n%\xe2\xe3\xcf\xd3\n`, 'latin1')];
  let at = parts[0]!.length;
  const offsets: number[] = [];
  for (const k of order) {
    const o = p.objs.get(k)!;
    offsets.push(at);
    let head = mapRefs(o.head, ref);
    if (o.data) head = setKey(head, 'Length', String(o.data.length));
    const chunk = o.data
      ? [Buffer.from(`${num.get(k)} 0 obj\n${head}\nstream\n`, 'latin1'), o.data, Buffer.from('\nendstream\nendobj\n')]
      : [Buffer.from(`${num.get(k)} 0 obj\n${head}\nendobj\n`, 'latin1')];
    for (const c of chunk) {
      parts.push(c);
      at += c.length;
    }
  }
  const xref = [`xref\n0 ${order.length + 1}\n0000000000 65535 f \n`];
  for (const off of offsets) xref.push(`${String(off).padStart(10, '0')} 00000 n \n`);
  // LibreOffice's /DocChecksum describes the file it wrote, not this one.
  const trailer = setKey(setKey(mapRefs(p.trailer, ref), 'DocChecksum', undefined), 'Size', String(order.length + 1));
  parts.push(Buffer.from(`${xref.join('')}trailer\n${trailer}\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** The PDF rewritten smaller (see the top of this file), or as it came when it cannot be read. */
export function compactPdf(pdf: Buffer): Buffer {
  try {
    const p = parse(pdf);
    // Duplicates first (as LibreOffice compressed them): they need not be recompressed.
    recompress(p.objs, dedupe(p.objs));
    const out = write(p);
    // Read back what was written: a rewrite this module cannot read again is not handed on.
    parse(out);
    return out.length < pdf.length ? out : pdf;
  } catch {
    return pdf;
  }
}
