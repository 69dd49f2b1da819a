/**
 * @module Review lists and batch actions: one SQL query, scoped to the caller, filtered, sorted and
 * paged in the database (no full-table read); the same query feeds the XLSX export; a batch runs the
 * ordinary workflow transition once per evaluation and reports each one's outcome.
 */
import { resultSummary, SUMMARY_COLUMNS } from '../../../db/result-columns.js';
import { type Kysely, sql } from 'kysely';
import { ORG_KIND_LABELS, type Role, STATUS_LABELS } from '../../../core/workflow.js';
import type { DB } from '../../../db/schema.js';
import { type Actor, evaluationVisibleSql, requireRole } from '../../access.js';
import { ApiError, badRequest } from '../../errors.js';
import { transition } from '../evaluations/service.js';
import type { BATCH_ACTIONS, BatchResult, ReviewFilter, ReviewPage, ReviewRow, SortField } from './contract.js';

/** 自评分: the stated total, else the sum of the self-scores — the same column the evaluation summaries read. */
const CLAIMED = sql<string | null>`e.claimed_total`;
const DIFF = sql<string | null>`(e.claimed_total - e.total)`;

const SORT_SQL: Record<SortField, ReturnType<typeof sql>> = {
  orgName: sql`o.path`,
  status: sql`e.status`,
  total: sql`e.total`,
  claimed: CLAIMED,
  diff: sql`abs(${DIFF})`,
  unverifiable: sql`e.unverifiable_points`,
  updatedAt: sql`e.updated_at`,
};

function filtered(db: Kysely<DB>, actor: Actor, f: Omit<ReviewFilter, 'page' | 'pageSize'>) {
  let q = db
    .selectFrom('evaluations as e')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .innerJoin('rounds as r', 'r.id', 'e.round_id')
    .where(evaluationVisibleSql(actor));
  if (f.roundId !== undefined) q = q.where('e.round_id', '=', f.roundId);
  if (f.status?.length) q = q.where('e.status', 'in', f.status);
  const grades = f.grade
    ?.split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  if (grades?.length) q = q.where('e.grade', 'in', grades);
  if (f.orgKind) q = q.where('o.kind', '=', f.orgKind);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('o.name', 'like', like), eb('o.code', 'like', like)]));
  }
  if (f.diffMin !== undefined) q = q.where(sql<boolean>`${CLAIMED} is not null and abs(${DIFF}) >= ${f.diffMin}`);
  return q;
}

const num = (v: string | number | null) => (v === null ? null : Number(v));

function rows(db: Kysely<DB>, actor: Actor, f: Omit<ReviewFilter, 'page' | 'pageSize'>) {
  const dir = f.sortOrder === 'ascend' ? sql`asc` : sql`desc`;
  const order = f.sortField ? sql`${SORT_SQL[f.sortField]} ${dir} nulls last, e.id` : sql`r.year desc, r.id, o.path`;
  return (
    filtered(db, actor, f)
      .select([
        'e.id',
        'e.round_id',
        'e.org_id',
        'e.status',
        'e.version',
        'e.total',
        'e.grade',
        'e.updated_at',
        'o.name as org_name',
        'o.kind as org_kind',
        'r.name as round_name',
        'r.year',
      ])
      .select([CLAIMED.as('claimed'), DIFF.as('diff')])
      // The score model's other figures, stored with the result (migration 0090; null before it was scored).
      .select([...SUMMARY_COLUMNS])
      .orderBy(order)
  );
}

type Row = Awaited<ReturnType<ReturnType<typeof rows>['execute']>>[number];

function view(r: Row): ReviewRow {
  return {
    id: r.id,
    roundId: r.round_id,
    roundName: r.round_name,
    year: r.year,
    orgId: r.org_id,
    orgName: r.org_name,
    orgKind: r.org_kind,
    orgKindLabel: ORG_KIND_LABELS[r.org_kind],
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    version: r.version,
    total: num(r.total),
    grade: r.grade,
    claimedTotal: num(r.claimed),
    ...resultSummary(r),
    diff: r.diff === null ? null : Math.round(Number(r.diff) * 10_000) / 10_000,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function reviewPage(db: Kysely<DB>, actor: Actor, f: ReviewFilter): Promise<ReviewPage> {
  const count = await filtered(db, actor, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const list = await rows(db, actor, f)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items: list.map(view), total: Number(count.n), page: f.page, pageSize: f.pageSize };
}

export const EXPORT_LIMIT = 5000;
const EXPORT_ROLES: readonly Role[] = ['bureau_admin', 'bureau_reviewer', 'unit_leader'];

/** Every row the filter matches (up to EXPORT_LIMIT, else a 400 asking to narrow it). */
export async function reviewRows(
  db: Kysely<DB>,
  actor: Actor,
  f: Omit<ReviewFilter, 'page' | 'pageSize'>,
): Promise<ReviewRow[]> {
  requireRole(actor, EXPORT_ROLES, '导出评价列表');
  const list = await rows(db, actor, f)
    .limit(EXPORT_LIMIT + 1)
    .execute();
  if (list.length > EXPORT_LIMIT)
    throw badRequest([{ field: '查询参数', message: `符合条件的评价超过 ${EXPORT_LIMIT} 份，请缩小筛选范围后再导出` }]);
  return list.map(view);
}

const BATCH_ROLES: Record<(typeof BATCH_ACTIONS)[number], Role[]> = {
  approve: ['bureau_admin', 'bureau_reviewer'],
  return: ['bureau_admin', 'bureau_reviewer'],
  'leader-approve': ['unit_leader'],
  'leader-return': ['unit_leader'],
};

/** Applies one workflow action to each evaluation in turn, each in its own transaction. */
export async function batchTransition(
  db: Kysely<DB>,
  actor: Actor,
  action: (typeof BATCH_ACTIONS)[number],
  ids: number[],
  comment: string | undefined,
): Promise<BatchResult> {
  requireRole(actor, BATCH_ROLES[action], '批量审核');
  const unique = [...new Set(ids)];
  const found = await db
    .selectFrom('evaluations as e')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .select(['e.id', 'e.version', 'o.name'])
    .where('e.id', 'in', unique)
    .where(evaluationVisibleSql(actor))
    .execute();
  const byId = new Map(found.map((r) => [r.id, r]));
  const results: BatchResult['results'] = [];
  for (const id of unique) {
    const row = byId.get(id);
    if (!row) {
      results.push({ id, orgName: null, ok: false, message: `评价 ${id} 不存在，或您无权查看` });
      continue;
    }
    try {
      const d = await transition(db, actor, id, action, row.version, comment);
      results.push({ id, orgName: row.name, ok: true, status: d.status, statusLabel: d.statusLabel });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      results.push({ id, orgName: row.name, ok: false, message: e.message });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}
