// What the cycle's resources share: the typed database, the caller's scope on a row, the region's settings, field problems.
import type { Kysely, Transaction } from 'kysely';
import { sql, type SqlBool } from 'kysely';
import { type CycleFinding, DEFAULT_RESULT_RULES } from '../../../core/cycle/index.js';
import { fieldName } from '../../../core/input.js';
import { appendAudit, type AuditEntity, type AuditEntry, type Executor } from '../../../db/audit.js';
import type { CycleDB } from '../../../db/cycle-schema.js';
import type { DB } from '../../../db/schema.js';
import { type Actor, orgVisibleSql } from '../../access.js';
import { badRequest, conflict, type FieldProblem } from '../../errors.js';

export type CDb = Kysely<CycleDB> | Transaction<CycleDB>;
/** The cycle's tables live in CycleDB (src/db/cycle-schema.ts), a superset of DB. */
export const cdb = (db: Kysely<DB>): Kysely<CycleDB> => db as unknown as Kysely<CycleDB>;

/** A row of a cycle table joined to organisations `o`: what the actor may see (public: never, unless said). */
export function rowVisibleSql(a: Actor): ReturnType<typeof orgVisibleSql> {
  if (a.role === 'public') return sql<SqlBool>`false`;
  return orgVisibleSql(a, 'o');
}

export function auditOf(
  actor: Actor,
  entity: AuditEntity,
  row: { id: number; org_id: number; region_id: number },
): Pick<AuditEntry, 'actorId' | 'actorName' | 'regionId' | 'orgId' | 'entity' | 'entityId'> {
  return {
    actorId: actor.userId,
    actorName: actor.name,
    regionId: row.region_id,
    orgId: row.org_id,
    entity,
    entityId: row.id,
  };
}

export interface RegionSettings {
  lagThreshold: number;
  monitoringMonths: number[];
  resultRules: Record<string, string>;
  publishTargets: boolean;
}

export async function settingsOf(db: CDb, regionId: number): Promise<RegionSettings> {
  const r = await db.selectFrom('cycle_settings').selectAll().where('region_id', '=', regionId).executeTakeFirst();
  return {
    lagThreshold: r ? Number(r.lag_threshold) : 10,
    monitoringMonths: r?.monitoring_months ?? [6, 9],
    resultRules: r?.result_rules ?? DEFAULT_RESULT_RULES,
    publishTargets: r?.publish_targets ?? false,
  };
}

/** Findings at 错误 level refuse the request: a 400 naming each field. */
export function refuseErrors(findings: CycleFinding[], prefix: string, lead: string): void {
  const errs = findings.filter((f) => f.severity === 'error');
  if (errs.length)
    throw badRequest(
      errs.map((f): FieldProblem => ({ field: fieldName([prefix, ...f.path]), message: f.message })),
      lead,
    );
}

/** zod output → field problems under a prefix (document.indicators[2].source). */
export function zodProblems(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  prefix: string,
): FieldProblem[] {
  return issues.slice(0, 20).map((i) => ({ field: fieldName([prefix, ...i.path]), message: i.message }));
}

export function staleRow(what: string, current: number, given: number): never {
  throw conflict(
    'version-conflict',
    `保存冲突：这份${what}已被他人修改（当前版本 ${current}，您提交时基于版本 ${given}）。请刷新后重新操作。`,
    { currentVersion: current, yourVersion: given },
  );
}

export async function orgOf(db: CDb, orgId: number) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'region_id'])
    .where('id', '=', orgId)
    .executeTakeFirst();
}

export const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** The approved targets of a unit's year, if any (for the 自评 and monitoring). */
export async function approvedTargetsOf(db: CDb, orgId: number, year: number) {
  const r = await db
    .selectFrom('target_sets')
    .select(['id', 'approved'])
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return r?.approved ? { id: r.id, approved: r.approved } : undefined;
}

/** The audit log, written in the transaction of the change (CycleDB's transactions are DB's with more tables). */
export const appendCycleAudit = (db: CDb, e: AuditEntry): Promise<void> => appendAudit(db as unknown as Executor, e);
