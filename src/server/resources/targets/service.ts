// 绩效目标: a unit files its target set, the bureau reviews, returns or approves (frozen, versioned), 目标调整 logged.
import { type Kysely, sql } from 'kysely';
import {
  adjustTargets,
  approveTargets,
  checkTargets,
  type CycleFinding,
  reviewOutcome,
  TARGET_STATUS_LABELS,
  TARGET_TRANSITIONS,
  type TargetAction,
  TargetAdjustmentSchema,
  TargetReviewSchema,
  type TargetSet,
  TargetSetSchema,
  targetTransition,
  TARGET_EDITABLE,
  TARGET_ACTIONS,
} from '../../../core/cycle/index.js';
import { diffJson } from '../../../db/audit.js';
import type { TargetSetsTable } from '../../../db/cycle-schema.js';
import type { DB } from '../../../db/schema.js';
import type { Selectable } from 'kysely';
import { type Actor, isBureauStaff, requireRole } from '../../access.js';
import { badRequest, conflict, forbidden, isUniqueViolation, notFound } from '../../errors.js';
import type { TargetSetView, TargetSummary } from './contract.js';
import {
  appendCycleAudit,
  auditOf,
  type CDb,
  cdb,
  iso,
  orgOf,
  refuseErrors,
  rowVisibleSql,
  staleRow,
  zodProblems,
} from './shared.js';

type Row = Selectable<TargetSetsTable> & { org_name: string };

function base(db: CDb) {
  return db
    .selectFrom('target_sets as t')
    .innerJoin('organisations as o', 'o.id', 't.org_id')
    .selectAll('t')
    .select('o.name as org_name');
}

async function visible(db: CDb, actor: Actor, id: number, lock = false): Promise<Row> {
  let q = base(db).where('t.id', '=', id).where(rowVisibleSql(actor));
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  if (!r) throw notFound('绩效目标表');
  return r;
}

/** 上年实际完成值: the unit's approved 自评 of the year before, by indicator name. */
async function lastYearActuals(db: CDb, orgId: number, year: number): Promise<Record<string, string | number>> {
  const r = await db
    .selectFrom('evaluations as e')
    .innerJoin('rounds as r', 'r.id', 'e.round_id')
    .select('e.result')
    .where('e.org_id', '=', orgId)
    .where('r.year', '=', year - 1)
    .where('e.status', 'in', ['approved', 'locked'])
    .orderBy('e.id', 'desc')
    .executeTakeFirst();
  const out: Record<string, string | number> = {};
  for (const i of r?.result?.indicators ?? []) if (i.actual !== undefined) out[i.name] = i.actual;
  return out;
}

function actionsFor(actor: Actor, row: Row): TargetAction[] {
  if (actor.role === 'system' || actor.role === 'public') return [];
  const own = actor.orgId === row.org_id;
  return TARGET_ACTIONS.filter((a) => {
    const t = TARGET_TRANSITIONS[a];
    if ((t.roles as readonly string[]).includes('unit_filler') && !own) return false;
    return targetTransition(a, row.status, actor.role as Exclude<Actor['role'], 'system'>) === undefined;
  });
}

async function view(db: CDb, actor: Actor, row: Row): Promise<TargetSetView> {
  const findings = checkTargets(row.document, { lastYearActuals: await lastYearActuals(db, row.org_id, row.year) });
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    year: row.year,
    status: row.status,
    statusLabel: TARGET_STATUS_LABELS[row.status],
    version: row.version,
    document: row.document,
    review: row.review,
    approved: row.approved,
    findings,
    actions: actionsFor(actor, row),
    editable: actor.role === 'unit_filler' && actor.orgId === row.org_id && TARGET_EDITABLE.includes(row.status),
    updatedAt: iso(row.updated_at)!,
  };
}

/** The document as sent, with unit and year fixed by the organisation and the set. */
function parseDocument(raw: unknown, unit: string, year: number): TargetSet {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw badRequest([{ field: 'document', message: '目标表必须是一个对象' }]);
  const doc = { ...(raw as Record<string, unknown>) };
  const wrong = [
    doc.unit !== undefined && doc.unit !== unit && { field: 'document.unit', message: `单位名称须为“${unit}”` },
    doc.year !== undefined && doc.year !== year && { field: 'document.year', message: `年度须为${year}` },
  ].filter((x): x is { field: string; message: string } => !!x);
  if (wrong.length) throw badRequest(wrong);
  const r = TargetSetSchema.safeParse({ ...doc, unit, year });
  if (!r.success) throw badRequest(zodProblems(r.error.issues, 'document'));
  return r.data;
}

