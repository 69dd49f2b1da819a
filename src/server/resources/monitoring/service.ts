// 运行监控: a unit files its report for a month the bureau set; execution against 序时进度; the bureau's dashboard and 督促整改.
import { type Kysely, type Selectable, sql } from 'kysely';
import { checkMonitoring, type MonitoringReport, MonitoringReportSchema } from '../../../core/cycle/index.js';
import { diffJson } from '../../../db/audit.js';
import type { MonitoringReportsTable } from '../../../db/cycle-schema.js';
import type { DB } from '../../../db/schema.js';
import { type Actor, orgVisibleSql, requireRole } from '../../access.js';
import { badRequest, conflict, forbidden, isUniqueViolation, notFound } from '../../errors.js';
import {
  appendCycleAudit,
  approvedTargetsOf,
  auditOf,
  type CDb,
  cdb,
  iso,
  orgOf,
  refuseErrors,
  rowVisibleSql,
  settingsOf,
  staleRow,
  zodProblems,
} from '../targets/shared.js';
import type { MonitoringDashboard, MonitoringView } from './contract.js';

type Row = Selectable<MonitoringReportsTable> & { org_name: string };

function base(db: CDb) {
  return db
    .selectFrom('monitoring_reports as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .selectAll('m')
    .select('o.name as org_name');
}

async function visible(db: CDb, actor: Actor, id: number, lock = false): Promise<Row> {
  let q = base(db).where('m.id', '=', id).where(rowVisibleSql(actor));
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  if (!r) throw notFound('绩效监控表');
  return r;
}

async function view(db: CDb, row: Row): Promise<MonitoringView> {
  const { lagThreshold } = await settingsOf(db, row.region_id);
  const t = await approvedTargetsOf(db, row.org_id, row.year);
  const c = checkMonitoring(row.document, lagThreshold, t?.approved.set);
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    year: row.year,
    month: row.month,
    version: row.version,
    document: row.document,
    progress: c.progress,
    threshold: lagThreshold,
    findings: c.findings,
    atRisk: c.atRisk,
    urgedAt: iso(row.urged_at),
    urgedNote: row.urged_note,
    updatedAt: iso(row.updated_at)!,
  };
}

/** Validates a report for a unit and month; errors (missing 偏差原因, 纠偏措施, months) refuse it. */
async function parseReport(
  db: CDb,
  raw: unknown,
  org: { id: number; name: string; region_id: number },
  year: number,
  month: number,
): Promise<{ document: MonitoringReport; progress: ReturnType<typeof checkMonitoring>['progress'] }> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw badRequest([{ field: 'document', message: '监控表必须是一个对象' }]);
  const r = MonitoringReportSchema.safeParse({ ...(raw as Record<string, unknown>), unit: org.name, year, month });
  if (!r.success) throw badRequest(zodProblems(r.error.issues, 'document'));
  const { lagThreshold } = await settingsOf(db, org.region_id);
  const t = await approvedTargetsOf(db, org.id, year);
  const c = checkMonitoring(r.data, lagThreshold, t?.approved.set);
  refuseErrors(c.findings, 'document', '绩效监控表有错误');
  return { document: r.data, progress: c.progress };
}

export async function listMonitoring(db0: Kysely<DB>, actor: Actor, year?: number): Promise<MonitoringView[]> {
  const db = cdb(db0);
  requireRole(actor, ['bureau_admin', 'bureau_reviewer', 'unit_filler', 'unit_leader'], '查看绩效监控');
  let q = base(db).where(rowVisibleSql(actor));
  if (year !== undefined) q = q.where('m.year', '=', year);
  const rows = await q.orderBy('m.year', 'desc').orderBy('o.name').orderBy('m.month').execute();
  const out: MonitoringView[] = [];
  for (const r of rows) out.push(await view(db, r));
  return out;
}

export async function getMonitoring(db0: Kysely<DB>, actor: Actor, id: number): Promise<MonitoringView> {
  const db = cdb(db0);
  return view(db, await visible(db, actor, id));
}

export async function createMonitoring(
  db0: Kysely<DB>,
  actor: Actor,
  input: { year: number; month: number; document: unknown; orgId?: number },
): Promise<MonitoringView> {
  const db = cdb(db0);
  requireRole(actor, ['unit_filler'], '填报绩效监控');
  const orgId = actor.role === 'system' ? input.orgId : actor.orgId;
  const org = orgId == null ? undefined : await orgOf(db, orgId);
  if (!org || org.kind === 'bureau' || org.region_id == null)
    throw badRequest([{ field: 'orgId', message: '财政局本身不填报绩效监控' }]);
  const region = org.region_id;
  const { monitoringMonths } = await settingsOf(db, region);
  if (!monitoringMonths.includes(input.month))
    throw badRequest([
      {
        field: 'month',
        message: `财政局设定的监控期为${monitoringMonths.map((m) => `1–${m}月`).join('、')}，没有1–${input.month}月`,
      },
    ]);
  const { document, progress } = await parseReport(
    db,
    input.document,
    { ...org, region_id: region },
    input.year,
    input.month,
  );
  try {
    const id = await db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('monitoring_reports')
        .values({
          org_id: org.id,
          region_id: region,
          year: input.year,
          month: input.month,
          version: 1,
          document: JSON.stringify(document),
          progress: JSON.stringify(progress),
          updated_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendCycleAudit(trx, {
        ...auditOf(actor, 'monitoring_report', { id: r.id, org_id: org.id, region_id: region }),
        action: 'create',
        changes: diffJson({}, document, 'document'),
        detail: { year: input.year, month: input.month, rate: progress.rate, lagging: progress.lagging },
      });
      return r.id;
    });
    return getMonitoring(db0, actor, id);
  } catch (e) {
    if (isUniqueViolation(e))
      throw conflict('monitoring-exists', `“${org.name}”${input.year}年1–${input.month}月的监控表已填报，请修改原表`);
    throw e;
  }
}

