/**
 * @module The region dashboard of one round (issue 4): every figure comes from the evaluations the caller
 * may see (evaluationVisibleSql), so a bureau sees its region, a unit its own organisation and
 * sub-units, the public approved evaluations only. The arithmetic is src/core/dashboard.ts.
 */
import type { Kysely } from 'kysely';
import { buildDashboard, type DashboardEntry, previousTotals, yearTrend } from '../../../core/dashboard.js';
import { loadFrameworkVersion } from '../../../db/frameworks.js';
import { PUBLIC_STATUSES, type Status, STATUS_LABELS, STATUS_ORDER, STATUSES } from '../../../core/workflow.js';
import type { DB } from '../../../db/schema.js';
import { type Actor, evaluationVisibleSql, orgVisibleSql } from '../../access.js';
import { getRound } from '../rounds/service.js';
import type { DashboardScope, DashboardView } from './contract.js';

const SCOPE_STATUSES: Record<DashboardScope, readonly Status[]> = {
  approved: PUBLIC_STATUSES,
  submitted: ['submitted_bureau', ...PUBLIC_STATUSES],
  all: STATUSES,
};

export const SCOPE_LABELS: Record<DashboardScope, string> = {
  approved: '已通过（含已锁定）',
  submitted: '已报送财政局（含已通过）',
  all: '全部（含草稿）',
};

export async function roundDashboard(
  db: Kysely<DB>,
  actor: Actor,
  roundId: number,
  scope: DashboardScope = 'approved',
): Promise<DashboardView> {
  const round = await getRound(db, actor, roundId); // 404 outside the caller's region
  const fv = await loadFrameworkVersion(db, round.frameworkVersionId);
  if (!fv) throw new Error(`framework version ${round.frameworkVersionId} missing`);
  const fw = fv.framework;
  const statuses = SCOPE_STATUSES[scope];

  const all = await db
    .selectFrom('evaluations as e')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .select(['e.id', 'e.org_id', 'e.status', 'e.result', 'o.name as org_name'])
    .where('e.round_id', '=', roundId)
    .where(evaluationVisibleSql(actor))
    .orderBy('o.path')
    .execute();

  const history = await db
    .selectFrom('evaluations as e')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .innerJoin('rounds as r', 'r.id', 'e.round_id')
    .select(['e.org_id', 'e.total', 'e.grade', 'r.year'])
    .where('r.region_id', '=', round.regionId)
    .where('e.status', 'in', [...statuses])
    .where('e.total', 'is not', null)
    .where(evaluationVisibleSql(actor))
    .orderBy('r.year')
    .orderBy('r.id')
    .execute();
  const hist = history.map((h) => ({ orgId: h.org_id, year: h.year, total: Number(h.total), grade: h.grade }));
  const prev = previousTotals(hist, round.year);

  const entries: DashboardEntry[] = all
    .filter((r) => statuses.includes(r.status) && r.result)
    .map((r) => ({
      orgId: r.org_id,
      orgName: r.org_name,
      status: r.status,
      result: r.result!,
      ...(prev.has(r.org_id) ? { previous: prev.get(r.org_id)! } : {}),
    }));
  const dash = buildDashboard(entries, { grades: fw.grades.bands, decimals: fw.decimals });

  let progress: DashboardView['progress'] = null;
  if (actor.role !== 'public') {
    const units = await db
      .selectFrom('organisations as o')
      .select('o.id')
      .where('o.kind', 'in', ['unit', 'subunit'])
      .where('o.region_id', '=', round.regionId)
      .where(orgVisibleSql(actor))
      .execute();
    const started = new Set(all.map((r) => r.org_id));
    progress = {
      byStatus: STATUS_ORDER.map((s) => ({
        status: s,
        label: STATUS_LABELS[s],
        count: all.filter((r) => r.status === s).length,
      })),
      units: units.length,
      notStarted: units.filter((u) => !started.has(u.id)).length,
    };
  }

  return {
    ...dash,
    round,
    scope,
    scopeLabel: SCOPE_LABELS[scope],
    framework: { id: fw.id, version: fw.version, name: fw.name, decimals: fw.decimals, total: fw.total.toNumber() },
    progress,
    trend: yearTrend(
      hist.map((h) => ({ year: h.year, total: h.total })),
      fw.decimals,
    ),
  };
}
