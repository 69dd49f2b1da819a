import { CSS_FONTS, LINE_PT, MARGINS_MM, PT } from './fonts.js';
import type { Block, Cell, ReportDocument, Table } from './model.js';

/**
 * HTML of the report: the web preview, and the source of the PDF (Chromium prints it). Self-contained
 * (inline CSS, no external resources). Print CSS follows GB/T 9704: A4 pages with the 公文 margins, named
 * landscape pages for wide tables, page numbers “— 1 —” at the outer corner (@page margin boxes).
 */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const lines = (s: string) => esc(s).replace(/\r?\n/g, '<br>');

const m = MARGINS_MM;
const pageNo = `content: "— " counter(page) " —"; font-family: ${CSS_FONTS.song}; font-size: ${PT.四号}pt; vertical-align: top; padding-top: 7mm;`;

export const REPORT_CSS = `
@font-face { font-family: "JX Title"; src: local("方正小标宋简体"), local("FZXiaoBiaoSong-B05S"), local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold"), local("Source Han Serif SC Bold"); }
@page { size: A4 portrait; margin: ${m.portrait.top}mm ${m.portrait.right}mm ${m.portrait.bottom}mm ${m.portrait.left}mm; }
@page :right { @bottom-right { ${pageNo} text-align: right; padding-right: 1em; } }
@page :left { @bottom-left { ${pageNo} text-align: left; padding-left: 1em; } }
@page landscape { size: A4 landscape; margin: ${m.landscape.top}mm ${m.landscape.right}mm ${m.landscape.bottom}mm ${m.landscape.left}mm; }
@page landscape:right { @bottom-right { ${pageNo} text-align: right; padding-right: 1em; } }
@page landscape:left { @bottom-left { ${pageNo} text-align: left; padding-left: 1em; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
.jx-report { font-family: ${CSS_FONTS.fang}; font-size: ${PT.三号}pt; line-height: ${LINE_PT}pt; color: #000; }
@media screen {
  body { background: #e8e8e8; }
  .jx-part { background: #fff; width: 210mm; box-sizing: border-box; padding: ${m.portrait.top}mm ${m.portrait.right}mm ${m.portrait.bottom}mm ${m.portrait.left}mm; margin: 8mm auto; box-shadow: 0 0 4px rgba(0,0,0,.3); }
  .jx-part.jx-landscape { width: 297mm; padding: ${m.landscape.top}mm ${m.landscape.right}mm ${m.landscape.bottom}mm ${m.landscape.left}mm; }
}
@media print { .jx-part + .jx-part { break-before: page; } }
.jx-landscape { page: landscape; }
.jx-title { font-family: ${CSS_FONTS.title}; font-weight: normal; font-size: ${PT.二号}pt; line-height: 1.45; text-align: center; margin: 0 0 ${LINE_PT}pt; }
.jx-h1, .jx-h2, .jx-h3, .jx-h4 { font-size: ${PT.三号}pt; font-weight: normal; margin: 0; text-indent: 2em; break-after: avoid; }
.jx-h1 { font-family: ${CSS_FONTS.hei}; }
.jx-h2 { font-family: ${CSS_FONTS.kai}; }
.jx-h3 { font-family: ${CSS_FONTS.fang}; font-weight: bold; }
.jx-h4 { font-family: ${CSS_FONTS.fang}; }
.jx-p { margin: 0; text-indent: 2em; text-align: justify; }
.jx-p.jx-noindent { text-indent: 0; }
.jx-p.jx-right { text-align: right; text-indent: 0; padding-right: 4em; }
.jx-p.jx-center { text-align: center; text-indent: 0; }
.jx-placeholder { color: #666; }
.jx-attach { font-family: ${CSS_FONTS.hei}; font-size: ${PT.三号}pt; margin: 0; }
.jx-table-title { font-family: ${CSS_FONTS.title}; font-weight: normal; font-size: ${PT.小二}pt; line-height: 1.45; text-align: center; margin: 0 0 6pt; }
.jx-table-caption { font-family: ${CSS_FONTS.hei}; font-weight: normal; font-size: ${PT.四号}pt; text-align: center; margin: 6pt 0 4pt; line-height: 1.4; }
.jx-captions { font-size: ${PT.小四}pt; line-height: 1.5; }
.jx-captions div { display: flex; justify-content: space-between; }
.jx-captions div.jx-c { justify-content: center; }
table.jx { border-collapse: collapse; width: 100%; table-layout: fixed; line-height: 1.35; margin: 2pt 0 4pt; }
table.jx td { border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: middle; overflow-wrap: break-word; }
table.jx td.jx-head { font-family: ${CSS_FONTS.hei}; background: #f2f2f2; }
table.jx td.jx-b { font-weight: bold; }
table.jx td.jx-head.jx-b { font-weight: normal; }
table.jx thead { display: table-header-group; }
.jx-notes { font-size: ${PT.五号}pt; line-height: 1.5; margin: 2pt 0 0; }
.jx-notes p { margin: 0; }
`;

