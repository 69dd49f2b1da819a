/**
 * @module The dashboard's “indicators most missed” (失分最多的指标), two ways to the same ten rows: from
 * the round's running sums (evaluation_indicator_sums, migration 0140: a few hundred rows) when the
 * caller sees the whole round, else from the indicator rows (evaluation_scores) of the evaluations it
 * sees. test/server/dashboard-sql.test.ts holds the two equal.
 */
import { type Kysely, sql } from 'kysely';
import type { Status } from '../../../core/workflow.js';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../access.js';
import { scoped } from './scope.js';

/** One indicator, numerics as PostgreSQL writes them (strings). */
export interface MissedRow {
  id: string;
  name: string;
  path: string[];
  weight: string;
  units: number;
  lost_count: number;
  missed_count: number;
  incomplete_count: number;
  lost: string;
  avg: string;
}

export const MISSED_TOP = 10;

/** From the running sums: every evaluation of the round in these statuses (the caller sees them all). */
export async function missedFromSums(
  db: Kysely<DB>,
  roundId: number,
  statuses: readonly Status[],
): Promise<MissedRow[]> {
  const lostSql = sql<number>`sum(s.lost_count)`;
  return db
    .selectFrom('evaluation_indicator_sums as s')
    .where('s.round_id', '=', roundId)
    .where('s.status', 'in', [...statuses])
    .select([
      's.node_id as id',
      sql<string>`min(s.name)`.as('name'),
      sql<string[]>`min(s.path)`.as('path'),
      sql<string>`max(s.weight)`.as('weight'),
      sql<number>`sum(s.units)`.as('units'),
      lostSql.as('lost_count'),
      sql<number>`sum(s.missed_count)`.as('missed_count'),
      sql<number>`sum(s.incomplete_count)`.as('incomplete_count'),
      sql<string>`sum(s.lost)`.as('lost'),
      sql<string>`sum(s.score_sum) / nullif(sum(s.units), 0)`.as('avg'),
    ])
    .groupBy('s.node_id')
    .having(lostSql, '>', 0)
    .orderBy('lost_count', 'desc')
    .orderBy('lost', 'desc')
    .orderBy('name')
    .limit(MISSED_TOP)
    .execute();
}

/** From every indicator row of the round's evaluations in these statuses that `actor` sees. */
export async function missedFromScores(
  db: Kysely<DB>,
  actor: Actor,
  round: { id: number; regionId: number },
  statuses: readonly Status[],
): Promise<MissedRow[]> {
  const lostSql = sql<number>`count(*) filter (where s.score < s.weight)`;
  return scoped(db, actor, round, statuses)
    .innerJoin('evaluation_scores as s', 's.evaluation_id', 'e.id')
    .where('s.round_id', '=', round.id)
    .where('s.leaf', '=', true)
    .select([
      's.node_id as id',
      sql<string>`min(s.name)`.as('name'),
      sql<string[]>`min(s.path)`.as('path'),
      sql<string>`max(s.weight)`.as('weight'),
      sql<number>`count(*)`.as('units'),
      lostSql.as('lost_count'),
      sql<number>`count(*) filter (where s.missed)`.as('missed_count'),
      sql<number>`count(*) filter (where s.incomplete)`.as('incomplete_count'),
      sql<string>`sum(greatest(s.weight - s.score, 0))`.as('lost'),
      sql<string>`avg(s.score)`.as('avg'),
    ])
    .groupBy('s.node_id')
    .having(lostSql, '>', 0)
    .orderBy('lost_count', 'desc')
    .orderBy('lost', 'desc')
    .orderBy('name')
    .limit(MISSED_TOP)
    .execute();
}
