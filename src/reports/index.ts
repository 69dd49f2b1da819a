import type { Evaluation } from '../core/evaluation.js';
import type { Framework } from '../core/framework/model.js';
import type { ScoreResult } from '../core/scoring.js';
import { renderDocx } from './docx.js';
import type { FontSet } from './fonts.js';
import { renderHtml } from './html.js';
import { buildReport, type BuildOptions } from './build.js';
import type { ReportDocument } from './model.js';
import { type PdfEngine, renderPdf } from './pdf.js';
import { renderXlsx } from './xlsx.js';
import { safeFileName, type ZipEntry } from './zip.js';

/**
 * Reports: the 自评报告 with its 自评表 as DOCX, XLSX, PDF and HTML, all rendered from one document
 * model (./model.ts). What the server needs: renderReport (one file as a Buffer, with its content type
 * and a file name) and zipReports (a round as a zip with progress). See docs/reports.md.
 */

export const REPORT_FORMATS = ['docx', 'xlsx', 'pdf', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

export const isReportFormat = (s: string): s is ReportFormat => (REPORT_FORMATS as readonly string[]).includes(s);

export interface Scored {
  framework: Framework;
  evaluation: Evaluation;
  result: ScoreResult;
}

export interface RenderOptions extends BuildOptions {
  /** Round zips: add each evaluation's 审核意见 (for the bureau) beside its documents. */
  review?: boolean;
  /** Official 公文 font names (default) or the Noto names, in DOCX and XLSX. */
  fontSet?: FontSet;
  /** A running Chromium for PDF; without one, a browser is launched for this file. */
  pdf?: PdfEngine;
}

export interface RenderedReport {
  data: Buffer;
  contentType: string;
  /** e.g. “2021年度郑州市上街区…办公室部门整体支出绩效自评报告.docx” (no path characters). */
  fileName: string;
}

/** A file name for a report: its title and the format's extension. */
export function reportFileName(doc: ReportDocument, format: ReportFormat): string {
  return `${safeFileName(doc.meta.title)}.${format}`;
}

export async function renderDocument(
  doc: ReportDocument,
  format: ReportFormat,
  opts: RenderOptions = {},
): Promise<Buffer> {
  const fontSet = opts.fontSet ?? 'gb';
  switch (format) {
    case 'docx':
      return renderDocx(doc, { fontSet });
    case 'xlsx':
      return renderXlsx(doc, { fontSet });
    case 'pdf':
      return renderPdf(doc, opts.pdf);
    case 'html':
      return Buffer.from(renderHtml(doc), 'utf8');
  }
}

export async function renderReport(
  scored: Scored,
  format: ReportFormat,
  opts: RenderOptions = {},
): Promise<RenderedReport> {
  const doc = buildReport(scored.framework, scored.evaluation, scored.result, opts);
  return {
    data: await renderDocument(doc, format, opts),
    contentType: CONTENT_TYPES[format],
    fileName: reportFileName(doc, format),
  };
}

/**
 * Zip entries for a round: one file per evaluation and format, in a folder per unit
 * (“郑州市上街区…办公室/2021年度…自评报告.docx”). The caller scores the evaluations; building the
 * document model is cheap and done here, rendering happens when zipReports asks for each entry.
 */
export function roundEntries(items: Scored[], formats: readonly ReportFormat[], opts: RenderOptions = {}): ZipEntry[] {
  return items.flatMap((s) => {
    const docs = [
      buildReport(s.framework, s.evaluation, s.result, { ...opts, document: 'report' }),
      ...(opts.review ? [buildReport(s.framework, s.evaluation, s.result, { ...opts, document: 'review' })] : []),
    ];
    return docs.flatMap((doc) =>
      formats.map((f): ZipEntry => ({
        name: `${safeFileName(s.evaluation.unit)}/${reportFileName(doc, f)}`,
        render: () => renderDocument(doc, f, opts),
      })),
    );
  });
}

/**
 * Why a document cannot be filed as it is: 待核实 indicators, 错误 findings, parts left for the unit
 * to write. Empty when it can.
 */
export function unfileableReasons(s: Scored, doc: ReportDocument): string[] {
  const st = doc.meta.statement;
  const errors = s.result.findings.filter((f) => f.severity === 'error');
  return [
    ...(st.unverified.count ? [`${st.unverified.count}项指标待核实（自评${st.unverified.points}分）`] : []),
    ...(errors.length
      ? [
          `${errors.length}项错误：${errors
            .slice(0, 3)
            .map((f) => `${f.indicator ?? '总体'}：${f.message}`)
            .join('；')}${errors.length > 3 ? '……' : ''}`,
        ]
      : []),
    ...(doc.unfinished.length ? [`尚未填写：${doc.unfinished.join('、')}`] : []),
  ];
}

export { buildReport, type BuildOptions } from './build.js';
export { placeCells, cellsById } from './model.js';
export type { ReportDocument, Table, Cell, Row, Block, Part, Calc, DocumentKind } from './model.js';
export { scoreStatement, type ScoreStatement } from './statement.js';
export { builtinOutlines, parseOutline, OutlineCatalog } from './outline/catalog.js';
export { renderDocx } from './docx.js';
export { renderXlsx } from './xlsx.js';
export { renderHtml, renderHtmlFragment, REPORT_CSS } from './html.js';
export {
  PdfEngine,
  renderPdf,
  PdfError,
  PdfBusyError,
  PdfPrintError,
  PdfUnavailableError,
  chromiumPath,
} from './pdf.js';
export { zipReports, type ZipEntry, type ZipProgress } from './zip.js';
