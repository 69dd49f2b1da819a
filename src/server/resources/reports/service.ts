/**
 * @module The 自评表 and 自评报告 of evaluations as files (issue 5), for whoever may read the evaluation:
 * one evaluation in one format at once, a whole round as a zip in the background with progress.
 * Documents are rendered from the stored document re-scored by the core, so a file always agrees
 * with the rules of the round's frozen framework version.
 */
import type { Kysely } from 'kysely';
import { EvaluationSchema } from '../../../core/evaluation.js';
import type { Framework } from '../../../core/framework/model.js';
import { scoreCompiled } from '../../../core/engine/score.js';
import { loadFrameworkVersion } from '../../../db/frameworks.js';
import type { DB } from '../../../db/schema.js';
import {
  REPORT_FORMATS,
  PdfBusyError,
  PdfEngine,
  PdfError,
  PdfUnavailableError,
  renderReport,
  type RenderedReport,
  type ReportFormat,
  roundEntries,
  type Scored,
} from '../../../reports/index.js';
import { ReportZip, safeFileName } from '../../../reports/zip.js';
import type { Actor } from '../../access.js';
import { ApiError, notFound } from '../../errors.js';
import { getEvaluation, listEvaluations } from '../evaluations/service.js';
import { getRound } from '../rounds/service.js';
import { z } from 'zod';
import { evaluationVisibleSql } from '../../access.js';
import type { JobContext, JobOutcome } from '../../jobs/kinds.js';
import type { JobQueue, JobView } from '../../jobs/queue.js';

async function frameworkOf(db: Kysely<DB>, frameworkVersionId: number): Promise<Framework> {
  const fv = await loadFrameworkVersion(db, frameworkVersionId);
  if (!fv) throw notFound('指标框架版本');
  return fv.framework;
}

/** The stored document re-scored; `framework` is the round's (loaded once for a whole round). */
async function scoredOf(db: Kysely<DB>, actor: Actor, id: number, framework?: Framework): Promise<Scored> {
  const detail = await getEvaluation(db, actor, id); // 404 unless the caller may read it
  if (!framework) {
    const { framework_version_id } = await db
      .selectFrom('evaluations as e')
      .innerJoin('rounds as r', 'r.id', 'e.round_id')
      .select('r.framework_version_id')
      .where('e.id', '=', id)
      .executeTakeFirstOrThrow();
    framework = await frameworkOf(db, framework_version_id);
  }
  const evaluation = EvaluationSchema.parse(detail.document);
  return { framework, evaluation, result: scoreCompiled(framework, evaluation) };
}

/**
 * One Chromium for the server's PDFs, launched on the first PDF asked for and closed with the
 * server; relaunched if it went away.
 */
export class ReportService {
  private engine: Promise<PdfEngine> | undefined;
  constructor(private readonly pdfConcurrency = 2) {}

  async pdf(): Promise<PdfEngine> {
    const current = this.engine ? await this.engine.catch(() => undefined) : undefined;
    if (current?.connected) return current;
    this.engine = PdfEngine.launch({ concurrency: this.pdfConcurrency });
    try {
      return await this.engine;
    } catch (e) {
      this.engine = undefined;
      if (e instanceof PdfUnavailableError)
        throw new ApiError(503, 'pdf-unavailable', `暂时无法生成 PDF：${e.message}`);
      throw e;
    }
  }

  async render(
    db: Kysely<DB>,
    actor: Actor,
    id: number,
    format: ReportFormat,
    opts: { document?: 'report' | 'review' } = {},
  ): Promise<RenderedReport> {
    const scored = await scoredOf(db, actor, id);
    try {
      return await renderReport(scored, format, { ...opts, ...(format === 'pdf' ? { pdf: await this.pdf() } : {}) });
    } catch (e) {
      // The PDF engine's queue full, or a print failed on a fresh page too: said, not a 500.
      if (e instanceof PdfBusyError)
        throw new ApiError(503, 'pdf-busy', e.message, undefined, undefined, { 'Retry-After': '5' });
      if (e instanceof PdfError && !(e instanceof PdfUnavailableError))
        throw new ApiError(503, 'pdf-failed', e.message);
      throw e;
    }
  }

  async close(): Promise<void> {
    const e = this.engine ? await this.engine.catch(() => undefined) : undefined;
    this.engine = undefined;
    await e?.close().catch(() => undefined);
  }

  /** Queues zipping the round's evaluations the caller may read; the job belongs to the caller. */
  async startRoundZip(
    jobs: JobQueue,
    db: Kysely<DB>,
    actor: Actor,
    roundId: number,
    formats: ReportFormat[],
  ): Promise<JobView> {
    const round = await getRound(db, actor, roundId); // 404 outside the caller's region
    const { n } = await db
      .selectFrom('evaluations as e')
      .innerJoin('organisations as o', 'o.id', 'e.org_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('e.round_id', '=', roundId)
      .where(evaluationVisibleSql(actor))
      .executeTakeFirstOrThrow();
    return jobs.enqueue(
      'round-zip',
      actor,
      { roundId, formats },
      { total: Number(n) * formats.length, fileName: `${safeFileName(round.name)}.zip`, regionId: round.regionId },
    );
  }
}

const RoundZipParams = z.object({
  roundId: z.number().int().positive(),
  formats: z.array(z.enum(REPORT_FORMATS)).min(1),
});

/** Evaluations read, scored and rendered at a time: the database is asked once per batch, not per evaluation. */
const ZIP_BATCH = 100;

/**
 * The round-zip job, on a worker: the evaluations the starter may read now, each rendered from its
 * stored document re-scored (the compiled engine, once per round's plan), one folder per unit. The
 * documents are read a batch at a time and each file goes into the zip as soon as it is rendered, so
 * memory holds one batch and the compressed zip. PDFs use the worker's Chromium.
 */
export async function runRoundZip(ctx: JobContext): Promise<JobOutcome> {
  const { roundId, formats } = RoundZipParams.parse(ctx.params);
  const round = await getRound(ctx.db, ctx.actor, roundId);
  const evaluations = await listEvaluations(ctx.db, ctx.actor, { roundId });
  const total = evaluations.length * formats.length;
  ctx.progress({ done: 0, total });
  const framework = await frameworkOf(ctx.db, round.frameworkVersionId);
  let pdf: PdfEngine | undefined;
  if (formats.includes('pdf')) {
    if (!ctx.reports) throw new Error('此进程没有 PDF 引擎');
    pdf = await ctx.reports.pdf();
  }
  const zip = new ReportZip(total, {
    concurrency: 2,
    onProgress: (p) => ctx.progress({ done: p.done, name: p.name, ...(p.error ? { error: p.error } : {}) }),
  });
  for (let i = 0; i < evaluations.length; i += ZIP_BATCH) {
    ctx.throwIfCancelled();
    const ids = evaluations.slice(i, i + ZIP_BATCH).map((e) => e.id);
    const rows = await ctx.db.selectFrom('evaluations').select(['id', 'document']).where('id', 'in', ids).execute();
    const documents = new Map(rows.map((r) => [r.id, r.document]));
    const scored: Scored[] = [];
    for (const id of ids) {
      // Deleted since the list was read: nothing to render.
      if (!documents.has(id)) continue;
      const evaluation = EvaluationSchema.parse(documents.get(id));
      scored.push({ framework, evaluation, result: scoreCompiled(framework, evaluation) });
    }
    await zip.add(
      roundEntries(scored, formats, pdf ? { pdf } : {}).map((e) => ({
        ...e,
        render: () => {
          ctx.throwIfCancelled();
          return e.render();
        },
      })),
    );
  }
  return { file: zip.finish() };
}
