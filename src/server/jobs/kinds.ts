/** @module Every kind of background job: what it runs, how often it may be tried, how long it may take. */
import type { Kysely } from 'kysely';
import type { JobKind } from '../../core/jobs.js';
import { JOB_KIND_LABELS } from '../../core/jobs.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../access.js';
import { runRoundZip } from '../resources/reports/service.js';
import type { ReportService } from '../resources/reports/service.js';
import { runImportAudit } from './import-audit.js';
import { runRoundReminders } from './reminders.js';
import { runRoundRescore } from './rescore.js';

/** What a job is given: the database, its starter (whose scope it runs in), progress and cancel. */
export interface JobContext {
  /** The job's id (job_runs.id): what it was started with is kept under it (job_inputs). */
  jobId: string;
  db: Kysely<DB>;
  actor: Actor;
  params: Record<string, unknown>;
  signal: AbortSignal;
  /** The worker's PDF engine owner. */
  reports: ReportService | undefined;
  progress(p: { done: number; total?: number; name?: string; error?: string }): void;
  /** Throws when the job was cancelled (or taken over): call it between items. */
  throwIfCancelled(): void;
}

export interface JobOutcome {
  /** The result file, kept for download. */
  file?: Buffer;
  /** A line for the starter (“已重新计分 1,200 份，其中 3 份总分有变化”). */
  message?: string;
}

export interface JobDefinition {
  label: string;
  /** Tries in all when a worker dies under it (a job's own error is not retried). */
  attempts: number;
  /** pg-boss's last-resort expiry of an active job; the heartbeat sweep is quicker. */
  expireInSeconds: number;
  run(ctx: JobContext): Promise<JobOutcome>;
}

export const JOB_DEFINITIONS = {
  'round-zip': { label: JOB_KIND_LABELS['round-zip'], attempts: 3, expireInSeconds: 3600, run: runRoundZip },
  'round-rescore': {
    label: JOB_KIND_LABELS['round-rescore'],
    attempts: 3,
    expireInSeconds: 3600,
    run: runRoundRescore,
  },
  'round-reminders': {
    label: JOB_KIND_LABELS['round-reminders'],
    attempts: 3,
    expireInSeconds: 600,
    run: runRoundReminders,
  },
  // Each file is parsed in the sandbox (up to a minute per file): an hour covers the largest batch.
  'import-audit': {
    label: JOB_KIND_LABELS['import-audit'],
    attempts: 3,
    expireInSeconds: 3600,
    run: runImportAudit,
  },
} as const satisfies Record<JobKind, JobDefinition>;
