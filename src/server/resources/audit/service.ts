/** @module The audit log a caller may read: the region's for the bureau, its own evaluations' for a unit. */
import { type Kysely, sql } from 'kysely';
import { describeEntry } from '../../../core/history.js';
import type { DB } from '../../../db/schema.js';
import { type Actor, isUnitRole, orgVisibleSql, requireRole } from '../../access.js';
import { badRequest } from '../../errors.js';
import { getEvaluation } from '../evaluations/service.js';
import type { AuditEntry, AuditFilter } from './contract.js';

function auditQuery(db: Kysely<DB>) {
  return db
    .selectFrom('audit_log as l')
    .leftJoin('organisations as o', 'o.id', 'l.org_id')
    .select([
      'l.id',
      'l.at',
      'l.actor_id',
      'l.actor_name',
      'l.org_id',
      'l.entity',
      'l.entity_id',
      'l.action',
      'l.changes',
      'l.detail',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof auditQuery>['executeTakeFirstOrThrow']>>;

function view(r: Row): AuditEntry {
  const { sentence, lines } = describeEntry({
    actor: r.actor_name,
    entity: r.entity,
    action: r.action,
    changes: r.changes,
    detail: r.detail,
  });
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actor: r.actor_name,
    orgId: r.org_id,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    changes: r.changes,
    detail: r.detail,
    text: sentence,
    lines,
  };
}

/**
 * The audit log the caller may read: the bureau its region's; a unit the entries about its own
 * evaluations and evidence (and its sub-units'). Newest first, paged by id.
 */
export async function listAudit(db: Kysely<DB>, actor: Actor, f: AuditFilter = {}): Promise<AuditEntry[]> {
  requireRole(actor, ['bureau_admin', 'bureau_reviewer', 'unit_filler', 'unit_leader'], '查看审计日志');
  const limit = f.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw badRequest([{ field: 'limit', message: '必须是 1～1000 的整数' }]);
  let q = auditQuery(db);
  if (actor.role !== 'system') {
    if (isUnitRole(actor)) q = q.where(orgVisibleSql(actor)).where('l.entity', 'in', ['evaluation', 'attachment']);
    else q = q.where('l.region_id', '=', actor.regionId ?? -1);
  }
  if (f.entity) q = q.where('l.entity', '=', f.entity);
  if (f.entityId) q = q.where('l.entity_id', '=', f.entityId);
  if (f.beforeId) q = q.where('l.id', '<', f.beforeId);
  const rows = await q.orderBy('l.id', 'desc').limit(limit).execute();
  return rows.map(view);
}

/** One evaluation's history: its saves and transitions and its evidence, oldest first. */
export async function evaluationHistory(db: Kysely<DB>, actor: Actor, id: number): Promise<AuditEntry[]> {
  await getEvaluation(db, actor, id); // 404 unless visible
  requireRole(actor, ['bureau_admin', 'bureau_reviewer', 'unit_filler', 'unit_leader'], '查看评价的修改记录');
  const rows = await auditQuery(db)
    .where((eb) =>
      eb.or([
        eb.and([eb('l.entity', '=', 'evaluation'), eb('l.entity_id', '=', String(id))]),
        eb.and([eb('l.entity', '=', 'attachment'), sql<boolean>`l.detail->>'evaluationId' = ${String(id)}`]),
      ]),
    )
    .orderBy('l.id')
    .execute();
  return rows.map(view);
}
