// Which rows of the review list a reviewer should look at first (highlighted). No imports: the tests load it as it is.

/** A difference between 自评分 and 核定分 of this many points or more is worth a reviewer's look. */
export const ATTENTION_POINTS = 1;

/** Whether the rules moved the score by ATTENTION_POINTS or more (自评−核定). */
export const bigDifference = (diff: number | null | undefined): boolean => Math.abs(diff ?? 0) >= ATTENTION_POINTS;

/** The rules moved the score by a point or more, or the 待核实 points may change the grade. */
export const needsAttention = (r: { diff: number | null; gradeMayChange?: boolean | null }): boolean =>
  bigDifference(r.diff) || r.gradeMayChange === true;
