/**
 * @module The region dashboard of one round (issue 4), from SQL aggregates over the stored results
 * (issue 16: no scoring, no YAML, no whole result read into memory on a read). Every figure counts
 * only the evaluations the caller may see, so a bureau sees its region, a unit its own organisation
 * and sub-units, the public approved evaluations only (scope.ts). The ranking and the 一级指标 table
 * carry the first RANKING_LIMIT units; counts, averages and bands cover them all. The independent
 * queries run side by side (on PostgreSQL each on its own connection). The queries and their plans
 * on 20,000 units: docs/performance.md, “Dashboards at scale”.
 */
import { SUMMARY_COLUMNS } from '../../../db/result-columns.js';
import { type Kysely, sql } from 'kysely';
import type { Dashboard, RankingRow } from '../../../core/dashboard.js';
import { toNumber } from '../../../core/decimal.js';
import { type Status, STATUS_LABELS, STATUS_ORDER } from '../../../core/workflow.js';
import { loadFrameworkVersion } from '../../../db/frameworks.js';
import type { DB } from '../../../db/schema.js';
import { type Actor, orgVisibleSql } from '../../access.js';
import { getRound } from '../rounds/service.js';
import type { DashboardScope, DashboardView } from './contract.js';
import { missedFromScores, missedFromSums } from './missed.js';
import { SCOPE_LABELS, SCOPE_STATUSES, scoped, seesWholeRound, visibleSql, visibleStatuses } from './scope.js';

export { SCOPE_LABELS, SCOPE_STATUSES };

/** Units listed in the ranking and the 一级指标 table (the page shows the top 20 and a chart of a few). */
export const RANKING_LIMIT = 200;

const num = (v: unknown, d: number) => toNumber(String(v), d);

type Round = Awaited<ReturnType<typeof getRound>>;

/** Progress of a round (各状态的评价数、尚未开始的单位数) — also the progress page of a 20,000-unit round. */
export async function roundProgress(
  db: Kysely<DB>,
  actor: Actor,
  round: { id: number; regionId: number },
): Promise<NonNullable<DashboardView['progress']>> {
  const [rows, { units }] = await Promise.all([
    db
      .selectFrom('evaluations as e')
      .select(['e.status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('e.round_id', '=', round.id)
      .where(visibleSql(actor, seesWholeRound(actor, round) && actor.role !== 'public'))
      // A withdrawn unit's draft stays (logged) but is no longer part of the round's progress (as in 催办's).
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('round_units as w')
              .select('w.org_id')
              .whereRef('w.round_id', '=', 'e.round_id')
              .whereRef('w.org_id', '=', 'e.org_id')
              .where('w.withdrawn_at', 'is not', null),
          ),
        ),
      )
      .groupBy('e.status')
      .execute(),
    // The units the round asks (评价范围, not withdrawn), not every unit of the region.
    db
      .selectFrom('round_units as ru')
      .innerJoin('organisations as o', 'o.id', 'ru.org_id')
      .select((eb) => eb.fn.countAll<number>().as('units'))
      .where('ru.round_id', '=', round.id)
      .where('ru.withdrawn_at', 'is', null)
      .where('o.kind', 'in', ['unit', 'subunit'])
      .where('o.region_id', '=', round.regionId)
      .where(orgVisibleSql(actor))
      .executeTakeFirstOrThrow(),
  ]);
  const by = new Map(rows.map((r) => [r.status, Number(r.n)]));
  const started = [...by.values()].reduce((a, b) => a + b, 0);
  return {
    byStatus: STATUS_ORDER.map((s) => ({ status: s, label: STATUS_LABELS[s], count: by.get(s) ?? 0 })),
    units: Number(units),
    notStarted: Math.max(0, Number(units) - started),
  };
}

/** The round's evaluations of the same scope in earlier years of the region (for 同比). */
function earlierSql(round: Round, statuses: readonly Status[]) {
  return sql`select pe.org_id from evaluations pe join rounds pr on pr.id = pe.round_id
    where pr.region_id = ${round.regionId} and pr.year < ${round.year}
      and pe.status in (${sql.join(statuses)}) and pe.total is not null`;
}

