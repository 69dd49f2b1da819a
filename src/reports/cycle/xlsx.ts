// 绩效目标表 and 绩效监控表 as XLSX (exceljs): the Henan target layout, and the monitoring table with 序时进度.
import ExcelJS from 'exceljs';
import {
  DEVIATION_CATEGORY_LABELS,
  type ExecutionProgress,
  LIKELIHOOD_LABELS,
  type MonitoringReport,
  TARGET_SOURCE_LABELS,
  type TargetSet,
} from '../../core/cycle/index.js';

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const MONEY = '#,##0.00';

function frame(ws: ExcelJS.Worksheet, from: number): void {
  for (let r = from; r <= ws.rowCount; r++)
    ws.getRow(r).eachCell({ includeEmpty: true }, (c) => {
      c.border = BORDER;
      c.alignment = { vertical: 'middle', wrapText: true, ...c.alignment };
    });
}

function title(ws: ExcelJS.Worksheet, text: string, sub: string, cols: number): void {
  ws.mergeCells(1, 1, 1, cols);
  ws.getCell(1, 1).value = text;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, cols);
  ws.getCell(2, 1).value = sub;
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
}

/** 部门整体支出绩效目标表 (Henan reference layout), one sheet, money in 万元. */
export async function targetsXlsx(s: TargetSet, version?: { version: number; approvedAt: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('绩效目标表', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 14 }, { width: 18 }, { width: 26 }, { width: 16 }, { width: 36 }];
  title(
    ws,
    `${s.year}年度部门整体支出绩效目标表`,
    `单位：${s.unit}${version ? `　第${version.version}版，${version.approvedAt.slice(0, 10)}批复` : ''}　金额单位：万元`,
    5,
  );
  const start = 3;
  const goals = ws.addRow(['年度总体目标', s.goals.map((g, i) => `目标${i + 1}：${g}`).join('\n')]);
  ws.mergeCells(goals.number, 2, goals.number, 5);
  const head = ws.addRow(['年度主要任务', '任务名称', '', '主要内容', '预算资金']);
  ws.mergeCells(head.number, 2, head.number, 3);
  for (const t of s.tasks) {
    const r = ws.addRow(['', t.name, '', t.content ?? '', t.budget]);
    ws.mergeCells(r.number, 2, r.number, 3);
    r.getCell(5).numFmt = MONEY;
  }
  ws.mergeCells(head.number, 1, ws.rowCount, 1);
  const b = s.budget;
  const lines: Array<[string, number | undefined]> = [
    ['部门预算总额', b.total],
    ['1.资金来源：(1)政府预算资金', b.sources?.government],
    ['(2)财政专户管理资金', b.sources?.specialAccount],
    ['(3)单位资金', b.sources?.unitFunds],
    ['2.资金结构：(1)基本支出', b.structure?.basic],
    ['(2)项目支出', b.structure?.project],
  ];
  const firstBudget = ws.rowCount + 1;
  for (const [label, v] of lines) {
    const r = ws.addRow(['预算情况', label, '', '', v ?? null]);
    ws.mergeCells(r.number, 2, r.number, 4);
    r.getCell(5).numFmt = MONEY;
  }
  ws.mergeCells(firstBudget, 1, ws.rowCount, 1);
  const ih = ws.addRow(['一级指标', '二级指标', '三级指标', '指标值', '指标值来源及说明']);
  ih.font = { bold: true };
  for (const i of s.indicators)
    ws.addRow([
      i.level1 ?? '',
      i.level2 ?? '',
      i.name,
      `${i.target ?? ''}${i.unit ?? ''}`,
      [i.source ? TARGET_SOURCE_LABELS[i.source] : '', i.explanation ?? ''].filter(Boolean).join('；'),
    ]);
  frame(ws, start);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 绩效监控表: budget execution by month against 序时进度, and each indicator's state. */
export async function monitoringXlsx(m: MonitoringReport, p: ExecutionProgress): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('绩效监控表', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [
    { width: 24 },
    { width: 12 },
    { width: 16 },
    { width: 16 },
    { width: 14 },
    { width: 30 },
    { width: 30 },
  ];
  title(ws, `${m.year}年1–${m.month}月部门整体支出绩效监控表`, `单位：${m.unit}　金额单位：万元`, 7);
  const start = 3;
  const money = ws.addRow([
    '全年预算数',
    m.budget.total,
    `1–${m.month}月执行数`,
    p.executed,
    '预算执行率',
    `${p.rate.toFixed(2)}%`,
  ]);
  money.getCell(2).numFmt = MONEY;
  money.getCell(4).numFmt = MONEY;
  ws.addRow([
    '序时进度',
    `${p.timeProgress.toFixed(2)}%`,
    '落后序时进度',
    `${Math.max(p.lag, 0).toFixed(2)}个百分点`,
    '预警',
    p.lagging ? '执行落后，超过预警阈值' : '正常',
  ]);
  if (m.budget.monthly) {
    const months = ws.addRow(['各月执行数', ...m.budget.monthly.slice(0, 6)]);
    months.eachCell((c, n) => n > 1 && (c.numFmt = MONEY));
    if (m.budget.monthly.length > 6) {
      const more = ws.addRow(['', ...m.budget.monthly.slice(6)]);
      more.eachCell((c, n) => n > 1 && (c.numFmt = MONEY));
    }
  }
  const h = ws.addRow([
    '绩效指标',
    '指标值',
    `1–${m.month}月实际完成值`,
    '全年预计完成值',
    '完成目标可能性',
    '偏差原因',
    '纠偏措施',
  ]);
  h.font = { bold: true };
  for (const i of m.indicators)
    ws.addRow([
      i.name,
      i.target ?? '',
      i.actualToDate ?? '',
      i.forecast ?? '',
      LIKELIHOOD_LABELS[i.likelihood],
      i.deviation
        ? `${DEVIATION_CATEGORY_LABELS[i.deviation.category]}${i.deviation.text ? `：${i.deviation.text}` : ''}`
        : '',
      i.correction ?? '',
    ]);
  frame(ws, start);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