export async function listTargets(db0: Kysely<DB>, actor: Actor, year?: number): Promise<TargetSummary[]> {
  const db = cdb(db0);
  if (actor.role === 'public')
    requireRole(actor, ['bureau_admin', 'bureau_reviewer', 'unit_filler', 'unit_leader'], '查看绩效目标');
  let q = base(db).where(rowVisibleSql(actor));
  if (year !== undefined) q = q.where('t.year', '=', year);
  const rows = await q.orderBy('t.year', 'desc').orderBy('o.name').execute();
  return rows.map((r) => {
    const f = checkTargets(r.document);
    return {
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      year: r.year,
      status: r.status,
      statusLabel: TARGET_STATUS_LABELS[r.status],
      version: r.version,
      updatedAt: iso(r.updated_at)!,
      approvedVersion: r.approved_version,
      errors: f.filter((x) => x.severity === 'error').length,
      warnings: f.filter((x) => x.severity === 'warning').length,
    };
  });
}

export async function getTargets(db0: Kysely<DB>, actor: Actor, id: number): Promise<TargetSetView> {
  const db = cdb(db0);
  return view(db, actor, await visible(db, actor, id));
}

export async function createTargets(
  db0: Kysely<DB>,
  actor: Actor,
  input: { year: number; document: unknown; orgId?: number },
): Promise<TargetSetView> {
  const db = cdb(db0);
  requireRole(actor, ['unit_filler'], '填报绩效目标');
  const orgId = actor.role === 'system' ? input.orgId : actor.orgId;
  if (orgId == null) throw badRequest([{ field: 'orgId', message: '必须指定单位' }]);
  const org = await orgOf(db, orgId);
  if (!org || org.kind === 'bureau' || org.region_id == null)
    throw badRequest([{ field: 'orgId', message: '财政局本身不填报部门整体绩效目标' }]);
  const document = parseDocument(input.document, org.name, input.year);
  try {
    const id = await db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('target_sets')
        .values({
          org_id: org.id,
          region_id: org.region_id!,
          year: input.year,
          status: 'draft',
          version: 1,
          document: JSON.stringify(document),
          updated_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendCycleAudit(trx, {
        ...auditOf(actor, 'target_set', { id: r.id, org_id: org.id, region_id: org.region_id! }),
        action: 'create',
        changes: [{ field: 'status', old: null, new: 'draft' }, ...diffJson({}, document, 'document')],
        detail: { year: input.year },
      });
      return r.id;
    });
    return getTargets(db0, actor, id);
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('targets-exist', `“${org.name}”${input.year}年度已有绩效目标表`);
    throw e;
  }
}

export async function saveTargets(
  db0: Kysely<DB>,
  actor: Actor,
  id: number,
  version: number,
  raw: unknown,
): Promise<TargetSetView> {
  const db = cdb(db0);
  return db.transaction().execute(async (trx) => {
    const row = await visible(trx, actor, id, true);
    requireRole(actor, ['unit_filler'], '修改绩效目标');
    if (actor.role !== 'system' && actor.orgId !== row.org_id) throw forbidden('无权限：只能修改本单位的绩效目标');
    if (!TARGET_EDITABLE.includes(row.status))
      throw conflict(
        'not-editable',
        `绩效目标${TARGET_STATUS_LABELS[row.status]}，不能修改；已批复的目标须经财政局“目标调整”`,
      );
    if (row.version !== version) staleRow('绩效目标表', row.version, version);
    const document = parseDocument(raw, row.org_name, row.year);
    const changes = diffJson(row.document, document, 'document');
    if (!changes.length) return view(trx, actor, row);
    const u = await trx
      .updateTable('target_sets')
      .set({
        document: JSON.stringify(document),
        version: sql`version + 1`,
        updated_at: sql`now()`,
        updated_by: actor.userId,
      })
      .where('id', '=', id)
      .returning(['version', 'updated_at'])
      .executeTakeFirstOrThrow();
    await appendCycleAudit(trx, {
      ...auditOf(actor, 'target_set', row),
      action: 'update',
      changes,
      detail: { version: u.version, previousVersion: version },
    });
    return view(trx, actor, { ...row, document, version: u.version, updated_at: u.updated_at });
  });
}