export async function saveMonitoring(
  db0: Kysely<DB>,
  actor: Actor,
  id: number,
  version: number,
  raw: unknown,
): Promise<MonitoringView> {
  const db = cdb(db0);
  return db.transaction().execute(async (trx) => {
    const row = await visible(trx, actor, id, true);
    requireRole(actor, ['unit_filler'], '修改绩效监控');
    if (actor.role !== 'system' && actor.orgId !== row.org_id) throw forbidden('无权限：只能修改本单位的监控表');
    if (row.version !== version) staleRow('绩效监控表', row.version, version);
    const org = { id: row.org_id, name: row.org_name, region_id: row.region_id };
    const { document, progress } = await parseReport(trx, raw, org, row.year, row.month);
    const changes = diffJson(row.document, document, 'document');
    if (!changes.length) return view(trx, row);
    const u = await trx
      .updateTable('monitoring_reports')
      .set({
        document: JSON.stringify(document),
        progress: JSON.stringify(progress),
        version: sql`version + 1`,
        updated_at: sql`now()`,
        updated_by: actor.userId,
      })
      .where('id', '=', id)
      .returning(['version', 'updated_at'])
      .executeTakeFirstOrThrow();
    await appendCycleAudit(trx, {
      ...auditOf(actor, 'monitoring_report', row),
      action: 'update',
      changes,
      detail: { version: u.version },
    });
    return view(trx, { ...row, document, version: u.version, updated_at: u.updated_at });
  });
}

/** 督促整改: the bureau marks a report and the unit gets a 整改 item (source 运行监控). */
export async function urgeMonitoring(db0: Kysely<DB>, actor: Actor, id: number, note: string): Promise<MonitoringView> {
  const db = cdb(db0);
  return db.transaction().execute(async (trx) => {
    const row = await visible(trx, actor, id, true);
    requireRole(actor, ['bureau_admin', 'bureau_reviewer'], '督促整改');
    const text = note.trim();
    if (text.length < 2) throw badRequest([{ field: 'note', message: '请写明督促整改的内容' }]);
    const u = await trx
      .updateTable('monitoring_reports')
      .set({ urged_at: sql`now()`, urged_note: text })
      .where('id', '=', id)
      .returning(['urged_at'])
      .executeTakeFirstOrThrow();
    const item = await trx
      .insertInto('rectification_items')
      .values({
        org_id: row.org_id,
        region_id: row.region_id,
        year: row.year,
        source: 'monitoring',
        problem: `1–${row.month}月绩效监控：${text}`,
        origin: `monitoring:${row.id}`,
        evidence: '[]',
        status: 'open',
        version: 1,
        updated_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendCycleAudit(trx, {
      ...auditOf(actor, 'monitoring_report', row),
      action: 'urge',
      changes: [{ field: 'urged_note', old: row.urged_note, new: text }],
      detail: { rectificationItem: item.id },
    });
    return view(trx, { ...row, urged_at: u.urged_at, urged_note: text });
  });
}

export async function monitoringDashboard(db0: Kysely<DB>, actor: Actor, year: number): Promise<MonitoringDashboard> {
  const db = cdb(db0);
  requireRole(actor, ['bureau_admin', 'bureau_reviewer'], '监控看板');
  const regionId = actor.regionId ?? -1;
  const settings = await settingsOf(db, regionId);
  const units = await db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.name'])
    .where('o.kind', '!=', 'bureau')
    .where(orgVisibleSql(actor, 'o'))
    .orderBy('o.name')
    .execute();
  const rows = await base(db).where(rowVisibleSql(actor)).where('m.year', '=', year).orderBy('m.month').execute();
  return {
    year,
    threshold: settings.lagThreshold,
    months: settings.monitoringMonths,
    units: await Promise.all(
      units.map(async (u) => {
        const mine = rows.filter((r) => r.org_id === u.id);
        const last = mine.at(-1);
        const v = last ? await view(db, last) : undefined;
        return {
          orgId: u.id,
          orgName: u.name,
          reported: mine.map((r) => r.month),
          missing: settings.monitoringMonths.filter((m) => !mine.some((r) => r.month === m)),
          latest: v ? { id: v.id, month: v.month, progress: v.progress, urgedAt: v.urgedAt } : null,
          atRisk: v?.atRisk ?? [],
        };
      }),
    ),
  };
}
