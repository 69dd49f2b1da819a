// 公开: the bureau publishes approved 自评 (and, if chosen, the target table); anyone reads them per region without login.
import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { PublicationsTable } from '../../../db/cycle-schema.js';
import type { DB } from '../../../db/schema.js';
import { PUBLIC_STATUSES } from '../../../core/workflow.js';
import { targetsHtml } from '../../../reports/cycle/targets-html.js';
import type { RenderedReport } from '../../../reports/index.js';
import { type Actor, regionVisibleSql, requireRole } from '../../access.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import type { ReportService } from '../reports/service.js';
import { appendCycleAudit, approvedTargetsOf, auditOf, type CDb, cdb, iso, settingsOf } from '../targets/shared.js';
import type { PublicFile, PublicList, PublicationView } from './contract.js';

type Row = Selectable<PublicationsTable> & { org_name: string };

function base(db: CDb) {
  return db
    .selectFrom('publications as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .selectAll('p')
    .select('o.name as org_name');
}

const view = (r: Row): PublicationView => ({
  id: r.id,
  evaluationId: r.evaluation_id,
  orgId: r.org_id,
  orgName: r.org_name,
  year: r.year,
  includeTargets: r.include_targets,
  publishedAt: iso(r.published_at)!,
  withdrawnAt: iso(r.withdrawn_at),
});

export async function listPublications(db0: Kysely<DB>, actor: Actor, year?: number): Promise<PublicationView[]> {
  requireRole(actor, ['bureau_admin', 'bureau_reviewer'], '查看公开记录');
  let q = base(cdb(db0)).where(regionVisibleSql(actor, 'p.region_id'));
  if (year !== undefined) q = q.where('p.year', '=', year);
  return (await q.orderBy('p.year', 'desc').orderBy('o.name').execute()).map(view);
}

export async function publish(
  db0: Kysely<DB>,
  actor: Actor,
  input: { evaluationId: number; includeTargets?: boolean },
): Promise<PublicationView> {
  const db = cdb(db0);
  requireRole(actor, ['bureau_admin'], '公开自评');
  const e = await db
    .selectFrom('evaluations as e')
    .innerJoin('rounds as r', 'r.id', 'e.round_id')
    .select(['e.id', 'e.org_id', 'e.status', 'r.region_id', 'r.year'])
    .where('e.id', '=', input.evaluationId)
    .where(regionVisibleSql(actor, 'r.region_id'))
    .executeTakeFirst();
  if (!e) throw notFound('评价');
  if (!(PUBLIC_STATUSES as readonly string[]).includes(e.status))
    throw conflict('not-approved', '只有财政局审核通过的自评才能公开');
  // Asked for explicitly, the target table must exist; left to the region's setting (全年管理设置 → 公开绩效目标表),
  // it goes with the 自评 when the unit has an approved one and is simply left out when it has none.
  const hasTargets = async () => (await approvedTargetsOf(db, e.org_id, e.year)) !== undefined;
  let include: boolean;
  if (input.includeTargets === undefined)
    include = (await settingsOf(db, e.region_id)).publishTargets && (await hasTargets());
  else include = input.includeTargets;
  if (input.includeTargets && !(await hasTargets()))
    throw badRequest([{ field: 'includeTargets', message: '该单位本年度没有已批复的绩效目标表' }]);
  const id = await db.transaction().execute(async (trx) => {
    const old = await trx
      .selectFrom('publications')
      .selectAll()
      .where('evaluation_id', '=', e.id)
      .forUpdate()
      .executeTakeFirst();
    if (old && !old.withdrawn_at) throw conflict('already-published', '这份自评已经公开');
    const r = old
      ? await trx
          .updateTable('publications')
          .set({ withdrawn_at: null, published_at: sql`now()`, published_by: actor.userId, include_targets: include })
          .where('id', '=', old.id)
          .returning('id')
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('publications')
          .values({
            evaluation_id: e.id,
            region_id: e.region_id,
            org_id: e.org_id,
            year: e.year,
            include_targets: include,
            published_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
    await appendCycleAudit(trx, {
      ...auditOf(actor, 'publication', { id: r.id, org_id: e.org_id, region_id: e.region_id }),
      action: 'publish',
      changes: [{ field: 'published', old: false, new: true }],
      detail: { evaluation: e.id, includeTargets: include },
    });
    return r.id;
  });
  return view((await base(db).where('p.id', '=', id).executeTakeFirst())!);
}

export async function withdraw(db0: Kysely<DB>, actor: Actor, id: number, reason: string): Promise<PublicationView> {
  const db = cdb(db0);
  requireRole(actor, ['bureau_admin'], '撤回公开');
  return db.transaction().execute(async (trx) => {
    const row = await base(trx)
      .where('p.id', '=', id)
      .where(regionVisibleSql(actor, 'p.region_id'))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('公开记录');
    if (row.withdrawn_at) throw conflict('already-withdrawn', '这份自评已经撤回');
    const u = await trx
      .updateTable('publications')
      .set({ withdrawn_at: sql`now()` })
      .where('id', '=', id)
      .returning('withdrawn_at')
      .executeTakeFirstOrThrow();
    await appendCycleAudit(trx, {
      ...auditOf(actor, 'publication', row),
      action: 'withdraw',
      changes: [{ field: 'published', old: true, new: false }],
      detail: { evaluation: row.evaluation_id, reason: reason.trim() },
    });
    return view({ ...row, withdrawn_at: u.withdrawn_at });
  });
}

/** Published, not withdrawn, and the evaluation still approved or locked: the only rows the public reaches. */
function livePublications(db: CDb) {
  return db
    .selectFrom('publications as p')
    .innerJoin('evaluations as e', 'e.id', 'p.evaluation_id')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .innerJoin('organisations as b', 'b.id', 'p.region_id')
    .select(['p.id', 'p.evaluation_id', 'p.org_id', 'p.region_id', 'p.year', 'p.include_targets', 'p.published_at'])
    .select(['o.name as unit', 'b.code as region_code', 'b.name as region_name', 'e.total', 'e.grade'])
    .where('p.withdrawn_at', 'is', null)
    .where('e.status', 'in', [...PUBLIC_STATUSES]);
}

export async function publicList(
  db0: Kysely<DB>,
  code: string,
  q: { unit?: string; year?: number },
): Promise<PublicList> {
  const db = cdb(db0);
  const region = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'code'])
    .where('code', '=', code)
    .where('kind', '=', 'bureau')
    .executeTakeFirst();
  if (!region) throw notFound('地区');
  let s = livePublications(db).where('p.region_id', '=', region.id);
  if (q.year !== undefined) s = s.where('p.year', '=', q.year);
  const unit = q.unit?.trim();
  if (unit) s = s.where(sql<boolean>`position(${unit} in o.name) > 0`);
  const rows = await s.orderBy('p.year', 'desc').orderBy('o.name').execute();
  return {
    region: region.name,
    code: region.code,
    items: rows.map((r) => ({
      id: r.id,
      unit: r.unit,
      year: r.year,
      total: r.total === null ? null : Number(r.total),
      grade: r.grade,
      publishedAt: iso(r.published_at)!,
      files: [
        { label: '自评表和自评报告（网页）', href: `/api/public/publications/${r.id}/report.html` },
        { label: '自评表和自评报告（PDF）', href: `/api/public/publications/${r.id}/report.pdf` },
        ...(r.include_targets
          ? [{ label: '绩效目标表（网页）', href: `/api/public/publications/${r.id}/targets.html` }]
          : []),
      ],
    })),
  };
}

/** The reader of a published file: the public role of that region, which sees only approved 自评. */
function anonymousReader(regionId: number): Actor {
  return {
    userId: null,
    username: 'anonymous',
    name: '公众',
    role: 'public',
    orgId: regionId,
    orgKind: 'bureau',
    orgName: '',
    orgPath: `/${regionId}/`,
    regionId,
  };
}

export async function publicFile(
  db0: Kysely<DB>,
  reports: ReportService,
  id: number,
  file: PublicFile,
): Promise<RenderedReport> {
  const db = cdb(db0);
  const p = await livePublications(db).where('p.id', '=', id).executeTakeFirst();
  if (!p) throw notFound('公开文件');
  if (file === 'targets.html') {
    const t = p.include_targets ? await approvedTargetsOf(db, p.org_id, p.year) : undefined;
    if (!t) throw notFound('公开文件');
    return {
      data: Buffer.from(targetsHtml(t.approved), 'utf8'),
      contentType: 'text/html; charset=utf-8',
      fileName: `${p.unit}${p.year}年度部门整体支出绩效目标表.html`,
    };
  }
  return reports.render(db0, anonymousReader(p.region_id), p.evaluation_id, file === 'report.pdf' ? 'pdf' : 'html');
}