export async function transitionTargets(
  db0: Kysely<DB>,
  actor: Actor,
  id: number,
  input: { action: Exclude<TargetAction, 'adjust'>; version: number; comment?: string; review?: unknown },
): Promise<TargetSetView> {
  const db = cdb(db0);
  const t = TARGET_TRANSITIONS[input.action];
  const comment = input.comment?.trim() ?? '';
  return db.transaction().execute(async (trx) => {
    const row = await visible(trx, actor, id, true);
    if (actor.role !== 'system') {
      const refused = targetTransition(input.action, row.status, actor.role);
      if (refused && !(t.roles as readonly string[]).includes(actor.role)) throw forbidden(`无权限：${refused}`);
      if (input.action === 'submit' && actor.orgId !== row.org_id) throw forbidden('无权限：只能报送本单位的绩效目标');
      if (refused) throw conflict('illegal-transition', refused, { status: row.status });
    }
    if (t.comment === 'required' && !comment)
      throw badRequest([{ field: 'comment', message: `“${t.label}”必须填写意见` }]);
    if (row.version !== input.version) staleRow('绩效目标表', row.version, input.version);
    let review = row.review;
    if (input.review !== undefined) {
      const r = TargetReviewSchema.safeParse({ indicators: input.review, ...(comment && { comment }) });
      if (!r.success) throw badRequest(zodProblems(r.error.issues, 'review'));
      review = r.data;
    }
    if (input.action === 'submit') {
      const findings: CycleFinding[] = checkTargets(row.document);
      refuseErrors(findings, 'document', '绩效目标表有错误，不能报送');
    }
    let approved = null;
    if (input.action === 'approve') {
      if (!review) throw badRequest([{ field: 'review', message: '批复前须逐项填写审核意见' }]);
      const o = reviewOutcome(row.document, review);
      refuseErrors(o.findings, 'review', '审核意见有误');
      if (o.toAdjust.length)
        throw conflict(
          'needs-adjustment',
          `审核意见中${o.toAdjust.map((n) => `“${n}”`).join('、')}需调整，应退回修改而不是批复`,
        );
      if (!o.canApprove) {
        const missing = row.document.indicators.filter((i) => !review!.indicators[i.name]).map((i) => i.name);
        throw badRequest(missing.map((n) => ({ field: `review.${n}`, message: `指标“${n}”尚未审核` })));
      }
      approved = approveTargets(row.document, actor.name, new Date().toISOString());
    }
    const u = await trx
      .updateTable('target_sets')
      .set({
        status: t.to,
        version: sql`version + 1`,
        updated_at: sql`now()`,
        updated_by: actor.userId,
        review: review ? JSON.stringify(review) : null,
        ...(approved ? { approved: JSON.stringify(approved), approved_version: approved.version } : {}),
      })
      .where('id', '=', id)
      .returning(['version', 'updated_at'])
      .executeTakeFirstOrThrow();
    await appendCycleAudit(trx, {
      ...auditOf(actor, 'target_set', row),
      action: `transition:${input.action}`,
      changes: [{ field: 'status', old: row.status, new: t.to }],
      detail: { label: t.label, version: u.version, ...(comment && { comment }), ...(review && { review }) },
    });
    return view(trx, actor, {
      ...row,
      status: t.to,
      review,
      approved: approved ?? row.approved,
      approved_version: approved?.version ?? row.approved_version,
      version: u.version,
      updated_at: u.updated_at,
    });
  });
}

export async function adjustApprovedTargets(
  db0: Kysely<DB>,
  actor: Actor,
  id: number,
  input: {
    version: number;
    indicator?: string;
    task?: string;
    target?: string | number;
    budget?: number;
    reason: string;
  },
): Promise<TargetSetView> {
  const db = cdb(db0);
  return db.transaction().execute(async (trx) => {
    const row = await visible(trx, actor, id, true);
    if (!isBureauStaff(actor) && actor.role !== 'system')
      requireRole(actor, ['bureau_admin', 'bureau_reviewer'], '目标调整');
    if (row.status !== 'approved' || !row.approved)
      throw conflict('not-approved', `绩效目标${TARGET_STATUS_LABELS[row.status]}，尚未批复，修改请直接退回`);
    if (row.version !== input.version) staleRow('绩效目标表', row.version, input.version);
    const { version: _v, ...rest } = input;
    void _v;
    const adj = TargetAdjustmentSchema.safeParse(rest);
    if (!adj.success) throw badRequest(zodProblems(adj.error.issues, ''));
    const r = adjustTargets(row.approved, adj.data, actor.name, new Date().toISOString());
    if ('error' in r) throw badRequest([{ field: adj.data.indicator ? 'indicator' : 'task', message: r.error }]);
    const u = await trx
      .updateTable('target_sets')
      .set({
        approved: JSON.stringify(r.approved),
        approved_version: r.approved.version,
        version: sql`version + 1`,
        updated_at: sql`now()`,
        updated_by: actor.userId,
      })
      .where('id', '=', id)
      .returning(['version', 'updated_at'])
      .executeTakeFirstOrThrow();
    const last = r.approved.adjustments.at(-1)!;
    await appendCycleAudit(trx, {
      ...auditOf(actor, 'target_set', row),
      action: 'adjust',
      changes: [
        {
          field: last.indicator ? `approved.indicators.${last.indicator}.target` : `approved.tasks.${last.task}.budget`,
          old: last.from ?? null,
          new: last.indicator ? (last.target ?? null) : (last.budget ?? null),
        },
      ],
      detail: { reason: last.reason, approvedVersion: r.approved.version },
    });
    return view(trx, actor, {
      ...row,
      approved: r.approved,
      approved_version: r.approved.version,
      version: u.version,
      updated_at: u.updated_at,
    });
  });
}
