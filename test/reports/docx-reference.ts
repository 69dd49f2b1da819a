/**
 * The DOCX writer as it was on the docx library (9.15), kept as the reference that src/reports/docx.ts
 * (WordprocessingML as strings) is compared with in ./docx-reference.test.ts. Its original description:
 *

 * DOCX following GB/T 9704 公文 conventions: A4, margins 37/35/28/26 mm, a document grid of 28
 * characters × 22 lines, title 2号 小标宋 broken at word boundaries, headings 3号 黑体 / 楷体 / 仿宋加粗,
 * text 3号 仿宋 with a two-character first-line indent, one blank line before the 附件说明 and before the
 * 署名, which stays on the page of the last paragraph; page numbers “— 1 —” in 4号 宋体 at the outer
 * corner (odd right, even left), on landscape pages turned to where they stand on the bound portrait page.
 * Each part is a section, so wide 自评表 get landscape pages. Tables: real merges, heading rows repeated on
 * every page (tblHeader), rows that do not split (cantSplit), columns sized to their content. The font
 * table carries the fallbacks of the official fonts; a 草稿 watermark on every page when asked.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Header,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Tab,
  Table as DocxTable,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextDirection,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import JSZip from 'jszip';
import { columnWidthsPt } from '../../src/reports/columns.js';
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
} from '../../src/reports/fonts.js';
import { type Block, type Cell, placeCells, type ReportDocument, type Table } from '../../src/reports/model.js';
import { TIE_ROWS, tableSegments } from '../../src/reports/segments.js';
import { signatureIndents } from '../../src/reports/signature.js';
import { titleLines } from '../../src/reports/title-lines.js';

const MM = 1440 / 25.4; // twips per mm
const tw = (mm: number) => Math.round(mm * MM);
const pt = (p: number) => Math.round(p * 20);
const half = (p: number) => Math.round(p * 2);

export interface DocxOptions {
  fontSet?: FontSet;
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

function font(name: string) {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

/** zh-CN, so that LibreOffice and Word pick the simplified-Chinese glyph forms of a pan-CJK font. */
const language = { value: 'zh-CN', eastAsia: 'zh-CN' };

const bodySpacing = { line: pt(LINE_PT), lineRule: LineRuleType.EXACT, before: 0, after: 0 };
const INDENT = pt(PT.三号 * 2);
/**
 * The grid: 22 lines of 28.95 pt. The 28 characters a line come from condensing 三号 text to the
 * 156 mm ÷ 28 pitch (w:spacing, in twentieths of a point) rather than from a character grid: LibreOffice
 * gives a glyph wider than the grid's pitch two cells, which would leave 16 characters a line.
 */
const GRID = { type: DocumentGridType.LINES, linePitch: pt(LINE_PT) };
const CONDENSE = Math.floor((CHAR_PITCH_PT - PT.三号) * 20);

/**
 * Named paragraph styles carry the fonts, sizes and spacing (a unit can restyle the whole report in
 * Word, and runs stay bare): 公文标题, 一级标题 … 正文, 表格.
 */
