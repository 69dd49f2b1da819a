// `jixiao targets check|compare` and `jixiao monitor check`: the cycle's files checked without a server (files: ./cycle-files.ts).
import type { Command } from 'commander';
import { SEVERITIES, SEVERITY_ZH } from '../core/findings.js';
import {
  approveTargets,
  checkMonitoring,
  checkTargets,
  cycleSignals,
  type CycleFinding,
  LIKELIHOOD_LABELS,
  MonitoringReportSchema,
  TARGET_SOURCE_LABELS,
  TargetSetSchema,
} from '../core/cycle/index.js';
import { fmt, wan } from '../core/decimal.js';
import { InputError } from '../core/input.js';
import { type CycleFile, findingLine, readCycleFile } from '../load/cycle.js';
import { scoreFile } from '../load/evaluations.js';
import { catalogWith } from '../load/frameworks.js';
import { registerCycleFiles } from './cycle-files.js';

/** Exit codes as elsewhere: 0 nothing at 错误 level (warnings printed), 1 a 错误 (or, with --strict, a 警告), 2 bad input. */
function exitFor(findings: CycleFinding[], strict: boolean): void {
  if (findings.some((f) => f.severity === 'error' || (strict && f.severity === 'warning'))) process.exitCode = 1;
}

function printFindings(findings: CycleFinding[], src?: CycleFile<unknown>): string[] {
  if (!findings.length) return ['未发现问题。'];
  const n = (s: CycleFinding['severity']) => findings.filter((f) => f.severity === s).length;
  const counts = SEVERITIES.filter((s) => n(s))
    .map((s) => `${SEVERITY_ZH[s]}${n(s)}项`)
    .join('，');
  return [
    `发现问题 ${findings.length} 项（${counts}）：`,
    ...findings.map(
      (f, k) =>
        `${k + 1}. [${SEVERITY_ZH[f.severity]}]${src ? findingLine(f, src) : `${f.indicator ? `〔${f.indicator}〕` : ''}${f.message}`}`,
    ),
  ];
}

const json = (v: unknown) => process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);