function cellHtml(c: Cell): string {
  const cls = [c.head ? 'jx-head' : '', c.bold ? 'jx-b' : ''].filter(Boolean).join(' ');
  const attrs = [
    c.rowSpan && c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : '',
    c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '',
    cls ? ` class="${cls}"` : '',
    c.align ? ` style="text-align:${c.align}"` : '',
    c.key ? ` data-key="${esc(c.key)}"` : '',
  ].join('');
  return `<td${attrs}>${lines(c.text)}</td>`;
}

export function tableHtml(t: Table): string {
  const total = t.columns.reduce((a, b) => a + b, 0);
  const cols = t.columns.map((w) => `<col style="width:${((w / total) * 100).toFixed(3)}%">`).join('');
  let head = 0;
  while (head < t.rows.length && t.rows[head]!.header) head++;
  const tr = (r: Table['rows'][number]) => `<tr>${r.cells.map(cellHtml).join('')}</tr>`;
  const title =
    t.titleStyle === 'document'
      ? `<h2 class="jx-table-title">${esc(t.title)}</h2>`
      : `<h4 class="jx-table-caption">${esc(t.title)}</h4>`;
  const caps = t.captions.length
    ? `<div class="jx-captions">${t.captions
        .map((c) =>
          c.center !== undefined
            ? `<div class="jx-c"><span>${esc(c.center)}</span></div>`
            : `<div><span>${esc(c.left ?? '')}</span><span>${esc(c.right ?? '')}</span></div>`,
        )
        .join('')}</div>`
    : '';
  const notes = t.notes.length ? `<div class="jx-notes">${t.notes.map((n) => `<p>${esc(n)}</p>`).join('')}</div>` : '';
  return `${title}${caps}<table class="jx" data-table="${esc(t.id)}" style="font-size:${t.fontSize}pt"><colgroup>${cols}</colgroup>${
    head ? `<thead>${t.rows.slice(0, head).map(tr).join('')}</thead>` : ''
  }<tbody>${t.rows.slice(head).map(tr).join('')}</tbody></table>${notes}`;
}

function blockHtml(b: Block): string {
  switch (b.type) {
    case 'title':
      return `<h1 class="jx-title">${esc(b.text)}</h1>`;
    case 'subtitle':
      return `<p class="jx-p jx-center">${esc(b.text)}</p>`;
    case 'heading':
      return `<h${b.level + 1} class="jx-h${b.level}">${esc(b.text)}</h${b.level + 1}>`;
    case 'paragraph': {
      const cls = [
        'jx-p',
        b.source === 'placeholder' ? 'jx-placeholder' : '',
        b.align === 'right' ? 'jx-right' : b.align === 'center' ? 'jx-center' : '',
        b.indent === false ? 'jx-noindent' : '',
      ];
      return `<p class="${cls.filter(Boolean).join(' ')}" data-source="${b.source}">${lines(b.text)}</p>`;
    }
    case 'attachment-label':
      return `<p class="jx-attach">${esc(b.text)}</p>`;
    case 'table':
      return tableHtml(b.table);
  }
}

/** The report's body markup (no <html>/<head>), for embedding in the web app next to REPORT_CSS. */
export function renderHtmlFragment(doc: ReportDocument): string {
  return `<main class="jx-report">${doc.parts
    .map((p) => `<section class="jx-part jx-${p.orientation}">${p.blocks.map(blockHtml).join('\n')}</section>`)
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