function styles(fonts: Fonts, cellSizes: number[]) {
  const runOf = (f: string, size: number, o: { bold?: boolean; color?: string } = {}) => ({
    font: font(f),
    size: half(size),
    language,
    // Text at 三号 keeps the 28-character line.
    ...(size === PT.三号 && { characterSpacing: CONDENSE }),
    ...o,
  });
  const body = { spacing: bodySpacing, indent: { firstLine: INDENT }, alignment: AlignmentType.JUSTIFIED };
  const cellPara = (size: number) => ({
    spacing: { line: pt(size * 1.35), lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
    snapToGrid: false,
  });
  return [
    {
      id: 'JxTitle',
      name: '公文标题',
      run: runOf(fonts.title, PT.二号),
      paragraph: {
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { line: pt(LINE_PT * 1.2), lineRule: LineRuleType.EXACT, before: 0, after: pt(LINE_PT) },
      },
    },
    {
      id: 'JxPreamble',
      name: '题注',
      run: runOf(fonts.fang, PT.三号),
      paragraph: { spacing: bodySpacing, keepNext: true },
    },
    {
      id: 'JxH1',
      name: '一级标题',
      run: runOf(fonts.hei, PT.三号),
      paragraph: { ...body, keepNext: true, keepLines: true, outlineLevel: 0 },
    },
    {
      id: 'JxH2',
      name: '二级标题',
      run: runOf(fonts.kai, PT.三号),
      paragraph: { ...body, keepNext: true, keepLines: true, outlineLevel: 1 },
    },
    {
      id: 'JxH3',
      name: '三级标题',
      run: runOf(fonts.fang, PT.三号, { bold: true }),
      paragraph: { ...body, keepNext: true, keepLines: true, outlineLevel: 2 },
    },
    {
      id: 'JxH4',
      name: '四级标题',
      run: runOf(fonts.fang, PT.三号),
      paragraph: { ...body, keepNext: true, keepLines: true, outlineLevel: 3 },
    },
    { id: 'JxBody', name: '公文正文', run: runOf(fonts.fang, PT.三号), paragraph: { ...body, widowControl: true } },
    { id: 'JxPending', name: '待填写', basedOn: 'JxBody', run: { color: '666666' } },
    {
      id: 'JxAttachList',
      name: '附件说明',
      basedOn: 'JxBody',
      run: runOf(fonts.fang, PT.三号),
      paragraph: {
        spacing: bodySpacing,
        indent: { left: INDENT + pt(PT.三号 * 3), hanging: pt(PT.三号 * 3) },
        keepNext: true,
      },
    },
    {
      id: 'JxSign',
      name: '署名',
      run: runOf(fonts.fang, PT.三号),
      paragraph: {
        spacing: bodySpacing,
        alignment: AlignmentType.RIGHT,
        indent: { right: INDENT * 2 },
        keepNext: true,
      },
    },
    {
      id: 'JxAttach',
      name: '附件标识',
      run: runOf(fonts.hei, PT.三号),
      paragraph: { spacing: bodySpacing, keepNext: true },
    },
    {
      id: 'JxTableTitle',
      name: '附件标题',
      run: runOf(fonts.title, PT.小二),
      paragraph: {
        alignment: AlignmentType.CENTER,
        keepNext: true,
        snapToGrid: false,
        spacing: { line: pt(PT.小二 * 1.5), lineRule: LineRuleType.EXACT, before: 0, after: pt(6) },
      },
    },
    {
      id: 'JxTableCaption',
      name: '表题',
      run: runOf(fonts.hei, PT.四号),
      paragraph: {
        alignment: AlignmentType.CENTER,
        keepNext: true,
        snapToGrid: false,
        spacing: { before: pt(6), after: pt(4) },
      },
    },
    {
      id: 'JxCaption',
      name: '表头说明',
      run: runOf(fonts.fang, PT.小四),
      paragraph: { keepNext: true, snapToGrid: false, spacing: { before: 0, after: pt(2) } },
    },
    {
      id: 'JxNote',
      name: '表注',
      run: runOf(fonts.fang, PT.五号),
      paragraph: { snapToGrid: false, spacing: { line: pt(PT.五号 * 1.5), lineRule: LineRuleType.AT_LEAST } },
    },
    {
      id: 'JxJoin',
      name: '表间',
      run: { size: 2 },
      paragraph: {
        snapToGrid: false,
        keepNext: true,
        spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      },
    },
    { id: 'JxPageNo', name: '页码', run: runOf(fonts.song, PT.四号), paragraph: { snapToGrid: false } },
    ...cellSizes.flatMap((size) => [
      { id: cellStyle(size, false), name: `表格${size}`, run: runOf(fonts.fang, size), paragraph: cellPara(size) },
      {
        id: cellStyle(size, true),
        name: `表格标题${size}`,
        run: runOf(fonts.hei, size),
        paragraph: { ...cellPara(size), alignment: AlignmentType.CENTER },
      },
    ]),
  ];
}

const cellStyle = (size: number, head: boolean) => `JxCell${head ? 'Head' : ''}${String(size).replace('.', '_')}`;

/** Text with line breaks as runs separated by breaks. */
function runs(text: string, o: { bold?: boolean } = {}): TextRun[] {
  const lines = text.split(/\r?\n/);
  return lines.map((line, i) => new TextRun({ text: line, ...(i && { break: 1 }), ...(o.bold && { bold: true }) }));
}

function textWidthMm(orientation: 'portrait' | 'landscape'): number {
  const m = MARGINS_MM[orientation];
  return (orientation === 'portrait' ? A4_MM.width : A4_MM.height) - m.left - m.right;
}

const BORDER = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};
const CELL_MARGINS = { left: 57, right: 57, top: 20, bottom: 20 };
const HEAD_SHADING = { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' };

function captionParagraphs(t: Table, widthTw: number, caps = t.captions): Paragraph[] {
  return caps.map((c) =>
    c.center !== undefined
      ? new Paragraph({ style: 'JxCaption', alignment: AlignmentType.CENTER, children: [new TextRun(c.center)] })
      : new Paragraph({
          style: 'JxCaption',
          tabStops: [{ type: TabStopType.RIGHT, position: widthTw }],
          children: [new TextRun(c.left ?? ''), new TextRun({ children: [new Tab(), c.right ?? ''] })],
        }),
  );
}

function tableBlocks(t: Table, widthMm: number): Array<Paragraph | DocxTable> {
  const out: Array<Paragraph | DocxTable> = [];
  out.push(
    new Paragraph({
      style: t.titleStyle === 'document' ? 'JxTableTitle' : 'JxTableCaption',
      children: [new TextRun(t.title)],
    }),
  );
  const widthTw = tw(widthMm);
  out.push(...captionParagraphs(t, widthTw));
  const colTw = columnWidthsPt(t, (widthMm / 25.4) * 72).map((w) => Math.floor(w * 20));
  const widthOf = new Map<Cell, number>();
  for (const p of placeCells(t))
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
  for (const p of placeCells(t)) if (p.rowSpan <= TIE_ROWS) for (let r = p.r; r < p.r + p.rowSpan - 1; r++) tied.add(r);
  tableSegments(t).forEach((seg, k) => {
    if (k > 0) out.push(new Paragraph({ style: 'JxJoin', children: [] }));
    const rows = seg.rows.map(
      (row, i) =>
        new TableRow({
          tableHeader: i < seg.head,
          cantSplit: true,
          ...(tied.has(seg.start + i) && { keepNext: true }),
          height: { value: pt(t.fontSize * 1.6), rule: HeightRule.ATLEAST },
          children: row.cells.map(
            (c) =>
              new TableCell({
                width: { size: widthOf.get(c) ?? 0, type: WidthType.DXA },
                verticalAlign: VerticalAlignTable.CENTER,
                ...(c.rowSpan && c.rowSpan > 1 && { rowSpan: c.rowSpan }),
                ...(c.colSpan && c.colSpan > 1 && { columnSpan: c.colSpan }),
                ...(c.head && { shading: HEAD_SHADING }),
                // One paragraph per line: a justified line that ends in a break would be spread across the cell.
                children: c.text.split(/\r?\n/).map(
                  (line) =>
                    new Paragraph({
                      style: c.head ? heading : plain,
                      ...(c.align && c.align !== (c.head ? 'center' : 'left') && { alignment: ALIGN[c.align] }),
                      children: [new TextRun({ text: line, ...(!!c.bold && !c.head && { bold: true }) })],
                    }),
                ),
              }),
          ),
        }),
    );
    out.push(
      new DocxTable({
        width: { size: colTw.reduce((a, b) => a + b, 0), type: WidthType.DXA },
        columnWidths: colTw,
        layout: TableLayoutType.FIXED,
        margins: CELL_MARGINS,
        borders: BORDERS,
        rows,
      }),
    );
  });
  for (const n of t.notes) out.push(new Paragraph({ style: 'JxNote', children: [new TextRun(n)] }));
  if (t.footer?.length) out.push(...captionParagraphs(t, widthTw, t.footer));
  return out;
}

const HEADING_STYLE = { 1: 'JxH1', 2: 'JxH2', 3: 'JxH3', 4: 'JxH4' } as const;

function blocks(bs: Block[], widthMm: number): Array<Paragraph | DocxTable> {
  const out: Array<Paragraph | DocxTable> = [];
  // The paragraph before the 附件说明 / 署名 keeps with them (GB/T 9704: 署名 not alone on a page).
  const tail = bs.findIndex((b) => b.type === 'blank' || b.type === 'signature' || b.type === 'attachments');
  bs.forEach((b, i) => {
    const keep = tail > 0 && i === tail - 1;
    switch (b.type) {
      case 'title':
        out.push(
          new Paragraph({
            style: 'JxTitle',
            children: titleLines(b.text, TITLE_CHARS).map((l, k) => new TextRun({ text: l, ...(k && { break: 1 }) })),
          }),
        );
        break;
      case 'preamble':
        out.push(new Paragraph({ style: 'JxPreamble', children: [new TextRun(b.text)] }));
        break;
      case 'heading':
        out.push(new Paragraph({ style: HEADING_STYLE[b.level], children: [new TextRun(b.text)] }));
        break;
      case 'paragraph':
        out.push(
          new Paragraph({
            style: b.source === 'placeholder' ? 'JxPending' : 'JxBody',
            ...(b.align === 'center' && { alignment: AlignmentType.CENTER }),
            ...(b.align === 'right' && { alignment: AlignmentType.RIGHT }),
            ...((b.indent === false || b.align === 'center') && { indent: { firstLine: 0 } }),
            ...(keep && { keepNext: true, keepLines: true }),
            children: runs(b.text),
          }),
        );
        break;
      case 'blank':
        out.push(new Paragraph({ style: 'JxBody', keepNext: true, children: [] }));
        break;
      case 'attachments':
        b.items.forEach((item, k) =>
          out.push(
            new Paragraph({
              style: 'JxAttachList',
              children: [
                new TextRun(`${k === 0 ? '附件：' : '　　　'}${b.items.length > 1 ? `${k + 1}.` : ''}${item}`),
              ],
            }),
          ),
        );
        break;
      case 'signature': {
        const right = signatureIndents(b.lines);
        b.lines.forEach((l, k) =>
          out.push(
            new Paragraph({
              style: 'JxSign',
              indent: { right: Math.round(right[k]! * CHAR_PITCH_PT * 20) },
              ...(k === b.lines.length - 1 && { keepNext: false }),
              children: [new TextRun(l)],
            }),
          ),
        );
        break;
      }
      case 'attachment-label':
        out.push(new Paragraph({ style: 'JxAttach', children: [new TextRun(b.text)] }));
        break;
      case 'table':
        out.push(...tableBlocks(b.table, widthMm));
        break;
    }
  });
  return out;
}

/**
 * The page number “— N —”. Portrait: at the outer corner (odd right, even left). Landscape: the page is
 * turned when bound (表头在订口一边), so the number stands at the left edge — low on odd pages, high on
 * even ones — written top to bottom, where the portrait pages have it.
 */
function pageNumber(side: 'right' | 'left', orientation: 'portrait' | 'landscape'): Footer {
  const text = new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] });
  if (orientation === 'portrait')
    return new Footer({
      children: [
        new Paragraph({
          style: 'JxPageNo',
          alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: side === 'right' ? { right: pt(PT.四号) } : { left: pt(PT.四号) },
          children: [text],
        }),
      ],
    });
  const m = MARGINS_MM.landscape;
  const boxW = 12;
  const boxH = 30;
  return new Footer({
    children: [
      new DocxTable({
        width: { size: tw(boxW), type: WidthType.DXA },
        columnWidths: [tw(boxW)],
        layout: TableLayoutType.FIXED,
        borders: {
          top: { style: BorderStyle.NONE, size: 0, color: 'auto' },
          bottom: { style: BorderStyle.NONE, size: 0, color: 'auto' },
          left: { style: BorderStyle.NONE, size: 0, color: 'auto' },
          right: { style: BorderStyle.NONE, size: 0, color: 'auto' },
          insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'auto' },
          insideVertical: { style: BorderStyle.NONE, size: 0, color: 'auto' },
        },
        float: {
          horizontalAnchor: 'page',
          verticalAnchor: 'page',
          absoluteHorizontalPosition: tw(m.left - 7 - boxW),
          absoluteVerticalPosition: side === 'right' ? tw(A4_MM.width - 28 - boxH) : tw(28),
        },
        rows: [
          new TableRow({
            height: { value: tw(boxH), rule: HeightRule.EXACT },
            children: [
              new TableCell({
                width: { size: tw(boxW), type: WidthType.DXA },
                textDirection: TextDirection.TOP_TO_BOTTOM_RIGHT_TO_LEFT,
                verticalAlign: VerticalAlignTable.CENTER,
                children: [new Paragraph({ style: 'JxPageNo', alignment: AlignmentType.CENTER, children: [text] })],
              }),
            ],
          }),
        ],
      }),
      new Paragraph({ style: 'JxPageNo', children: [] }),
    ],
  });
}

