/**
 * @module The 自评表 and 自评报告 of evaluations as files (issue 5), for whoever may read the evaluation:
 * one evaluation in one format at once, a whole round as a zip in the background with progress.
 * Documents are rendered from the stored document re-scored by the core, so a file always agrees
 * with the rules of the round's frozen framework version.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { EvaluationSchema } from '../../../core/evaluation.js';
import type { Framework } from '../../../core/framework/model.js';
import { score } from '../../../core/scoring.js';
import { loadFrameworkVersion } from '../../../db/frameworks.js';
import type { DB } from '../../../db/schema.js';
import {
  PdfEngine,
  PdfUnavailableError,
  renderReport,
  type RenderedReport,
  type ReportFormat,
  roundEntries,
  type Scored,
  zipReports,
} from '../../../reports/index.js';
import { safeFileName } from '../../../reports/zip.js';
import type { Actor } from '../../access.js';
import { ApiError, conflict, notFound } from '../../errors.js';
import { getEvaluation, listEvaluations } from '../evaluations/service.js';
import { getRound } from '../rounds/service.js';
import type { ReportJob } from './contract.js';

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
  return { framework, evaluation, result: score(framework, evaluation) };
}

/**
 * One Chromium for the server's PDFs, launched on the first PDF asked for and closed with the
 * server; relaunched if it went away.
 */
export class ReportService {
  private engine: Promise<PdfEngine> | undefined;
  readonly jobs = new ReportJobs();

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
    return renderReport(scored, format, { ...opts, ...(format === 'pdf' ? { pdf: await this.pdf() } : {}) });
  }

  async close(): Promise<void> {
    const e = this.engine ? await this.engine.catch(() => undefined) : undefined;
    this.engine = undefined;
    await e?.close().catch(() => undefined);
  }

  /** Starts zipping the round's evaluations the caller may read; the job belongs to the caller. */
  async startRoundZip(db: Kysely<DB>, actor: Actor, roundId: number, formats: ReportFormat[]): Promise<ReportJob> {
    const round = await getRound(db, actor, roundId);
    const evaluations = await listEvaluations(db, actor, { roundId });
    const job = this.jobs.create(actor, `${safeFileName(round.name)}.zip`, evaluations.length * formats.length);
    void (async () => {
      try {
        const framework = await frameworkOf(db, round.frameworkVersionId);
        const scored: Scored[] = [];
        for (const e of evaluations) scored.push(await scoredOf(db, actor, e.id, framework));
        const pdf = formats.includes('pdf') ? await this.pdf() : undefined;
        const data = await zipReports(roundEntries(scored, formats, pdf ? { pdf } : {}), {
          concurrency: 2,
          onProgress: (p) => {
            job.done = p.done;
            job.name = p.name;
            if (p.error) job.errors.push({ name: p.name, message: p.error });
          },
        });
        job.data = data;
        job.state = 'done';
      } catch (e) {
        job.state = 'failed';
        job.message = e instanceof Error ? e.message : String(e);
      }
      job.finishedAt = Date.now();
    })();
    return view(job);
  }
}

interface Job {
  id: string;
  userId: number | null;
  state: ReportJob['state'];
  done: number;
  total: number;
  name: string;
  errors: ReportJob['errors'];
  message: string | null;
  fileName: string;
  data?: Buffer;
  createdAt: number;
  finishedAt?: number;
}

const view = (j: Job): ReportJob => ({
  id: j.id,
  state: j.state,
  done: j.done,
  total: j.total,
  name: j.name,
  errors: j.errors,
  message: j.message,
  fileName: j.fileName,
  size: j.data ? j.data.length : null,
});

/**
 * Zip jobs, in memory: a finished zip is kept 30 minutes for its download. One running job per
 * user, a few in all, so that a busy day cannot exhaust the server.
 */
export class ReportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly keepMs = 30 * 60_000,
    private readonly maxRunning = 3,
  ) {}

  private sweep(): void {
    const now = Date.now();
    for (const [id, j] of this.jobs)
      if (j.finishedAt !== undefined && now - j.finishedAt > this.keepMs) this.jobs.delete(id);
  }

  create(actor: Actor, fileName: string, total: number): Job {
    this.sweep();
    const running = [...this.jobs.values()].filter((j) => j.state === 'running');
    if (running.some((j) => j.userId === actor.userId))
      throw conflict('job-running', '您已有一个批量导出正在进行，请等它完成后再试');
    if (running.length >= this.maxRunning) throw new ApiError(503, 'busy', '服务器正在处理其他批量导出，请稍后再试');
    const job: Job = {
      id: randomUUID(),
      userId: actor.userId,
      state: 'running',
      done: 0,
      total,
      name: '',
      errors: [],
      message: null,
      fileName,
      createdAt: Date.now(),
    };
    this.jobs.set(job.id, job);
    return job;
  }

  private own(actor: Actor, id: string): Job {
    const j = this.jobs.get(id);
    // Someone else's job is as unknown as a job that never was.
    if (!j || j.userId !== actor.userId) throw notFound('导出任务');
    return j;
  }

  get(actor: Actor, id: string): ReportJob {
    return view(this.own(actor, id));
  }

  download(actor: Actor, id: string): { data: Buffer; fileName: string } {
    const j = this.own(actor, id);
    if (j.state === 'running') throw conflict('job-running', '导出尚未完成，请稍候');
    if (!j.data) throw new ApiError(410, 'failed', `导出失败：${j.message ?? '未知原因'}`);
    return { data: j.data, fileName: j.fileName };
  }
}
