import type { Command } from 'commander';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { audit, type AuditFacts, type AuditResult } from '../core/audit/index.js';
import { SEVERITY_ZH } from '../core/findings.js';
import { headline } from '../core/verification.js';
import type { Evaluation } from '../core/evaluation.js';
import type { Framework } from '../core/framework/model.js';
import type { ImportResult } from '../importers/index.js';
import { ImportError } from '../importers/limits.js';
import { importFileIsolated, type Sandbox } from '../importers/sandbox.js';
import { scoreFile } from '../load/evaluations.js';
import { builtinFrameworks } from '../load/frameworks.js';
import { formatFound, isFound } from '../importers/found.js';
import { InputError } from '../core/input.js';
import { readCycleInputs, withCycleSignals } from './cycle-audit.js';
import { evaluationYaml } from '../importers/evaluation-yaml.js';
import { inputProblem } from '../importers/problem.js';
import {
  auditedRow,
  failedRow,
  type SummaryRow,
  summaryCsv,
  summaryLine,
  summaryXlsx,
} from '../reports/audit-summary.js';

/**
 * `jixiao import <file>`: a report (text or Markdown, web page, DOCX, XLSX, PDF) → a structured evaluation (YAML).
 * `jixiao audit <file|folder…>`: every score recomputed, every figure cross-checked; findings in
 * Chinese or JSON; a folder is audited file by file into a summary table (XLSX and CSV).
 */
const IMPORTABLE = new Set([
  '.txt',
  '.text',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.shtml',
  '.docx',
  '.xlsx',
  '.xlsm',
  '.pdf',
]);
const EVALUATION = new Set(['.yaml', '.yml']);

interface Loaded {
  file: string;
  evaluation: Evaluation;
  framework: Framework;
  facts: Partial<AuditFacts>;
  imported?: ImportResult;
}

/** Where `import -o x.yaml` writes a rebuilt framework: x.framework.yaml beside it. */
const frameworkPath = (output: string) => output.replace(/(\.ya?ml)?$/, '.framework.yaml');

function frameworkOption(id: string | undefined): Framework | undefined {
  if (!id) return undefined;
  const fw = builtinFrameworks().get(id);
  if (!fw)
    throw new ImportError(
      'unsupported',
      `找不到指标框架“${id}”。可用：${builtinFrameworks()
        .list()
        .map((f) => f.id)
        .join('、')}`,
    );
  return fw;
}

async function load(file: string, framework?: Framework, sandbox?: Sandbox): Promise<Loaded> {
  if (EVALUATION.has(path.extname(file).toLowerCase())) {
    const { evaluation, framework: fw } = scoreFile(file);
    return { file, evaluation, framework: fw, facts: {} };
  }
  // Reports are untrusted files: parsed in the sandbox (memory cap, deadline).
  const imported = await importFileIsolated(file, { ...(framework && { framework }), ...(sandbox && { sandbox }) });
  return { file, evaluation: imported.evaluation, framework: imported.framework, facts: imported.facts, imported };
}

const problem = inputProblem;

