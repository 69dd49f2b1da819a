/**
 * HTML of the report: the web preview, and the source of the PDF (Chromium prints it). Self-contained
 * (inline CSS, no external resources). Print CSS follows GB/T 9704: A4 pages with the 公文 margins, 28
 * characters a line on a 22-line pitch, named landscape pages for wide tables, page numbers “— 1 —” at
 * the outer corner (@page margin boxes; on landscape pages turned to where the bound portrait page has
 * them), heading rows repeated on every page (thead), rows kept whole, the 署名 kept with the last
 * paragraph, a 草稿 watermark on every page when asked.
 */
import { columnWidthsPt } from './columns.js';
import { A4_MM, CHAR_PITCH_PT, CSS_FONTS, LINE_PT, MARGINS_MM, PT, TITLE_CHARS } from './fonts.js';
import { type Block, type Cell, placeCells, type ReportDocument, type Row, type Table } from './model.js';
import { TIE_ROWS, tableSegments } from './segments.js';
import { signatureIndents } from './signature.js';
import { titleLines } from './title-lines.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const lines = (s: string) => esc(s).replace(/\r?\n/g, '<br>');

const m = MARGINS_MM;
const pageNo = `content: "— " counter(page) " —"; font-family: ${CSS_FONTS.song}; font-size: ${PT.四号}pt;`;
/** Letter spacing that puts 28 characters of 三号 text on the 156 mm line. */
const TRACK = (CHAR_PITCH_PT - PT.三号 - 0.005).toFixed(3);

export const REPORT_CSS = `
@page { size: A4 portrait; margin: ${m.portrait.top}mm ${m.portrait.right}mm ${m.portrait.bottom}mm ${m.portrait.left}mm; }
@page :right { @bottom-right { ${pageNo} vertical-align: top; padding-top: 7mm; text-align: right; padding-right: 1em; } }
@page :left { @bottom-left { ${pageNo} vertical-align: top; padding-top: 7mm; text-align: left; padding-left: 1em; } }
@page landscape { size: A4 landscape; margin: ${m.landscape.top}mm ${m.landscape.right}mm ${m.landscape.bottom}mm ${m.landscape.left}mm; }
@page landscape:right { @bottom-right { content: none; } @left-bottom { ${pageNo} writing-mode: vertical-rl; vertical-align: bottom; text-align: right; padding-right: 7mm; padding-bottom: 1em; } }
@page landscape:left { @bottom-left { content: none; } @left-top { ${pageNo} writing-mode: vertical-rl; vertical-align: top; text-align: right; padding-right: 7mm; padding-top: 1em; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
.jx-report { font-family: ${CSS_FONTS.fang}; font-size: ${PT.三号}pt; line-height: ${LINE_PT}pt; color: #000; }
@media screen {
  body { background: #e8e8e8; }
  .jx-part { background: #fff; width: ${A4_MM.width}mm; box-sizing: border-box; padding: ${m.portrait.top}mm ${m.portrait.right}mm ${m.portrait.bottom}mm ${m.portrait.left}mm; margin: 8mm auto; box-shadow: 0 0 4px rgba(0,0,0,.3); }
  .jx-part.jx-landscape { width: ${A4_MM.height}mm; padding: ${m.landscape.top}mm ${m.landscape.right}mm ${m.landscape.bottom}mm ${m.landscape.left}mm; }
  .jx-watermark { display: none; }
}
@media print {
  .jx-part + .jx-part { break-before: page; }
  .jx-watermark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; transform: rotate(-30deg); font-family: ${CSS_FONTS.hei}; font-size: 110pt; line-height: 1; color: rgba(0, 0, 0, 0.13); pointer-events: none; z-index: 10; }
}
.jx-landscape { page: landscape; }
.jx-title { font-family: ${CSS_FONTS.title}; font-weight: normal; font-size: ${PT.二号}pt; line-height: ${(LINE_PT * 1.2).toFixed(2)}pt; text-align: center; margin: 0 0 ${LINE_PT}pt; break-after: avoid; }
.jx-text { letter-spacing: ${TRACK}pt; }
.jx-h1, .jx-h2, .jx-h3, .jx-h4 { font-size: ${PT.三号}pt; font-weight: normal; margin: 0; text-indent: 2em; break-after: avoid; break-inside: avoid; }
.jx-h1 { font-family: ${CSS_FONTS.hei}; }
.jx-h2 { font-family: ${CSS_FONTS.kai}; }
.jx-h3 { font-family: ${CSS_FONTS.fang}; font-weight: bold; }
.jx-h4 { font-family: ${CSS_FONTS.fang}; }
.jx-p { margin: 0; text-indent: 2em; text-align: justify; orphans: 2; widows: 2; }
.jx-p.jx-noindent, .jx-preamble { text-indent: 0; margin: 0; }
.jx-p.jx-center { text-align: center; text-indent: 0; }
.jx-attachments { margin: 0; padding-left: calc(2em + 3em); text-indent: -3em; }
.jx-sign { margin: 0; text-align: right; padding-right: 4em; text-indent: 0; }
.jx-keep { break-inside: avoid; }
.jx-placeholder { color: #666; }
.jx-attach { font-family: ${CSS_FONTS.hei}; font-size: ${PT.三号}pt; margin: 0; }
.jx-table-title { font-family: ${CSS_FONTS.title}; font-weight: normal; font-size: ${PT.小二}pt; line-height: 1.45; text-align: center; margin: 0 0 6pt; break-after: avoid; }
.jx-table-caption { font-family: ${CSS_FONTS.hei}; font-weight: normal; font-size: ${PT.四号}pt; text-align: center; margin: 6pt 0 4pt; line-height: 1.4; break-after: avoid; }
.jx-captions { font-size: ${PT.小四}pt; line-height: 1.5; break-after: avoid; }
.jx-captions div { display: flex; justify-content: space-between; }
.jx-captions div.jx-c { justify-content: center; }
table.jx { border-collapse: collapse; width: 100%; table-layout: fixed; line-height: 1.35; margin: 0; letter-spacing: 0; }
table.jx + table.jx { margin-top: -0.75pt; }
table.jx td { border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: middle; overflow-wrap: anywhere; background-clip: padding-box; }
table.jx td.jx-head { font-family: ${CSS_FONTS.hei}; background-color: #f2f2f2; }
table.jx td.jx-b { font-weight: bold; }
table.jx td.jx-head.jx-b { font-weight: normal; }
table.jx td.jx-nw { white-space: nowrap; overflow-wrap: normal; }
table.jx thead { display: table-header-group; }
table.jx tr, table.jx tbody.jx-group { break-inside: avoid; }
.jx-notes { font-size: ${PT.五号}pt; line-height: 1.5; margin: 2pt 0 0; }
.jx-notes p { margin: 0; }
.jx-table-foot { font-size: ${PT.小四}pt; line-height: 2; display: flex; justify-content: space-between; margin-top: 4pt; }
`;

