import type { Doc } from './document.js';
import { layoutText } from './document.js';
import { ImportError, LIMITS } from './limits.js';
import { checkPdfStreams } from './pdf-guard.js';
import { libraryReason } from './text-util.js';

/**
 * PDF via unpdf (pdf.js): the text items with their positions are laid out into lines; cells of
 * a table row are separated by tabs where the horizontal gap is wide, and aligned to the columns of
 * the widest row nearby, so that empty cells keep their place. The result is read like text
 * extracted by other tools (the seeds).
 */
interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fontSize: number;
}

export async function readPdf(buf: Uint8Array, name?: string): Promise<Doc> {
  // Every stream is decoded once here under a cap before pdf.js may expand it (decompression bombs).
  checkPdfStreams(buf, name);
  let unpdf: typeof import('unpdf');
  try {
    unpdf = await import('unpdf');
  } catch (e) {
    throw new ImportError('unsupported', `无法加载 PDF 组件${libraryReason(e)}`, name);
  }
  const work = (async () => {
    let pdf: Awaited<ReturnType<typeof unpdf.getDocumentProxy>>;
    try {
      pdf = await unpdf.getDocumentProxy(new Uint8Array(buf), {
        isEvalSupported: false,
        stopAtErrors: false,
        verbosity: 0,
      } as never);
    } catch (e) {
      throw new ImportError('corrupt', `PDF 文件已损坏或加密，无法读取${libraryReason(e)}`, name);
    }
    try {
      if (pdf.numPages > LIMITS.maxPdfPages)
        throw new ImportError('too-large', `PDF 页数过多（${pdf.numPages}页，上限${LIMITS.maxPdfPages}页）`, name);
      const pages: Item[][] = [];
      let chars = 0;
      for (let n = 1; n <= pdf.numPages; n++) {
        const items = await pageItems(pdf, n, name);
        for (const it of items) chars += it.str.length;
        if (chars > LIMITS.maxTextChars)
          throw new ImportError('too-large', `PDF 文字过多（超过${LIMITS.maxTextChars}字符）`, name);
        pages.push(items);
      }
      return pages;
    } catch (e) {
      if (e instanceof ImportError) throw e;
      throw new ImportError('corrupt', `PDF 文字无法提取，文件结构不完整${libraryReason(e)}`, name);
    } finally {
      void pdf.destroy?.();
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ImportError('timeout', `PDF 读取超时（${LIMITS.pdfTimeoutMs / 1000}秒）`, name)),
      LIMITS.pdfTimeoutMs,
    );
  });
  let pages: Item[][];
  try {
    pages = await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
  const pitch = linePitch(pages);
  const text = layoutPages(pages, pitch);
  if (!text.trim()) throw new ImportError('unreadable', 'PDF 中没有可提取的文字（可能是扫描件）', name);
  const doc = layoutText(text);
  return { ...doc, format: 'pdf' };
}

interface RawItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

/**
 * One page's text items, read from pdf.js's text stream so that a page cannot produce more than
 * LIMITS.maxPdfPageChars: past it the stream is cancelled (pdf.js stops evaluating the page).
 */
async function pageItems(
  pdf: { getPage(n: number): Promise<{ streamTextContent(): ReadableStream<{ items: RawItem[] }> }> },
  n: number,
  name: string | undefined,
): Promise<Item[]> {
  const page = await pdf.getPage(n);
  const reader = page.streamTextContent().getReader();
  const out: Item[] = [];
  let chars = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    for (const it of value.items) {
      if (typeof it.str !== 'string' || !it.transform) continue;
      chars += it.str.length;
      if (chars > LIMITS.maxPdfPageChars) {
        await reader.cancel().catch(() => undefined);
        throw new ImportError(
          'too-large',
          `PDF 第${n}页文字超过${LIMITS.maxPdfPageChars}字符，疑为恶意构造的文件，已停止读取`,
          name,
        );
      }
      const [, , c, d, e, f] = it.transform as [number, number, number, number, number, number];
      out.push({ str: it.str, x: e, y: f, width: it.width ?? 0, height: it.height ?? 0, fontSize: Math.hypot(c, d) });
    }
  }
  return out;
}

