// Monthly budget execution from an XLSX (the 一体化 system's 月度执行 export): 各月执行数 and 全年预算数 for a 绩效监控表.
import type ExcelJS from 'exceljs';
import type { MonitoringReport } from '../core/cycle/index.js';
import { dec, toNumber } from '../core/decimal.js';
import { ImportError, LIMITS, readBoundedFile } from './limits.js';
import { cellString, loadWorkbookSafely } from './xlsx.js';

/** What a file gave: 万元, two decimals, months 1..K. */
export interface MonthlyExecution {
  sheet: string;
  /** The unit the file stated (converted to 万元 here). */
  unit: '元' | '万元';
  /** Each month's 执行数 (not cumulative), 万元, index 0 = 1月. */
  monthly: number[];
  /** 全年预算数, 万元, where the file has one. */
  total?: number;
  /** What was read in a way the person should know (cumulative figures, ignored rows). */
  notes: string[];
}

// Header wording differs between exports (执行数 / 支出数 / 实际支付金额, 月份 / 所属期间): a cell matches by pattern.
const MONTH_HEAD = /^(所属)?(月份|月度|月|期间|所属期|会计期间|支付月份)$/;
const EXEC_HEAD = /执行|支出|支付|拨付|已用/;
const BUDGET_HEAD = /预算|指标数|可执行指标/;
const CUMULATIVE = /累计/;
// 执行率, 序时进度, 支出功能分类: columns beside the money that are not it.
const NOT_MONEY = /率|进度|比例|分类|科目|功能|说明/;
const TOTAL_ROW = /^(合计|总计|小计|累计|全年)/;

const norm = (s: string) => s.replace(/[（(].*?[)）]/g, '').replace(/[\s：:]/g, '');