function cellHtml(c: Cell): string {
  const cls = [c.head ? 'jx-head' : '', c.bold ? 'jx-b' : '', c.nowrap ? 'jx-nw' : ''].filter(Boolean).join(' ');
  const attrs = [
    c.rowSpan && c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : '',
    c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '',
    cls ? ` class="${cls}"` : '',
    c.align ? ` style="text-align:${c.align}"` : '',
    c.key ? ` data-key="${esc(c.key)}"` : '',
  ].join('');
  return `<td${attrs}>${lines(c.text)}</td>`;
}

/** Rows tied together by merged cells, so that a page break cannot cut through a merged cell. */
function groups(rows: Row[], t: Table, offset: number): Row[][] {
  const reach = new Map<number, number>();
  for (const p of placeCells(t))
    if (p.rowSpan > 1 && p.rowSpan <= TIE_ROWS) reach.set(p.r, Math.max(reach.get(p.r) ?? p.r, p.r + p.rowSpan - 1));
  const out: Row[][] = [];
  let i = 0;
  while (i < rows.length) {
    let end = i;
    for (let k = i; k <= end; k++) end = Math.max(end, (reach.get(offset + k) ?? 0) - offset);
    end = Math.min(end, rows.length - 1);
    out.push(rows.slice(i, end + 1));
    i = end + 1;
  }
  return out;
}

