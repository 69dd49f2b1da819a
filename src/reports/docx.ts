/**
 * DOCX following GB/T 9704 公文 conventions: A4, margins 37/35/28/26 mm, a document grid of 28
 * characters × 22 lines, title 2号 小标宋 broken at word boundaries, headings 3号 黑体 / 楷体 / 仿宋加粗,
 * text 3号 仿宋 with a two-character first-line indent, one blank line before the 附件说明 and before the
 * 署名, which stays on the page of the last paragraph; page numbers “— 1 —” in 4号 宋体 at the outer
 * corner (odd right, even left), on landscape pages turned to where they stand on the bound portrait page.
 * Each part is a section, so wide 自评表 get landscape pages. Tables: real merges, heading rows repeated on
 * every page (tblHeader), rows that do not split (cantSplit), columns sized to their content. The font
 * table carries the fallbacks of the official fonts; a 草稿 watermark on every page when asked.
 */
import { columnWidthsPt } from './columns.js';
import * as PKG from './docx-package.js';
import {
  A4_MM,
  CHAR_PITCH_PT,
  FONT_FALLBACKS,
  FONT_SETS,
  type FontSet,
  type Fonts,
  LINE_PT,
  MARGINS_MM,
  PT,
  TITLE_CHARS,
} from './fonts.js';
import { type Align, type Block, type Cell, placeCells, type ReportDocument, type Table } from './model.js';
import { TIE_ROWS, tableSegments } from './segments.js';
import { signatureIndents } from './signature.js';
import { titleLines } from './title-lines.js';
import { zipParts } from './zip-writer.js';

/*
 * Written as WordprocessingML strings, one part at a time, and zipped once (issue 16.4): building the
 * docx library's object tree, serialising it and zipping it twice cost four times the zip itself.
 * The markup is what docx 9.15 wrote for the same document (element and attribute order included);
 * test/reports/docx-reference.test.ts keeps the library's writer and compares every part.
 */

const MM = 1440 / 25.4; // twips per mm
const tw = (mm: number) => Math.round(mm * MM);
const pt = (p: number) => Math.round(p * 20);
const half = (p: number) => Math.round(p * 2);

export interface DocxOptions {
  fontSet?: FontSet;
}

/** XML text and attribute values: the five entities, control characters dropped (as the library did). */
const ESC: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
const esc = (s: string) => s.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESC[c] ?? '');

const JC: Record<Align, string> = { left: 'left', center: 'center', right: 'right', justify: 'both' };

/** Paragraph properties in the schema's order; `keepNext: false` is written (it overrides a style's). */
interface PPr {
  style?: string;
  keepNext?: boolean;
  keepLines?: boolean;
  widowControl?: boolean;
  tabRight?: number;
  spacing?: { after?: number; before?: number; line?: number; rule?: 'exact' | 'atLeast' };
  ind?: { left?: number; right?: number; firstLine?: number; hanging?: number };
  jc?: Align;
  outline?: number;
}

function pPr(o: PPr, sectPr = ''): string {
  let x = '';
  if (o.style) x += `<w:pStyle w:val="${o.style}"/>`;
  if (o.keepNext !== undefined) x += o.keepNext ? '<w:keepNext/>' : '<w:keepNext w:val="false"/>';
  if (o.keepLines) x += '<w:keepLines/>';
  if (o.widowControl) x += '<w:widowControl/>';
  if (o.tabRight !== undefined) x += `<w:tabs><w:tab w:val="right" w:pos="${o.tabRight}"/></w:tabs>`;
  const s = o.spacing;
  if (s)
    x += `<w:spacing${s.after !== undefined ? ` w:after="${s.after}"` : ''}${s.before !== undefined ? ` w:before="${s.before}"` : ''}${s.line !== undefined ? ` w:line="${s.line}"` : ''}${s.rule ? ` w:lineRule="${s.rule}"` : ''}/>`;
  const i = o.ind;
  if (i)
    x += `<w:ind${i.left !== undefined ? ` w:left="${i.left}"` : ''}${i.right !== undefined ? ` w:right="${i.right}"` : ''}${i.firstLine !== undefined ? ` w:firstLine="${i.firstLine}"` : ''}${i.hanging !== undefined ? ` w:hanging="${i.hanging}"` : ''}/>`;
  if (o.jc) x += `<w:jc w:val="${JC[o.jc]}"/>`;
  if (o.outline !== undefined) x += `<w:outlineLvl w:val="${o.outline}"/>`;
  x += sectPr;
  return x ? `<w:pPr>${x}</w:pPr>` : '';
}

