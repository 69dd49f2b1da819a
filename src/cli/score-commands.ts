/** `jixiao frameworks`, `jixiao framework <id>`, `jixiao score <file>`: the built-in frameworks and rule scoring of one file. */
import type { Command } from 'commander';
import { fmt } from '../core/decimal.js';
import { SEVERITY_ZH } from '../core/findings.js';
import { headline, pointKind, POINT_KIND_ZH } from '../core/verification.js';
import { leaves, walk } from '../core/framework/model.js';
import { InputError } from '../core/input.js';
import { RULE_KIND_NAMES } from '../core/rules/schema.js';
import { builtinFrameworks, catalogWith } from '../load/frameworks.js';
import { scoreFile } from '../load/evaluations.js';
import { renderTable } from './table.js';

function fail(e: unknown): never {
  if (e instanceof InputError) {
    process.stderr.write(`输入有误：\n${e.message}\n`);
    process.exit(2);
  }
  throw e;
}

export function registerScoreCommands(program: Command): void {
  program
    .command('frameworks')
    .description('列出内置指标框架')
    .action(() => {
      try {
        const rows = builtinFrameworks()
          .list()
          .map((f) => [
            f.id,
            String(f.version),
            String(f.year),
            f.region,
            f.name,
            String(leaves(f.roots).filter((n) => n.rule).length),
          ]);
        process.stdout.write(`${renderTable(['标识', '版本', '年度', '地区', '名称', '末级指标数'], rows)}\n`);
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('framework <id>')
    .description('显示一个指标框架的指标树和分值')
    .option('--version-no <n>', '框架版本', (v) => Number(v))
    .action((id: string, opts: { versionNo?: number }) => {
      try {
        const f = builtinFrameworks().get(id, opts.versionNo);
        if (!f) {
          process.stderr.write(
            `找不到指标框架“${id}”。可用：${builtinFrameworks()
              .list()
              .map((x) => x.id)
              .join('、')}\n`,
          );
          process.exit(2);
        }
        const lines = [`${f.name}（${f.region}，${f.year}年度，第${f.version}版）总分${fmt(f.total)}分`];
        walk(f.roots, (n) => {
          const w = n.weight === undefined ? '单位设定' : `${fmt(n.weight)}分`;
          const ref = n.referenceWeight !== undefined ? `（参考分值${fmt(n.referenceWeight)}）` : '';
          const flags = [
            n.optional ? '可选' : '',
            n.fixedWeight ? '分值固定' : '',
            n.unitWeights ? '下级分值由单位设定' : '',
            n.open ? '三级指标由单位自设' : '',
          ]
            .filter(Boolean)
            .join('，');
          const rule = n.rule
            ? ` — ${RULE_KIND_NAMES[n.rule.kind]}${n.metric ? `，取${n.metric}` : ''}${n.target !== undefined ? `，指标值${n.target}` : ''}`
            : '';
          lines.push(`${'  '.repeat(n.level - 1)}${n.name}  ${w}${ref}${flags ? `［${flags}］` : ''}${rule}`);
        });
        const g = [...f.grades.bands]
          .sort((a, b) => b.min - a.min)
          .map((b) => `${b.name}≥${b.min}`)
          .join('，');
        lines.push(
          `等级：${g}（${f.grades.mode === 'integer' ? '整数分段' : '左闭右开'}）；得分保留${f.decimals}位小数，四舍五入`,
        );
        process.stdout.write(`${lines.join('\n')}\n`);
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('score <file>')
    .description('按评分规则为一份自评数据计分，列出与自评得分的差异')
    .option('--json', '输出 JSON')
    .option('--framework-file <path...>', '另用自己的指标框架文件（如 jixiao import 重建的框架）')
    .action((file: string, opts: { json?: boolean; frameworkFile?: string[] }) => {
      try {
        const { result, framework } = scoreFile(
          file,
          opts.frameworkFile?.length ? catalogWith(opts.frameworkFile) : undefined,
        );
        if (opts.json) {
          const out = {
            unit: result.unit,
            year: result.year,
            framework: result.framework,
            total: result.total,
            grade: result.grade,
            strictTotal: result.strictTotal,
            strictGrade: result.strictGrade,
            gradeMayChange: result.gradeMayChange,
            headline: headline(result, result.framework.decimals),
            unverifiable: result.unverifiable,
            claimedTotal: result.claimedTotal ?? null,
            statedTotal: result.statedTotal ?? null,
            statedGrade: result.statedGrade ?? null,
            unscored: result.unscored,
            indicators: result.indicators.map((i) => ({
              id: i.id,
              name: i.name,
              path: i.path,
              weight: i.weight,
              score: i.score,
              ruleScore: i.ruleScore ?? null,
              claimed: i.claimed ?? null,
              verification: i.verification,
              kind: POINT_KIND_ZH[pointKind(i)],
              missing: i.missing,
              adjustment: i.adjustment ?? null,
              explanation: i.explanation,
              incomplete: i.incomplete,
            })),
            subtotals: result.nodes
              .filter((n) => !n.leaf)
              .map((n) => ({
                name: n.name,
                path: n.path,
                level: n.level,
                weight: n.weight,
                score: n.score,
                strictScore: n.strictScore,
                claimed: n.claimed ?? null,
              })),
            findings: result.findings.map((f) => ({
              severity: f.severity,
              indicator: f.indicator ?? null,
              message: f.message,
              code: f.code,
              expected: f.expected ?? null,
              stated: f.stated ?? null,
            })),
          };
          process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
          return;
        }
        const d = framework.decimals;
        const rows = result.indicators.map((i) => [
          i.path.slice(0, -1).join(' / '),
          i.name,
          fmt(i.weight, d, true),
          fmt(i.score, d, true),
          i.claimed === undefined ? '' : fmt(i.claimed, d, true),
          pointKind(i) === 'verified' ? '' : POINT_KIND_ZH[pointKind(i)],
        ]);
        const out = [
          `${result.unit}　${result.year}年度　${result.framework.name}`,
          '',
          renderTable(['上级指标', '末级指标', '分值', '核定得分', '自评得分', '核定'], rows),
          '',
          headline(result, d),
          (result.statedTotal !== undefined || result.claimedTotal !== undefined ? '' : '（无自评得分）') +
            (result.statedTotal !== undefined
              ? `自评总分：${fmt(result.statedTotal, d, true)}分${result.statedGrade ? `（${result.statedGrade}）` : ''}`
              : '') +
            (result.claimedTotal !== undefined ? `　各项自评得分合计：${fmt(result.claimedTotal, d, true)}分` : ''),
        ];
        for (const u of result.unverifiable.indicators) {
          const claimed = u.claimed === undefined ? '无自评得分' : `自评${fmt(u.claimed, d, true)}分`;
          out.push(`待核实：${u.path.join(' / ')}（${claimed}）缺少${u.missing.join('、')}`);
        }
        if (result.findings.length) {
          out.push('', `发现问题 ${result.findings.length} 项：`);
          // Printed names repeat (晋中's two “三公经费” rows): name those by their path.
          const seen = new Map<string, number>();
          for (const i of result.indicators) seen.set(i.name, (seen.get(i.name) ?? 0) + 1);
          const label = (f: (typeof result.findings)[number]) =>
            f.indicator === undefined
              ? ''
              : `〔${(seen.get(f.indicator) ?? 0) > 1 && f.path ? f.path.join(' / ') : f.indicator}〕`;
          result.findings.forEach((f, k) => out.push(`${k + 1}. [${SEVERITY_ZH[f.severity]}]${label(f)}${f.message}`));
        } else out.push('', '未发现问题。');
        process.stdout.write(`${out.join('\n')}\n`);
      } catch (e) {
        fail(e);
      }
    });
}