export function tableHtml(t: Table, widthMm: number): string {
  const widths = columnWidthsPt(t, (widthMm / 25.4) * 72);
  const total = widths.reduce((a, b) => a + b, 0);
  const cols = widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(3)}%">`).join('');
  const tr = (r: Row) => `<tr>${r.cells.map(cellHtml).join('')}</tr>`;
  const title =
    t.titleStyle === 'document'
      ? `<h2 class="jx-table-title">${esc(t.title)}</h2>`
      : `<h4 class="jx-table-caption">${esc(t.title)}</h4>`;
  const cap = (cs: Table['captions'], cls: string) =>
    cs.length
      ? `<div class="${cls}">${cs
          .map((c) =>
            c.center !== undefined
              ? `<div class="jx-c"><span>${esc(c.center)}</span></div>`
              : `<div><span>${esc(c.left ?? '')}</span><span>${esc(c.right ?? '')}</span></div>`,
          )
          .join('')}</div>`
      : '';
  const notes = t.notes.length ? `<div class="jx-notes">${t.notes.map((n) => `<p>${esc(n)}</p>`).join('')}</div>` : '';
  const tables = tableSegments(t)
    .map((seg) => {
      const body = groups(seg.rows.slice(seg.head), t, seg.start + seg.head)
        .map((g) => `<tbody${g.length > 1 ? ' class="jx-group"' : ''}>${g.map(tr).join('')}</tbody>`)
        .join('');
      return `<table class="jx" data-table="${esc(t.id)}" style="font-size:${t.fontSize}pt"><colgroup>${cols}</colgroup>${
        seg.head ? `<thead>${seg.rows.slice(0, seg.head).map(tr).join('')}</thead>` : ''
      }${body}</table>`;
    })
    .join('');
  return `${title}${cap(t.captions, 'jx-captions')}${tables}${notes}${cap(t.footer ?? [], 'jx-captions jx-table-foot')}`;
}

function widthOf(orientation: 'portrait' | 'landscape'): number {
  const mm = MARGINS_MM[orientation];
  return (orientation === 'portrait' ? A4_MM.width : A4_MM.height) - mm.left - mm.right;
}

function blockHtml(b: Block, widthMm: number): string {
  switch (b.type) {
    case 'title':
      return `<h1 class="jx-title">${titleLines(b.text, TITLE_CHARS).map(esc).join('<br>')}</h1>`;
    case 'preamble':
      return `<p class="jx-preamble jx-text">${esc(b.text)}</p>`;
    case 'heading':
      return `<h${b.level + 1} class="jx-h${b.level} jx-text">${esc(b.text)}</h${b.level + 1}>`;
    case 'paragraph': {
      const cls = [
        'jx-p',
        'jx-text',
        b.source === 'placeholder' ? 'jx-placeholder' : '',
        b.align === 'right' ? 'jx-sign' : b.align === 'center' ? 'jx-center' : '',
        b.indent === false ? 'jx-noindent' : '',
      ];
      return `<p class="${cls.filter(Boolean).join(' ')}" data-source="${b.source}">${lines(b.text)}</p>`;
    }
    case 'blank':
      return '<p class="jx-p">&#8203;</p>';
    case 'attachments':
      return b.items
        .map(
          (it, k) =>
            `<p class="jx-attachments jx-text">${k === 0 ? '附件：' : '　　　'}${b.items.length > 1 ? `${k + 1}.` : ''}${esc(it)}</p>`,
        )
        .join('');
    case 'signature': {
      const right = signatureIndents(b.lines);
      return b.lines
        .map((l, k) => `<p class="jx-sign jx-text" style="padding-right:${right[k]}em">${esc(l)}</p>`)
        .join('');
    }
    case 'attachment-label':
      return `<p class="jx-attach">${esc(b.text)}</p>`;
    case 'table':
      return tableHtml(b.table, widthMm);
  }
}

function partHtml(blocks: Block[], widthMm: number): string {
  // The last paragraph, the 附件说明 and the 署名 stay on one page.
  const tail = blocks.findIndex((b) => b.type === 'blank' || b.type === 'attachments' || b.type === 'signature');
  if (tail <= 0) return blocks.map((b) => blockHtml(b, widthMm)).join('\n');
  return `${blocks
    .slice(0, tail - 1)
    .map((b) => blockHtml(b, widthMm))
    .join('\n')}\n<div class="jx-keep">${blocks
    .slice(tail - 1)
    .map((b) => blockHtml(b, widthMm))
    .join('\n')}</div>`;
}

/** The report's body markup (no <html>/<head>), for embedding in the web app next to REPORT_CSS. */
export function renderHtmlFragment(doc: ReportDocument): string {
  return `<main class="jx-report">${doc.meta.draft ? '<div class="jx-watermark" aria-hidden="true">草稿</div>' : ''}${doc.parts
    .map((p) => `<section class="jx-part jx-${p.orientation}">${partHtml(p.blocks, widthOf(p.orientation))}</section>`)
    .join('\n')}</main>`;
}

/** A complete, self-contained HTML document. */
export function renderHtml(doc: ReportDocument): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jixiao">
<title>${esc(doc.meta.title)}</title>
<style>${REPORT_CSS}</style></head>
<body>${renderHtmlFragment(doc)}</body></html>
`;
}
