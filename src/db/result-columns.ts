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
