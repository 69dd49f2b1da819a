// `jixiao targets export`, `jixiao monitor export|import`: the cycle's tables as DOCX/XLSX/PDF/HTML, monthly execution from XLSX.
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { checkMonitoring, executionProgress, MonitoringReportSchema, TargetSetSchema } from '../core/cycle/index.js';
import { fmt, wan } from '../core/decimal.js';
import { InputError } from '../core/input.js';
import { applyExecution, readExecutionFile } from '../importers/execution.js';
import { ImportError } from '../importers/limits.js';
import { readCycleFile } from '../load/cycle.js';
import { monitoringDocument, targetsDocument } from '../reports/cycle/document.js';
import type { ReportDocument } from '../reports/model.js';
import { isReportFormat, renderDocument, REPORT_FORMATS, type ReportFormat } from '../reports/index.js';

/** The format an output file asks for by its extension. */
function formatOf(out: string): ReportFormat {
  const ext = /\.([a-z]+)$/i.exec(out)?.[1]?.toLowerCase() ?? '';
  if (!isReportFormat(ext))
    throw new InputError(out, [
      { field: '', message: `输出文件的扩展名须为 ${REPORT_FORMATS.map((f) => `.${f}`).join('、')} 之一` },
    ]);
  return ext;
}

async function writeDocument(doc: ReportDocument, out: string): Promise<void> {
  const data = await renderDocument(doc, formatOf(out));
  try {
    writeFileSync(out, data);
  } catch (e) {
    throw new InputError(out, [{ field: '', message: `无法写入文件：${(e as Error).message}` }]);
  }
  process.stderr.write(`已写入 ${out}\n`);
}

type Guard = (fn: () => unknown) => Promise<void>;

/** ImportError (a bad XLSX) is bad input like an InputError: exit 2, the message names the sheet, row and column. */
const asInput = (fn: () => unknown) => async () => {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ImportError) throw new InputError(e.file ?? '', [{ field: '', message: e.detail }]);
    throw e;
  }
};

export function registerCycleFiles(targets: Command, monitor: Command, guard: Guard, threshold: (v: string) => number) {
  targets
    .command('export <file> <out>')
    .description('把绩效目标表（YAML/JSON）导出为 DOCX、XLSX、PDF 或 HTML（按输出文件扩展名；河南参考格式，金额万元）')
    .option('--draft', '每页加“草稿”字样（尚未批复的目标表）')
    .action((file: string, out: string, opts: { draft?: boolean }) =>
      guard(async () => {
        formatOf(out);
        const t = readCycleFile(TargetSetSchema, file);
        await writeDocument(targetsDocument(t.value, { draft: !!opts.draft }), out);
      }),
    );

  monitor
    .command('export <file> <out>')
    .description(
      '把绩效监控表（YAML/JSON）导出为 DOCX、XLSX、PDF 或 HTML：各月执行数、执行率与序时进度、各指标完成情况',
    )
    .option('--targets <file>', '批复的绩效目标表：监控表未填指标值的，取目标表的指标值')
    .option('--threshold <points>', '预警阈值（百分点，默认10）', threshold, 10)
    .action((file: string, out: string, opts: { targets?: string; threshold: number }) =>
      guard(async () => {
        formatOf(out);
        const m = readCycleFile(MonitoringReportSchema, file).value;
        const targetSet = opts.targets ? readCycleFile(TargetSetSchema, opts.targets).value : undefined;
        const doc = monitoringDocument(m, executionProgress(m, opts.threshold), {
          threshold: opts.threshold,
          ...(targetSet && { targets: targetSet }),
        });
        await writeDocument(doc, out);
      }),
    );

  monitor
    .command('import <file> <xlsx>')
    .description(
      '从一体化系统导出的月度预算执行表（XLSX：月份、预算数、执行数，每月一行）读入各月执行数和全年预算数，写回监控表（YAML）',
    )
    .option('-o, --out <file>', '写入此文件（默认输出到屏幕）；可与输入文件相同')
    .option('--threshold <points>', '预警阈值（百分点，默认10）', threshold, 10)
    .action((file: string, xlsx: string, opts: { out?: string; threshold: number }) =>
      guard(
        asInput(async () => {
          const m = readCycleFile(MonitoringReportSchema, file);
          const ex = await readExecutionFile(xlsx);
          const report = applyExecution(m.value, ex, xlsx);
          // The file as the person wrote it (comments kept), with the budget's figures replaced.
          const doc = parseDocument(readFileSync(file, 'utf8'));
          doc.setIn(['budget', 'total'], report.budget.total);
          doc.setIn(['budget', 'monthly'], doc.createNode(report.budget.monthly, { flow: true }));
          doc.deleteIn(['budget', 'executed']);
          const text = doc.toString();
          if (opts.out) {
            try {
              writeFileSync(opts.out, text);
            } catch (e) {
              throw new InputError(opts.out, [{ field: '', message: `无法写入文件：${(e as Error).message}` }]);
            }
          } else process.stdout.write(text);
          const p = checkMonitoring(report, opts.threshold).progress;
          process.stderr.write(
            [
              `已从 ${xlsx} 工作表“${ex.sheet}”读入1–${report.month}月执行数${ex.total !== undefined ? `和全年预算数${wan(ex.total)}万元` : ''}${ex.unit === '元' ? '（元已换算为万元）' : ''}`,
              ...ex.notes.map((n) => `　${n}`),
              `执行${wan(p.executed)}万元，执行率${fmt(p.rate)}%，序时进度${fmt(p.timeProgress)}%${p.lagging ? `，落后${fmt(p.lag)}个百分点，超过预警阈值` : ''}`,
              ...(opts.out ? [`已写入 ${opts.out}`] : []),
              '',
            ].join('\n'),
          );
        }),
      ),
    );
}