const run = (text: string, o: { br?: boolean; bold?: boolean; tab?: boolean } = {}) =>
  `<w:r>${o.bold ? '<w:rPr><w:b/><w:bCs/></w:rPr>' : ''}${o.br ? '<w:br/>' : ''}${o.tab ? '<w:tab/>' : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;

/** A paragraph: its properties and runs (already markup). */
const para = (o: PPr, runs = '') => {
  const x = pPr(o) + runs;
  return x ? `<w:p>${x}</w:p>` : '<w:p/>';
};

/** Text with line breaks as runs separated by breaks. */
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l, i) => run(l, { br: i > 0 }))
    .join('');

// --- styles ---

const rFonts = (f: string) =>
  `<w:rFonts w:ascii="${esc(f)}" w:cs="${esc(f)}" w:eastAsia="${esc(f)}" w:hAnsi="${esc(f)}"/>`;
const LANG = '<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>';
const sz = (size: number) => `<w:sz w:val="${half(size)}"/><w:szCs w:val="${half(size)}"/>`;

const bodySpacing = { after: 0, before: 0, line: pt(LINE_PT), rule: 'exact' } as const;
const INDENT = pt(PT.三号 * 2);
/**
 * The grid: 22 lines of 28.95 pt. The 28 characters a line come from condensing 三号 text to the
 * 156 mm ÷ 28 pitch (w:spacing, in twentieths of a point) rather than from a character grid: LibreOffice
 * gives a glyph wider than the grid's pitch two cells, which would leave 16 characters a line.
 */
const CONDENSE = Math.floor((CHAR_PITCH_PT - PT.三号) * 20);

/** A style's run: font, bold, the 28-character condensing at 三号, size, zh-CN. */
const runOf = (f: string, size: number, bold = false) =>
  `${rFonts(f)}${bold ? '<w:b/><w:bCs/>' : ''}${size === PT.三号 ? `<w:spacing w:val="${CONDENSE}"/>` : ''}${sz(size)}${LANG}`;

const style = (id: string, name: string, p: PPr | undefined, rPr: string, basedOn?: string) =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${esc(name)}"/>${basedOn ? `<w:basedOn w:val="${basedOn}"/>` : ''}${p ? pPr(p) : ''}<w:rPr>${rPr}</w:rPr></w:style>`;

const cellStyle = (size: number, head: boolean) => `JxCell${head ? 'Head' : ''}${String(size).replace('.', '_')}`;

/**
 * Named paragraph styles carry the fonts, sizes and spacing (a unit can restyle the whole report in
 * Word, and runs stay bare): 公文标题, 一级标题 … 正文, 表格.
 */
