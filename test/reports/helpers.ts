import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import type ExcelJS from 'exceljs';
import { scoreFile, type ScoredFile } from '../../src/load/evaluations.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { buildReport } from '../../src/reports/build.js';
import type { FontSet } from '../../src/reports/fonts.js';
import type { ReportDocument, Table } from '../../src/reports/model.js';

/** Every seed example that exists (others are being added) and the 10号 project example. */
export function exampleFiles(): string[] {
  const seeds = path.join(PACKAGE_ROOT, 'examples', 'seeds');
  const files = readdirSync(seeds)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(seeds, f));
  const national = path.join(PACKAGE_ROOT, 'examples', 'national', 'project-2020.yaml');
  return existsSync(national) ? [...files, national] : files;
}

/** The examples the reference writers are compared on: every example, and the 101号 project form too. */
export function referenceFiles(): string[] {
  const extra = path.join(PACKAGE_ROOT, 'examples', 'national', 'project-2021.yaml');
  return [...exampleFiles(), extra].filter((f, i, all) => existsSync(f) && all.indexOf(f) === i);
}

/** Each document of a file as a writer is compared on: 自评报告 and 审核意见, filed and draft, both font sets. */
export function referenceVariants(file: string): Array<{ doc: ReportDocument; fontSet: FontSet; label: string }> {
  const s = scoreFile(file);
  const out: Array<{ doc: ReportDocument; fontSet: FontSet; label: string }> = [];
  for (const document of ['report', 'review'] as const)
    for (const draft of [false, true])
      for (const fontSet of ['gb', 'noto'] as const)
        out.push({
          doc: buildReport(s.framework, s.evaluation, s.result, { document, draft }),
          fontSet,
          label: `${document}${draft ? ' draft' : ''} ${fontSet}`,
        });
  return out;
}

export interface Example extends ScoredFile {
  file: string;
  stem: string;
}

export function loadExamples(): Example[] {
  return exampleFiles().map((file) => ({
    ...scoreFile(file),
    file,
    stem: path.basename(file).replace(/\.ya?ml$/, ''),
  }));
}

/**
 * The top-level headings (一、…) of a seed report as published, ordinals stripped; undefined for a seed
 * that publishes its table alone (晋中) or for an example that is not a seed.
 */
export function seedHeadings(stem: string): string[] | undefined {
  const file = path.join(PACKAGE_ROOT, 'examples', 'reports', `${stem}.txt`);
  if (!existsSync(file)) return undefined;
  const heads = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    // A heading starts its line (table cells start with a tab); a table block's title carries its points.
    .filter((l) => /^[一二三四五六七八九十]+、\S/.test(l) && !/（\d+分）/.test(l))
    .map((l) => l.replace(/^[一二三四五六七八九十]+、\s*/, '').trim());
  return heads.length ? heads : undefined;
}

/** Everything a document prints, as one text (titles, headings, paragraphs, every cell, notes, captions). */
export function documentText(d: ReportDocument): string {
  const out: string[] = [];
  const table = (t: Table) => {
    out.push(t.title, ...t.notes);
    for (const c of [...t.captions, ...(t.footer ?? [])]) out.push(c.left ?? '', c.center ?? '', c.right ?? '');
    for (const r of t.rows) for (const c of r.cells) out.push(c.text);
  };
  for (const p of d.parts)
    for (const b of p.blocks) {
      if (b.type === 'table') table(b.table);
      else if (b.type === 'attachments') out.push(...b.items);
      else if (b.type === 'signature') out.push(...b.lines);
      else if (b.type !== 'blank') out.push(b.text);
    }
  return out.join('\n');
}

/** Our modelling and extraction notes, and our review of the unit's scores: never in a filed document. */
export const INTERNAL_NOTES = [
  /重构/,
  /截断/,
  /臆补/,
  /本框架/,
  /表中印/,
  /据财预〔2013〕53号补全/,
  /CORE-NEEDED/,
  /评分核查/,
  /按评分规则计算的总分/,
  /自评数据(中各指标)?填报/,
  /无法按规则核实/,
  /采用自评得分/,
];

export const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

export function run(
  cmd: string,
  args: string[],
  opts: { timeout?: number; cwd?: string } = {},
): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    timeout: opts.timeout ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
    ...(opts.cwd && { cwd: opts.cwd }),
  });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status };
}

// ─────────────────────────── DOCX tables back from word/document.xml ───────────────────────────

