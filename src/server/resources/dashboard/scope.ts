/**
 * @module Which evaluations of a round a dashboard figure covers: the scope's statuses, and the
 * evaluations the caller may see (evaluationVisibleSql) — or, when the caller sees the whole round,
 * no visibility condition at all, so the aggregates read `evaluations` alone through its indexes.
 */
import { type Kysely, type RawBuilder, sql, type SqlBool } from 'kysely';
import { PUBLIC_STATUSES, type Status, STATUSES } from '../../../core/workflow.js';
import type { DB } from '../../../db/schema.js';
import { type Actor, BUREAU_ROLES, evaluationVisibleSql } from '../../access.js';
import type { DashboardScope } from './contract.js';

export const SCOPE_STATUSES: Record<DashboardScope, readonly Status[]> = {
  approved: PUBLIC_STATUSES,
  submitted: ['submitted_bureau', ...PUBLIC_STATUSES],
  all: STATUSES,
};

export const SCOPE_LABELS: Record<DashboardScope, string> = {
  approved: '已通过（含已锁定）',
  submitted: '已报送财政局（含已通过）',
  all: '全部（含草稿）',
};

/**
 * Whether the caller sees every evaluation of the round (of the statuses it may see): the system, and
 * the bureau and public of the round's region — every evaluation of a round is of a unit of the
 * round's region (createEvaluation refuses any other). A unit sees only its own part of it.
 */
export function seesWholeRound(actor: Actor, round: { regionId: number }): boolean {
  if (actor.role === 'system') return true;
  return (BUREAU_ROLES.has(actor.role) || actor.role === 'public') && actor.regionId === round.regionId;
}

/** The scope's statuses the caller may see (the public: the approved ones only). */
export function visibleStatuses(actor: Actor, statuses: readonly Status[]): Status[] {
  return actor.role === 'public' ? statuses.filter((s) => PUBLIC_STATUSES.includes(s)) : [...statuses];
}

/** The visibility condition on `evaluations as e`: none for the whole round, else through its organisation. */
export function visibleSql(actor: Actor, whole: boolean): RawBuilder<SqlBool> {
  if (whole) return sql<SqlBool>`true`;
  return sql<SqlBool>`exists (select 1 from organisations o where o.id = e.org_id and ${evaluationVisibleSql(actor)})`;
}

/** The FROM/WHERE every dashboard aggregate shares: the round's scored evaluations in scope that the caller sees. */
export function scoped(
  db: Kysely<DB>,
  actor: Actor,
  round: { id: number; regionId: number },
  statuses: readonly Status[],
) {
  // Every scope holds the approved statuses, so the public's list is never empty.
  return db
    .selectFrom('evaluations as e')
    .where('e.round_id', '=', round.id)
    .where('e.status', 'in', visibleStatuses(actor, statuses))
    .where('e.total', 'is not', null)
    .where(visibleSql(actor, seesWholeRound(actor, round)));
}
