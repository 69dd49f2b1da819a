// Which rows of the review list a reviewer should look at first (highlighted).
import type { ReviewRow } from '../app/types.js';

/** The rules moved the score by a point or more (自评−核定), or the 待核实 points may change the grade. */
export const needsAttention = (r: Pick<ReviewRow, 'diff' | 'gradeMayChange'>): boolean =>
  Math.abs(r.diff ?? 0) >= 1 || r.gradeMayChange === true;
