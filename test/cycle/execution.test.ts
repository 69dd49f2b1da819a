// The monthly budget-execution importer: the 一体化 system's XLSX in its usual wordings, and bad files named by sheet, row and column.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { executionProgress, MonitoringReportSchema } from '../../src/core/cycle/index.js';
import { applyExecution, readExecutionXlsx } from '../../src/importers/execution.js';
import { ImportError } from '../../src/importers/limits.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';

type Cell = string | number | Date | null;

/** A workbook of one sheet (title rows first where given), written by exceljs as the fixtures are. */
export async function executionXlsx(rows: Cell[][], sheet = '月度执行情况'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const JUNE = MonitoringReportSchema.parse(
  parse(readFileSync(path.join(PACKAGE_ROOT, 'examples/cycle/monitoring-2021-06.yaml'), 'utf8')),
);

async function refused(rows: Cell[][], re: RegExp): Promise<void> {
  await assert.rejects(readExecutionXlsx(await executionXlsx(rows), 'exec.xlsx'), (e: unknown) => {
    assert.ok(e instanceof ImportError);
    assert.match(e.message, re);
    return true;
  });
}

test('one row per month in 万元, with 全年预算数 on every row and a 合计 row', async () => {
  const ex = await readExecutionXlsx(
    await executionXlsx([
      ['2021年部门预算月度执行情况'],
      ['月份', '全年预算数（万元）', '当月执行数（万元）', '执行率'],
      ['1月', 830.78, 40.12, 0.048],
      ['2月', 830.78, 52.3, null],
      ['3月', 830.78, 61.2, null],
      ['4月', 830.78, 58.4, null],
      ['5月', 830.78, 55.9, null],
      ['6月', 830.78, 60.300000000001, null],
      ['7月', 830.78, 70, null],
      ['合计', 830.78, 398.22, null],
    ]),
  );
  assert.equal(ex.sheet, '月度执行情况');
  assert.equal(ex.unit, '万元');
  assert.deepEqual(ex.monthly, [40.12, 52.3, 61.2, 58.4, 55.9, 60.3, 70]);
  assert.equal(ex.total, 830.78);
  // Into the June report: months 1–6 only, and the same 执行率 as typed in.
  const report = applyExecution({ ...JUNE, budget: { total: 1, executed: 0 } }, ex);
  assert.deepEqual(report.budget, { total: 830.78, monthly: [40.12, 52.3, 61.2, 58.4, 55.9, 60.3] });
  const p = executionProgress(report, 10);
  assert.equal(p.executed, 328.22);
  assert.equal(p.rate, 39.51);
  assert.equal(p.lagging, true);
});

test('元 and cumulative figures, other wordings: 期间 / 累计支付金额, dates and “2021-03”', async () => {
  const ex = await readExecutionXlsx(
    await executionXlsx([
      ['金额单位：元'],
      ['所属期间', '预算指标数', '累计支付金额', '累计执行率'],
      [new Date(Date.UTC(2021, 0, 31)), 8307800, 401200, '4.83%'],
      ['2021-02', 8307800, 924200, ''],
      ['2021年3月', 8307800, 1536200, ''],
    ]),
  );
  assert.equal(ex.unit, '元');
  assert.deepEqual(ex.monthly, [40.12, 52.3, 61.2]);
  assert.equal(ex.total, 830.78);
  assert.ok(ex.notes.some((n) => n.includes('累计数')));
  assert.ok(ex.notes.some((n) => n.includes('元')));
});

test('the months across: 1月…12月 as columns, the row labelled 执行数, months not reached left empty', async () => {
  const ex = await readExecutionXlsx(
    await executionXlsx([
      ['项目', '全年预算数', '1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月'],
      ['预算数', 830.78, null, null, null, null, null, null, null, null],
      ['累计执行数', 830.78, 40.12, 92.42, 153.62, 212.02, 267.92, 328.22, null, null],
      ['当月执行数', 830.78, 40.12, 52.3, 61.2, 58.4, 55.9, 60.3, null, null],
      ['执行率', null, 0.05, 0.11, null, null, null, null, null, null],
    ]),
  );
  assert.deepEqual(ex.monthly, [40.12, 52.3, 61.2, 58.4, 55.9, 60.3]);
  assert.equal(ex.total, 830.78);
  await refused(
    [
      ['项目', '1月', '2月'],
      ['执行数', 10, '待定'],
    ],
    /第2行C列（执行数）：“待定”不是金额/,
  );
});

test('bad files: the message names the sheet, the row and the column', async () => {
  await refused(
    [
      ['月份', '执行数'],
      ['1月', 10],
      ['十三月', 5],
    ],
    /exec\.xlsx：工作表“月度执行情况”第3行A列（月份）：“十三月”不是月份/,
  );
  await refused(
    [
      ['月份', '预算数', '执行数'],
      ['1月', 100, 10],
      ['2月', 100, '约二十'],
    ],
    /第3行C列（执行数）：“约二十”不是金额/,
  );
  await refused(
    [
      ['月份', '执行数'],
      ['1月', 10],
      ['3月', 5],
    ],
    /工作表“月度执行情况”缺少2月的执行数/,
  );
  await refused(
    [
      ['月份', '执行数'],
      ['1月', 10],
      ['1月', 5],
    ],
    /第3行A列（月份）：1月重复（另见第2行）/,
  );
  await refused(
    [
      ['月份', '执行数'],
      ['1月', -3],
    ],
    /第2行B列（执行数）：执行数不能为负/,
  );
  await refused(
    [
      ['科目', '金额'],
      ['办公费', 3],
    ],
    /未找到月度执行表：须有一行表头，含“月份”列和“执行数”.*“月度执行情况”/,
  );
  await assert.rejects(readExecutionXlsx(new TextEncoder().encode('not a zip'), 'x.xlsx'), ImportError);
  const short = await readExecutionXlsx(
    await executionXlsx([
      ['月份', '执行数'],
      ['1月', 10],
      ['2月', 5],
    ]),
  );
  assert.throws(() => applyExecution(JUNE, short, 'exec.xlsx'), /只有1–2月的执行数，监控期为1–6月/);
});
