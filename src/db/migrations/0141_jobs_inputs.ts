/**
 * @module Migration 0141_jobs_inputs: the files a job was started with (the reports of an
 * import-and-audit job), kept in the database until the job is deleted, so that whichever worker takes
 * the job reads them — the instance that received the upload may be another machine.
 */
import { type Kysely, type Migration, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const m0141_jobs_inputs: Migration = {
  up: async (db: AnyDb) => {
    await sql`create table job_inputs (
      job_id uuid not null references job_runs(id) on delete cascade,
      ord integer not null,
      name text not null,
      content bytea not null,
      primary key (job_id, ord)
    )`.execute(db);
  },
};
