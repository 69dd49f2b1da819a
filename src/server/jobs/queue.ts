/**
 * @module The background job queue: pg-boss on the application's own database (PostgreSQL, or
 * embedded PGlite through Database.executeSql), with job_runs holding what people see — owner,
 * progress, result file — so that any instance can answer for any job.
 *
 * Who does what:
 * - every instance may enqueue, read, cancel and download (role `client`);
 * - an instance with `work: true` also runs jobs (jixiao worker, or the default one-process setup).
 * A running job writes a heartbeat to its job_runs row every `heartbeatMs`. Workers sweep for rows
 * whose heartbeat is older than `staleMs` — their worker was killed — and hand the job back to
 * pg-boss as failed, which puts it on the queue again while attempts remain. Errors inside a job are
 * reported on the job and not retried: running it again would fail the same way.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import { type Kysely, sql } from 'kysely';
import { isJobFinished, type JobKind, type JobState } from '../../core/jobs.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { type Actor, systemActor } from '../access.js';
import { ApiError, conflict, notFound } from '../errors.js';
import { loadActor } from '../resources/auth/service.js';
import type { ReportService } from '../resources/reports/service.js';
import { JobFiles } from './files.js';
import { JOB_DEFINITIONS, type JobContext, type JobOutcome } from './kinds.js';

export interface JobQueueOptions {
  /** Run jobs in this process (jixiao worker; the default one-process setup). */
  work?: boolean;
  /** pg-boss's schema (default $JIXIAO_QUEUE_SCHEMA, else the database's own schema if it has one, else pgboss). */
  schema?: string;
  /** Keep result files in this directory, shared by every instance; default: in the database. */
  filesDir?: string;
  /** Jobs this worker runs at once, per kind (default 1). */
  concurrency?: number;
  heartbeatMs?: number;
  staleMs?: number;
  /** Finished jobs and their files are kept this long (default 30 minutes). */
  keepMs?: number;
  pollSeconds?: number;
  /** Jobs queued or running at once, all users together, before new ones get 503. */
  maxActive?: number;
  /** The PDF engine's owner (a worker's Chromium). */
  reports?: ReportService;
  log?: (line: string) => void;
}

/** A job as the API shows it. */
export interface JobView {
  id: string;
  kind: JobKind;
  state: JobState;
  done: number;
  total: number;
  name: string;
  errors: Array<{ name: string; message: string }>;
  message: string | null;
  fileName: string;
  size: number | null;
  attempts: number;
  createdAt: string;
  finishedAt: string | null;
}

class Cancelled extends Error {}

const queueName = (kind: JobKind) => `jixiao-${kind}`;

