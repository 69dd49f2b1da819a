/** @module A round's units (评价范围): chosen at creation, added or withdrawn later — resolved, scoped and audited. */
import { type Kysely, sql, type Transaction } from 'kysely';
import { matchUnitList } from '../../../core/unit-list.js';
import { ORG_KIND_LABELS, STATUS_LABELS } from '../../../core/workflow.js';
import { appendAudit } from '../../../db/audit.js';
import type { DB } from '../../../db/schema.js';
import { type Actor, isUnitRole, requireRole } from '../../access.js';
import { badRequest, notFound } from '../../errors.js';
import type { RoundUnit, UnitSelection } from './contract.js';

type Exec = Kysely<DB> | Transaction<DB>;

/**
 * The organisation ids a selection names in a region: ids, every unit of a kind, a pasted list.
 * Anything that names no unit of the region is a 400 naming the field and line; nothing is guessed.
 */
export async function resolveSelection(db: Exec, regionId: number, sel: UnitSelection): Promise<number[]> {
  const orgs = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'code', 'kind'])
    .where('region_id', '=', regionId)
    .where('kind', '<>', 'bureau')
    .execute();
  const known = new Map(orgs.map((o) => [o.id, o]));
  const ids = new Set<number>();
  const problems: Array<{ field: string; message: string }> = [];
  (sel.orgIds ?? []).forEach((id, i) => {
    if (known.has(id)) ids.add(id);
    else problems.push({ field: `units.orgIds[${i}]`, message: `本地区没有编号为 ${id} 的单位` });
  });
  for (const kind of sel.kinds ?? []) for (const o of orgs) if (o.kind === kind) ids.add(o.id);
  if (sel.list !== undefined) {
    const m = matchUnitList(sel.list, orgs);
    for (const x of m.matched) ids.add(x.orgId);
    for (const u of m.unmatched.slice(0, 20))
      problems.push({ field: `units.list 第${u.line}行`, message: `“${u.text}”不是本地区任何单位的代码或全称` });
    if (m.unmatched.length > 20)
      problems.push({ field: 'units.list', message: `另有 ${m.unmatched.length - 20} 行也未能对应到单位` });
  }
  if (problems.length) throw badRequest(problems, '单位清单有误');
  if (!ids.size) throw badRequest([{ field: 'units', message: '评价范围为空：请至少选择一个单位' }]);
  return [...ids].sort((a, b) => a - b);
}

