// The region dashboard (地区看板): grade distribution, ranking with 核定分/待核实/严格口径, missed indicators.
import { dec, type Dec, toNumber, ZERO } from './decimal.js';
import type { ScoreResult } from './scoring.js';

/**
 * A region's dashboard (地区看板) for one round: grade distribution, ranking, the indicators most
 * often missed, the score by 一级指标 per unit, and the change on the previous year where it exists.
 * Pure: the server collects the scored evaluations it may show and this file adds them up.
 */

export interface DashboardEntry {
  orgId: number;
  orgName: string;
  status: string;
  /** The strict fields are absent in results stored before the score model (their total was strict). */
  result: Pick<ScoreResult, 'total' | 'grade' | 'indicators' | 'nodes'> &
    Partial<Pick<ScoreResult, 'strictTotal' | 'strictGrade' | 'unverifiable' | 'gradeMayChange'>>;
  /** The same unit's total in the most recent earlier year with a scored evaluation. */
  previous?: { year: number; total: number; grade: string | null };
}

export interface GradeBandSpec {
  name: string;
  min: number;
}

export interface RankingRow {
  /** Competition ranking: equal totals share a rank (1, 2, 2, 4). */
  rank: number;
  orgId: number;
  orgName: string;
  status: string;
  /** 核定分 (待核实 indicators at their self-score) and its grade. */
  total: number;
  grade: string;
  /** 待核实 counted as 0. */
  strictTotal: number;
  strictGrade: string;
  /** Points carried at the self-score for want of data, and how many indicators. */
  unverifiablePoints: number;
  unverifiableCount: number;
  gradeMayChange: boolean;
  previousYear?: number;
  previousTotal?: number;
  /** total − previousTotal. */
  change?: number;
}

export interface MissedIndicator {
  id: string;
  name: string;
  path: string[];
  weight: number;
  /** Units that lost points on it (得分 < 分值). */
  lostCount: number;
  /** Units whose target it missed (偏差原因 expected). */
  missedCount: number;
  /** Units that lacked the data to score it. */
  incompleteCount: number;
  /** Points lost on it, all units together. */
  lostPoints: number;
  /** Units it was scored for. */
  units: number;
  averageScore: number;
}

export interface Dashboard {
  count: number;
  average: number | null;
  median: number | null;
  max: number | null;
  min: number | null;
  /** Every band of the framework, best first, with how many units fell in it. */
  grades: Array<{ name: string; min: number; count: number }>;
  ranking: RankingRow[];
  missed: MissedIndicator[];
  level1: {
    indicators: Array<{ id: string; name: string; weight: number }>;
    /** Per unit, the score of each 一级指标 in `indicators` order (null where the unit's tree lacks it). */
    units: Array<{ orgId: number; orgName: string; scores: Array<number | null> }>;
  };
  /** Units with a previous year's total. */
  withPrevious: number;
  /** Units with 待核实 points, and those points all together. */
  unverifiable: { units: number; points: number; gradeMayChange: number };
}

const round = (v: Dec, decimals: number) => toNumber(v, decimals);

function median(sorted: Dec[]): Dec | undefined {
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : sorted[mid - 1]!.plus(sorted[mid]!).div(2);
}

