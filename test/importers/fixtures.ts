import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import type { Block, Doc } from '../../src/importers/document.js';
import { layoutText } from '../../src/importers/document.js';
import type { ImportResult } from '../../src/importers/index.js';
import { SEEDS_DIR } from '../helpers.js';

/**
 * Fixtures generated from the seed data: the seed text laid out into paragraphs and table rows,
 * written back as a real DOCX (tables as tables), as an XLSX (one sheet per table, the text in a
 * sheet of its own), and as a PDF converted from the DOCX by LibreOffice when it is installed.
 * Nothing is stored; every test builds what it reads.
 */
export const STEMS = [
  '000_6ca4beea76738c10',
  '001_8c0df9642cd3f24a',
  '002_a0eb83d49e186f2c',
  '003_a5aa38cac94662cb',
  '004_570ec4bfa11b61a4',
] as const;

export const seedPath = (stem: string) => path.join(SEEDS_DIR, `${stem}.txt`);
export const seedText = (stem: string) => readFileSync(seedPath(stem), 'utf8');
export const seedDoc = (stem: string): Doc => layoutText(seedText(stem));

/** Paragraphs and runs of rows, in order. */
function groups(doc: Doc): Array<{ kind: 'p'; text: string } | { kind: 'table'; rows: string[][] }> {
  const out: Array<{ kind: 'p'; text: string } | { kind: 'table'; rows: string[][] }> = [];
  for (const b of doc.blocks as Block[]) {
    if (b.kind === 'p') out.push({ kind: 'p', text: b.text });
    else {
      const last = out[out.length - 1];
      if (last?.kind === 'table') last.rows.push(b.cells);
      else out.push({ kind: 'table', rows: [b.cells] });
    }
  }
  return out;
}

export interface DocxOptions {
  /** Cells longer than this are left out (for a PDF whose rows stay on one line). */
  maxCell?: number;
  fontHalfPoints?: number;
}

export async function docxFromDoc(doc: Doc, opts: DocxOptions = {}): Promise<Buffer> {
  const size = opts.fontHalfPoints ?? 16;
  const children: Array<Paragraph | Table> = [];
  for (const g of groups(doc)) {
    if (g.kind === 'p') {
      children.push(new Paragraph({ children: [new TextRun({ text: g.text, size, font: 'Noto Sans CJK SC' })] }));
      continue;
    }
    const width = Math.max(...g.rows.map((r) => r.length));
    const rows = g.rows.map(
      (r) =>
        new TableRow({
          children: Array.from({ length: width }, (_, i) => {
            let text = r[i] ?? '';
            if (opts.maxCell !== undefined && text.length > opts.maxCell) text = '';
            return new TableCell({
              width: { size: Math.floor(100 / width), type: WidthType.PERCENTAGE },
              children: text.split('\n').map(
                (line) =>
                  new Paragraph({
                    alignment: AlignmentType.LEFT,
                    children: [new TextRun({ text: line, size, font: 'Noto Sans CJK SC' })],
                  }),
              ),
            });
          }),
        }),
    );
    children.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
    // Word needs a paragraph between two tables, or it joins them.
    children.push(new Paragraph({ children: [] }));
  }
  const d = new Document({
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE },
            margin: { top: 500, bottom: 500, left: 500, right: 500 },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(d);
}

/** The seed's layout as a workbook: the text in sheet “报告正文”, each table in its own sheet. */
export async function xlsxFromDoc(doc: Doc): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const text = wb.addWorksheet('报告正文');
  let t = 0;
  for (const g of groups(doc)) {
    if (g.kind === 'p') text.addRow([g.text]);
    else {
      const ws = wb.addWorksheet(`表${++t}`);
      for (const r of g.rows) ws.addRow(r.map((c) => c));
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A clean score sheet made from an imported evaluation, with the column names a unit's template
 * might use: 三级指标 / 三级指标名称 / 指标名称, 得分 / 自评得分 / 评价得分.
 */
export async function scoreSheetXlsx(
  r: ImportResult,
  scored: Array<{
    path: string[];
    name: string;
    weight: number;
    claimed?: number;
    target?: string;
    actual?: string;
    deviationReason?: string;
  }>,
  aliases: { leaf: string; score: string },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('自评表');
  ws.addRow(['单位名称', r.evaluation.unit]);
  ws.addRow(['评价年度', `${r.evaluation.year}年度`]);
  if (r.evaluation.claimed?.total !== undefined) ws.addRow(['自评总分', r.evaluation.claimed.total]);
  ws.addRow([]);
  ws.addRow(['一级指标', '二级指标', aliases.leaf, '指标值', '实际完成值', '分值', aliases.score, '偏差原因']);
  const last: string[] = [];
  for (const i of scored) {
    const up = i.path.slice(0, -1);
    const l1 = up[0] ?? '';
    const l2 = up[1] ?? '';
    ws.addRow([
      l1 !== last[0] ? l1 : '',
      l2 !== last[1] || l1 !== last[0] ? l2 : '',
      i.name,
      i.target ?? '',
      i.actual ?? '',
      i.weight,
      i.claimed ?? '',
      i.deviationReason ?? '',
    ]);
    last[0] = l1;
    last[1] = l2;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice'].find((p) =>
  existsSync(p),
);

/** DOCX → PDF with LibreOffice (headless, a private profile so parallel runs do not collide). */
export function pdfFromDocx(docx: Buffer, name: string): Buffer | undefined {
  if (!SOFFICE) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-pdf-'));
  const src = path.join(dir, `${name}.docx`);
  writeFileSync(src, docx);
  const r = spawnSync(
    SOFFICE,
    [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, src],
    { timeout: 180_000, encoding: 'utf8' },
  );
  const out = path.join(dir, `${name}.pdf`);
  if (r.status !== 0 || !existsSync(out)) return undefined;
  return readFileSync(out);
}

/** A minimal, valid PDF with one line of Latin text (no fonts to embed). */
export function minimalPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
