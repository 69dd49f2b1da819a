/**
 * @module A round's progress and 催办: counts by status, the units that have not started (with when
 * they were last reminded), reminders sent to them (audited), and each unit's own notifications.
 */
import type { Kysely } from 'kysely';
import { appendAudit } from '../../../db/audit.js';
import { ORG_KIND_LABELS, STATUS_LABELS, STATUS_ORDER } from '../../../core/workflow.js';
import type { DB } from '../../../db/schema.js';
import { type Actor, orgVisibleSql, requireRole } from '../../access.js';
import { badRequest } from '../../errors.js';
import { getRound } from '../rounds/service.js';
import type { Notification, RoundProgress } from './contract.js';

const BUREAU = ['bureau_admin', 'bureau_reviewer'] as const;

/**
 * The units a round asks for: those it names (评价范围, round_units) and has not withdrawn — not every unit
 * of the region: a unit outside the round neither sees it nor may be reminded of it.
 */
async function unitsOf(db: Kysely<DB>, actor: Actor, roundId: number) {
  return db
    .selectFrom('round_units as ru')
    .innerJoin('organisations as o', 'o.id', 'ru.org_id')
    .select(['o.id', 'o.name', 'o.kind'])
    .where('ru.round_id', '=', roundId)
    .where('ru.withdrawn_at', 'is', null)
    .where('o.kind', 'in', ['unit', 'subunit'])
    .where(orgVisibleSql(actor))
    .orderBy('o.path')
    .execute();
}

export async function roundProgress(db: Kysely<DB>, actor: Actor, roundId: number): Promise<RoundProgress> {
  await getRound(db, actor, roundId); // 404 outside the caller's region
  requireRole(actor, BUREAU, '查看各单位进度与催办');
  const units = await unitsOf(db, actor, roundId);
  // A withdrawn unit's draft stays (logged) but is no longer part of the round's progress.
  const asked = new Set(units.map((u) => u.id));
  const evs = (
    await db.selectFrom('evaluations').select(['org_id', 'status']).where('round_id', '=', roundId).execute()
  ).filter((e) => asked.has(e.org_id));
  const started = new Set(evs.map((e) => e.org_id));
  const waiting = units.filter((u) => !started.has(u.id));
  const sent = waiting.length
    ? await db
        .selectFrom('reminders')
        .select((eb) => ['org_id', eb.fn.countAll<string>().as('n'), eb.fn.max('sent_at').as('last')])
        .where('round_id', '=', roundId)
        .where(
          'org_id',
          'in',
          waiting.map((u) => u.id),
        )
        .groupBy('org_id')
        .execute()
    : [];
  const byOrg = new Map(sent.map((s) => [s.org_id, s]));
  return {
    roundId,
    units: units.length,
    notStarted: waiting.length,
    byStatus: STATUS_ORDER.map((s) => ({
      status: s,
      label: STATUS_LABELS[s],
      count: evs.filter((e) => e.status === s).length,
    })),
    notStartedUnits: waiting.map((u) => {
      const s = byOrg.get(u.id);
      return {
        orgId: u.id,
        orgName: u.name,
        orgKindLabel: ORG_KIND_LABELS[u.kind],
        reminders: s ? Number(s.n) : 0,
        lastRemindedAt: s?.last ? new Date(s.last as Date | string).toISOString() : null,
      };
    }),
  };
}

/** Reminds the given units (each must be one of the round's units that has not started). */
export async function remindUnits(
  db: Kysely<DB>,
  actor: Actor,
  roundId: number,
  orgIds: number[],
  message: string | undefined,
): Promise<{ sent: number; at: string }> {
  const round = await getRound(db, actor, roundId);
  requireRole(actor, BUREAU, '催办');
  const progress = await roundProgress(db, actor, roundId);
  const waiting = new Map(progress.notStartedUnits.map((u) => [u.orgId, u]));
  const ids = [...new Set(orgIds)];
  const bad = ids.filter((id) => !waiting.has(id));
  if (bad.length)
    throw badRequest([
      { field: 'orgIds', message: `单位 ${bad.join('、')} 不是本轮次尚未开始填报的单位（已开始的单位无需催办）` },
    ]);
  const text = message?.trim() || `请尽快开始填报“${round.name}”的部门整体支出绩效自评。`;
  const at = new Date();
  await db.transaction().execute(async (trx) => {
    for (const orgId of ids) {
      await trx
        .insertInto('reminders')
        .values({
          round_id: roundId,
          org_id: orgId,
          region_id: round.regionId,
          sent_by: actor.userId,
          sent_by_name: actor.name,
          message: text,
          sent_at: at,
        })
        .execute();
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.name,
        regionId: round.regionId,
        orgId,
        entity: 'round',
        entityId: roundId,
        action: 'remind',
        changes: [{ field: '催办', old: null, new: waiting.get(orgId)!.orgName }],
        detail: { message: text },
      });
    }
  });
  return { sent: ids.length, at: at.toISOString() };
}

/** The reminders sent to the caller's own organisation (a unit's filler and leader see them). */
export async function myNotifications(db: Kysely<DB>, actor: Actor): Promise<Notification[]> {
  if (actor.orgId === undefined || actor.orgId === null) return [];
  const rows = await db
    .selectFrom('reminders as m')
    .innerJoin('rounds as r', 'r.id', 'm.round_id')
    .select(['m.id', 'm.org_id', 'm.round_id', 'r.name', 'r.deadline', 'm.sent_at', 'm.sent_by_name', 'm.message'])
    .where('m.org_id', '=', actor.orgId)
    .orderBy('m.id', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    roundId: r.round_id,
    roundName: r.name,
    deadline: r.deadline ? r.deadline.toISOString() : null,
    sentAt: r.sent_at.toISOString(),
    sentBy: r.sent_by_name,
    message: r.message,
  }));
}
