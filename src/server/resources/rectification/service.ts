// 整改 items (from stated problems, confirmed findings, 督促整改), 结果应用 per region, and the region's cycle settings.
import { type Kysely, type Selectable, sql } from 'kysely';
import {
  applyResults,
  isOverdue,
  problemsFromNarrative,
  RECTIFICATION_SOURCE_LABELS,
  RECTIFICATION_STATUS_LABELS,
  rectificationIssues,
  type RectificationItem,
  rectificationItems,
  type RectificationSource,
  type RectificationStatus,
  resultsCsv,
  ResultRulesSchema,
} from '../../../core/cycle/index.js';
import type { RectificationItemsTable } from '../../../db/cycle-schema.js';
import type { DB } from '../../../db/schema.js';
import { type Actor, evaluationVisibleSql, isBureauStaff, orgVisibleSql, requireRole } from '../../access.js';
import { badRequest, forbidden, notFound } from '../../errors.js';
import {
  appendCycleAudit,
  auditOf,
  type CDb,
  cdb,
  iso,
  rowVisibleSql,
  settingsOf,
  staleRow,
  zodProblems,
} from '../targets/shared.js';
import type { CycleSettings, RectificationView, Results } from './contract.js';

type Row = Selectable<RectificationItemsTable> & { org_name: string };

const ALL_ROLES = ['bureau_admin', 'bureau_reviewer', 'unit_filler', 'unit_leader'] as const;
const today = () => new Date().toISOString().slice(0, 10);
const dayOf = (d: string | Date | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

function base(db: CDb) {
  return db
    .selectFrom('rectification_items as i')
    .innerJoin('organisations as o', 'o.id', 'i.org_id')
    .select([
      'i.id',
      'i.org_id',
      'i.region_id',
      'i.year',
      'i.source',
      'i.problem',
      'i.owner',
      'i.measure',
      'i.status',
      'i.evidence',
      'i.outcome',
      'i.origin',
      'i.version',
      'i.created_at',
      'i.updated_at',
      'i.updated_by',
      // A date as text on both drivers (pg would turn it into a Date at local midnight).
      sql<string | null>`to_char(i.due, 'YYYY-MM-DD')`.as('due'),
      'o.name as org_name',
    ]);
}

function view(r: Row): RectificationView {
  const due = dayOf(r.due);
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    year: r.year,
    source: r.source,
    sourceLabel: RECTIFICATION_SOURCE_LABELS[r.source],
    problem: r.problem,
    owner: r.owner,
    measure: r.measure,
    due,
    status: r.status,
    statusLabel: RECTIFICATION_STATUS_LABELS[r.status],
    overdue: isOverdue({ status: r.status, ...(due && { due }) }, today()),
    evidence: r.evidence,
    outcome: r.outcome,
    origin: r.origin,
    version: r.version,
    updatedAt: iso(r.updated_at)!,
  };
}

async function visible(db: CDb, actor: Actor, id: number, lock = false): Promise<Row> {
  let q = base(db).where('i.id', '=', id).where(rowVisibleSql(actor));
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  if (!r) throw notFound('整改事项');
  return r;
}

/** A unit's items of one year, as the API shows them (the 自评's cycle view lists last year's open ones). */
export async function itemsOfUnitYear(db0: Kysely<DB>, orgId: number, year: number): Promise<RectificationView[]> {
  const rows = await base(cdb(db0)).where('i.org_id', '=', orgId).where('i.year', '=', year).orderBy('i.id').execute();
  return rows.map(view);
}

export async function listRectification(
  db0: Kysely<DB>,
  actor: Actor,
  q: { year?: number; orgId?: number },
): Promise<RectificationView[]> {
  requireRole(actor, ALL_ROLES, '查看整改事项');
  let s = base(cdb(db0)).where(rowVisibleSql(actor));
  if (q.year !== undefined) s = s.where('i.year', '=', q.year);
  if (q.orgId !== undefined) s = s.where('i.org_id', '=', q.orgId);
  return (await s.orderBy('i.year', 'desc').orderBy('o.name').orderBy('i.id').execute()).map(view);
}