function failCli(e: unknown, json = false): never {
  const p = problem(e);
  if (p) {
    const found = e instanceof ImportError && isFound(e.found) ? e.found : undefined;
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ error: { code: (e as { code?: string }).code ?? 'input', message: p }, ...(found && { found }) }, null, 2)}\n`,
      );
    } else process.stderr.write(`输入有误：\n${p}\n${found ? `${formatFound(found)}\n` : ''}`);
    process.exit(2);
  }
  throw e;
}

export { evaluationYaml };

function where(f: AuditResult['findings'][number]): string {
  if (f.path && f.path.length > 1) return f.path.join(' / ');
  return f.indicator ?? '';
}

export function formatAudit(file: string, a: AuditResult, imported?: ImportResult): string {
  const s = a.summary;
  const lines: string[] = [];
  lines.push(
    `${s.unit}　${s.year}年度　${a.score.framework.name}（${s.framework}）${imported && !imported.recognised ? '［按表重建］' : ''}`,
  );
  lines.push(`文件：${file}`);
  const parts = [
    s.statedTotal !== undefined
      ? `自评总分${s.statedTotal}分${s.statedGrade ? `（${s.statedGrade}）` : ''}`
      : '报告未印总分',
    s.claimedTotal !== undefined ? `各项自评得分合计${s.claimedTotal}分` : '',
    headline(
      {
        total: s.recomputedTotal,
        grade: s.recomputedGrade,
        strictTotal: s.strictTotal,
        strictGrade: s.strictGrade,
        unverifiable: s.unverifiable,
        gradeMayChange: s.gradeMayChange,
      },
      a.score.framework.decimals,
    ),
  ].filter(Boolean);
  lines.push(parts.join('；'));
  lines.push('');
  if (!a.findings.length) lines.push('未发现问题。');
  else {
    lines.push(
      `发现问题 ${a.findings.length} 项（错误 ${s.counts.error}，警告 ${s.counts.warning}，提示 ${s.counts.info}）：`,
    );
    a.findings.forEach((f, k) => {
      const w = where(f);
      lines.push(`${k + 1}. [${SEVERITY_ZH[f.severity]}]${w ? `〔${w}〕` : ''}${f.message}`);
      const nums = [
        f.stated !== undefined ? `报告数 ${f.stated}` : '',
        f.expected !== undefined ? `核算数 ${f.expected}` : '',
      ]
        .filter(Boolean)
        .join('，');
      if (nums) lines.push(`   ${nums}`);
      if (f.section && f.section !== '自评表') lines.push(`   出处：${f.section}`);
      if (f.quote && !f.message.includes(f.quote))
        lines.push(`   原文：“${f.quote.length > 160 ? `${f.quote.slice(0, 160)}…` : f.quote}”`);
    });
  }
  if (a.checks.length) {
    lines.push('', `核对无误 ${a.checks.length} 项：`);
    for (const c of a.checks) lines.push(`  ✓ ${c.message}`);
  }
  if (a.unchecked.length) {
    lines.push('', `未作判断 ${a.unchecked.length} 项：`);
    for (const u of a.unchecked) lines.push(`  ? ${u}`);
  }
  return lines.join('\n');
}

interface AuditOptions {
  json?: boolean;
  framework?: string;
  summary?: string;
  force?: boolean;
  targets?: string;
  monitoring?: string[];
}

export function auditJson(file: string, a: AuditResult, imported?: ImportResult): unknown {
  return {
    file,
    unit: a.summary.unit,
    year: a.summary.year,
    framework: {
      id: a.score.framework.id,
      name: a.score.framework.name,
      recognised: imported ? imported.recognised : true,
    },
    statedTotal: a.summary.statedTotal ?? null,
    claimedTotal: a.summary.claimedTotal ?? null,
    recomputedTotal: a.summary.recomputedTotal,
    statedGrade: a.summary.statedGrade ?? null,
    recomputedGrade: a.summary.recomputedGrade,
    strictTotal: a.summary.strictTotal,
    strictGrade: a.summary.strictGrade,
    unverifiable: a.score.unverifiable,
    gradeMayChange: a.summary.gradeMayChange,
    counts: a.summary.counts,
    findings: a.findings.map((f) => ({
      severity: f.severity,
      code: f.code,
      indicator: f.indicator ?? null,
      path: f.path ?? null,
      section: f.section ?? null,
      quote: f.quote ?? null,
      stated: f.stated ?? null,
      expected: f.expected ?? null,
      message: f.message,
    })),
    checks: a.checks,
    unchecked: a.unchecked,
    ...(imported && { confidence: imported.confidence }),
  };
}

function collect(dir: string, out: string[] = [], depth = 0): string[] {
  if (depth > 8) return out;
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) collect(p, out, depth + 1);
    else if (
      e.isFile() &&
      !e.name.startsWith('jixiao-audit-summary') &&
      (IMPORTABLE.has(path.extname(e.name).toLowerCase()) || EVALUATION.has(path.extname(e.name).toLowerCase()))
    )
      out.push(p);
  }
  return out;
}

class Progress {
  private readonly tty = process.stderr.isTTY === true;
  constructor(private readonly total: number) {}
  tick(done: number, label: string): void {
    const width = 24;
    const filled = this.total ? Math.round((done / this.total) * width) : width;
    const bar = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${this.total}`;
    if (this.tty) process.stderr.write(`\r${bar} ${label.slice(-40).padEnd(40)}`);
    else if (done > 0) process.stderr.write(`${bar} ${label}\n`);
  }
  end(): void {
    if (this.tty) process.stderr.write('\n');
  }
}