function stylesXml(fonts: Fonts, cellSizes: number[]): string {
  const body: PPr = { spacing: bodySpacing, ind: { firstLine: INDENT }, jc: 'justify' };
  const heading = (outline: number): PPr => ({ ...body, keepNext: true, keepLines: true, outline });
  const cellPara = (size: number): PPr => ({
    spacing: { after: 0, before: 0, line: pt(size * 1.35), rule: 'atLeast' },
  });
  const f = fonts.fang;
  return (
    PKG.STYLES_OPEN +
    `<w:docDefaults><w:rPrDefault><w:rPr>${rFonts(f)}${sz(PT.三号)}${LANG}</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>` +
    // The grid's character pitch is counted from the Normal style's size (Word and LibreOffice): make it 三号.
    `<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:qFormat/><w:rPr><w:rFonts w:ascii="${esc(f)}" w:hAnsi="${esc(f)}" w:eastAsia="${esc(f)}" w:cs="${esc(f)}"/>${sz(PT.三号)}</w:rPr></w:style>` +
    PKG.LIBRARY_STYLES +
    style(
      'JxTitle',
      '公文标题',
      {
        keepNext: true,
        spacing: { after: pt(LINE_PT), before: 0, line: pt(LINE_PT * 1.2), rule: 'exact' },
        jc: 'center',
      },
      runOf(fonts.title, PT.二号),
    ) +
    style('JxPreamble', '题注', { keepNext: true, spacing: bodySpacing }, runOf(f, PT.三号)) +
    style('JxH1', '一级标题', heading(0), runOf(fonts.hei, PT.三号)) +
    style('JxH2', '二级标题', heading(1), runOf(fonts.kai, PT.三号)) +
    style('JxH3', '三级标题', heading(2), runOf(f, PT.三号, true)) +
    style('JxH4', '四级标题', heading(3), runOf(f, PT.三号)) +
    style('JxBody', '公文正文', { ...body, widowControl: true }, runOf(f, PT.三号)) +
    style('JxPending', '待填写', undefined, '<w:color w:val="666666"/>', 'JxBody') +
    style(
      'JxAttachList',
      '附件说明',
      { keepNext: true, spacing: bodySpacing, ind: { left: INDENT + pt(PT.三号 * 3), hanging: pt(PT.三号 * 3) } },
      runOf(f, PT.三号),
      'JxBody',
    ) +
    style(
      'JxSign',
      '署名',
      { keepNext: true, spacing: bodySpacing, ind: { right: INDENT * 2 }, jc: 'right' },
      runOf(f, PT.三号),
    ) +
    style('JxAttach', '附件标识', { keepNext: true, spacing: bodySpacing }, runOf(fonts.hei, PT.三号)) +
    style(
      'JxTableTitle',
      '附件标题',
      { keepNext: true, spacing: { after: pt(6), before: 0, line: pt(PT.小二 * 1.5), rule: 'exact' }, jc: 'center' },
      runOf(fonts.title, PT.小二),
    ) +
    style(
      'JxTableCaption',
      '表题',
      { keepNext: true, spacing: { after: pt(4), before: pt(6) }, jc: 'center' },
      runOf(fonts.hei, PT.四号),
    ) +
    style('JxCaption', '表头说明', { keepNext: true, spacing: { after: pt(2), before: 0 } }, runOf(f, PT.小四)) +
    style('JxNote', '表注', { spacing: { line: pt(PT.五号 * 1.5), rule: 'atLeast' } }, runOf(f, PT.五号)) +
    style('JxJoin', '表间', { keepNext: true, spacing: { after: 0, before: 0, line: 20, rule: 'exact' } }, sz(1)) +
    style('JxPageNo', '页码', undefined, runOf(fonts.song, PT.四号)) +
    cellSizes
      .map(
        (size) =>
          style(cellStyle(size, false), `表格${size}`, cellPara(size), runOf(f, size)) +
          style(cellStyle(size, true), `表格标题${size}`, { ...cellPara(size), jc: 'center' }, runOf(fonts.hei, size)),
      )
      .join('') +
    '</w:styles>'
  );
}

// --- tables ---

function textWidthMm(orientation: 'portrait' | 'landscape'): number {
  const m = MARGINS_MM[orientation];
  return (orientation === 'portrait' ? A4_MM.width : A4_MM.height) - m.left - m.right;
}

const BORDER = 'w:val="single" w:color="000000" w:sz="6"';
const NONE = 'w:val="none" w:color="auto" w:sz="0"';
const borders = (b: string) =>
  `<w:tblBorders><w:top ${b}/><w:left ${b}/><w:bottom ${b}/><w:right ${b}/><w:insideH ${b}/><w:insideV ${b}/></w:tblBorders>`;
const CELL_MARGINS =
  '<w:tblCellMar><w:top w:type="dxa" w:w="20"/><w:left w:type="dxa" w:w="57"/><w:bottom w:type="dxa" w:w="20"/><w:right w:type="dxa" w:w="57"/></w:tblCellMar>';
const HEAD_SHADING = '<w:shd w:fill="F2F2F2" w:color="auto" w:val="clear"/>';

function captionParagraphs(widthTw: number, caps: Table['captions']): string {
  return caps
    .map((c) =>
      c.center !== undefined
        ? para({ style: 'JxCaption', jc: 'center' }, run(c.center))
        : para({ style: 'JxCaption', tabRight: widthTw }, run(c.left ?? '') + run(c.right ?? '', { tab: true })),
    )
    .join('');
}