/** Every unit and sub-unit of the region: what a round asks when no selection is given. */
export async function allUnits(db: Exec, regionId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('organisations')
    .select('id')
    .where('region_id', '=', regionId)
    .where('kind', '<>', 'bureau')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Adds (or brings back) units; returns the ones whose membership changed, with their names for the log. */
export async function enrol(
  trx: Exec,
  actor: Actor,
  round: { id: number; regionId: number },
  orgIds: number[],
): Promise<void> {
  if (!orgIds.length) return;
  const before = await trx
    .selectFrom('round_units')
    .select(['org_id', 'withdrawn_at'])
    .where('round_id', '=', round.id)
    .where('org_id', 'in', orgIds)
    .execute();
  const state = new Map(before.map((b) => [b.org_id, b.withdrawn_at]));
  const fresh = orgIds.filter((id) => !state.has(id));
  const back = orgIds.filter((id) => state.has(id) && state.get(id) !== null);
  if (fresh.length)
    await trx
      .insertInto('round_units')
      .values(fresh.map((org_id) => ({ round_id: round.id, org_id, added_by: actor.userId })))
      .execute();
  if (back.length)
    await trx
      .updateTable('round_units')
      .set({ withdrawn_at: null, withdrawn_by: null, added_at: sql`now()`, added_by: actor.userId })
      .where('round_id', '=', round.id)
      .where('org_id', 'in', back)
      .execute();
  const changed = [...fresh, ...back];
  if (!changed.length) return;
  const names = await orgNames(trx, changed);
  await appendAudit(trx, {
    actorId: actor.userId,
    actorName: actor.name,
    regionId: round.regionId,
    orgId: round.regionId,
    entity: 'round',
    entityId: round.id,
    action: 'units-add',
    changes: [{ field: 'units', old: null, new: changed.map((id) => names.get(id) ?? String(id)) }],
    detail: { orgIds: changed },
  });
}

async function orgNames(db: Exec, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A bureau admin adds units to a round. */
export async function addRoundUnits(
  db: Kysely<DB>,
  actor: Actor,
  round: { id: number; regionId: number },
  sel: UnitSelection,
): Promise<RoundUnit[]> {
  requireRole(actor, ['bureau_admin'], '调整评价范围');
  await db
    .transaction()
    .execute(async (trx) => enrol(trx, actor, round, await resolveSelection(trx, round.regionId, sel)));
  return listRoundUnits(db, actor, round.id);
}

/**
 * A bureau admin withdraws a unit: it leaves the to-do lists and cannot submit, but its evaluation
 * (a draft or anything further) is kept as it is, and the withdrawal is logged on the round and on
 * the unit's evaluation.
 */
export async function withdrawRoundUnit(
  db: Kysely<DB>,
  actor: Actor,
  round: { id: number; regionId: number; name: string },
  orgId: number,
): Promise<RoundUnit[]> {
  requireRole(actor, ['bureau_admin'], '调整评价范围');
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('round_units as ru')
      .innerJoin('organisations as o', 'o.id', 'ru.org_id')
      .select(['o.name', 'ru.withdrawn_at'])
      .where('ru.round_id', '=', round.id)
      .where('ru.org_id', '=', orgId)
      .forUpdate('ru')
      .executeTakeFirst();
    if (!row || row.withdrawn_at !== null) throw notFound('评价范围内的单位');
    await trx
      .updateTable('round_units')
      .set({ withdrawn_at: sql`now()`, withdrawn_by: actor.userId })
      .where('round_id', '=', round.id)
      .where('org_id', '=', orgId)
      .execute();
    const ev = await trx
      .selectFrom('evaluations')
      .select(['id', 'status'])
      .where('round_id', '=', round.id)
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    const detail = { orgId, round: round.id, ...(ev ? { evaluationId: ev.id, status: ev.status } : {}) };
    await appendAudit(trx, {
      actorId: actor.userId,
      actorName: actor.name,
      regionId: round.regionId,
      orgId,
      entity: 'round',
      entityId: round.id,
      action: 'units-withdraw',
      changes: [{ field: 'units', old: [row.name], new: null }],
      detail,
    });
    if (ev)
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.name,
        regionId: round.regionId,
        orgId,
        entity: 'evaluation',
        entityId: ev.id,
        action: 'withdrawn',
        changes: [],
        detail: { ...detail, roundName: round.name },
      });
  });
  return listRoundUnits(db, actor, round.id);
}

/** The round's units the actor may see (bureau: all; a unit: itself and its sub-units), with their evaluation. */
export async function listRoundUnits(db: Kysely<DB>, actor: Actor, roundId: number): Promise<RoundUnit[]> {
  let q = db
    .selectFrom('round_units as ru')
    .innerJoin('organisations as o', 'o.id', 'ru.org_id')
    .leftJoin('evaluations as e', (j) => j.onRef('e.round_id', '=', 'ru.round_id').onRef('e.org_id', '=', 'ru.org_id'))
    .select([
      'o.id',
      'o.name',
      'o.code',
      'o.kind',
      'o.parent_id',
      'ru.added_at',
      'ru.withdrawn_at',
      'e.id as ev_id',
      'e.status as ev_status',
    ])
    .where('ru.round_id', '=', roundId);
  if (isUnitRole(actor)) q = q.where('o.path', 'like', `${actor.orgPath}%`);
  if (actor.role === 'public') q = q.where(sql<boolean>`false`);
  const rows = await q.orderBy('o.path').execute();
  return rows.map((r) => ({
    orgId: r.id,
    name: r.name,
    code: r.code,
    kind: r.kind === 'subunit' ? 'subunit' : 'unit',
    kindLabel: ORG_KIND_LABELS[r.kind],
    parentId: r.parent_id,
    active: r.withdrawn_at === null,
    addedAt: r.added_at.toISOString(),
    withdrawnAt: r.withdrawn_at ? r.withdrawn_at.toISOString() : null,
    evaluationId: r.ev_id,
    evaluationStatus: r.ev_status,
    evaluationStatusLabel: r.ev_status ? STATUS_LABELS[r.ev_status] : null,
  }));
}

/** Whether the unit is in the round now (not withdrawn). */
export async function isEnrolled(db: Exec, roundId: number, orgId: number): Promise<boolean> {
  const r = await db
    .selectFrom('round_units')
    .select('org_id')
    .where('round_id', '=', roundId)
    .where('org_id', '=', orgId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return r !== undefined;
}
