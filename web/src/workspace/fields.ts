import { FIGURE_FIELDS, INPUT_LABELS, TASK_LABELS } from '@core/check/index.js';

/** Labels of the document's fields, as the paper form prints them (one table: src/core/check). */
export const FIGURE_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(FIGURE_FIELDS).map(([k, v]) => [`figures.${k}`, v.label])),
  'figures.budget.quarterly': '季度末累计支出进度',
  contact: '联系人',
  goals: '年度绩效目标',
};

export { INPUT_LABELS, TASK_LABELS };
