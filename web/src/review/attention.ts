// Which rows of the review list a reviewer should look at first (highlighted). No imports: the tests load it as it is.

/** The rules moved the score by a point or more (自评−核定), or the 待核实 points may change the grade. */
export const needsAttention = (r: { diff: number | null; gradeMayChange?: boolean | null }): boolean =>
  Math.abs(r.diff ?? 0) >= 1 || r.gradeMayChange === true;