/** A cell as the writer lays it out: a model cell, or the continuation of a cell merged from above. */
interface TableCellOut {
  width: number;
  colSpan: number;
  rowSpan: number;
  head: boolean;
  /** Paragraph markup (without the row's keepNext). */
  paras: Array<{ p: PPr; runs: string }>;
  merge?: 'restart' | 'continue';
}

/** The row's keepNext goes into every paragraph of its cells, after the paragraph style. */
const cellXml = (c: TableCellOut, keepNext: boolean) =>
  `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${c.width}"/>${c.colSpan > 1 ? `<w:gridSpan w:val="${c.colSpan}"/>` : ''}${c.merge ? `<w:vMerge w:val="${c.merge}"/>` : ''}${c.head ? HEAD_SHADING : ''}<w:vAlign w:val="center"/></w:tcPr>${c.paras
    .map(({ p, runs }) => para(keepNext ? { ...p, keepNext: true } : p, runs))
    .join('')}</w:tc>`;

function tableXml(t: Table, widthMm: number): string {
  const widthTw = tw(widthMm);
  let out =
    para({ style: t.titleStyle === 'document' ? 'JxTableTitle' : 'JxTableCaption' }, run(t.title)) +
    captionParagraphs(widthTw, t.captions);
  const colTw = columnWidthsPt(t, (widthMm / 25.4) * 72).map((w) => Math.floor(w * 20));
  const placed = placeCells(t);
  const widthOf = new Map<Cell, number>();
  for (const p of placed)
    widthOf.set(
      p.cell,
      colTw.slice(p.c, p.c + p.colSpan).reduce((a, b) => a + b, 0),
    );
  const plain = cellStyle(t.fontSize, false);
  const heading = cellStyle(t.fontSize, true);
  // A heading row further down starts a table of its own (Word repeats only a table's first rows),
  // joined to the one above by a hairline paragraph so that the two read as one.
  // Rows tied by a short merged cell (a shaded 预算情况 block) stay on one page; long 一级 groups may break.
  const tied = new Set<number>();
  for (const p of placed) if (p.rowSpan <= TIE_ROWS) for (let r = p.r; r < p.r + p.rowSpan - 1; r++) tied.add(r);
  const rowHeight = `<w:trHeight w:val="${pt(t.fontSize * 1.6)}" w:hRule="atLeast"/>`;
  const grid = `<w:tblGrid>${colTw.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  const tblPr = `<w:tblPr><w:tblW w:type="dxa" w:w="${colTw.reduce((a, b) => a + b, 0)}"/>${borders(BORDER)}<w:tblLayout w:type="fixed"/>${CELL_MARGINS}</w:tblPr>`;
  tableSegments(t).forEach((seg, k) => {
    if (k > 0) out += para({ style: 'JxJoin' });
    const rows: TableCellOut[][] = seg.rows.map((row) =>
      row.cells.map((c) => {
        // Alignment beside the style's own (heading cells centred, others left).
        const jc = c.align && c.align !== (c.head ? 'center' : 'left') ? c.align : undefined;
        const rowSpan = c.rowSpan ?? 1;
        return {
          width: widthOf.get(c) ?? 0,
          colSpan: c.colSpan ?? 1,
          rowSpan,
          head: !!c.head,
          ...(rowSpan > 1 && { merge: 'restart' as const }),
          // One paragraph per line: a justified line that ends in a break would be spread across the cell.
          paras: c.text.split(/\r?\n/).map((line) => ({
            p: { style: c.head ? heading : plain, ...(jc && { jc }) },
            runs: run(line, { bold: !!c.bold && !c.head }),
          })),
        };
      }),
    );
    // A merged cell continues into the rows below as empty cells (vMerge continue) at its grid column,
    // each with the alignment of the cell's last paragraph — as Word writes them.
    rows.forEach((cells, i) => {
      if (i === rows.length - 1) return;
      let col = 0;
      for (const c of [...cells]) {
        if (c.rowSpan > 1) {
          const below = rows[i + 1]!;
          let at = 0;
          for (let acc = 0; at < below.length && acc + below[at]!.colSpan <= col; at++) acc += below[at]!.colSpan;
          const jc = c.paras.at(-1)?.p.jc;
          below.splice(at, 0, {
            width: c.width,
            colSpan: c.colSpan,
            rowSpan: c.rowSpan - 1,
            head: c.head,
            merge: 'continue',
            paras: [{ p: jc ? { jc } : {}, runs: '' }],
          });
        }
        col += c.colSpan;
      }
    });
    out += `<w:tbl>${tblPr}${grid}${rows
      .map(
        (cells, i) =>
          `<w:tr><w:trPr><w:cantSplit/>${i < seg.head ? '<w:tblHeader/>' : '<w:tblHeader w:val="off"/>'}${rowHeight}</w:trPr>${cells
            .map((c) => cellXml(c, tied.has(seg.start + i)))
            .join('')}</w:tr>`,
      )
      .join('')}</w:tbl>`;
  });
  for (const n of t.notes) out += para({ style: 'JxNote' }, run(n));
  if (t.footer?.length) out += captionParagraphs(widthTw, t.footer);
  return out;
}

// --- body ---

const HEADING_STYLE = { 1: 'JxH1', 2: 'JxH2', 3: 'JxH3', 4: 'JxH4' } as const;

/** The body's pieces in order; a paragraph keeps its properties apart so that a section break can join them. */
type Piece = { p: PPr; runs: string } | string;

function blocks(bs: Block[], widthMm: number): Piece[] {
  const out: Piece[] = [];
  // The paragraph before the 附件说明 / 署名 keeps with them (GB/T 9704: 署名 not alone on a page).
  const tail = bs.findIndex((b) => b.type === 'blank' || b.type === 'signature' || b.type === 'attachments');
  bs.forEach((b, i) => {
    const keep = tail > 0 && i === tail - 1;
    switch (b.type) {
      case 'title':
        out.push({
          p: { style: 'JxTitle' },
          runs: titleLines(b.text, TITLE_CHARS)
            .map((l, k) => run(l, { br: k > 0 }))
            .join(''),
        });
        break;
      case 'preamble':
        out.push({ p: { style: 'JxPreamble' }, runs: run(b.text) });
        break;
      case 'heading':
        out.push({ p: { style: HEADING_STYLE[b.level] }, runs: run(b.text) });
        break;
      case 'paragraph':
        out.push({
          p: {
            style: b.source === 'placeholder' ? 'JxPending' : 'JxBody',
            ...(keep && { keepNext: true, keepLines: true }),
            ...((b.indent === false || b.align === 'center') && { ind: { firstLine: 0 } }),
            ...((b.align === 'center' || b.align === 'right') && { jc: b.align }),
          },
          runs: lines(b.text),
        });
        break;
      case 'blank':
        out.push({ p: { style: 'JxBody', keepNext: true }, runs: '' });
        break;
      case 'attachments':
        b.items.forEach((item, k) =>
          out.push({
            p: { style: 'JxAttachList' },
            runs: run(`${k === 0 ? '附件：' : '　　　'}${b.items.length > 1 ? `${k + 1}.` : ''}${item}`),
          }),
        );
        break;
      case 'signature': {
        const right = signatureIndents(b.lines);
        b.lines.forEach((l, k) =>
          out.push({
            p: {
              style: 'JxSign',
              ...(k === b.lines.length - 1 && { keepNext: false }),
              ind: { right: Math.round(right[k]! * CHAR_PITCH_PT * 20) },
            },
            runs: run(l),
          }),
        );
        break;
      }
      case 'attachment-label':
        out.push({ p: { style: 'JxAttach' }, runs: run(b.text) });
        break;
      case 'table':
        out.push(tableXml(b.table, widthMm));
        break;
    }
  });
  return out;
}

// --- headers and footers ---

const PAGE_RUNS =
  '<w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r>';

/**
 * The page number “— N —”. Portrait: at the outer corner (odd right, even left). Landscape: the page is
 * turned when bound (表头在订口一边), so the number stands at the left edge — low on odd pages, high on
 * even ones — written top to bottom, where the portrait pages have it.
 */
function footerXml(side: 'right' | 'left', orientation: 'portrait' | 'landscape'): string {
  if (orientation === 'portrait')
    return `${PKG.FOOTER_OPEN}${para(
      { style: 'JxPageNo', ind: side === 'right' ? { right: pt(PT.四号) } : { left: pt(PT.四号) }, jc: side },
      PAGE_RUNS,
    )}</w:ftr>`;
  const m = MARGINS_MM.landscape;
  const boxW = tw(12);
  const boxH = 30;
  const x = tw(m.left - 7 - 12);
  const y = side === 'right' ? tw(A4_MM.width - 28 - boxH) : tw(28);
  return (
    PKG.FOOTER_OPEN +
    `<w:tbl><w:tblPr><w:tblpPr w:tblpX="${x}" w:tblpY="${y}" w:horzAnchor="page" w:vertAnchor="page"/><w:tblW w:type="dxa" w:w="${boxW}"/>${borders(NONE)}<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="${boxW}"/></w:tblGrid>` +
    `<w:tr><w:trPr><w:trHeight w:val="${tw(boxH)}" w:hRule="exact"/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${boxW}"/><w:textDirection w:val="tbRl"/><w:vAlign w:val="center"/></w:tcPr>${para({ style: 'JxPageNo', jc: 'center' }, PAGE_RUNS)}</w:tc></w:tr></w:tbl>` +
    `${para({ style: 'JxPageNo' })}</w:ftr>`
  );
}

