import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
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
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { A4_MM, FONT_SETS, type FontSet, type Fonts, LINE_PT, MARGINS_MM, PT } from './fonts.js';
import { type Block, type Cell, placeCells, type ReportDocument, type Table } from './model.js';

/**
 * DOCX following GB/T 9704 公文 conventions: A4, margins 37/35/28/26 mm, title 2号 小标宋, headings
 * 3号 黑体 / 楷体 / 仿宋加粗, text 3号 仿宋 at a fixed 28.95 pt line pitch with a two-character first-line
 * indent, page numbers “— 1 —” in 4号 宋体 at the outer corner (odd right, even left). Each part of the
 * document is a section, so wide 自评表 get landscape pages. Merged cells are real merges
 * (gridSpan / vMerge).
 */

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
 * Named paragraph styles carry the fonts, sizes and spacing (a unit can restyle the whole report in
 * Word, and runs stay bare): 公文标题, 一级标题 … 正文, 表格.
 */
function styles(fonts: Fonts, cellSizes: number[]) {
  const runOf = (f: string, size: number, o: { bold?: boolean; color?: string } = {}) => ({
    font: font(f),
    size: half(size),
    language,
    ...o,
  });
  const body = { spacing: bodySpacing, indent: { firstLine: INDENT }, alignment: AlignmentType.JUSTIFIED };
  return [
    {
      id: 'JxTitle',
      name: '公文标题',
      run: runOf(fonts.title, PT.二号),
      paragraph: {
        alignment: AlignmentType.CENTER,
        spacing: { line: pt(PT.二号 * 1.45), lineRule: LineRuleType.EXACT, before: 0, after: pt(LINE_PT) },
      },
    },
    {
      id: 'JxH1',
      name: '一级标题',
      run: runOf(fonts.hei, PT.三号),
      paragraph: { ...body, keepNext: true, outlineLevel: 0 },
    },
    {
      id: 'JxH2',
      name: '二级标题',
      run: runOf(fonts.kai, PT.三号),
      paragraph: { ...body, keepNext: true, outlineLevel: 1 },
    },
    {
      id: 'JxH3',
      name: '三级标题',
      run: runOf(fonts.fang, PT.三号, { bold: true }),
      paragraph: { ...body, keepNext: true, outlineLevel: 2 },
    },
    {
      id: 'JxH4',
      name: '四级标题',
      run: runOf(fonts.fang, PT.三号),
      paragraph: { ...body, keepNext: true, outlineLevel: 3 },
    },
    { id: 'JxBody', name: '公文正文', run: runOf(fonts.fang, PT.三号), paragraph: body },
    { id: 'JxPending', name: '待填写', basedOn: 'JxBody', run: { color: '666666' } },
    {
      id: 'JxSign',
      name: '署名',
      run: runOf(fonts.fang, PT.三号),
      paragraph: { spacing: bodySpacing, alignment: AlignmentType.RIGHT, indent: { right: INDENT * 2 } },
    },
    { id: 'JxAttach', name: '附件标识', run: runOf(fonts.hei, PT.三号), paragraph: { spacing: bodySpacing } },
    {
      id: 'JxTableTitle',
      name: '附件标题',
      run: runOf(fonts.title, PT.小二),
      paragraph: {
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { line: pt(PT.小二 * 1.5), lineRule: LineRuleType.EXACT, before: 0, after: pt(6) },
      },
    },
    {
      id: 'JxTableCaption',
      name: '表题',
      run: runOf(fonts.hei, PT.四号),
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: pt(6), after: pt(4) } },
    },
    { id: 'JxCaption', name: '表头说明', run: runOf(fonts.fang, PT.小四), paragraph: { keepNext: true } },
    {
      id: 'JxNote',
      name: '表注',
      run: runOf(fonts.fang, PT.五号),
      paragraph: { spacing: { line: pt(PT.五号 * 1.5), lineRule: LineRuleType.AT_LEAST } },
    },
    { id: 'JxPageNo', name: '页码', run: runOf(fonts.song, PT.四号) },
    ...cellSizes.flatMap((size) => [
      {
        id: cellStyle(size, false),
        name: `表格${size}`,
        run: runOf(fonts.fang, size),
        paragraph: { spacing: { line: pt(size * 1.4), lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 } },
      },
      {
        id: cellStyle(size, true),
        name: `表格标题${size}`,
        run: runOf(fonts.hei, size),
        paragraph: {
          alignment: AlignmentType.CENTER,
          spacing: { line: pt(size * 1.4), lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
        },
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
const CELL_MARGINS = { left: 57, right: 57, top: 20, bottom: 20 };
const HEAD_SHADING = { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' };

function tableBlocks(t: Table, widthMm: number): Array<Paragraph | DocxTable> {
  const out: Array<Paragraph | DocxTable> = [];
  out.push(
    new Paragraph({
      style: t.titleStyle === 'document' ? 'JxTableTitle' : 'JxTableCaption',
      children: [new TextRun(t.title)],
    }),
  );
  const widthTw = tw(widthMm);
  for (const c of t.captions) {
    if (c.center !== undefined)
      out.push(
        new Paragraph({ style: 'JxCaption', alignment: AlignmentType.CENTER, children: [new TextRun(c.center)] }),
      );
    else {
      out.push(
        new Paragraph({
          style: 'JxCaption',
          tabStops: [{ type: TabStopType.RIGHT, position: widthTw }],
          children: [new TextRun(c.left ?? ''), new TextRun({ children: [new Tab(), c.right ?? ''] })],
        }),
      );
    }
  }
  const total = t.columns.reduce((a, b) => a + b, 0);
  const colTw = t.columns.map((w) => Math.floor((w / total) * widthTw));
  let head = 0;
  while (head < t.rows.length && t.rows[head]!.header) head++;
  const widthOf = new Map<Cell, number>();
  for (const p of placeCells(t))
    widthOf.set(
      p.cell,
      colTw.slice(p.c, p.c + p.colSpan).reduce((a, b) => a + b, 0),
    );
  const plain = cellStyle(t.fontSize, false);
  const heading = cellStyle(t.fontSize, true);
  const rows = t.rows.map(
    (row, i) =>
      new TableRow({
        tableHeader: i < head,
        children: row.cells.map(
          (c) =>
            new TableCell({
              width: { size: widthOf.get(c) ?? 0, type: WidthType.DXA },
              verticalAlign: VerticalAlignTable.CENTER,
              ...(c.rowSpan && c.rowSpan > 1 && { rowSpan: c.rowSpan }),
              ...(c.colSpan && c.colSpan > 1 && { columnSpan: c.colSpan }),
              ...(c.head && { shading: HEAD_SHADING }),
              children: [
                new Paragraph({
                  style: c.head ? heading : plain,
                  ...(c.align && c.align !== (c.head ? 'center' : 'left') && { alignment: ALIGN[c.align] }),
                  children: runs(c.text, { bold: !!c.bold && !c.head }),
                }),
              ],
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
      borders: {
        top: BORDER,
        bottom: BORDER,
        left: BORDER,
        right: BORDER,
        insideHorizontal: BORDER,
        insideVertical: BORDER,
      },
      rows,
    }),
  );
  for (const n of t.notes) out.push(new Paragraph({ style: 'JxNote', children: [new TextRun(n)] }));
  return out;
}

const HEADING_STYLE = { 1: 'JxH1', 2: 'JxH2', 3: 'JxH3', 4: 'JxH4' } as const;

function blocks(bs: Block[], widthMm: number): Array<Paragraph | DocxTable> {
  const out: Array<Paragraph | DocxTable> = [];
  for (const b of bs) {
    switch (b.type) {
      case 'title':
        out.push(new Paragraph({ style: 'JxTitle', children: [new TextRun(b.text)] }));
        break;
      case 'subtitle':
        out.push(
          new Paragraph({
            style: 'JxBody',
            alignment: AlignmentType.CENTER,
            indent: { firstLine: 0 },
            children: [new TextRun(b.text)],
          }),
        );
        break;
      case 'heading':
        out.push(new Paragraph({ style: HEADING_STYLE[b.level], children: [new TextRun(b.text)] }));
        break;
      case 'paragraph':
        if (b.align === 'right') out.push(new Paragraph({ style: 'JxSign', children: runs(b.text) }));
        else {
          out.push(
            new Paragraph({
              style: b.source === 'placeholder' ? 'JxPending' : 'JxBody',
              ...(b.align === 'center' && { alignment: AlignmentType.CENTER }),
              ...((b.indent === false || b.align === 'center') && { indent: { firstLine: 0 } }),
              children: runs(b.text),
            }),
          );
        }
        break;
      case 'attachment-label':
        out.push(new Paragraph({ style: 'JxAttach', children: [new TextRun(b.text)] }));
        break;
      case 'table':
        out.push(...tableBlocks(b.table, widthMm));
        break;
    }
  }
  return out;
}

function pageNumber(side: 'right' | 'left'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: 'JxPageNo',
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: pt(PT.四号) } : { left: pt(PT.四号) },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

export function buildDocx(doc: ReportDocument, opts: DocxOptions = {}): Document {
  const fonts = FONT_SETS[opts.fontSet ?? 'gb'];
  const sizes = [
    ...new Set(doc.parts.flatMap((p) => p.blocks).flatMap((b) => (b.type === 'table' ? [b.table.fontSize] : []))),
  ];
  const sections: ISectionOptions[] = doc.parts.map((p) => {
    const m = MARGINS_MM[p.orientation];
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
      },
      footers: { default: pageNumber('right'), even: pageNumber('left') },
      children: blocks(p.blocks, textWidthMm(p.orientation)),
    };
  });
  return new Document({
    title: doc.meta.title,
    creator: 'jixiao',
    description: `${doc.meta.framework.name}；总分${doc.meta.total}分，${doc.meta.grade}`,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: font(fonts.fang), language, size: half(PT.三号) } } },
      paragraphStyles: styles(fonts, sizes),
    },
    sections,
  });
}

export async function renderDocx(doc: ReportDocument, opts: DocxOptions = {}): Promise<Buffer> {
  return Packer.toBuffer(buildDocx(doc, opts));
}