function columnName(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** “1月” “01” “2021年3月” “2021-03” “3月份”, or a date cell: the month, else undefined. */
export function monthOf(cell: ExcelJS.Cell): number | undefined {
  const v = cell.value as unknown;
  if (v instanceof Date) return v.getUTCMonth() + 1;
  const t = cellString(cell).trim();
  const m =
    /^(?:\d{4}\s*[年.\-/]\s*)?(\d{1,2})\s*(?:月份?)?$/.exec(t) ??
    /^(?:\d{4}\s*年\s*)?([一二三四五六七八九十]{1,3})月份?$/.exec(t);
  if (!m) return undefined;
  const zh = '一二三四五六七八九十';
  const n = /\d/.test(m[1]!)
    ? Number(m[1])
    : m[1]!.length === 1
      ? zh.indexOf(m[1]!) + 1
      : m[1] === '十一'
        ? 11
        : m[1] === '十二'
          ? 12
          : 0;
  return n >= 1 && n <= 12 ? n : undefined;
}

/** A money cell: a number, or text such as “1,234.56”; '' for empty. */
function moneyOf(cell: ExcelJS.Cell): number | '' | undefined {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return '';
  const t = cellString(cell).replace(/[,，\s]/g, '');
  if (t === '' || t === '-' || t === '—') return '';
  const n = Number(t);
  return Number.isFinite(n) && /^-?\d+(\.\d+)?$/.test(t) ? n : undefined;
}

interface Header {
  row: number;
  month: number;
  exec: number;
  cumulative: boolean;
  budget?: number;
  unit: '元' | '万元';
}

/** The header row of a sheet: a 月份 column and an 执行数 column (当月 preferred to 累计) within the first 30 rows. */
function findHeader(ws: ExcelJS.Worksheet): Header | undefined {
  let unit: '元' | '万元' = '万元';
  let found: Header | undefined;
  const last = Math.min(ws.rowCount, 30);
  for (let r = 1; r <= last && !found; r++) {
    const row = ws.getRow(r);
    const cells: Array<[number, string]> = [];
    row.eachCell({ includeEmpty: false }, (c, n) => {
      if (n <= LIMITS.maxSheetCols) cells.push([n, cellString(c).trim()]);
    });
    for (const [, t] of cells) if (/单位[：:]\s*元|[（(]元[)）]/.test(t)) unit = '元';
    const month = cells.find(([, t]) => MONTH_HEAD.test(norm(t)));
    const execs = cells.filter(([, t]) => EXEC_HEAD.test(t) && !NOT_MONEY.test(t));
    if (!month || !execs.length) continue;
    const current = execs.find(([, t]) => !CUMULATIVE.test(t)) ?? execs[0]!;
    const budget = cells.find(([n, t]) => n !== current[0] && BUDGET_HEAD.test(t) && !EXEC_HEAD.test(t));
    const unitOf = (t: string) => (/[（(]元[)）]|（?单位：元/.test(t) ? '元' : /万元/.test(t) ? '万元' : undefined);
    found = {
      row: r,
      month: month[0],
      exec: current[0],
      cumulative: CUMULATIVE.test(current[1]),
      ...(budget && { budget: budget[0] }),
      unit: unitOf(current[1]) ?? unit,
    };
  }
  return found;
}

/** 元 → 万元, two decimals; 万元 rounded to two (spreadsheets carry float artefacts such as 40.120000000001). */
const toWan = (v: number, unit: '元' | '万元') => toNumber(unit === '元' ? dec(v).div(10000) : dec(v), 2);

/** What a sheet gave before the months are checked and converted: each month's figure and where it stood. */
interface Read {
  sheet: string;
  unit: '元' | '万元';
  cumulative: boolean;
  byMonth: Map<number, { exec: number; row: number; col: number }>;
  budgets: Set<number>;
  notes: string[];
}

const where = (sheet: string, r: number, c: number, what: string) =>
  `工作表“${sheet}”第${r}行${columnName(c)}列（${what}）`;

/** One money cell of the table: a number ≥ 0, else the file is refused naming the cell. */
function execAt(ws: ExcelJS.Worksheet, r: number, c: number, name?: string): number {
  const cell = ws.getRow(r).getCell(c);
  const v = moneyOf(cell);
  if (v === '' || v === undefined)
    throw new ImportError(
      'unreadable',
      `${where(ws.name, r, c, '执行数')}：${v === '' ? '未填写' : `“${cellString(cell)}”不是金额`}`,
      name,
    );
  if (v < 0) throw new ImportError('unreadable', `${where(ws.name, r, c, '执行数')}：执行数不能为负（${v}）`, name);
  return v;
}

/** One row per month under a 月份 / 执行数 heading (rows such as 合计 skipped). */
function rowsLayout(ws: ExcelJS.Worksheet, name?: string): Read | undefined {
  const h = findHeader(ws);
  if (!h) return undefined;
  const read: Read = {
    sheet: ws.name,
    unit: h.unit,
    cumulative: h.cumulative,
    byMonth: new Map(),
    budgets: new Set(),
    notes: [],
  };
  const last = Math.min(ws.rowCount, LIMITS.maxSheetRows);
  for (let r = h.row + 1; r <= last; r++) {
    const row = ws.getRow(r);
    const mCell = row.getCell(h.month);
    const label = cellString(mCell).trim();
    if (!label && moneyOf(row.getCell(h.exec)) === '') continue;
    if (TOTAL_ROW.test(label)) {
      if (h.budget) {
        const b = moneyOf(row.getCell(h.budget));
        if (typeof b === 'number') read.budgets.add(b);
      }
      read.notes.push(`第${r}行“${label}”不是月份，未计入各月执行数`);
      continue;
    }
    const month = monthOf(mCell);
    if (month === undefined)
      throw new ImportError(
        'unreadable',
        `${where(ws.name, r, h.month, '月份')}：“${label}”不是月份（应为1月至12月）`,
        name,
      );
    const exec = execAt(ws, r, h.exec, name);
    const prev = read.byMonth.get(month);
    if (prev)
      throw new ImportError(
        'unreadable',
        `${where(ws.name, r, h.month, '月份')}：${month}月重复（另见第${prev.row}行）`,
        name,
      );
    read.byMonth.set(month, { exec, row: r, col: h.exec });
    if (h.budget) {
      const b = moneyOf(row.getCell(h.budget));
      if (b === undefined)
        throw new ImportError(
          'unreadable',
          `${where(ws.name, r, h.budget, '预算数')}：“${cellString(row.getCell(h.budget))}”不是金额`,
          name,
        );
      if (b !== '') read.budgets.add(b);
    }
  }
  if (!read.byMonth.size)
    throw new ImportError('no-table', `工作表“${ws.name}”第${h.row}行是表头，但其下没有任何月份的执行数`, name);
  return read;
}

/**
 * The months across: a heading row with 1月…12月 (at least two) and, below it, the row labelled 执行数 (or
 * 支出数…; 当月 preferred to 累计), with 预算数 from a column of that heading row where there is one.
 */
function acrossLayout(ws: ExcelJS.Worksheet, name?: string): Read | undefined {
  let unit: '元' | '万元' = '万元';
  const last = Math.min(ws.rowCount, 30);
  for (let r = 1; r <= last; r++) {
    const months = new Map<number, number>();
    let budgetCol: number | undefined;
    ws.getRow(r).eachCell({ includeEmpty: false }, (c, n) => {
      if (n > LIMITS.maxSheetCols) return;
      const t = cellString(c).trim();
      if (/单位[：:]\s*元|[（(]元[)）]/.test(t)) unit = '元';
      const m = /月/.test(t) || c.value instanceof Date ? monthOf(c) : undefined;
      if (m !== undefined) months.set(n, m);
      else if (BUDGET_HEAD.test(t) && !EXEC_HEAD.test(t)) budgetCol = n;
    });
    if (months.size < 2) continue;
    const labelled: Array<{ row: number; text: string }> = [];
    for (let k = r + 1; k <= Math.min(ws.rowCount, LIMITS.maxSheetRows); k++) {
      const texts: string[] = [];
      ws.getRow(k).eachCell({ includeEmpty: false }, (c, n) => {
        if (!months.has(n) && n !== budgetCol && n <= LIMITS.maxSheetCols) texts.push(cellString(c).trim());
      });
      const text = texts.find((t) => EXEC_HEAD.test(t) && !NOT_MONEY.test(t));
      if (text) labelled.push({ row: k, text });
    }
    if (!labelled.length) continue;
    const pick = labelled.find((l) => !CUMULATIVE.test(l.text)) ?? labelled[0]!;
    const read: Read = {
      sheet: ws.name,
      unit: /[（(]元[)）]/.test(pick.text) ? '元' : unit,
      cumulative: CUMULATIVE.test(pick.text),
      byMonth: new Map(),
      budgets: new Set(),
      notes: [],
    };
    for (const [col, month] of [...months].sort((x, y) => x[1] - y[1])) {
      // Months not reached yet are empty: the figures stop at the first empty month.
      if (moneyOf(ws.getRow(pick.row).getCell(col)) === '') break;
      const prev = read.byMonth.get(month);
      if (prev)
        throw new ImportError(
          'unreadable',
          `${where(ws.name, r, col, '月份')}：${month}月重复（另见${columnName(prev.col)}列）`,
          name,
        );
      read.byMonth.set(month, { exec: execAt(ws, pick.row, col, name), row: pick.row, col });
    }
    if (budgetCol) {
      const b = moneyOf(ws.getRow(pick.row).getCell(budgetCol));
      if (typeof b === 'number') read.budgets.add(b);
    }
    if (!read.byMonth.size)
      throw new ImportError('no-table', `工作表“${ws.name}”第${pick.row}行（${pick.text}）没有任何月份的执行数`, name);
    return read;
  }
  return undefined;
}

/** Months 1..K without gaps, cumulative figures turned into each month's, 元 into 万元. */
function finish(read: Read, name?: string): MonthlyExecution {
  const { byMonth, budgets, notes, sheet, unit } = read;
  const months = Math.max(...byMonth.keys());
  const missing = Array.from({ length: months }, (_, i) => i + 1).filter((m) => !byMonth.has(m));
  if (missing.length)
    throw new ImportError(
      'unreadable',
      `工作表“${sheet}”缺少${missing.map((m) => `${m}月`).join('、')}的执行数（各月须从1月起连续）`,
      name,
    );
  let values = Array.from({ length: months }, (_, i) => byMonth.get(i + 1)!.exec);
  if (read.cumulative) {
    notes.push('执行数为累计数，已换算为各月执行数');
    values = values.map((v, i) => toNumber(dec(v).minus(i ? values[i - 1]! : 0), 6));
    const bad = values.findIndex((v) => v < 0);
    if (bad >= 0) {
      const at = byMonth.get(bad + 1)!;
      throw new ImportError(
        'unreadable',
        `${where(sheet, at.row, at.col, '累计执行数')}：${bad + 1}月的累计执行数小于上月`,
        name,
      );
    }
  }
  // One 全年预算数 repeated on every row (or on the 合计 row); differing figures are monthly plans, not the year's.
  const total = budgets.size === 1 ? toWan([...budgets][0]!, unit) : undefined;
  if (budgets.size > 1) notes.push('预算数各行不同（疑为分月计划数），未作为全年预算数');
  if (unit === '元') notes.push('金额单位为元，已换算为万元');
  return {
    sheet,
    unit,
    monthly: values.map((v) => toWan(v, unit)),
    ...(total !== undefined && total > 0 && { total }),
    notes,
  };
}

/**
 * Reads the monthly execution from the first sheet that has it: one row per month under a 月份 and an 执行数
 * column, or the months across with a row labelled 执行数. A bad cell refuses the file with the sheet, row
 * and column named.
 */
export function executionFromWorkbook(wb: ExcelJS.Workbook, name?: string): MonthlyExecution {
  for (const ws of wb.worksheets.slice(0, LIMITS.maxSheets)) {
    const read = rowsLayout(ws, name) ?? acrossLayout(ws, name);
    if (read) return finish(read, name);
  }
  throw new ImportError(
    'no-table',
    `未找到月度执行表：须有一行表头，含“月份”列和“执行数”（或“支出数”“支付金额”）列，或以1月至12月为列、有一行“执行数”（已查看${wb.worksheets.map((w) => `“${w.name}”`).join('、') || '0个工作表'}）`,
    name,
  );
}

export async function readExecutionXlsx(buf: Uint8Array, name?: string): Promise<MonthlyExecution> {
  if (buf.byteLength > LIMITS.maxFileBytes)
    throw new ImportError('too-large', `文件超过上限 ${LIMITS.maxFileBytes / 1048576} MB`, name);
  return executionFromWorkbook(await loadWorkbookSafely(buf, name), name);
}

export async function readExecutionFile(file: string): Promise<MonthlyExecution> {
  return readExecutionXlsx(await readBoundedFile(file), file);
}

/**
 * The report with the file's figures: months 1..N of the report (a file with later months is cut to
 * the period), and the file's 全年预算数 where it has one. A file with fewer months is refused.
 */
export function applyExecution(report: MonitoringReport, ex: MonthlyExecution, name?: string): MonitoringReport {
  if (ex.monthly.length < report.month)
    throw new ImportError(
      'unreadable',
      `工作表“${ex.sheet}”只有1–${ex.monthly.length}月的执行数，监控期为1–${report.month}月`,
      name,
    );
  const { executed: _cumulative, ...budget } = report.budget;
  return {
    ...report,
    budget: {
      ...budget,
      ...(ex.total !== undefined && { total: ex.total }),
      monthly: ex.monthly.slice(0, report.month),
    },
  };
}
