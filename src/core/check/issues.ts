/** @module The one shape of a problem with an input, shared by the file loader, the API and the web form. */
import type { TreeIndex } from '../framework/model.js';
import { fieldKey, fieldLabel } from './labels.js';

/**
 * `error`: refused (the server answers 400, the file exits 2, the form stops autosaving);
 * `warning`: a 提示 to check (saved as typed).
 */
export type CheckLevel = 'error' | 'warning';

export interface CheckIssue {
  /** Path inside the evaluation document: ['figures', 'budget', 'initial'], ['tasks', 0, 'budget']. */
  path: Array<string | number>;
  message: string;
  level: CheckLevel;
}

/** An issue as a surface shows it: its key (figures.budget.initial) and the field's printed name. */
export interface LabelledIssue extends CheckIssue {
  key: string;
  label: string;
}

/** At most this many problems are reported at once (the rest follow once these are fixed). */
export const MAX_ISSUES = 30;

export function labelIssues(issues: CheckIssue[], index?: TreeIndex): LabelledIssue[] {
  const seen = new Set<string>();
  const out: LabelledIssue[] = [];
  for (const i of issues) {
    const key = fieldKey(i.path);
    const id = `${key}|${i.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ ...i, key, label: fieldLabel(key, index) });
  }
  return out;
}