export function buildDashboard(
  entries: DashboardEntry[],
  opts: { grades: GradeBandSpec[]; decimals: number; topMissed?: number },
): Dashboard {
  const d = opts.decimals;
  const totals = entries.map((e) => dec(e.result.total)).sort((a, b) => a.comparedTo(b));
  const sum = totals.reduce((a, t) => a.plus(t), ZERO);

  const bands = [...opts.grades].sort((a, b) => b.min - a.min).map((b) => ({ name: b.name, min: b.min, count: 0 }));
  for (const e of entries) {
    const band = bands.find((b) => b.name === e.result.grade);
    if (band) band.count++;
    else bands.push({ name: e.result.grade, min: 0, count: 1 });
  }

  const ordered = [...entries].sort(
    (a, b) =>
      b.result.total - a.result.total || (a.orgName < b.orgName ? -1 : a.orgName > b.orgName ? 1 : a.orgId - b.orgId),
  );
  const ranking: RankingRow[] = [];
  ordered.forEach((e, i) => {
    const prev = ranking[i - 1];
    const rank = prev && prev.total === e.result.total ? prev.rank : i + 1;
    const row: RankingRow = {
      rank,
      orgId: e.orgId,
      orgName: e.orgName,
      status: e.status,
      total: e.result.total,
      grade: e.result.grade,
      strictTotal: e.result.strictTotal ?? e.result.total,
      strictGrade: e.result.strictGrade ?? e.result.grade,
      unverifiablePoints: e.result.unverifiable?.points ?? 0,
      unverifiableCount: e.result.unverifiable?.count ?? 0,
      gradeMayChange: e.result.gradeMayChange ?? false,
    };
    if (e.previous) {
      row.previousYear = e.previous.year;
      row.previousTotal = e.previous.total;
      row.change = round(dec(e.result.total).minus(e.previous.total), d);
    }
    ranking.push(row);
  });

  const byId = new Map<string, MissedIndicator & { sum: Dec; lost: Dec }>();
  for (const e of entries) {
    for (const ind of e.result.indicators) {
      let m = byId.get(ind.id);
      if (!m) {
        m = {
          id: ind.id,
          name: ind.name,
          path: ind.path,
          weight: ind.weight,
          lostCount: 0,
          missedCount: 0,
          incompleteCount: 0,
          lostPoints: 0,
          units: 0,
          averageScore: 0,
          sum: ZERO,
          lost: ZERO,
        };
        byId.set(ind.id, m);
      }
      m.units++;
      m.sum = m.sum.plus(ind.score);
      const lost = dec(ind.weight).minus(ind.score);
      if (lost.gt(0)) {
        m.lostCount++;
        m.lost = m.lost.plus(lost);
      }
      if (ind.missed) m.missedCount++;
      if ((ind.verification ?? (ind.incomplete ? 'unverifiable' : 'verified')) === 'unverifiable') m.incompleteCount++;
    }
  }
  const missed = [...byId.values()]
    .filter((m) => m.lostCount > 0)
    .map(({ sum, lost, ...m }) => ({ ...m, lostPoints: round(lost, d), averageScore: round(sum.div(m.units), d) }))
    .sort(
      (a, b) =>
        b.lostCount - a.lostCount || b.lostPoints - a.lostPoints || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    )
    .slice(0, opts.topMissed ?? 10);

  const level1: Dashboard['level1'] = { indicators: [], units: [] };
  const index = new Map<string, number>();
  for (const e of entries) {
    for (const n of e.result.nodes) {
      if (n.level !== 1 || index.has(n.id)) continue;
      index.set(n.id, level1.indicators.length);
      level1.indicators.push({ id: n.id, name: n.name, weight: n.weight });
    }
  }
  for (const e of ordered) {
    const scores: Array<number | null> = level1.indicators.map(() => null);
    for (const n of e.result.nodes) if (n.level === 1) scores[index.get(n.id)!] = n.score;
    level1.units.push({ orgId: e.orgId, orgName: e.orgName, scores });
  }

  const mid = median(totals);
  return {
    count: entries.length,
    average: entries.length ? round(sum.div(entries.length), d) : null,
    median: mid === undefined ? null : round(mid, d),
    max: totals.length ? round(totals[totals.length - 1]!, d) : null,
    min: totals.length ? round(totals[0]!, d) : null,
    grades: bands,
    ranking,
    missed,
    level1,
    withPrevious: entries.filter((e) => e.previous).length,
    unverifiable: {
      units: ranking.filter((r) => r.unverifiableCount > 0).length,
      points: round(
        ranking.reduce((a, r) => a.plus(r.unverifiablePoints), ZERO),
        d,
      ),
      gradeMayChange: ranking.filter((r) => r.gradeMayChange).length,
    },
  };
}

/** Average total per year (year-over-year for the region), oldest first. */
export function yearTrend(
  rows: Array<{ year: number; total: number }>,
  decimals: number,
): Array<{ year: number; count: number; average: number }> {
  const by = new Map<number, { count: number; sum: Dec }>();
  for (const r of rows) {
    const y = by.get(r.year) ?? { count: 0, sum: ZERO };
    y.count++;
    y.sum = y.sum.plus(r.total);
    by.set(r.year, y);
  }
  return [...by.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([year, y]) => ({ year, count: y.count, average: round(y.sum.div(y.count), decimals) }));
}

/**
 * For each unit, the most recent earlier year's total (year-over-year). `history` holds any number
 * of scored evaluations; those of `year` or later are ignored.
 */
export function previousTotals(
  history: Array<{ orgId: number; year: number; total: number; grade: string | null }>,
  year: number,
): Map<number, { year: number; total: number; grade: string | null }> {
  const out = new Map<number, { year: number; total: number; grade: string | null }>();
  for (const h of history) {
    if (h.year >= year) continue;
    const cur = out.get(h.orgId);
    if (!cur || h.year > cur.year) out.set(h.orgId, { year: h.year, total: h.total, grade: h.grade });
  }
  return out;
}
