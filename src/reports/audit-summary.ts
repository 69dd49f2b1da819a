/**
 * @module The audit summary table (核查汇总): one row per report audited — the CLI's `jixiao audit <folder>`
 * and the server's import-and-audit job both write it, as CSV (UTF-8 with BOM, for Excel) and XLSX.
 */
import type { AuditResult } from '../core/audit/index.js';
import { SEVERITY_ZH } from '../core/findings.js';

export interface SummaryRow {
  file: string;
  unit: string;
  year: number | '';
  framework: string;
  statedTotal: number | '';
  claimedTotal: number | '';
  /** 核定总分: 待核实 indicators at their self-score. */
  recomputedTotal: number | '';
  recomputedGrade: string;
  unverifiablePoints: number | '';
  unverifiableCount: number | '';
  strictTotal: number | '';
  /** 是 when the 待核实 points could change the grade. The strict grade itself is not a column: it reads 差 for a unit whose points could not be checked. */
  gradeMayChange: '是' | '否' | '';
  error: number | '';
  warning: number | '';
  info: number | '';
  status: string;
}

/** The summary's columns, in order: header, field, XLSX width. One table for the CSV and the XLSX. */
const SUMMARY_COLUMNS: ReadonlyArray<readonly [string, keyof SummaryRow, number]> = [
  ['文件', 'file', 40],
  ['单位', 'unit', 36],
  ['年度', 'year', 8],
  ['指标体系', 'framework', 28],
  ['自评总分', 'statedTotal', 10],
  ['各项自评得分合计', 'claimedTotal', 16],
  ['核定总分', 'recomputedTotal', 10],
  ['核定等级', 'recomputedGrade', 10],
  ['待核实分', 'unverifiablePoints', 10],
  ['待核实项数', 'unverifiableCount', 10],
  ['严格口径总分', 'strictTotal', 12],
  ['可能影响等级', 'gradeMayChange', 12],
  [SEVERITY_ZH.error, 'error', 8],
  [SEVERITY_ZH.warning, 'warning', 8],
  [SEVERITY_ZH.info, 'info', 8],
  ['状态', 'status', 40],
];

/** The row of a file that was audited; `recognised` false when its framework was rebuilt from its table. */
export function auditedRow(file: string, a: AuditResult, recognised = true): SummaryRow {
  return {
    file,
    unit: a.summary.unit,
    year: a.summary.year,
    framework: a.summary.framework,
    statedTotal: a.summary.statedTotal ?? '',
    claimedTotal: a.summary.claimedTotal ?? '',
    recomputedTotal: a.summary.recomputedTotal,
    recomputedGrade: a.summary.recomputedGrade,
    unverifiablePoints: a.summary.unverifiable.points,
    unverifiableCount: a.summary.unverifiable.count,
    strictTotal: a.summary.strictTotal,
    gradeMayChange: a.summary.gradeMayChange ? '是' : '否',
    error: a.summary.counts.error,
    warning: a.summary.counts.warning,
    info: a.summary.counts.info,
    status: recognised ? '已核查' : '已核查（指标体系按表重建）',
  };
}

/** The row of a file that could not be audited, with the reason in Chinese. */
export function failedRow(file: string, problem: string): SummaryRow {
  return {
    file,
    unit: '',
    year: '',
    framework: '',
    statedTotal: '',
    claimedTotal: '',
    recomputedTotal: '',
    recomputedGrade: '',
    unverifiablePoints: '',
    unverifiableCount: '',
    strictTotal: '',
    gradeMayChange: '',
    error: '',
    warning: '',
    info: '',
    status: `未能核查：${problem}`,
  };
}

export const isAudited = (r: SummaryRow): boolean => r.status.startsWith('已核查');

/** “共3份，核查2份，未能核查1份；发现错误1项、警告0项、提示2项。” */
export function summaryLine(rows: SummaryRow[]): string {
  const ok = rows.filter(isAudited);
  const sum = (k: 'error' | 'warning' | 'info') => ok.reduce((a, r) => a + Number(r[k] || 0), 0);
  return `共${rows.length}份，核查${ok.length}份，未能核查${rows.length - ok.length}份；发现${SEVERITY_ZH.error}${sum('error')}项、${SEVERITY_ZH.warning}${sum('warning')}项、${SEVERITY_ZH.info}${sum('info')}项。`;
}

const summaryCells = (r: SummaryRow) => SUMMARY_COLUMNS.map(([, k]) => r[k]);

export function summaryCsv(rows: SummaryRow[]): string {
  const q = (v: unknown) => {
    const s = String(v ?? '');
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [SUMMARY_COLUMNS.map(([h]) => h), ...rows.map(summaryCells)];
  return `\ufeff${lines.map((l) => l.map(q).join(',')).join('\r\n')}\r\n`;
}

export async function summaryXlsx(rows: SummaryRow[]): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('核查汇总');
  ws.addRow(SUMMARY_COLUMNS.map(([h]) => h));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(summaryCells(r));
  ws.columns.forEach((c, i) => (c.width = SUMMARY_COLUMNS[i]?.[2] ?? 12));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