interface Line {
  y: number;
  h: number;
  cells: Array<{ x: number; end: number; text: string }>;
}

function toLines(items: Item[]): Line[] {
  const its = items.filter((i) => i.str && i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const it of its) {
    const h = Math.max(it.fontSize || it.height || 10, 4);
    let line = lines.find((l) => Math.abs(l.y - it.y) <= Math.min(l.h, h) * 0.45);
    if (!line) {
      line = { y: it.y, h, cells: [] };
      lines.push(line);
    }
    line.cells.push({ x: it.x, end: it.x + it.width, text: it.str });
  }
  lines.sort((a, b) => b.y - a.y);
  // Items → cells: a wide gap starts a new cell.
  for (const l of lines) {
    l.cells.sort((a, b) => a.x - b.x);
    const merged: Line['cells'] = [];
    for (const c of l.cells) {
      const prev = merged[merged.length - 1];
      const gap = prev ? c.x - prev.end : Infinity;
      if (prev && gap < Math.max(4, l.h * 0.8)) {
        const space = gap > l.h * 0.15 && /[A-Za-z0-9%.]$/.test(prev.text) && /^[A-Za-z0-9]/.test(c.text) ? ' ' : '';
        prev.text += space + c.text;
        prev.end = Math.max(prev.end, c.end);
      } else merged.push({ ...c });
    }
    l.cells = merged;
  }
  return lines;
}

/** The tightest line pitch per font size: lines closer than that continue a cell, farther apart start a row. */
function linePitch(pages: Item[][]): Map<number, number> {
  const best = new Map<number, number>();
  for (const p of pages) {
    const lines = toLines(p);
    for (let k = 1; k < lines.length; k++) {
      const h = Math.round(lines[k]!.h);
      const d = lines[k - 1]!.y - lines[k]!.y;
      if (d < h * 0.9 || Math.round(lines[k - 1]!.h) !== h) continue;
      if (d < (best.get(h) ?? Infinity)) best.set(h, d);
    }
  }
  return best;
}

const joinText = (a: string, b: string) =>
  a ? (/[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b) : b;

type Cell = { x: number; text: string };
type Out =
  | { kind: 'text'; text: string; gapBefore: boolean }
  | { kind: 'row'; cells: Cell[]; anchors: number[]; first: boolean };

const PAGE_NUMBER = /^[-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／共]\s*\d{1,4}\s*页?)?[-—–\s]*$/;

