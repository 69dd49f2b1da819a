import iconv from 'iconv-lite';
import { type DefaultTreeAdapterTypes as T, parse, parseFragment } from 'parse5';
import type { Block, Doc } from './document.js';
import { isHeaderRow } from './header.js';
import { ImportError, LIMITS } from './limits.js';
import { cleanText } from './text-util.js';

/**
 * Web pages (.html/.htm) and HTML tables inside text: decoded from any common encoding (iconv-lite;
 * the page's own <meta charset>, else UTF-8 if it is valid, else GB18030, the superset of GBK and
 * GB2312 that Chinese government sites use), parsed with parse5 (the WHATWG algorithm browsers use,
 * so unclosed cells and misnested tags give the same tree a browser shows), then read as paragraphs
 * and table rows in reading order. Tables are laid on a grid: a cell spanning rows or columns takes
 * its place and leaves the covered positions empty. A table whose cells hold tables is page layout,
 * not data: its cells are read as content. The site's boilerplate is set apart from the report body:
 * navigation and link lists, 字体大小, 打印本页/关闭窗口, share bars, footers; the 索引号 block
 * (索引号, 发布机构, 生成日期, 文号 …) becomes the page's publication data.
 */

type Node = T.ChildNode | T.ParentNode;
type El = T.Element;

const isEl = (n: Node): n is El => 'tagName' in n;
const attr = (e: El, name: string) => e.attrs.find((a) => a.name === name)?.value;

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'select',
  'option',
  'button',
  'input',
  'textarea',
  'nav',
  'footer',
  'aside',
  'head',
]);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'center',
  'form',
  'fieldset',
  'address',
  'figure',
  'figcaption',
  'hr',
  'body',
  'html',
  'table',
  'tr',
  'td',
  'th',
  'caption',
]);
/** class/id words of site chrome (导航, 页头页脚, 分享, 当前位置 …). */
const CHROME =
  /(^|[-_\s])(nav|navbar|menu|header|footer|foot|breadcrumbs?|crumbs?|position|location|share|toolbar|sidebar|copyright|search|login|friendlinks?|banner|topbar|bottom)([-_\s\d]|$)/i;
/** Paragraphs of site chrome (short ones only: a report may mention 打印 in a sentence). */
const CHROME_TEXT =
  /(字体|字号)\s*[:：]?\s*[【[（(]?\s*[大中小]|打印本页|【\s*打印\s*】|关闭窗口|【\s*关闭\s*】|分享到|当前位置\s*[:：]|您(当前)?的位置|版权所有|ICP备|网站标识码|技术支持\s*[:：]|访问量|浏览次数|网站地图|联系我们|主办单位\s*[:：]|承办单位\s*[:：]|扫一扫|返回顶部|上一篇|下一篇/;
export const META_KEYS = [
  '索引号',
  '信息分类',
  '主题分类',
  '发布机构',
  '发文机关',
  '生成日期',
  '发布日期',
  '成文日期',
  '发布时间',
  '文号',
  '主题词',
  '公开方式',
  '公开范围',
  '公开时限',
  '信息来源',
  '来源',
  '有效性',
  '体裁分类',
  // Counters printed on the same line: split off, not kept.
  '浏览次数',
  '点击数',
  '访问次数',
];
const COUNTERS = new Set(['浏览次数', '点击数', '访问次数']);
const META_RE = new RegExp(`(${META_KEYS.join('|')})\\s*[:：]`, 'g');

/** Publication data of a 索引号 block (or a “发布时间：… 来源：…” line), or undefined. */
export function metaOf(text: string): Record<string, string> | undefined {
  const t = text.replace(/\s+/g, ' ').trim();
  const hits = [...t.matchAll(META_RE)];
  const keys = new Set(hits.map((h) => h[1]!));
  if (keys.size < 2 && !(keys.size === 1 && t.length <= 80 && CHROME_TEXT.test(t))) return undefined;
  const out: Record<string, string> = {};
  hits.forEach((h, i) => {
    const from = h.index! + h[0].length;
    const to = i + 1 < hits.length ? hits[i + 1]!.index! : t.length;
    const v = t
      .slice(from, to)
      .replace(/[【[][^】\]]*[】\]]/g, '')
      .replace(/(字体|字号)\s*[:：]?.*$/, '')
      .trim();
    if (v && !out[h[1]!] && !COUNTERS.has(h[1]!)) out[h[1]!] = v.slice(0, 200);
  });
  return out;
}

const ENCODINGS: Record<string, string> = { gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', gb18030: 'gb18030' };

/** Bytes → text: a BOM, else the page's declared charset, else UTF-8 if valid, else GB18030. */
export function decodeBytes(buf: Uint8Array, declared?: string): string {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return iconv.decode(b.subarray(2), 'utf-16le');
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return iconv.decode(b.subarray(2), 'utf-16be');
  const want = declared?.toLowerCase();
  // A page re-saved as UTF-8 keeps its old “charset=gb2312”: bytes that are valid UTF-8 with
  // Chinese in them are UTF-8 (GBK text is practically never valid UTF-8).
  if (want && want !== 'utf-8' && want !== 'utf8' && !(b.some((x) => x >= 0x80) && validUtf8(b))) {
    const enc = ENCODINGS[want] ?? want;
    if (iconv.encodingExists(enc)) return iconv.decode(b, enc);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return iconv.decode(b, 'gb18030');
  }
}

function validUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** The charset a page declares in its first bytes (<meta charset> or http-equiv Content-Type). */
export function declaredCharset(buf: Uint8Array): string | undefined {
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 4096)).toString('latin1');
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_-]+)/i.exec(head);
  return m?.[1];
}