const headerXml = (id: number) => `${PKG.HEADER_OPEN}${PKG.WATERMARK.replace('@ID@', String(id))}</w:hdr>`;

/** word/fontTable.xml with the official fonts and their fallbacks. */
function fontTableXml(fonts: Fonts): string {
  const used = new Set(Object.values(fonts));
  const entries = FONT_FALLBACKS.filter(
    (f) => used.has(f.name) || FONT_FALLBACKS.some((g) => used.has(g.name) && g.alt === f.name),
  );
  const known = new Set(entries.map((e) => e.name));
  const extra = [...used].filter((n) => !known.has(n));
  const xmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const font = (name: string, alt: string | undefined, family: string, panose: string | undefined) =>
    `<w:font w:name="${xmlEsc(name)}">${alt ? `<w:altName w:val="${xmlEsc(alt)}"/>` : ''}${panose ? `<w:panose1 w:val="${panose}"/>` : ''}<w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    entries.map((e) => font(e.name, e.alt, e.family, e.panose)).join('') +
    extra.map((n) => font(n, undefined, 'auto', undefined)).join('') +
    '</w:fonts>'
  );
}

// --- the package ---

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.';

/** The document's parts, in the order the library wrote them (content types last). */
export function docxParts(doc: ReportDocument, opts: DocxOptions = {}): Array<[string, string]> {
  const fonts = FONT_SETS[opts.fontSet ?? 'gb'];
  const sizes = [
    ...new Set(doc.parts.flatMap((p) => p.blocks).flatMap((b) => (b.type === 'table' ? [b.table.fontSize] : []))),
  ];
  const draft = doc.meta.draft;
  const headers: string[] = [];
  const footers: string[] = [];
  const rels: string[] = [];
  const overrides: string[] = [];
  let rid = 6;
  let body = '';
  doc.parts.forEach((p, k) => {
    const refs: string[] = [];
    const refer = (kind: 'header' | 'footer', list: string[], xml: string, type: 'default' | 'even') => {
      list.push(xml);
      const target = `${kind}${list.length}.xml`;
      rels.push(`<Relationship Id="rId${rid}" Type="${REL}${kind}" Target="${target}"/>`);
      overrides.push(`<Override ContentType="${CT}${kind}+xml" PartName="/word/${target}"/>`);
      refs.push(`<w:${kind}Reference w:type="${type}" r:id="rId${rid}"/>`);
      rid++;
    };
    if (draft) {
      refer('header', headers, headerXml(headers.length + 1), 'default');
      refer('header', headers, headerXml(headers.length + 1), 'even');
    }
    refer('footer', footers, footerXml('right', p.orientation), 'default');
    refer('footer', footers, footerXml('left', p.orientation), 'even');
    const m = MARGINS_MM[p.orientation];
    const [w, h] = p.orientation === 'landscape' ? [A4_MM.height, A4_MM.width] : [A4_MM.width, A4_MM.height];
    // The text's pages: 22 lines of 28 characters. Table pages keep the tables' own line heights.
    const text = p.blocks.some((b) => b.type === 'paragraph' || b.type === 'heading');
    // 页码一字线上距版心下边缘 7 mm.
    const sectPr =
      `<w:sectPr>${refs.join('')}<w:pgSz w:w="${tw(w)}" w:h="${tw(h)}" w:orient="${p.orientation}"/>` +
      `<w:pgMar w:top="${tw(m.top)}" w:right="${tw(m.right)}" w:bottom="${tw(m.bottom)}" w:left="${tw(m.left)}" w:header="${tw(15)}" w:footer="${tw(m.bottom - 7 - 6)}" w:gutter="0"/>` +
      `<w:pgNumType/>${text ? `<w:docGrid w:type="lines" w:linePitch="${pt(LINE_PT)}"/>` : '<w:docGrid w:linePitch="360"/>'}</w:sectPr>`;
    const pieces = blocks(p.blocks, textWidthMm(p.orientation));
    const last = k === doc.parts.length - 1;
    // A section ends in its last paragraph's properties (or in an empty paragraph after a table); the
    // last section's properties close the body.
    pieces.forEach((x, i) => {
      if (typeof x === 'string') body += x;
      else body += `<w:p>${pPr(x.p, !last && i === pieces.length - 1 ? sectPr : '')}${x.runs}</w:p>`;
    });
    if (last) body += sectPr;
    else if (typeof pieces.at(-1) !== 'object') body += `<w:p>${pPr({}, sectPr)}</w:p>`;
  });
  const st = doc.meta.statement;
  const core =
    PKG.CORE_OPEN +
    `<dc:title>${esc(doc.meta.title)}</dc:title><dc:creator>${esc(doc.meta.unit)}</dc:creator>` +
    `<dc:description>${esc(st.grade ? `${doc.meta.framework.name}；得分${st.total}分，${st.grade}` : doc.meta.framework.name)}</dc:description>` +
    `<cp:lastModifiedBy>Un-named</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${CREATED}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${CREATED}</dcterms:modified></cp:coreProperties>`;
  const parts: Array<[string, string]> = [
    [
      'word/_rels/document.xml.rels',
      `${PKG.DOCUMENT_RELS_OPEN}${rels.join('')}<Relationship Id="rId${rid}" Type="${REL}theme" Target="theme/theme1.xml"/><Relationship Id="rId${rid + 1}" Type="${REL}fontTable" Target="fontTable.xml"/></Relationships>`,
    ],
    ['word/document.xml', `${PKG.DOCUMENT_OPEN}<w:body>${body}</w:body></w:document>`],
    ['word/styles.xml', stylesXml(fonts, sizes)],
    ['docProps/core.xml', core],
    ['_rels/.rels', PKG.ROOT_RELS],
    ...headers.map((_, i): [string, string] => [`word/_rels/header${i + 1}.xml.rels`, PKG.EMPTY_RELS]),
    ...footers.map((_, i): [string, string] => [`word/_rels/footer${i + 1}.xml.rels`, PKG.EMPTY_RELS]),
    ...headers.map((x, i): [string, string] => [`word/header${i + 1}.xml`, x]),
    ...footers.map((x, i): [string, string] => [`word/footer${i + 1}.xml`, x]),
    ['docProps/custom.xml', PKG.CUSTOM],
    ['docProps/app.xml', PKG.APP],
    ['word/footnotes.xml', PKG.FOOTNOTES],
    ['word/_rels/footnotes.xml.rels', PKG.EMPTY_RELS],
    ['word/endnotes.xml', PKG.ENDNOTES],
    ['word/_rels/endnotes.xml.rels', PKG.EMPTY_RELS],
    ['word/settings.xml', PKG.SETTINGS],
    ['word/fontTable.xml', fontTableXml(fonts)],
    ['word/_rels/fontTable.xml.rels', PKG.EMPTY_RELS],
    ['word/theme/theme1.xml', PKG.THEME],
    ['word/numbering.xml', PKG.NUMBERING],
    ['[Content_Types].xml', `${PKG.CONTENT_TYPES_OPEN}${overrides.join('')}</Types>`],
  ];
  return parts;
}

const VARYING = new Set([
  'word/document.xml',
  'docProps/core.xml',
  'word/_rels/document.xml.rels',
  '[Content_Types].xml',
]);

/** Creation time in the document properties: fixed, so that the same report gives the same file. */
const CREATED = '2000-01-01T00:00:00.000Z';

export async function renderDocx(doc: ReportDocument, opts: DocxOptions = {}): Promise<Buffer> {
  // All but the document, its properties and the relationships and types recur from report to report.
  return zipParts(docxParts(doc, opts), { reuse: (name) => !VARYING.has(name) });
}
