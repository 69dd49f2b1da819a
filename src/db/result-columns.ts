/** The summary columns of `evaluations` (migration 0090) for a score result, written with it on every insert and save. */
import type { ScoreResult } from '../core/scoring.js';

export function resultColumns(r: ScoreResult) {
  const claimed = r.statedTotal ?? r.claimedTotal;
  return {
    strict_total: String(r.strictTotal),
    strict_grade: r.strictGrade,
    claimed_total: claimed === undefined ? null : String(claimed),
    unverifiable_count: r.unverifiable.count,
    unverifiable_points: String(r.unverifiable.points),
    grade_may_change: r.gradeMayChange,
  };
}

/** The columns resultSummary reads, as a query over `evaluations as e` selects them. */
export const SUMMARY_COLUMNS = [
  'e.strict_total',
  'e.strict_grade',
  'e.unverifiable_count',
  'e.unverifiable_points',
  'e.grade_may_change',
] as const;

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/** The same columns read back, as the API's summaries carry them (null before the evaluation was scored). */
export function resultSummary(r: {
  strict_total: string | number | null;
  strict_grade: string | null;
  unverifiable_count: number | null;
  unverifiable_points: string | number | null;
  grade_may_change: boolean | null;
}) {
  return {
    strictTotal: num(r.strict_total),
    strictGrade: r.strict_grade,
    unverifiable:
      r.unverifiable_count === null
        ? null
        : { count: Number(r.unverifiable_count), points: num(r.unverifiable_points) ?? 0 },
    gradeMayChange: r.grade_may_change,
  };
}
