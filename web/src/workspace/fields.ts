/** Labels of the document's fields, as the paper form prints them: inline messages name the field. */
// The labels live in core (one home): the workspace, the history and the server name fields alike.
export { FIGURE_LABELS, INPUT_LABELS, TASK_LABELS } from '@core/figures.js';
