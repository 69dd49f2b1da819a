/** Labels of the document's fields, as the paper form prints them: inline messages name the field. */
// The labels live in core (one home): the workspace, the history and the server name fields alike.
export { FIGURE_LABELS, INPUT_LABELS, TASK_LABELS } from '@core/figures.js';

/** Money (万元, two decimals at most; the server refuses more). */
/** May be negative (追减). */
export const SIGNED_FIELDS = new Set(['figures.budget.adjustment', 'figures.budget.otherAdjustment']);
export const PERCENT_FIELDS = new Set([
  'figures.budget.paymentPlanned',
  'figures.budget.paymentActual',
  'figures.satisfaction',
  'figures.budget.previousCarryOverRate',
]);
