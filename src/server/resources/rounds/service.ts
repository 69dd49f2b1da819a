/** @module Rounds: a bureau admin opens a round on a framework version (frozen from then on); scoped to the region. */
import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../../../db/audit.js';
import type { DB } from '../../../db/schema.js';
import { type Actor, isUnitRole, regionVisibleSql, requireRole } from '../../access.js';
import { ApiError, badRequest, conflict, isUniqueViolation, notFound } from '../../errors.js';
import type { Round, UnitSelection } from './contract.js';
import { allUnits, resolveSelection } from './units.js';

function roundsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('rounds as r')
    .innerJoin('framework_versions as f', 'f.id', 'r.framework_version_id')
    .select([
      'r.id',
      'r.region_id',
      'r.name',
      'r.year',
      'r.framework_version_id',
      'r.deadline',
      'r.created_at',
      'f.framework_id',
      'f.version as fw_version',
      'f.name as fw_name',
      sql<number>`(select count(*) from round_units ru where ru.round_id = r.id and ru.withdrawn_at is null)::int`.as(
        'unit_count',
      ),
    ]);
}

type RoundJoined = Awaited<ReturnType<ReturnType<typeof roundsQuery>['executeTakeFirstOrThrow']>>;

function roundView(r: RoundJoined): Round {
  return {
    id: r.id,
    regionId: r.region_id,
    name: r.name,
    year: r.year,
    frameworkVersionId: r.framework_version_id,
    frameworkId: r.framework_id,
    frameworkVersion: r.fw_version,
    frameworkName: r.fw_name,
    deadline: r.deadline ? r.deadline.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    unitCount: Number(r.unit_count),
  };
}

export interface NewRound {
  name: string;
  year: number;
  frameworkVersionId: number;
  deadline?: string | null;
  /** Command line only: the region (bureau id) the round belongs to. */
  regionId?: number;
  /** The units the round asks; omitted: every unit and sub-unit of the region. */
  units?: UnitSelection;
}

function parseDeadline(v: string | null | undefined, field = 'deadline'): Date | null {
  if (v === undefined || v === null || v === '') return null;
  const d = new Date(v);
  if (Number.isNaN(d.getTime()))
    throw badRequest([{ field, message: `截止时间“${v}”不是有效的日期时间（例如 2025-03-31T18:00:00+08:00）` }]);
  return d;
}

/** A bureau admin opens a round: year, framework version (frozen from now on), deadline. */
export async function createRound(db: Kysely<DB>, actor: Actor, input: NewRound): Promise<Round> {
  requireRole(actor, ['bureau_admin'], '新建评价轮次');
  const regionId = actor.role === 'system' ? input.regionId : actor.regionId;
  if (regionId == null) throw badRequest([{ field: 'regionId', message: '必须指定地区（财政局）' }]);
  const name = input.name.trim();
  if (!name) throw badRequest([{ field: 'name', message: '名称不能为空' }]);
  const deadline = parseDeadline(input.deadline);
  const fv = await db
    .selectFrom('framework_versions')
    .selectAll()
    .where('id', '=', input.frameworkVersionId)
    // The round's region may use built-in frameworks and its own, never another region's (not even from the CLI).
    .where((eb) => eb.or([eb('owner_region_id', 'is', null), eb('owner_region_id', '=', regionId)]))
    .executeTakeFirst();
  // Another region's own framework answers exactly like one that does not exist.
  if (!fv)
    throw new ApiError(404, 'not-found', '未找到该指标框架版本，或您无权使用', [
      { field: 'frameworkVersionId', message: `指标框架版本 ${input.frameworkVersionId} 不存在或不属于本地区` },
    ]);
  try {
    const id = await db.transaction().execute(async (trx) => {
      const region = await trx
        .selectFrom('organisations')
        .select(['id', 'kind'])
        .where('id', '=', regionId)
        .executeTakeFirst();
      if (!region || region.kind !== 'bureau')
        throw badRequest([{ field: 'regionId', message: '地区必须是一个财政局' }]);
      const r = await trx
        .insertInto('rounds')
        .values({
          region_id: regionId,
          name,
          year: input.year,
          framework_version_id: fv.id,
          deadline,
          created_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const units = input.units ? await resolveSelection(trx, regionId, input.units) : await allUnits(trx, regionId);
      if (units.length)
        await trx
          .insertInto('round_units')
          .values(units.map((org_id) => ({ round_id: r.id, org_id, added_by: actor.userId })))
          .execute();
      const frozen = await trx
        .updateTable('framework_versions')
        .set({ frozen_at: sql`now()` })
        .where('id', '=', fv.id)
        .where('frozen_at', 'is', null)
        .returning('id')
        .execute();
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.name,
        regionId,
        orgId: regionId,
        entity: 'round',
        entityId: r.id,
        action: 'create',
        changes: [
          { field: 'name', old: null, new: name },
          { field: 'year', old: null, new: input.year },
          { field: 'framework', old: null, new: `${fv.framework_id}@${fv.version}` },
          { field: 'deadline', old: null, new: deadline?.toISOString() ?? null },
          { field: 'unitCount', old: null, new: units.length },
        ],
        detail: { orgIds: units },
      });
      if (frozen.length) {
        await appendAudit(trx, {
          actorId: actor.userId,
          actorName: actor.name,
          regionId,
          orgId: regionId,
          entity: 'framework_version',
          entityId: fv.id,
          action: 'freeze',
          changes: [{ field: 'frozen', old: false, new: true }],
          detail: { framework: `${fv.framework_id}@${fv.version}`, sha256: fv.source_sha256, round: r.id },
        });
      }
      return r.id;
    });
    return getRound(db, actor, id);
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('duplicate-round', `本地区已有名为“${name}”的评价轮次`);
    throw e;
  }
}