function guard(fn: () => unknown): Promise<void> {
  const fail = (e: unknown) => {
    if (e instanceof InputError) {
      process.stderr.write(`输入有误：\n${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw e;
  };
  try {
    return Promise.resolve(fn()).then(() => undefined, fail);
  } catch (e) {
    fail(e);
    return Promise.resolve();
  }
}

const threshold = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 100) {
    process.stderr.write(`输入有误：--threshold 应为0到100之间的百分点数（现为“${v}”）\n`);
    process.exit(2);
  }
  return n;
};

export function registerCycleCommands(program: Command): void {
  const targets = program.command('targets').description('绩效目标表：质量检查、与自评对照');
  targets
    .command('check <file>')
    .description('检查一份部门整体支出绩效目标表（YAML/JSON）：指标值有无数值和单位、来源、低于上年实际、任务预算合计')
    .option('--last-year <evaluation>', '上年自评数据文件：其实际完成值作为“上年实际完成值”比较')
    .option('--strict', '有警告也以退出码1结束')
    .option('--json', '输出 JSON')
    .action((file: string, opts: { lastYear?: string; strict?: boolean; json?: boolean }) =>
      guard(() => {
        const t = readCycleFile(TargetSetSchema, file);
        const lastYearActuals: Record<string, string | number> = {};
        if (opts.lastYear)
          for (const i of scoreFile(opts.lastYear).result.indicators)
            if (i.actual !== undefined) lastYearActuals[i.name] = i.actual;
        const findings = checkTargets(t.value, { lastYearActuals });
        exitFor(findings, !!opts.strict);
        if (opts.json) return json({ unit: t.value.unit, year: t.value.year, findings: withLines(findings, t) });
        const s = t.value;
        const lines = [
          `${s.unit}　${s.year}年度　部门整体支出绩效目标表`,
          `年度总体目标${s.goals.length}项；年度主要任务${s.tasks.length}项，预算资金合计${wan(s.tasks.reduce((a, x) => a + Math.round(x.budget * 100), 0) / 100)}万元；部门预算总额${wan(s.budget.total)}万元；绩效指标${s.indicators.length}项（${sourceCounts(s.indicators)}）`,
          '',
          ...printFindings(findings, t),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
  targets
    .command('compare <targets> <evaluation>')
    .description('把自评与批复的绩效目标（及绩效监控表）对照：指标值被改动、任务预算不符、“完全不可能”却得满分')
    .option('--monitoring <files...>', '本年度的绩效监控表')
    .option('--framework-file <path...>', '另用自己的指标框架文件')
    .option('--strict', '有警告也以退出码1结束')
    .option('--json', '输出 JSON')
    .action(
      (
        targetsFile: string,
        evaluationFile: string,
        opts: { monitoring?: string[]; frameworkFile?: string[]; strict?: boolean; json?: boolean },
      ) =>
        guard(() => {
          const t = readCycleFile(TargetSetSchema, targetsFile);
          const monitoring = (opts.monitoring ?? []).map((f) => readCycleFile(MonitoringReportSchema, f).value);
          const { evaluation, result } = scoreFile(
            evaluationFile,
            opts.frameworkFile?.length ? catalogWith(opts.frameworkFile) : undefined,
          );
          const mismatch = [
            t.value.unit !== evaluation.unit && `单位（目标表“${t.value.unit}”，自评“${evaluation.unit}”）`,
            t.value.year !== evaluation.year && `年度（目标表${t.value.year}，自评${evaluation.year}）`,
            ...monitoring.map(
              (m, k) =>
                (m.unit !== t.value.unit || m.year !== t.value.year) &&
                `监控表${opts.monitoring![k]}的单位或年度（${m.unit}，${m.year}）`,
            ),
          ].filter((x): x is string => typeof x === 'string');
          if (mismatch.length)
            throw new InputError(evaluationFile, [
              { field: '', message: `与目标表不是同一单位同一年度：${mismatch.join('；')}` },
            ]);
          // A file stands for the approved set (version 1): the server keeps the real versions.
          const approved = approveTargets(t.value, '', '');
          const findings = cycleSignals({ approved, evaluation, scored: result.indicators, monitoring });
          exitFor(findings, !!opts.strict);
          if (opts.json) return json({ unit: evaluation.unit, year: evaluation.year, findings });
          const lines = [
            `${evaluation.unit}　${evaluation.year}年度　自评与绩效目标${monitoring.length ? `、${monitoring.length}份绩效监控表` : ''}对照`,
            '',
            ...printFindings(findings),
          ];
          process.stdout.write(`${lines.join('\n')}\n`);
        }),
    );

  const monitor = program.command('monitor').description('绩效运行监控表：检查、执行进度与序时进度');
  monitor
    .command('check <file>')
    .description('检查一份绩效监控表（YAML/JSON）：预算执行率与序时进度、偏差原因、纠偏措施、完成目标可能性')
    .option('--targets <file>', '批复的绩效目标表：监控表的指标和指标值须与之一致')
    .option('--threshold <points>', '执行率低于序时进度多少个百分点时预警（财政局设定，默认10）', threshold, 10)
    .option('--strict', '有警告也以退出码1结束')
    .option('--json', '输出 JSON')
    .action((file: string, opts: { targets?: string; threshold: number; strict?: boolean; json?: boolean }) =>
      guard(() => {
        const m = readCycleFile(MonitoringReportSchema, file);
        const approved = opts.targets ? readCycleFile(TargetSetSchema, opts.targets).value : undefined;
        const c = checkMonitoring(m.value, opts.threshold, approved);
        exitFor(c.findings, !!opts.strict);
        if (opts.json)
          return json({
            unit: m.value.unit,
            year: m.value.year,
            month: m.value.month,
            progress: c.progress,
            atRisk: c.atRisk,
            findings: withLines(c.findings, m),
          });
        const p = c.progress;
        const lines = [
          `${m.value.unit}　${m.value.year}年1–${p.month}月　绩效运行监控`,
          `预算执行：${wan(p.executed)}万元/全年预算${wan(p.total)}万元，执行率${fmt(p.rate)}%；序时进度${fmt(p.timeProgress)}%；${p.lag > 0 ? `落后${fmt(p.lag)}个百分点` : '不落后'}${p.lagging ? `，超过预警阈值${fmt(opts.threshold)}个百分点` : ''}`,
          c.atRisk.length
            ? `完成目标有风险的指标：${c.atRisk.map((r) => `${r.name}（${LIKELIHOOD_LABELS[r.likelihood]}）`).join('、')}`
            : '各项指标均报告“确定能”完成目标',
          '',
          ...printFindings(c.findings, m),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
  registerCycleFiles(targets, monitor, guard, threshold);
}

function withLines(findings: CycleFinding[], src: CycleFile<unknown>) {
  return findings.map((f) => ({ ...f, line: src.parsed.lineOf(f.path) ?? null }));
}

function sourceCounts(indicators: Array<{ source?: keyof typeof TARGET_SOURCE_LABELS }>): string {
  const counts = new Map<string, number>();
  for (const i of indicators) {
    const k = i.source ? TARGET_SOURCE_LABELS[i.source] : '未注明来源';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k}${n}项`).join('、');
}