export interface GridCell {
  r: number;
  c: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function cellText(xml: string): string {
  const paras = xml.split(/<\/w:p>/).filter((p) => p.includes('<w:p'));
  return paras
    .map((p) => {
      let s = '';
      for (const m of p.matchAll(/<w:br\/>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g))
        s += m[0] === '<w:br/>' ? '\n' : unescapeXml(m[1] ?? '');
      return s;
    })
    .join('\n');
}

/** The tables of a DOCX body, each as placed cells with their spans (gridSpan, vMerge). */
export function docxTables(documentXml: string): GridCell[][] {
  const tables = documentXml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
  return tables.map((tbl) => {
    const out: GridCell[] = [];
    const open = new Map<number, GridCell>(); // column → cell still merging down
    (tbl.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []).forEach((tr, r) => {
      let c = 0;
      for (const tc of tr.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []) {
        const span = Number(/<w:gridSpan w:val="(\d+)"/.exec(tc)?.[1] ?? 1);
        const vm = /<w:vMerge(?: w:val="(\w+)")?\/>/.exec(tc);
        if (vm && vm[1] !== 'restart') {
          const above = open.get(c);
          if (!above) throw new Error(`vMerge continue without a cell above at row ${r}, column ${c}`);
          above.rowSpan++;
        } else {
          const cell: GridCell = { r, c, rowSpan: 1, colSpan: span, text: cellText(tc) };
          out.push(cell);
          if (vm) open.set(c, cell);
          else open.delete(c);
        }
        c += span;
      }
    });
    return out;
  });
}

// ─────────────────────────── PNG (pdftoppm -gray) ───────────────────────────

export interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Decodes an 8-bit grayscale or RGB PNG (what pdftoppm writes). */
export function decodePng(input: Uint8Array): Gray {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8) throw new Error('only 8-bit PNG');
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const bpp = colorType === 0 ? 1 : colorType === 2 ? 3 : colorType === 6 ? 4 : 0;
  if (!bpp) throw new Error(`PNG colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const cur = new Uint8Array(stride);
  const prev = new Uint8Array(stride);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const base = y * (stride + 1);
    const f = raw[base]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[base + 1 + x]!;
      const a = x >= bpp ? cur[x - bpp]! : 0;
      const b = prev[x]!;
      const c = x >= bpp ? prev[x - bpp]! : 0;
      let p: number;
      if (f === 0) p = v;
      else if (f === 1) p = v + a;
      else if (f === 2) p = v + b;
      else if (f === 3) p = v + ((a + b) >> 1);
      else {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        p = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      cur[x] = p & 0xff;
    }
    for (let x = 0; x < width; x++)
      pixels[y * width + x] =
        bpp === 1 ? cur[x]! : Math.round((cur[x * bpp]! + cur[x * bpp + 1]! + cur[x * bpp + 2]!) / 3);
    prev.set(cur);
  }
  return { width, height, pixels };
}

/** Share of dark pixels (< 128). */
export function ink(g: Gray): number {
  let n = 0;
  for (const p of g.pixels) if (p < 128) n++;
  return n / g.pixels.length;
}

// ─────────────────────────── a small formula evaluator for the XLSX ───────────────────────────

type V = number | string | boolean;

/**
 * Evaluates the formulas the report writes (cell references, ranges, SUM, ROUND, IF, >=) against a
 * workbook, recursing into referenced formula cells rather than trusting their cached results: what
 * a spreadsheet program computes when it recalculates.
 */
export function evaluate(wb: ExcelJS.Workbook, sheet: string, formula: string, seen = new Set<string>()): V {
  let i = 0;
  const s = formula;
  const ws = (name: string) => {
    const w = wb.getWorksheet(name);
    if (!w) throw new Error(`no sheet ${name}`);
    return w;
  };
  const cellValue = (sh: string, addr: string): V => {
    const key = `${sh}!${addr}`;
    if (seen.has(key)) throw new Error(`circular reference ${key}`);
    const c = ws(sh).getCell(addr);
    if (c.formula) {
      seen.add(key);
      const v = evaluate(wb, sh, c.formula, seen);
      seen.delete(key);
      return v;
    }
    const v = c.value;
    if (v === null || v === undefined) return 0;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    throw new Error(`unsupported cell value at ${key}`);
  };
  const col = (l: string) => l.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const letters = (n: number) => {
    let out = '';
    for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out;
    return out;
  };
  const ws_ = () => {
    while (s[i] === ' ') i++;
  };
  const refValues = (): V[] => {
    let sh = sheet;
    if (s[i] === "'") {
      const j = s.indexOf("'!", i + 1);
      sh = s.slice(i + 1, j).replace(/''/g, "'");
      i = j + 2;
    }
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?/.exec(s.slice(i))!;
    i += m[0].length;
    if (!m[3]) return [cellValue(sh, `${m[1]}${m[2]}`)];
    const out: V[] = [];
    for (let c = col(m[1]!); c <= col(m[3]!); c++)
      for (let r = Number(m[2]); r <= Number(m[4]); r++) out.push(cellValue(sh, `${letters(c)}${r}`));
    return out;
  };
  const args = (): V[][] => {
    const out: V[][] = [];
    i++; // (
    for (;;) {
      ws_();
      if (s[i] === ')') {
        i++;
        return out;
      }
      out.push(argument());
      ws_();
      if (s[i] === ',') i++;
    }
  };
  const argument = (): V[] => {
    ws_();
    if (s[i] === "'" || /^[A-Z]+\d+:/.test(s.slice(i))) return refValues();
    return [comparison()];
  };
  const primary = (): V => {
    ws_();
    if (s[i] === '"') {
      const j = s.indexOf('"', i + 1);
      const v = s.slice(i + 1, j);
      i = j + 1;
      return v;
    }
    const num = /^-?\d+(\.\d+)?/.exec(s.slice(i));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    const fn = /^(SUM|ROUND|IF)\(/.exec(s.slice(i));
    if (fn) {
      i += fn[1]!.length;
      const a = args();
      if (fn[1] === 'SUM') return a.flat().reduce<number>((t, v) => t + (typeof v === 'number' ? v : 0), 0);
      if (fn[1] === 'ROUND') {
        const d = Number(a[1]![0]);
        const x = Number(a[0]![0]);
        return (Math.sign(x) * Math.round(Math.abs(x) * 10 ** d + 1e-9)) / 10 ** d;
      }
      return a[0]![0] ? a[1]![0]! : a[2]![0]!;
    }
    const v = refValues();
    return v[0]!;
  };
  const comparison = (): V => {
    const a = primary();
    ws_();
    if (s.startsWith('>=', i)) {
      i += 2;
      return Number(a) >= Number(primary());
    }
    return a;
  };
  const v = comparison();
  return v;
}
