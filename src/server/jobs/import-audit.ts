/**
 * @module Importing and auditing a batch of reports (后台任务 import-audit): each uploaded file
 * (job_inputs) parsed in the importers' sandbox and audited by the core, as `jixiao audit <folder>`
 * does. The result is a zip: the audit summary (核查汇总.xlsx, .csv) and each imported evaluation as
 * YAML. A file that cannot be imported or audited is a row “未能核查：<reason>” and an error of the
 * job naming the file; the others go on. Nothing is stored in the evaluations: the starter copies
 * what they want from the YAML.
 */
import path from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { audit } from '../../core/audit/index.js';
import { evaluationYaml } from '../../importers/evaluation-yaml.js';
import { inputProblem } from '../../importers/problem.js';
import { importBufferIsolated } from '../../importers/sandbox.js';
import { builtinFrameworks } from '../../load/frameworks.js';
import {
  auditedRow,
  failedRow,
  type SummaryRow,
  summaryCsv,
  summaryLine,
  summaryXlsx,
} from '../../reports/audit-summary.js';
import { safeFileName } from '../../reports/zip.js';
import type { Role } from '../../core/workflow.js';
import { requireRole } from '../access.js';
import type { JobContext, JobOutcome } from './kinds.js';

/** What one job takes: files, and bytes of all of them together (each file: the importers' own limit). */
export const IMPORT_JOB_LIMITS = { maxFiles: 200, maxTotalBytes: 100 * 1024 * 1024 };

/** Who may start one: anyone signed in with an organisation's role (not the public). */
export const IMPORT_JOB_ROLES: readonly Role[] = ['bureau_admin', 'bureau_reviewer', 'unit_filler', 'unit_leader'];

export const ImportAuditParams = z.object({ framework: z.string().optional() });

export async function runImportAudit(ctx: JobContext): Promise<JobOutcome> {
  const { framework: fwId } = ImportAuditParams.parse(ctx.params);
  requireRole(ctx.actor, IMPORT_JOB_ROLES, '批量导入与核查');
  const framework = fwId ? builtinFrameworks().get(fwId) : undefined;
  if (fwId && !framework) throw new Error(`没有指标框架“${fwId}”`);
  const files = await ctx.db
    .selectFrom('job_inputs')
    .select(['ord', 'name'])
    .where('job_id', '=', ctx.jobId)
    .orderBy('ord')
    .execute();
  ctx.progress({ done: 0, total: files.length });
  const { default: JSZip } = await import('jszip'); // loaded by the job that zips, not by every server
  const zip = new JSZip();
  const rows: SummaryRow[] = [];
  for (const [i, f] of files.entries()) {
    ctx.throwIfCancelled(); // between files: one file takes at most the sandbox's deadline
    const { content } = await ctx.db
      .selectFrom('job_inputs')
      .select('content')
      .where('job_id', '=', ctx.jobId)
      .where('ord', '=', f.ord)
      .executeTakeFirstOrThrow();
    try {
      const r = await importBufferIsolated(new Uint8Array(content), { name: f.name, ...(framework && { framework }) });
      rows.push(auditedRow(f.name, audit(r.framework, r.evaluation, r.facts), r.recognised));
      // Numbered: two uploads may share a name.
      const base = `导入结果/${String(i + 1).padStart(3, '0')}_${safeFileName(path.parse(f.name).name)}`;
      zip.file(`${base}.yaml`, evaluationYaml(r));
      if (r.frameworkSource) zip.file(`${base}.framework.yaml`, stringify(r.frameworkSource, { lineWidth: 0 }));
      ctx.progress({ done: i + 1, name: f.name });
    } catch (e) {
      const problem = inputProblem(e) ?? `程序错误：${e instanceof Error ? e.message : String(e)}`;
      rows.push(failedRow(f.name, problem));
      ctx.progress({ done: i + 1, name: f.name, error: problem });
    }
  }
  ctx.throwIfCancelled();
  zip.file('核查汇总.csv', summaryCsv(rows));
  zip.file('核查汇总.xlsx', await summaryXlsx(rows), { compression: 'STORE' });
  const file = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { file, message: summaryLine(rows) };
}
