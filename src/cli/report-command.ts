import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../core/input.js';
import { scoreFile } from '../load/evaluations.js';
import {
  buildReport,
  isReportFormat,
  REPORT_FORMATS,
  renderDocument,
  reportFileName,
  type ReportFormat,
  type RenderOptions,
  roundEntries,
  type Scored,
  unfileableReasons,
} from '../reports/index.js';
import { PdfEngine, PdfError } from '../reports/pdf.js';
import { zipReports, type ZipProgress } from '../reports/zip.js';

/**
 * `jixiao report <evaluation-file>… --format docx|xlsx|pdf|html -o <path>`: one file for one evaluation
 * and one format; otherwise (several files, a folder of them, several formats, or -o *.zip) a zip of
 * the round, with a progress bar on stderr. A document that cannot be filed as it is (待核实 indicators,
 * 错误 findings, parts left unwritten) is not written: the reasons go to stderr and the exit code is 1,
 * unless --draft, which writes it with a 草稿 watermark on every page. --review adds the bureau's 审核意见.
 */

interface ReportCliOptions {
  format: string;
  output?: string;
  fontSet: string;
  draft: boolean;
  review: boolean;
}

function expand(inputs: string[]): string[] {
  return inputs.flatMap((p) => {
    if (existsSync(p) && statSync(p).isDirectory()) {
      return readdirSync(p)
        .filter((f) => /\.ya?ml$/i.test(f))
        .sort()
        .map((f) => path.join(p, f));
    }
    return [p];
  });
}

function progressBar(stream: NodeJS.WriteStream): (p: ZipProgress) => void {
  const tty = stream.isTTY;
  return (p) => {
    const width = 24;
    const k = Math.round((p.done / p.total) * width);
    const line = `[${'█'.repeat(k)}${'░'.repeat(width - k)}] ${p.done}/${p.total} ${p.name}${p.error ? `（失败：${p.error}）` : ''}`;
    if (tty) stream.write(`\r\u001b[2K${line}${p.done === p.total ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };
}

export function registerReportCommand(program: Command): void {
  program
    .command('report <files...>')
    .description('生成自评报告和自评表：DOCX（公文格式）、XLSX（小计和总分为公式）、PDF、HTML')
    .option('-f, --format <formats>', `输出格式：${REPORT_FORMATS.join(' | ')}，多个用逗号分隔，all 为全部`, 'docx')
    .option('-o, --output <path>', '输出文件；多个评价文件或多种格式时为 .zip 文件或目录')
    .option('--font-set <set>', '字体名：gb（方正小标宋、黑体、仿宋_GB2312，默认）| noto（Noto CJK）', 'gb')
    .option('--draft', '有待核实指标、错误或未填写部分时仍生成，每页加“草稿”水印')
    .option('--review', '另生成审核意见（按评分规则核查自评得分，供财政局审核，不随单位报送）')
    .action(async (inputs: string[], opts: ReportCliOptions) => {
      const formats = (
        opts.format === 'all' ? [...REPORT_FORMATS] : opts.format.split(',').map((s) => s.trim().toLowerCase())
      ) as string[];
      const bad = formats.filter((f) => !isReportFormat(f));
      if (bad.length || !formats.length) {
        process.stderr.write(`不支持的格式：${bad.join('、') || opts.format}。可用：${REPORT_FORMATS.join('、')}\n`);
        process.exit(2);
      }
      if (opts.fontSet !== 'gb' && opts.fontSet !== 'noto') {
        process.stderr.write(`不支持的字体方案：${opts.fontSet}。可用：gb、noto\n`);
        process.exit(2);
      }
      const files = expand(inputs);
      if (!files.length) {
        process.stderr.write('没有找到评价文件（*.yaml）\n');
        process.exit(2);
      }
      const scored: Scored[] = [];
      const errors: string[] = [];
      for (const f of files) {
        try {
          scored.push(scoreFile(f));
        } catch (e) {
          if (e instanceof InputError) errors.push(e.message);
          else throw e;
        }
      }
      if (errors.length) {
        process.stderr.write(`输入有误：\n${errors.join('\n')}\n`);
        process.exit(2);
      }
      // Documents that cannot be filed as they are: say why, and write nothing unless --draft.
      let blocked = false;
      for (const s of scored) {
        const reasons = unfileableReasons(s, buildReport(s.framework, s.evaluation, s.result));
        if (!reasons.length) continue;
        blocked = true;
        process.stderr.write(`${opts.draft ? '草稿' : '不能报送'}：${s.evaluation.unit}——${reasons.join('；')}\n`);
      }
      if (blocked && !opts.draft) {
        process.stderr.write('未生成文件。补齐后重新生成，或加 --draft 生成带“草稿”水印的文件。\n');
        process.exit(1);
      }
      let pdf: PdfEngine | undefined;
      try {
        if (formats.includes('pdf')) pdf = await PdfEngine.launch();
        const ropts: RenderOptions = {
          fontSet: opts.fontSet as 'gb' | 'noto',
          draft: !!opts.draft,
          review: !!opts.review,
          ...(pdf && { pdf }),
        };
        const single =
          scored.length === 1 && formats.length === 1 && !opts.review && !opts.output?.toLowerCase().endsWith('.zip');
        if (single) {
          const s = scored[0]!;
          const format = formats[0] as ReportFormat;
          const doc = buildReport(s.framework, s.evaluation, s.result, ropts);
          let out = opts.output ?? `${path.basename(files[0]!).replace(/\.ya?ml$/i, '')}.${format}`;
          if (existsSync(out) && statSync(out).isDirectory()) out = path.join(out, reportFileName(doc, format));
          mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
          writeFileSync(out, await renderDocument(doc, format, ropts));
          const st = doc.meta.statement;
          process.stderr.write(`已写入 ${out}（${s.result.unit}，得分${st.total}分，${st.grade}）\n`);
          return;
        }
        const entries = roundEntries(scored, formats as ReportFormat[], ropts);
        const out = opts.output ?? 'reports.zip';
        if (out.toLowerCase().endsWith('.zip')) {
          const zip = await zipReports(entries, { onProgress: progressBar(process.stderr), concurrency: 2 });
          mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
          writeFileSync(out, zip);
          process.stderr.write(`已写入 ${out}（${scored.length}份评价，${entries.length}个文件）\n`);
        } else {
          const bar = progressBar(process.stderr);
          let done = 0;
          for (const e of entries) {
            const p = path.join(out, e.name);
            mkdirSync(path.dirname(p), { recursive: true });
            writeFileSync(p, await e.render());
            bar({ done: ++done, total: entries.length, name: e.name });
          }
          process.stderr.write(`已写入 ${out}/（${entries.length}个文件）\n`);
        }
      } catch (e) {
        // No engine, or a print that failed on a fresh worker too: said, exit 3.
        if (e instanceof PdfError) {
          process.stderr.write(`${e.message}\n`);
          process.exit(3);
        }
        throw e;
      } finally {
        await pdf?.close();
      }
    });
}