/** Count, average, median, max, min, 待核实 and units with a previous year: one pass over the round. */
async function figures(db: Kysely<DB>, actor: Actor, round: Round, statuses: readonly Status[]) {
  return scoped(db, actor, round, statuses)
    .select([
      sql<number>`count(*)`.as('n'),
      sql<string | null>`avg(e.total)`.as('avg'),
      sql<string | null>`percentile_cont(0.5) within group (order by e.total)`.as('median'),
      sql<string | null>`max(e.total)`.as('max'),
      sql<string | null>`min(e.total)`.as('min'),
      // 待核实 over every unit in scope (not only the ranked ones).
      sql<number>`count(*) filter (where e.unverifiable_count > 0)`.as('unv_units'),
      sql<string | null>`sum(e.unverifiable_points)`.as('unv_points'),
      sql<number>`count(*) filter (where e.grade_may_change)`.as('may_change'),
      // An uncorrelated IN: PostgreSQL hashes the earlier years' units once.
      sql<number>`count(*) filter (where e.org_id in (${earlierSql(round, visibleStatuses(actor, statuses))}))`.as(
        'with_previous',
      ),
    ])
    .executeTakeFirstOrThrow();
}

/** The first RANKING_LIMIT units by total, with the same unit's total in the latest earlier year. */
async function rankingRows(db: Kysely<DB>, actor: Actor, round: Round, statuses: readonly Status[]) {
  const prevStatuses = visibleStatuses(actor, statuses);
  return scoped(db, actor, round, statuses)
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('evaluations as pe')
          .innerJoin('rounds as pr', 'pr.id', 'pe.round_id')
          .select(['pe.total as prev_total', 'pr.year as prev_year'])
          .whereRef('pe.org_id', '=', 'e.org_id')
          .where('pr.region_id', '=', round.regionId)
          .where('pr.year', '<', round.year)
          .where('pe.status', 'in', prevStatuses)
          .where('pe.total', 'is not', null)
          .orderBy('pr.year', 'desc')
          .orderBy('pr.id', 'desc')
          .limit(1)
          .as('prev'),
      (join) => join.onTrue(),
    )
    .select([
      'e.id',
      'e.org_id',
      'o.name',
      'e.status',
      'e.total',
      'e.grade',
      ...SUMMARY_COLUMNS,
      'prev.prev_total',
      'prev.prev_year',
      sql<number>`rank() over (order by e.total desc)`.as('rank'),
    ])
    .orderBy('e.total', 'desc')
    .orderBy('o.name')
    .orderBy('e.org_id')
    .limit(RANKING_LIMIT)
    .execute();
}

/** 一级指标 scores of the ranked units, in ranking order. */
async function level1Of(db: Kysely<DB>, ranked: Array<{ id: number; org_id: number; name: string }>) {
  const level1: Dashboard['level1'] = { indicators: [], units: [] };
  if (!ranked.length) return level1;
  const nodes = await db
    .selectFrom('evaluation_scores as s')
    .select(['s.evaluation_id as id', 's.node_id as nid', 's.name', 's.weight', 's.score'])
    .where(
      's.evaluation_id',
      'in',
      ranked.map((r) => r.id),
    )
    .where('s.leaf', '=', false)
    .orderBy('s.evaluation_id')
    .orderBy('s.ord')
    .execute();
  const index = new Map<string, number>();
  const byEval = new Map<number, typeof nodes>();
  for (const n of nodes) {
    if (!index.has(n.nid)) {
      index.set(n.nid, level1.indicators.length);
      level1.indicators.push({ id: n.nid, name: n.name, weight: Number(n.weight) });
    }
    byEval.set(n.id, [...(byEval.get(n.id) ?? []), n]);
  }
  for (const r of ranked) {
    const scores: Array<number | null> = level1.indicators.map(() => null);
    for (const n of byEval.get(r.id) ?? []) scores[index.get(n.nid)!] = Number(n.score);
    level1.units.push({ orgId: r.org_id, orgName: r.name, scores });
  }
  return level1;
}