export { type SummaryRow, summaryCsv };

export async function auditBatch(
  files: string[],
  opts: { framework?: Framework; onProgress?: (done: number, file: string) => void } = {},
): Promise<SummaryRow[]> {
  const rows: SummaryRow[] = [];
  let done = 0;
  for (const file of files) {
    opts.onProgress?.(done, file);
    try {
      const l = await load(file, opts.framework);
      const a = audit(l.framework, l.evaluation, l.facts);
      rows.push(auditedRow(file, a, !l.imported || l.imported.recognised));
    } catch (e) {
      rows.push(failedRow(file, problem(e) ?? `程序错误：${(e as Error)?.message ?? String(e)}`));
    }
    done++;
    opts.onProgress?.(done, file);
  }
  return rows;
}

export function registerImportAudit(program: Command): void {
  program
    .command('import <file>')
    .description(
      '导入自评报告（文本或 Markdown、网页 HTML、DOCX、XLSX、PDF），生成结构化自评数据（YAML）；按表重建的指标体系另写 .framework.yaml',
    )
    .option('-o, --output <file>', '写入 YAML 文件（默认输出到屏幕）')
    .option('--framework <id>', '指定指标框架（默认按表中指标名称识别）')
    .option('--json', '输出 JSON（自评数据、识别结果、推断说明）')
    .action(async (file: string, opts: { output?: string; framework?: string; json?: boolean }) => {
      try {
        const fw = frameworkOption(opts.framework);
        const r = await importFileIsolated(file, fw ? { framework: fw } : {});
        if (opts.json) {
          process.stdout.write(
            `${JSON.stringify({ evaluation: r.evaluation, framework: { id: r.framework.id, name: r.framework.name, recognised: r.recognised, ...(r.frameworkSource && { source: r.frameworkSource }) }, recognition: r.recognition ?? null, confidence: r.confidence, stats: r.stats }, null, 2)}\n`,
          );
          return;
        }
        const text = evaluationYaml(r);
        if (opts.output) {
          await mkdir(path.dirname(path.resolve(opts.output)), { recursive: true });
          await writeFile(opts.output, text);
          if (r.frameworkSource)
            await writeFile(frameworkPath(opts.output), stringify(r.frameworkSource, { lineWidth: 0 }));
        } else process.stdout.write(text);
        const c = r.evaluation.claimed;
        process.stderr.write(
          `${r.evaluation.unit}　${r.evaluation.year}年度：${r.recognised ? `识别为“${r.framework.name}”` : '未匹配内置指标框架，已按表重建'}；读入${r.stats.rows}个指标${r.stats.unmatched.length ? `（${r.stats.unmatched.length}个未对应：${r.stats.unmatched.join('、')}）` : ''}${c?.total !== undefined ? `；自评总分${c.total}分` : ''}；${r.confidence.length}处推断，见文件开头注释${opts.output ? `；已写入 ${opts.output}${r.frameworkSource ? `，重建的指标体系写入 ${frameworkPath(opts.output)}` : ''}` : r.frameworkSource ? '；重建的指标体系未写出，请用 -o 导入（另写 .framework.yaml，供 jixiao score --framework-file 使用）' : ''}\n`,
        );
      } catch (e) {
        failCli(e, opts.json);
      }
    });

  program
    .command('audit <files...>')
    .description('核查自评报告或自评数据：按规则重算每项得分，核对每个数字；给出文件夹则逐一核查并生成汇总表')
    .option('--json', '输出 JSON')
    .option('--framework <id>', '指定指标框架（默认按表中指标名称识别）')
    .option(
      '-o, --summary <file>',
      '汇总表路径（不含扩展名则同时写 .xlsx 和 .csv；给出已有文件夹则写在其中；默认写在当前目录 jixiao-audit-summary.xlsx/.csv，不写进被核查的文件夹）',
    )
    .option('--force', '汇总表已存在时覆盖')
    .option(
      '--targets <file>',
      '批复的绩效目标表（YAML/JSON，同 jixiao targets）：指标值被改动或调低、批复的指标缺失、任务预算不符，列为警告',
    )
    .option('--monitoring <files...>', '本年度的绩效监控表（与 --targets 同用）：“完全不可能”却得满分，列为警告')
    .action(async (args: string[], opts: AuditOptions) => {
      try {
        const fw = frameworkOption(opts.framework);
        const cycle = readCycleInputs(opts.targets, opts.monitoring);
        const dirs = args.filter((a) => existsSync(a) && statSync(a).isDirectory());
        if (cycle && (dirs.length || opts.summary || args.length > 1))
          throw new InputError(cycle.file, [
            {
              field: '',
              message: '--targets 是一个单位一个年度的目标表，只能与一份自评同用（不能用于文件夹或多份文件）',
            },
          ]);
        if (dirs.length || opts.summary) {
          // -o names the file (with or without .xlsx/.csv) or an existing folder to write it in.
          // A path ending in a separator (“-o out/”) is a folder too, made if missing.
          const named =
            opts.summary &&
            (/[\\/]$/.test(opts.summary) || (existsSync(opts.summary) && statSync(opts.summary).isDirectory()));
          const base = named
            ? path.join(opts.summary!, 'jixiao-audit-summary')
            : (opts.summary ?? 'jixiao-audit-summary').replace(/\.(xlsx|csv)$/i, '');
          // Refuse before the work, not after it.
          const taken = [`${base}.xlsx`, `${base}.csv`].filter((f) => existsSync(f));
          if (taken.length && !opts.force)
            throw new ImportError(
              'unsupported',
              `汇总表${taken.join('、')}已存在，未覆盖。请用 -o 指定另一个路径，或加 --force 覆盖`,
            );
          const files = [...args.filter((a) => !dirs.includes(a)), ...dirs.flatMap((d) => collect(d))];
          if (!files.length)
            throw new ImportError(
              'empty',
              `${dirs.join('、')}中没有可核查的文件（.txt .md .html .htm .shtml .docx .xlsx .pdf .yaml）`,
            );
          const bar = new Progress(files.length);
          let last = -1;
          const rows = await auditBatch(files, {
            ...(fw && { framework: fw }),
            onProgress: (done, f) => {
              if (done === last && !process.stderr.isTTY) return;
              last = done;
              bar.tick(done, path.basename(f));
            },
          });
          bar.end();
          await mkdir(path.dirname(path.resolve(base)), { recursive: true });
          await writeFile(`${base}.csv`, summaryCsv(rows));
          await writeFile(`${base}.xlsx`, await summaryXlsx(rows));
          if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          else {
            process.stdout.write(`${summaryLine(rows)}\n汇总表：${base}.xlsx、${base}.csv\n`);
          }
          return;
        }
        const outs: unknown[] = [];
        let failed = 0;
        for (const file of args) {
          try {
            const l = await load(file, fw);
            const plain = audit(l.framework, l.evaluation, l.facts);
            const a = cycle ? withCycleSignals(plain, l.evaluation, cycle, file) : plain;
            if (opts.json) outs.push(auditJson(file, a, l.imported));
            else process.stdout.write(`${formatAudit(file, a, l.imported)}\n${args.length > 1 ? '\n' : ''}`);
          } catch (e) {
            const p = problem(e);
            if (!p) throw e;
            failed++;
            const found = e instanceof ImportError && isFound(e.found) ? e.found : undefined;
            if (opts.json) outs.push({ file, error: p, ...(found && { found }) });
            else process.stderr.write(`输入有误：\n${p}\n${found ? `${formatFound(found)}\n` : ''}`);
          }
        }
        if (opts.json) process.stdout.write(`${JSON.stringify(args.length === 1 ? outs[0] : outs, null, 2)}\n`);
        if (failed) process.exitCode = 2;
      } catch (e) {
        failCli(e, opts.json);
      }
    });
}