/** Text of a node: block elements and <br> break lines; whitespace collapsed as a browser does. */
function textOf(n: Node, out: string[] = []): string[] {
  if (n.nodeName === '#text') {
    out.push((n as T.TextNode).value.replace(/[ \t\r\n\f]+/g, ' '));
    return out;
  }
  if (!isEl(n) && n.nodeName !== '#document' && n.nodeName !== '#document-fragment') return out;
  if (isEl(n)) {
    if (SKIP.has(n.tagName) && n.tagName !== 'head') return out;
    if (n.tagName === 'br') {
      out.push('\n');
      return out;
    }
  }
  const block = isEl(n) && BLOCK.has(n.tagName);
  if (block) out.push('\n');
  for (const c of (n as T.ParentNode).childNodes ?? []) textOf(c, out);
  if (block) out.push('\n');
  return out;
}

function cellTextOf(n: El): string {
  return textOf(n)
    .join('')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/** The rows of a table (not of tables nested in it). */
function rowsOf(table: El): El[] {
  const rows: El[] = [];
  const visit = (e: El) => {
    for (const c of e.childNodes) {
      if (!isEl(c)) continue;
      if (c.tagName === 'tr') rows.push(c);
      else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') visit(c);
    }
  };
  visit(table);
  return rows;
}

const cellsOf = (tr: El) => tr.childNodes.filter((c): c is El => isEl(c) && (c.tagName === 'td' || c.tagName === 'th'));

function span(e: El, name: string, max: number): number {
  const v = Number.parseInt(attr(e, name) ?? '1', 10);
  if (!Number.isFinite(v) || v < 1) return name === 'rowspan' && v === 0 ? max : 1;
  return Math.min(v, max);
}

/**
 * A table as a grid of cell texts: each cell at the first free position of its row, covering the
 * positions its rowspan/colspan give (those stay empty). Bounded by the sheet limits.
 */
export function tableGrid(table: El): string[][] {
  const trs = rowsOf(table).slice(0, LIMITS.maxSheetRows);
  const grid: string[][] = trs.map(() => []);
  const taken: boolean[][] = trs.map(() => []);
  trs.forEach((tr, r) => {
    let c = 0;
    for (const cell of cellsOf(tr)) {
      while (taken[r]![c]) c++;
      if (c >= LIMITS.maxSheetCols) break;
      const rs = span(cell, 'rowspan', trs.length - r);
      const cs = Math.min(span(cell, 'colspan', LIMITS.maxSheetCols), LIMITS.maxSheetCols - c);
      const text = cellTextOf(cell);
      for (let i = 0; i < rs; i++)
        for (let j = 0; j < cs; j++) {
          taken[r + i]![c + j] = true;
          grid[r + i]![c + j] = i === 0 && j === 0 ? text : '';
        }
      c += cs;
    }
  });
  return grid.map((row) => {
    const out = Array.from(row, (x) => x ?? '');
    while (out.length && out[out.length - 1] === '') out.pop();
    return out;
  });
}

/**
 * A table laid out to hold the page (cells holding tables), not data. A data table may hold a small
 * table in a cell (a 评分标准 as a table): it names its columns in a heading row of its own cells.
 */
function isLayoutTable(table: El): boolean {
  const rows = rowsOf(table);
  if (!rows.some((tr) => cellsOf(tr).some((td) => contains(td, 'table')))) return false;
  return !rows.slice(0, 4).some((tr) => isHeaderRow(cellsOf(tr).map((td) => ownText(td))));
}

/** A cell's text without the tables nested in it. */
function ownText(e: El): string {
  const out: string[] = [];
  const visit = (n: Node) => {
    if (isEl(n) && n.tagName === 'table') return;
    if (n.nodeName === '#text') out.push((n as T.TextNode).value);
    else for (const c of (n as T.ParentNode).childNodes ?? []) visit(c);
  };
  visit(e);
  return out.join('').replace(/\s+/g, ' ').trim();
}

function contains(e: El, tag: string): boolean {
  return e.childNodes.some((c) => isEl(c) && (c.tagName === tag || contains(c, tag)));
}

function textLength(n: Node): number {
  return textOf(n).join('').replace(/\s+/g, '').length;
}

function anchorTextLength(e: El): number {
  let n = 0;
  const visit = (x: El) => {
    for (const c of x.childNodes) {
      if (!isEl(c)) continue;
      if (c.tagName === 'a') n += textLength(c);
      else visit(c);
    }
  };
  visit(e);
  return n;
}

function countTag(e: El, tag: string): number {
  let n = 0;
  for (const c of e.childNodes) if (isEl(c)) n += (c.tagName === tag ? 1 : 0) + countTag(c, tag);
  return n;
}

interface Walk {
  blocks: Block[];
  meta: Record<string, string>;
  boilerplate: string[];
  para: string[];
  table: number;
  bodyLength: number;
}

function flush(w: Walk): void {
  const lines = w.para
    .join('')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  w.para = [];
  for (const l of lines) {
    const meta = metaOf(l);
    if (meta) {
      for (const [k, v] of Object.entries(meta)) w.meta[k] ??= v;
      w.boilerplate.push(l);
      continue;
    }
    if (l.length <= 80 && CHROME_TEXT.test(l)) {
      w.boilerplate.push(l);
      continue;
    }
    w.blocks.push({ kind: 'p', text: cleanText(l).trim() });
  }
}

/** Site chrome: marked by tag or class/id, or a list of links — unless it holds much of the page. */
function isChrome(e: El, w: Walk): boolean {
  const marks = `${attr(e, 'class') ?? ''} ${attr(e, 'id') ?? ''} ${attr(e, 'role') ?? ''}`;
  const big = () => textLength(e) > w.bodyLength * 0.4;
  if (e.tagName === 'header' && !big()) return true;
  if (CHROME.test(marks) || /^(navigation|banner|contentinfo)$/.test(attr(e, 'role') ?? '')) return !big();
  if (e.tagName === 'ul' || e.tagName === 'ol' || e.tagName === 'div' || e.tagName === 'p' || e.tagName === 'td') {
    const links = countTag(e, 'a');
    if (links >= 3 && !contains(e, 'table')) {
      const len = textLength(e);
      if (len > 0 && anchorTextLength(e) / len >= 0.7 && len < 400) return true;
    }
  }
  return false;
}

function walk(n: Node, w: Walk): void {
  if (n.nodeName === '#text') {
    w.para.push((n as T.TextNode).value.replace(/[ \t\r\n\f]+/g, ' '));
    return;
  }
  if (!isEl(n)) {
    for (const c of (n as T.ParentNode).childNodes ?? []) walk(c, w);
    return;
  }
  if (SKIP.has(n.tagName)) return;
  if (n.tagName === 'br') {
    w.para.push('\n');
    return;
  }
  if (n.tagName === 'table') {
    flush(w);
    if (isLayoutTable(n)) {
      for (const tr of rowsOf(n))
        for (const td of cellsOf(tr)) {
          walk(td, w);
          flush(w);
        }
      return;
    }
    const grid = tableGrid(n).filter((r) => r.some((c) => c.trim()));
    const text = grid.map((r) => r.filter(Boolean).join(' ')).join(' ');
    const meta = metaOf(
      grid.map((r) => r.map((c) => (META_KEYS.includes(c.trim()) ? `${c}：` : c)).join(' ')).join(' '),
    );
    if (meta) {
      for (const [k, v] of Object.entries(meta)) w.meta[k] ??= v;
      w.boilerplate.push(text.slice(0, 200));
      return;
    }
    const width = Math.max(0, ...grid.map((r) => r.length));
    if (width <= 1) {
      // A one-column table is a box of text.
      for (const r of grid) if (r[0]) w.para.push(`\n${r[0]}\n`);
      flush(w);
      return;
    }
    w.table++;
    for (const cells of grid) w.blocks.push({ kind: 'row', cells: cells.map((c) => cleanText(c)), table: w.table });
    return;
  }
  if (isChrome(n, w)) {
    flush(w);
    w.boilerplate.push(textOf(n).join('').replace(/\s+/g, ' ').trim().slice(0, 200));
    return;
  }
  const block = BLOCK.has(n.tagName);
  if (block) flush(w);
  for (const c of n.childNodes) walk(c, w);
  if (block) flush(w);
}

export interface HtmlDoc extends Doc {
  /** Text set apart as site chrome (for the notes; not read as the report). */
  boilerplate: string[];
}

/** A web page (already decoded) → paragraphs and table rows of its report body. */
export function htmlToDoc(html: string): HtmlDoc {
  if (html.length > LIMITS.maxTextChars * 2)
    throw new ImportError('too-large', `网页过大（${html.length}字符，上限${LIMITS.maxTextChars * 2}字符）`);
  const document = parse(html);
  const htmlEl = document.childNodes.find((c): c is El => isEl(c) && c.tagName === 'html');
  const head = htmlEl?.childNodes.find((c): c is El => isEl(c) && c.tagName === 'head');
  const titleEl = head?.childNodes.find((c): c is El => isEl(c) && c.tagName === 'title');
  const title = titleEl ? textOf(titleEl).join('').replace(/\s+/g, ' ').trim() : undefined;
  const body = htmlEl?.childNodes.find((c): c is El => isEl(c) && c.tagName === 'body') ?? document;
  const w: Walk = { blocks: [], meta: {}, boilerplate: [], para: [], table: 0, bodyLength: textLength(body) };
  walk(body, w);
  flush(w);
  const notes: string[] = [];
  // The page title names the report where the body's heading is an image or missing.
  const bare = title?.split(/\s*[_|｜—–]\s*|\s+-\s+/)[0]?.trim();
  if (
    bare &&
    /绩效|评价|自评/.test(bare) &&
    !w.blocks.slice(0, 12).some((b) => b.kind === 'p' && b.text.includes(bare))
  )
    w.blocks.unshift({ kind: 'p', text: bare });
  if (w.boilerplate.length)
    notes.push(`网页中${w.boilerplate.length}处导航、工具栏或发布信息已与正文分开，未作为报告内容读取`);
  const doc: HtmlDoc = { format: 'html', blocks: w.blocks, notes, boilerplate: w.boilerplate };
  if (title) doc.title = title;
  if (Object.keys(w.meta).length) doc.meta = w.meta;
  return doc;
}

/** The tables of an HTML fragment (a <table> block inside extracted text or Markdown) as grids. */
export function fragmentTables(html: string): string[][][] {
  const frag = parseFragment(html);
  const out: string[][][] = [];
  const visit = (n: Node) => {
    if (isEl(n) && n.tagName === 'table') {
      out.push(tableGrid(n).filter((r) => r.some((c) => c.trim())));
      return;
    }
    for (const c of (n as T.ParentNode).childNodes ?? []) visit(c);
  };
  visit(frag);
  return out;
}

export function readHtml(buf: Uint8Array, name?: string): Doc {
  const text = decodeBytes(buf, declaredCharset(buf));
  if (!text.trim()) throw new ImportError('empty', '文件为空', name);
  return htmlToDoc(text);
}
