/**
 * The one place a document reads the total, the grade and the points it could not verify. Written
 * against today's ScoreResult (`total`, `grade`, `unscored`, `incomplete`); when the score model of
 * SCORE-CONTRACT.md lands, only this file changes (`total` → 核定分, `unverifiable`, `gradeMayChange`,
 * `verification`).
 */
import { dec } from '../core/decimal.js';
import type { Framework } from '../core/framework/model.js';
import { gradeOf } from '../core/grading.js';
import type { IndicatorScore, ScoreResult } from '../core/scoring.js';

export interface UnverifiedIndicator {
  id: string;
  path: string[];
  /** The unit's self-score of it, where it gave one. */
  claimed?: number;
}

export interface ScoreStatement {
  /** The total the documents state (and the XLSX's SUM gives). */
  total: number;
  grade: string;
  /** Indicators whose score could not be verified from the data (待核实) and their self-scores. */
  unverified: { count: number; points: number; indicators: UnverifiedIndicator[] };
  /** The 待核实 points could move the grade. */
  gradeMayChange: boolean;
}

/** Whether an indicator's points are 待核实 (the rule lacked data). */
export const isUnverified = (i: IndicatorScore): boolean => i.incomplete;

/** The points of an indicator counted in the total (today: the rule's score, 0 when unverified). */
export const countedScore = (i: IndicatorScore): number => i.score;

export function scoreStatement(res: ScoreResult, fw: Framework): ScoreStatement {
  const pending = res.indicators.filter(isUnverified);
  const points = res.unscored.claimed;
  // Today the unverified self-scores are outside the total: could adding them change the grade?
  const gradeMayChange = points > 0 && gradeOf(dec(res.total).plus(points), fw.grades) !== res.grade;
  return {
    total: res.total,
    grade: res.grade,
    unverified: {
      count: res.unscored.count,
      points,
      indicators: pending.map((i) => ({
        id: i.id,
        path: i.path,
        ...(i.claimed !== undefined && { claimed: i.claimed }),
      })),
    },
    gradeMayChange,
  };
}