/** One page: text lines, and table regions as rows of positioned cells. */
function pageLayout(items: Item[], pitch: Map<number, number>, carried: number[] | undefined): Out[] {
  const lines = toLines(items).filter(
    (l, k, all) => !((k === 0 || k === all.length - 1) && l.cells.length === 1 && PAGE_NUMBER.test(l.cells[0]!.text)),
  );
  const out: Out[] = [];
  let i = 0;
  let firstRegion = true;
  while (i < lines.length) {
    const first = lines[i]!;
    const prevLine = lines[i - 1];
    const gapBefore = !!prevLine && prevLine.y - first.y > Math.max(prevLine.h, first.h) * 1.9;
    if (first.cells.length < 2) {
      out.push({ kind: 'text', text: first.cells.map((c) => c.text).join(''), gapBefore });
      i++;
      firstRegion = false;
      continue;
    }
    // A table region: multi-cell lines and the lines that continue their cells.
    const left = Math.min(...first.cells.map((c) => c.x));
    let j = i + 1;
    while (j < lines.length) {
      const l = lines[j]!;
      const gap = lines[j - 1]!.y - l.y;
      if (gap > Math.max(l.h, first.h) * 2.2) break;
      const tight = pitch.get(Math.round(l.h)) ?? l.h * 1.2;
      if (l.cells.length >= 2 || l.cells[0]!.x > left + 15 || gap <= tight + Math.max(0.3, tight * 0.02)) {
        j++;
        continue;
      }
      break;
    }
    const block = lines.slice(i, j);
    // Column anchors: the widest line's cells, plus starts shared by several lines; a region whose
    // cells all sit on the columns of the table before it (a page break) keeps those columns.
    const widest = block.reduce((a, b) => (b.cells.length > a.cells.length ? b : a));
    let anchors = widest.cells.map((c) => c.x);
    const starts = new Map<number, number>();
    for (const l of block)
      for (const c of l.cells) starts.set(Math.round(c.x / 4), (starts.get(Math.round(c.x / 4)) ?? 0) + 1);
    for (const [k, n] of starts) if (n >= 2 && !anchors.some((a) => Math.abs(a - k * 4) <= 6)) anchors.push(k * 4);
    // A cell left of every column (“合计” under a narrower header) is a column of its own.
    for (const l of block) for (const c of l.cells) if (c.x < Math.min(...anchors) - 12) anchors.push(c.x);
    anchors.sort((a, b) => a - b);
    const prevCols = carried;
    if (
      prevCols &&
      prevCols.length >= anchors.length &&
      anchors.every((a) => prevCols.some((c) => Math.abs(c - a) <= 6))
    )
      anchors = prevCols;
    // Rows: a line farther from the one above than a line of text is high starts a new row.
    let row: Cell[] | undefined;
    block.forEach((l, k) => {
      const tight = pitch.get(Math.round(l.h)) ?? l.h * 1.2;
      const gap = k === 0 ? Infinity : block[k - 1]!.y - l.y;
      if (!row || gap > tight + Math.max(0.3, tight * 0.02)) {
        row = [];
        out.push({
          kind: 'row',
          cells: row,
          anchors,
          first: firstRegion && k === 0 && out.every((o) => o.kind === 'row'),
        });
      }
      for (const c of l.cells) row.push({ x: c.x, text: c.text });
    });
    carried = anchors;
    firstRegion = false;
    i = j;
  }
  return out;
}

function placeCells(cells: Cell[], anchors: number[]): string[] {
  const cols: string[] = new Array(anchors.length).fill('');
  const colOf = (x: number) => {
    let k = 0;
    anchors.forEach((a, idx) => {
      if (a <= x + 6) k = idx;
    });
    return k;
  };
  for (const c of cells) {
    const k = colOf(c.x);
    cols[k] = joinText(cols[k]!, c.text);
  }
  return cols;
}

/** Pages → text: rows joined by tabs; a row cut by a page break is joined again. */
function layoutPages(pages: Item[][], pitch: Map<number, number>): string {
  const all: Out[] = [];
  let carried: number[] | undefined;
  for (const p of pages) {
    const outs = pageLayout(p, pitch, carried);
    const firstRow = outs[0];
    const last = all[all.length - 1];
    // The first row of a page continues the last row of the page before when it carries no number
    // (a score or an amount always starts a row).
    if (
      firstRow?.kind === 'row' &&
      firstRow.first &&
      last?.kind === 'row' &&
      firstRow.anchors === last.anchors &&
      !firstRow.cells.some((c) => /^[\d.,%％]+$/.test(c.text.trim()))
    ) {
      last.cells.push(...firstRow.cells);
      outs.shift();
    }
    all.push(...outs);
    const lastRow = [...outs].reverse().find((o) => o.kind === 'row') as Extract<Out, { kind: 'row' }> | undefined;
    carried = lastRow?.anchors ?? carried;
  }
  const lines: string[] = [];
  for (const o of all) {
    if (o.kind === 'text') {
      if (o.gapBefore) lines.push('');
      lines.push(o.text);
      continue;
    }
    const cols = placeCells(o.cells, o.anchors);
    const filled = cols.filter(Boolean).length;
    lines.push(cols.join('\t').replace(/\t+$/, '') + (filled === 1 && cols[0] ? '\t' : ''));
  }
  return lines.join('\n');
}
