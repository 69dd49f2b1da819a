/**
 * The one place a document reads the total, the grade and the points it could not verify — from the
 * score model (src/core/scoring.ts): `total` is the 核定分 (待核实 indicators at their self-score),
 * `strictTotal` counts them as 0.
 */
import type { Framework } from '../core/framework/model.js';
import type { IndicatorScore, ScoreResult } from '../core/scoring.js';

export interface UnverifiedIndicator {
  id: string;
  path: string[];
  /** The unit's self-score of it, where it gave one. */
  claimed?: number;
  /** Chinese labels of the data the rule needs and lacks. */
  missing: string[];
}

export interface ScoreStatement {
  /** The total the documents state (and the XLSX's SUM gives): the 核定分. */
  total: number;
  grade: string;
  /** 待核实 indicators counted as 0. */
  strictTotal: number;
  strictGrade: string;
  /** Indicators whose score could not be verified from the data (待核实) and their self-scores. */
  unverified: { count: number; points: number; indicators: UnverifiedIndicator[] };
  /** The 待核实 points could move the grade. */
  gradeMayChange: boolean;
}

/** Whether an indicator's points are 待核实 (the rule lacked data). */
export const isUnverified = (i: IndicatorScore): boolean => i.verification === 'unverifiable';

/** The points of an indicator counted in the total (the rule's score, or the self-score while 待核实). */
export const countedScore = (i: IndicatorScore): number => i.score;

export function scoreStatement(res: ScoreResult, _fw?: Framework): ScoreStatement {
  const byPath = new Map(res.indicators.map((i) => [i.path.join('\u0000'), i.id]));
  return {
    total: res.total,
    grade: res.grade,
    strictTotal: res.strictTotal,
    strictGrade: res.strictGrade,
    unverified: {
      count: res.unverifiable.count,
      points: res.unverifiable.points,
      indicators: res.unverifiable.indicators.map((u) => ({
        id: byPath.get(u.path.join('\u0000')) ?? u.name,
        path: u.path,
        ...(u.claimed !== undefined && { claimed: u.claimed }),
        missing: u.missing,
      })),
    },
    gradeMayChange: res.gradeMayChange,
  };
}