/**
 * The region's rounds; a unit's roles see only the rounds that ask their unit (or one of its
 * sub-units) now — a round they were withdrawn from leaves their list and their to-dos.
 */
export async function listRounds(db: Kysely<DB>, actor: Actor): Promise<Round[]> {
  let q = roundsQuery(db).where(regionVisibleSql(actor, 'r.region_id'));
  if (isUnitRole(actor))
    q = q.where(
      sql<boolean>`exists (select 1 from round_units ru join organisations ou on ou.id = ru.org_id
        where ru.round_id = r.id and ru.withdrawn_at is null and ou.path like ${`${actor.orgPath}%`})`,
    );
  const rows = await q.orderBy('r.year', 'desc').orderBy('r.id').execute();
  return rows.map(roundView);
}

export async function getRound(db: Kysely<DB>, actor: Actor, id: number): Promise<Round> {
  const row = await roundsQuery(db)
    .where('r.id', '=', id)
    .where(regionVisibleSql(actor, 'r.region_id'))
    .executeTakeFirst();
  if (!row) throw notFound('评价轮次');
  return roundView(row);
}

export async function updateRound(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  patch: { name?: string; deadline?: string | null },
): Promise<Round> {
  const before = await getRound(db, actor, id);
  requireRole(actor, ['bureau_admin'], '修改评价轮次');
  const name = patch.name?.trim();
  if (patch.name !== undefined && !name) throw badRequest([{ field: 'name', message: '名称不能为空' }]);
  const deadline = patch.deadline === undefined ? undefined : parseDeadline(patch.deadline);
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('rounds')
        .set({ ...(name !== undefined ? { name } : {}), ...(deadline !== undefined ? { deadline } : {}) })
        .where('id', '=', id)
        .execute();
      const changes = [];
      if (name !== undefined && name !== before.name) changes.push({ field: 'name', old: before.name, new: name });
      const newDeadline = deadline === undefined ? before.deadline : (deadline?.toISOString() ?? null);
      if (newDeadline !== before.deadline) changes.push({ field: 'deadline', old: before.deadline, new: newDeadline });
      if (changes.length) {
        await appendAudit(trx, {
          actorId: actor.userId,
          actorName: actor.name,
          regionId: before.regionId,
          orgId: before.regionId,
          entity: 'round',
          entityId: id,
          action: 'update',
          changes,
        });
      }
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('duplicate-round', `本地区已有名为“${name}”的评价轮次`);
    throw e;
  }
  return getRound(db, actor, id);
}