const newWorkerId = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export class JobQueue {
  readonly files: JobFiles;
  /**
   * pg-boss, a new one each start: a stopped PgBoss started again keeps itself marked stopped — it
   * never maintains the queue again and leaves its maintenance timer running after the next stop,
   * so the process never ends.
   */
  private pgBoss: PgBoss;
  /** This worker while started; a new one each start, so that a job left running by the previous start is not taken for this one's. */
  private worker = newWorkerId();
  private readonly o: Required<Omit<JobQueueOptions, 'filesDir' | 'reports' | 'log' | 'schema'>>;
  private readonly running = new Map<string, AbortController>();
  private started: Promise<void> | undefined;
  private stopping = false;
  /** Stopped after a start: the next start begins with a new pg-boss. */
  private stopped = false;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    readonly database: Database,
    private readonly opts: JobQueueOptions = {},
  ) {
    this.o = {
      work: opts.work ?? false,
      concurrency: opts.concurrency ?? 1,
      heartbeatMs: opts.heartbeatMs ?? 2000,
      staleMs: opts.staleMs ?? 20_000,
      keepMs: opts.keepMs ?? 30 * 60_000,
      pollSeconds: opts.pollSeconds ?? 1,
      maxActive: opts.maxActive ?? 20,
    };
    this.files = new JobFiles(database.db, opts.filesDir);
    this.pgBoss = this.newBoss();
  }

  private newBoss(): PgBoss {
    const boss = new PgBoss({
      db: { executeSql: (text: string, values: unknown[]) => this.database.executeSql(text, values) },
      schema: this.opts.schema ?? (process.env.JIXIAO_QUEUE_SCHEMA?.trim() || this.database.schema || 'pgboss'),
      // Only workers look after the queue (expiry, archiving); an API instance just sends.
      supervise: this.o.work,
      schedule: false,
      migrate: true,
      maintenanceIntervalSeconds: 60,
    });
    boss.on('error', (e) => this.log(`任务队列出错：${(e as Error).message}`));
    return boss;
  }

  get boss(): PgBoss {
    return this.pgBoss;
  }

  get workerId(): string {
    return this.worker;
  }

  get works(): boolean {
    return this.o.work;
  }

  private log(line: string): void {
    this.opts.log?.(line);
  }

  /** Starts pg-boss (creating its schema the first time) and, on a worker, the job loops. Idempotent. */
  start(): Promise<void> {
    return (this.started ??= (async () => {
      this.stopping = false;
      if (this.stopped) {
        this.pgBoss = this.newBoss();
        this.worker = newWorkerId();
        this.stopped = false;
      }
      await this.boss.start();
      for (const kind of Object.keys(JOB_DEFINITIONS) as JobKind[]) {
        const def = JOB_DEFINITIONS[kind];
        const name = queueName(kind);
        if (!(await this.boss.getQueue(name))) {
          await this.boss
            .createQueue(name, {
              name,
              retryLimit: def.attempts - 1,
              // pg-boss's own expiry is the last resort; the heartbeat sweep finds lost jobs sooner.
              expireInSeconds: def.expireInSeconds,
            })
            .catch(async (e) => {
              if (!(await this.boss.getQueue(name))) throw e; // another instance created it meanwhile
            });
        }
      }
      if (this.o.work) {
        for (const kind of Object.keys(JOB_DEFINITIONS) as JobKind[])
          for (let i = 0; i < this.o.concurrency; i++)
            await this.boss.work<{ kind: JobKind }>(
              queueName(kind),
              { batchSize: 1, pollingIntervalSeconds: this.o.pollSeconds },
              async ([job]) => {
                if (job) await this.run(kind, job.id);
              },
            );
        this.sweeper = setInterval(() => void this.sweep().catch(() => {}), Math.max(500, this.o.staleMs / 4));
        this.sweeper.unref();
        await this.sweep();
      }
    })());
  }

  /**
   * Stops taking jobs. A worker waits up to `graceMs` for its running jobs, then hands those still
   * running back to the queue (another worker starts them again).
   */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.started) return;
    this.stopping = true;
    clearInterval(this.sweeper);
    await this.started.catch(() => {});
    const ids = [...this.running.keys()];
    await this.boss.stop({ graceful: true, wait: true, timeout: Math.max(1000, graceMs), close: false });
    for (const ac of this.running.values()) ac.abort();
    if (ids.length)
      await this.database.db
        .updateTable('job_runs')
        .set({ state: 'queued', worker: null, message: '执行它的进程已停止，已重新排队' })
        .where('id', 'in', ids)
        .where('state', '=', 'running')
        .where('worker', '=', this.workerId)
        .execute()
        .catch(() => {});
    this.started = undefined;
    this.stopped = true;
  }

  /** Puts a job on the queue for `actor`; `total` is the first estimate of its items. */
  async enqueue(
    kind: JobKind,
    actor: Actor,
    params: Record<string, unknown>,
    info: {
      total: number;
      fileName?: string;
      regionId?: number | null;
      /** Stores what the job is started with (its uploaded files), after its row and before it is queued. */
      attach?: (db: Kysely<DB>, jobId: string) => Promise<void>;
    },
  ): Promise<JobView> {
    await this.start();
    const db = this.database.db;
    const active = await db
      .selectFrom('job_runs')
      .select([
        (eb) => eb.fn.countAll<number>().as('all'),
        sql<number>`count(*) filter (where user_id = ${actor.userId ?? -1} and kind = ${kind})`.as('mine'),
      ])
      .where('state', 'in', ['queued', 'running'])
      .executeTakeFirstOrThrow();
    if (actor.userId !== null && Number(active.mine) > 0)
      throw conflict('job-running', `您已有一个“${JOB_DEFINITIONS[kind].label}”任务正在进行，请等它完成后再试`);
    if (Number(active.all) >= this.o.maxActive)
      throw new ApiError(503, 'busy', '服务器正在处理较多后台任务，请稍后再试');
    const id = randomUUID();
    await db
      .insertInto('job_runs')
      .values({
        id,
        kind,
        user_id: actor.userId,
        region_id: info.regionId ?? actor.regionId,
        total: info.total,
        params: JSON.stringify(params),
        file_name: info.fileName ?? null,
      })
      .execute();
    try {
      await info.attach?.(db, id);
    } catch (e) {
      await db.deleteFrom('job_runs').where('id', '=', id).execute();
      throw e;
    }
    try {
      await this.boss.send(queueName(kind), { kind }, { id });
    } catch (e) {
      await db
        .updateTable('job_runs')
        .set({ state: 'failed', message: `无法排队：${(e as Error).message}`, finished_at: new Date() })
        .where('id', '=', id)
        .execute();
      throw e;
    }
    return this.view(actor, id);
  }

  private async row(actor: Actor, id: string) {
    const r = await this.database.db.selectFrom('job_runs').selectAll().where('id', '=', id).executeTakeFirst();
    // Someone else's job is as unknown as a job that never was.
    if (!r || (actor.role !== 'system' && r.user_id !== actor.userId)) throw notFound('后台任务');
    return r;
  }

  async view(actor: Actor, id: string): Promise<JobView> {
    const r = await this.row(actor, id);
    return {
      id: r.id,
      kind: r.kind,
      state: r.state,
      done: r.done,
      total: r.total,
      name: r.current,
      errors: r.errors,
      message: r.message,
      fileName: r.file_name ?? '',
      size: r.file_size === null ? null : Number(r.file_size),
      attempts: r.attempts,
      createdAt: new Date(r.created_at).toISOString(),
      finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    };
  }

  /** The finished job's file; 409 while it runs, 410 when it failed, was cancelled or expired. */
  async download(actor: Actor, id: string): Promise<{ data: Buffer; fileName: string }> {
    const r = await this.row(actor, id);
    if (!isJobFinished(r.state)) throw conflict('job-running', '任务尚未完成，请稍候');
    if (r.state === 'cancelled') throw new ApiError(410, 'cancelled', '任务已取消，没有文件');
    if (r.state === 'failed') throw new ApiError(410, 'failed', `任务失败：${r.message ?? '未知原因'}`);
    const data = r.file_size === null ? undefined : await this.files.get(r.id, r.file_path);
    if (!data) throw new ApiError(410, 'gone', '文件已过期或不存在，请重新发起');
    return { data, fileName: r.file_name ?? `${r.id}.bin` };
  }

  /** Cancels a queued or running job of the caller's; a finished job stays as it is. */
  async cancel(actor: Actor, id: string): Promise<JobView> {
    const r = await this.row(actor, id);
    if (!isJobFinished(r.state)) {
      await this.database.db
        .updateTable('job_runs')
        .set({
          cancel_requested: true,
          state: sql`case when state = 'queued' then 'cancelled' else state end`,
          finished_at: sql`case when state = 'queued' then now() else finished_at end`,
        })
        .where('id', '=', id)
        .where('state', 'in', ['queued', 'running'])
        .execute();
      await this.start();
      await this.boss.cancel(queueName(r.kind), id).catch(() => {});
    }
    return this.view(actor, id);
  }

  /** Runs one job on this worker (pg-boss has handed it to us). */
  private async run(kind: JobKind, id: string): Promise<void> {
    const db = this.database.db;
    const def = JOB_DEFINITIONS[kind];
    const me = this.workerId; // this start's, for the whole run
    const claimed = await db
      .updateTable('job_runs')
      .set({
        state: 'running',
        worker: me,
        attempts: sql`attempts + 1`,
        started_at: new Date(),
        heartbeat_at: new Date(),
        done: 0,
        current: '',
        errors: '[]',
        message: null,
      })
      .where('id', '=', id)
      .where('state', 'in', ['queued', 'running'])
      .where('cancel_requested', '=', false)
      .returningAll()
      .executeTakeFirst();
    if (!claimed) return; // cancelled, or swept away: nothing to do
    // The end, and (in the same transaction, so no reader sees the one without the other) the files
    // it was started with dropped: a job that ended is never run again — unless another worker took
    // it over meanwhile, and then the row and the files are that worker's.
    const finish = (
      state: JobState,
      patch: { message?: string | null; file_size?: number; file_path?: string | null },
    ) =>
      db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('job_runs')
          .set({ state, finished_at: new Date(), heartbeat_at: new Date(), ...patch })
          .where('id', '=', id)
          .where('worker', '=', me)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) > 0) await trx.deleteFrom('job_inputs').where('job_id', '=', id).execute();
      });

    const actor = claimed.user_id === null ? systemActor('后台任务') : await loadActor(db, claimed.user_id);
    if (!actor) {
      await finish('failed', { message: '发起任务的账号已停用或删除' });
      return;
    }
    const ac = new AbortController();
    this.running.set(id, ac);
    const progress = { done: 0, total: claimed.total, current: '', errors: [] as JobView['errors'] };
    let beating: Promise<void> = Promise.resolve();
    const beat = () =>
      (beating = beating.then(async () => {
        const r = await db
          .updateTable('job_runs')
          .set({
            heartbeat_at: new Date(),
            done: progress.done,
            total: progress.total,
            current: progress.current,
            errors: JSON.stringify(progress.errors.slice(0, 200)),
          })
          .where('id', '=', id)
          .where('state', '=', 'running')
          .where('worker', '=', me)
          .returning('cancel_requested')
          .executeTakeFirst()
          .catch(() => ({ cancel_requested: false })); // the database is away: try again next beat
        // Cancelled, or the row was handed to another worker: stop.
        if (!r || r.cancel_requested) ac.abort(new Cancelled());
      }));
    const timer = setInterval(() => void beat(), this.o.heartbeatMs);
    const ctx: JobContext = {
      jobId: id,
      db,
      actor,
      params: claimed.params,
      signal: ac.signal,
      reports: this.opts.reports,
      progress: (p) => {
        progress.done = p.done;
        if (p.total !== undefined) progress.total = p.total;
        if (p.name !== undefined) progress.current = p.name;
        if (p.error) progress.errors.push({ name: p.name ?? '', message: p.error });
      },
      throwIfCancelled: () => {
        if (ac.signal.aborted) throw new Cancelled();
      },
    };
    try {
      let outcome: JobOutcome;
      try {
        outcome = await def.run(ctx);
        ctx.throwIfCancelled();
      } finally {
        clearInterval(timer);
        await beat();
        await beating;
      }
      let stored: { size: number; path: string | null } | undefined;
      if (outcome.file) stored = await this.files.put(id, outcome.file);
      await finish('done', {
        message: outcome.message ?? null,
        ...(stored ? { file_size: stored.size, file_path: stored.path } : {}),
      });
    } catch (e) {
      if (this.stopping) throw e; // shutting down: pg-boss hands the job back to the queue
      if (ac.signal.aborted) {
        const r = await db.selectFrom('job_runs').select('cancel_requested').where('id', '=', id).executeTakeFirst();
        if (r?.cancel_requested) await finish('cancelled', { message: '已取消' });
        return; // taken over by another worker: its job now
      }
      await finish('failed', { message: e instanceof Error ? e.message : String(e) });
      this.log(`后台任务 ${kind} ${id} 失败：${(e as Error).message}`);
    } finally {
      if (this.running.get(id) === ac) this.running.delete(id);
    }
  }

  /**
   * Jobs whose worker stopped beating (killed, machine gone) back on the queue; finished jobs
   * past their keeping time deleted with their files.
   */
  async sweep(): Promise<void> {
    if (this.stopping) return;
    const db = this.database.db;
    const lost = await db
      .updateTable('job_runs')
      .set({ state: 'queued', worker: null, message: '执行它的进程已停止，已重新排队' })
      .where('state', '=', 'running')
      .where('heartbeat_at', '<', sql<Date>`now() - ${`${this.o.staleMs} milliseconds`}::interval`)
      .returning(['id', 'kind'])
      .execute();
    for (const j of lost) {
      await this.boss.fail(queueName(j.kind), j.id, { message: 'worker lost' }).catch(() => {});
      const b = await this.boss.getJobById(queueName(j.kind), j.id).catch(() => null);
      if (!b || b.state === 'failed')
        await db
          .updateTable('job_runs')
          .set({ state: 'failed', finished_at: new Date(), message: '执行它的进程多次停止，已放弃' })
          .where('id', '=', j.id)
          .where('state', '=', 'queued')
          .execute();
      this.log(`后台任务 ${j.id} 的执行进程已停止，${b?.state === 'retry' ? '已重新排队' : '已放弃'}`);
    }
    const old = await db
      .deleteFrom('job_runs')
      .where('finished_at', '<', sql<Date>`now() - ${`${this.o.keepMs} milliseconds`}::interval`)
      .returning(['id', 'file_path'])
      .execute();
    for (const o of old) await this.files.remove(o.file_path);
  }
}
