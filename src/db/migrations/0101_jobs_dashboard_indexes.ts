/**
 * @module Migration 0101_jobs_dashboard_indexes: what the dashboard and progress aggregates need on
 * 20,000-unit rounds (docs/performance.md, “Dashboards at scale”): a round's evaluations by status
 * with their totals (an index-only count by status, the ranking in index order) and a unit's history
 * across rounds for the year-over-year column.
 */
import { type Kysely, type Migration, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const STATEMENTS = [
  `create index evaluations_round_status on evaluations (round_id, status) include (org_id, total)`,
  `create index evaluations_round_total on evaluations (round_id, total desc) where total is not null`,
  `create index evaluations_org_round on evaluations (org_id, round_id) include (status, total)`,
  `create index rounds_region_year on rounds (region_id, year)`,
];

export const m0101_jobs_dashboard_indexes: Migration = {
  up: async (db: AnyDb) => {
    for (const s of STATEMENTS) await sql.raw(s).execute(db);
  },
};
