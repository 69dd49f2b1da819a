/**
 * @module Migration 0090: the score model's summary figures as columns of `evaluations`, written with
 * the stored result on every save, so lists, heads and dashboards read them without opening the
 * result (a toasted jsonb of ~14 KB: six `result->>…` per row decompressed it six times). Backfilled
 * from the stored results.
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const m0090_engine_result_columns: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up: async (db: Kysely<any>) => {
    await sql`alter table evaluations
      add column strict_total numeric(8, 2),
      add column strict_grade text,
      add column claimed_total numeric(8, 2),
      add column unverifiable_count integer,
      add column unverifiable_points numeric(8, 2),
      add column grade_may_change boolean`.execute(db);
    await backfillResultColumns(db);
  },
};

/** Fills the columns from each stored result (the migration's second step; exported for its test). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function backfillResultColumns(db: Kysely<any>): Promise<void> {
  await sql`update evaluations set
      strict_total = (result->>'strictTotal')::numeric,
      strict_grade = result->>'strictGrade',
      claimed_total = coalesce(result->>'statedTotal', result->>'claimedTotal')::numeric,
      unverifiable_count = (result->'unverifiable'->>'count')::integer,
      unverifiable_points = (result->'unverifiable'->>'points')::numeric,
      grade_may_change = (result->>'gradeMayChange')::boolean
      where result is not null`.execute(db);
}