/** Average by year over the region's rounds (same scope, what the caller sees). */
function trendRows(db: Kysely<DB>, actor: Actor, round: Round, statuses: readonly Status[]) {
  return db
    .selectFrom('evaluations as e')
    .innerJoin('rounds as r', 'r.id', 'e.round_id')
    .select(['r.year', sql<number>`count(*)`.as('n'), sql<string>`avg(e.total)`.as('avg')])
    .where('r.region_id', '=', round.regionId)
    .where('e.status', 'in', visibleStatuses(actor, statuses))
    .where('e.total', 'is not', null)
    .where(visibleSql(actor, seesWholeRound(actor, round)))
    .groupBy('r.year')
    .orderBy('r.year')
    .execute();
}

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
  const d = fw.decimals;
  const statuses = SCOPE_STATUSES[scope];

  const [summary, gradeRows, [ranked, level1], missedRows, trend, progress] = await Promise.all([
    figures(db, actor, round, statuses),
    scoped(db, actor, round, statuses)
      .select(['e.grade', sql<number>`count(*)`.as('n')])
      .groupBy('e.grade')
      .execute(),
    rankingRows(db, actor, round, statuses).then(async (r) => [r, await level1Of(db, r)] as const),
    // Indicators most often missed: the round's running sums when the caller sees the whole round.
    seesWholeRound(actor, round)
      ? missedFromSums(db, round.id, visibleStatuses(actor, statuses))
      : missedFromScores(db, actor, round, statuses),
    trendRows(db, actor, round, statuses),
    actor.role === 'public' ? null : roundProgress(db, actor, round),
  ]);
  const count = Number(summary.n);

  const bands = [...fw.grades.bands].sort((a, b) => b.min - a.min).map((b) => ({ name: b.name, min: b.min, count: 0 }));
  for (const g of gradeRows) {
    const band = bands.find((b) => b.name === g.grade);
    if (band) band.count += Number(g.n);
    else bands.push({ name: g.grade ?? '—', min: 0, count: Number(g.n) });
  }

  const ranking: RankingRow[] = ranked.map((r) => {
    const total = num(r.total, d);
    const row: RankingRow = {
      rank: Number(r.rank),
      orgId: r.org_id,
      orgName: r.name,
      status: r.status,
      total,
      grade: r.grade ?? '',
      strictTotal: r.strict_total === null ? total : num(r.strict_total, d),
      strictGrade: r.strict_grade ?? r.grade ?? '',
      unverifiablePoints: r.unverifiable_points === null ? 0 : num(r.unverifiable_points, d),
      unverifiableCount: Number(r.unverifiable_count ?? 0),
      gradeMayChange: r.grade_may_change === true,
    };
    if (r.prev_total !== null && r.prev_year !== null) {
      row.previousYear = r.prev_year;
      row.previousTotal = num(r.prev_total, d);
      row.change = toNumber(String(Number(r.total) - Number(r.prev_total)), d);
    }
    return row;
  });

  const missed = missedRows.map((m) => ({
    id: m.id,
    name: m.name,
    path: m.path,
    weight: Number(m.weight),
    lostCount: Number(m.lost_count),
    missedCount: Number(m.missed_count),
    incompleteCount: Number(m.incomplete_count),
    lostPoints: num(m.lost, d),
    units: Number(m.units),
    averageScore: num(m.avg, d),
  }));

  return {
    count,
    average: count ? num(summary.avg, d) : null,
    median: count ? num(summary.median, d) : null,
    max: count ? num(summary.max, d) : null,
    min: count ? num(summary.min, d) : null,
    grades: bands,
    ranking,
    missed,
    level1,
    withPrevious: Number(summary.with_previous),
    unverifiable: {
      units: Number(summary.unv_units),
      points: num(summary.unv_points ?? 0, d),
      gradeMayChange: Number(summary.may_change),
    },
    round,
    scope,
    scopeLabel: SCOPE_LABELS[scope],
    framework: { id: fw.id, version: fw.version, name: fw.name, decimals: d, total: fw.total.toNumber() },
    progress,
    trend: trend.map((t) => ({ year: t.year, count: Number(t.n), average: num(t.avg, d) })),
  };
}