function watermark(): Header {
  return new Header({
    children: [
      new Paragraph({
        children: [
          new TextWatermark({ text: '草稿', font: '黑体', color: 'C0C0C0', opacity: 0.5, width: 420, height: 210 }),
        ],
      }),
    ],
  });
}

function buildDocx(doc: ReportDocument, opts: DocxOptions = {}): Document {
  const fonts = FONT_SETS[opts.fontSet ?? 'gb'];
  const sizes = [
    ...new Set(doc.parts.flatMap((p) => p.blocks).flatMap((b) => (b.type === 'table' ? [b.table.fontSize] : []))),
  ];
  const sections: ISectionOptions[] = doc.parts.map((p) => {
    const m = MARGINS_MM[p.orientation];
    const text = p.blocks.some((b) => b.type === 'paragraph' || b.type === 'heading');
    return {
      properties: {
        page: {
          size: {
            width: tw(A4_MM.width),
            height: tw(A4_MM.height),
            orientation: p.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
          },
          // 页码一字线上距版心下边缘 7 mm.
          margin: {
            top: tw(m.top),
            bottom: tw(m.bottom),
            left: tw(m.left),
            right: tw(m.right),
            header: tw(15),
            footer: tw(m.bottom - 7 - 6),
            gutter: 0,
          },
        },
        // The text's pages: 22 lines of 28 characters. Table pages keep the tables' own line heights.
        ...(text && { grid: GRID }),
      },
      ...(doc.meta.draft && { headers: { default: watermark(), even: watermark() } }),
      footers: { default: pageNumber('right', p.orientation), even: pageNumber('left', p.orientation) },
      children: blocks(p.blocks, textWidthMm(p.orientation)),
    };
  });
  const st = doc.meta.statement;
  return new Document({
    title: doc.meta.title,
    creator: doc.meta.unit,
    description: `${doc.meta.framework.name}；得分${st.total}分，${st.grade}`,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: font(fonts.fang), language, size: half(PT.三号) } } },
      paragraphStyles: styles(fonts, sizes),
    },
    sections,
  });
}

const xmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** word/fontTable.xml with the official fonts and their fallbacks (the docx library writes an empty one). */
function fontTableXml(fonts: Fonts): string {
  const used = new Set(Object.values(fonts));
  const entries = FONT_FALLBACKS.filter(
    (f) => used.has(f.name) || FONT_FALLBACKS.some((g) => used.has(g.name) && g.alt === f.name),
  );
  const known = new Set(entries.map((e) => e.name));
  const extra = [...used].filter((n) => !known.has(n));
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

export async function renderDocxReference(doc: ReportDocument, opts: DocxOptions = {}): Promise<Buffer> {
  const buf = await Packer.toBuffer(buildDocx(doc, opts));
  const zip = await JSZip.loadAsync(buf);
  const fonts = FONT_SETS[opts.fontSet ?? 'gb'];
  zip.file('word/fontTable.xml', fontTableXml(fonts));
  // The grid's character pitch is counted from the Normal style's size (Word and LibreOffice): make it 三号.
  const stylesXml = await zip.file('word/styles.xml')!.async('string');
  zip.file(
    'word/styles.xml',
    stylesXml.replace(
      /<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"\/><w:qFormat\/><\/w:style>/,
      `<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:qFormat/><w:rPr><w:rFonts w:ascii="${xmlEsc(fonts.fang)}" w:hAnsi="${xmlEsc(fonts.fang)}" w:eastAsia="${xmlEsc(fonts.fang)}" w:cs="${xmlEsc(fonts.fang)}"/><w:sz w:val="${half(PT.三号)}"/><w:szCs w:val="${half(PT.三号)}"/></w:rPr></w:style>`,
    ),
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