async function insertItems(
  db: CDb,
  actor: Actor,
  org: { id: number; region_id: number },
  year: number,
  items: RectificationItem[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const it of items) {
    const r = await db
      .insertInto('rectification_items')
      .values({
        org_id: org.id,
        region_id: org.region_id,
        year,
        source: it.source,
        problem: it.problem,
        owner: it.owner ?? null,
        measure: it.measure ?? null,
        due: it.due ?? null,
        status: it.status,
        evidence: JSON.stringify(it.evidence),
        origin: it.origin ?? null,
        version: 1,
        updated_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendCycleAudit(db, {
      ...auditOf(actor, 'rectification_item', { id: r.id, org_id: org.id, region_id: org.region_id }),
      action: 'create',
      changes: [{ field: 'problem', old: null, new: it.problem }],
      detail: { source: it.source, year },
    });
    ids.push(r.id);
  }
  return ids;
}

/** A unit's own org, or for the bureau any unit it sees. */
async function targetOrg(db: CDb, actor: Actor, orgId: number | undefined) {
  const id = orgId ?? actor.orgId;
  if (id == null) throw badRequest([{ field: 'orgId', message: '必须指定单位' }]);
  const org = await db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.kind', 'o.region_id'])
    .where('o.id', '=', id)
    .where(orgVisibleSql(actor, 'o'))
    .executeTakeFirst();
  if (!org) throw notFound('单位');
  if (org.kind === 'bureau' || org.region_id == null)
    throw badRequest([{ field: 'orgId', message: '整改事项属于部门（单位），不属于财政局' }]);
  if (!isBureauStaff(actor) && actor.role !== 'system' && org.id !== actor.orgId)
    throw forbidden('无权限：只能为本单位新增整改事项');
  return { id: org.id, region_id: org.region_id };
}

export async function createRectification(
  db0: Kysely<DB>,
  actor: Actor,
  input: {
    orgId?: number;
    year: number;
    source: RectificationSource;
    problem: string;
    owner?: string;
    measure?: string;
    due?: string;
  },
): Promise<RectificationView> {
  const db = cdb(db0);
  requireRole(actor, ['bureau_admin', 'bureau_reviewer', 'unit_filler'], '新增整改事项');
  if (input.source === 'finding' && !isBureauStaff(actor) && actor.role !== 'system')
    throw forbidden('无权限：核查问题由财政局确认后生成整改事项');
  const org = await targetOrg(db, actor, input.orgId);
  const [id] = await db.transaction().execute((trx) =>
    insertItems(trx, actor, org, input.year, [
      {
        source: input.source,
        problem: input.problem.trim(),
        status: 'open',
        evidence: [],
        ...(input.owner && { owner: input.owner }),
        ...(input.measure && { measure: input.measure }),
        ...(input.due && { due: input.due }),
      },
    ]),
  );
  return view(await visible(db, actor, id!));
}

/** Items from a 自评: the problems its report states, and (bureau only) the findings the bureau confirms. */
export async function rectificationFromEvaluation(
  db0: Kysely<DB>,
  actor: Actor,
  evaluationId: number,
  findings: Array<{ code: string; message: string; indicator?: string }> = [],
): Promise<RectificationView[]> {
  const db = cdb(db0);
  const e = await db
    .selectFrom('evaluations as e')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .innerJoin('rounds as r', 'r.id', 'e.round_id')
    .select(['e.id', 'e.org_id', 'o.region_id', 'e.document', 'r.year'])
    .where('e.id', '=', evaluationId)
    .where(evaluationVisibleSql(actor))
    .executeTakeFirst();
  if (!e || actor.role === 'public') throw notFound('评价');
  requireRole(actor, ['bureau_admin', 'bureau_reviewer', 'unit_filler'], '生成整改事项');
  if (!isBureauStaff(actor) && actor.role !== 'system') {
    if (actor.orgId !== e.org_id) throw forbidden('无权限：只能为本单位生成整改事项');
    if (findings.length) throw forbidden('无权限：核查问题由财政局确认后生成整改事项');
  }
  const items = rectificationItems(problemsFromNarrative(e.document.narrative), findings);
  const existing = new Set(
    (
      await db
        .selectFrom('rectification_items')
        .select('problem')
        .where('org_id', '=', e.org_id)
        .where('year', '=', e.year)
        .execute()
    ).map((r) => r.problem),
  );
  const fresh = items.filter((i) => !existing.has(i.problem));
  const ids = await db
    .transaction()
    .execute((trx) => insertItems(trx, actor, { id: e.org_id, region_id: e.region_id! }, e.year, fresh));
  if (!ids.length) return [];
  return (await base(db).where('i.id', 'in', ids).orderBy('i.id').execute()).map(view);
}

export async function updateRectification(
  db0: Kysely<DB>,
  actor: Actor,
  id: number,
  patch: {
    version: number;
    owner?: string | null;
    measure?: string | null;
    due?: string | null;
    status?: RectificationStatus;
    evidence?: string[];
    outcome?: string | null;
  },
): Promise<RectificationView> {
  const db = cdb(db0);
  return db.transaction().execute(async (trx) => {
    const row = await visible(trx, actor, id, true);
    requireRole(actor, ALL_ROLES, '更新整改事项');
    if (!isBureauStaff(actor) && actor.role !== 'system' && actor.orgId !== row.org_id)
      throw forbidden('无权限：只能更新本单位的整改事项');
    if (row.version !== patch.version) staleRow('整改事项', row.version, patch.version);
    const before = view(row);
    const next = {
      owner: patch.owner === undefined ? before.owner : patch.owner,
      measure: patch.measure === undefined ? before.measure : patch.measure,
      due: patch.due === undefined ? before.due : patch.due,
      status: patch.status ?? before.status,
      evidence: patch.evidence ?? before.evidence,
      outcome: patch.outcome === undefined ? before.outcome : patch.outcome,
    };
    const issues = rectificationIssues({
      source: row.source,
      problem: row.problem,
      status: next.status,
      evidence: next.evidence,
      ...(next.owner && { owner: next.owner }),
      ...(next.measure && { measure: next.measure }),
      ...(next.due && { due: next.due }),
      ...(next.outcome && { outcome: next.outcome }),
    });
    if (issues.length) throw badRequest(issues, `不能标记为“${RECTIFICATION_STATUS_LABELS[next.status]}”`);
    const changes = (Object.keys(next) as Array<keyof typeof next>)
      .filter((k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]))
      .map((k) => ({ field: k, old: before[k], new: next[k] }));
    if (!changes.length) return before;
    await trx
      .updateTable('rectification_items')
      .set({
        owner: next.owner,
        measure: next.measure,
        due: next.due,
        status: next.status,
        evidence: JSON.stringify(next.evidence),
        outcome: next.outcome,
        version: sql`version + 1`,
        updated_at: sql`now()`,
        updated_by: actor.userId,
      })
      .where('id', '=', id)
      .execute();
    await appendCycleAudit(trx, { ...auditOf(actor, 'rectification_item', row), action: 'update', changes });
    return view(await visible(trx, actor, id));
  });
}

export async function resultsOf(db0: Kysely<DB>, actor: Actor, year: number): Promise<Results> {
  const db = cdb(db0);
  requireRole(actor, ['bureau_admin', 'bureau_reviewer'], '结果应用');
  const regionId = actor.regionId ?? -1;
  const { resultRules } = await settingsOf(db, regionId);
  const evs = await db
    .selectFrom('evaluations as e')
    .innerJoin('rounds as r', 'r.id', 'e.round_id')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .select(['e.id', 'e.org_id', 'o.name', 'e.total', 'e.grade'])
    .where('r.region_id', '=', regionId)
    .where('r.year', '=', year)
    .where('e.status', 'in', ['approved', 'locked'])
    .execute();
  const open = await db
    .selectFrom('rectification_items')
    .select(['org_id', sql<number>`count(*)::int`.as('n')])
    .where('region_id', '=', regionId)
    .where('year', '=', year)
    .where('status', '!=', 'done')
    .groupBy('org_id')
    .execute();
  const openBy = new Map(open.map((o) => [o.org_id, Number(o.n)]));
  const byUnit = new Map(evs.map((e) => [e.name, e]));
  const rows = applyResults(
    evs.map((e) => ({ unit: e.name, year, total: Number(e.total ?? 0), grade: e.grade ?? '待核实' })),
    resultRules,
  );
  return {
    year,
    rules: resultRules,
    rows: rows.map((r) => {
      const e = byUnit.get(r.unit)!;
      return { ...r, orgId: e.org_id, evaluationId: e.id, openItems: openBy.get(e.org_id) ?? 0 };
    }),
  };
}

export async function resultsExport(db0: Kysely<DB>, actor: Actor, year: number): Promise<string> {
  const r = await resultsOf(db0, actor, year);
  return resultsCsv(r.rows);
}

export async function getSettings(db0: Kysely<DB>, actor: Actor): Promise<CycleSettings> {
  requireRole(actor, ALL_ROLES, '查看全年管理设置');
  return settingsOf(cdb(db0), actor.regionId ?? -1);
}

export async function putSettings(
  db0: Kysely<DB>,
  actor: Actor,
  patch: Partial<CycleSettings>,
): Promise<CycleSettings> {
  const db = cdb(db0);
  requireRole(actor, ['bureau_admin'], '修改全年管理设置');
  const regionId = actor.regionId;
  if (regionId == null) throw badRequest([{ field: 'regionId', message: '须由财政局设置' }]);
  if (patch.resultRules !== undefined) {
    const r = ResultRulesSchema.safeParse(patch.resultRules);
    if (!r.success) throw badRequest(zodProblems(r.error.issues, 'resultRules'));
  }
  const before = await settingsOf(db, regionId);
  const next: CycleSettings = {
    ...before,
    ...patch,
    ...(patch.monitoringMonths && { monitoringMonths: [...new Set(patch.monitoringMonths)].sort((a, b) => a - b) }),
  };
  await db.transaction().execute(async (trx) => {
    const values = {
      lag_threshold: next.lagThreshold,
      monitoring_months: JSON.stringify(next.monitoringMonths),
      result_rules: JSON.stringify(next.resultRules),
      publish_targets: next.publishTargets,
      updated_at: sql<Date>`now()`,
    };
    await trx
      .insertInto('cycle_settings')
      .values({ region_id: regionId, ...values })
      .onConflict((oc) => oc.column('region_id').doUpdateSet(values))
      .execute();
    const changes = (Object.keys(next) as Array<keyof CycleSettings>)
      .filter((k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]))
      .map((k) => ({ field: k, old: before[k], new: next[k] }));
    await appendCycleAudit(trx, {
      ...auditOf(actor, 'cycle_settings', { id: regionId, org_id: regionId, region_id: regionId }),
      action: 'update',
      changes,
    });
  });
  return settingsOf(db, regionId);
}
