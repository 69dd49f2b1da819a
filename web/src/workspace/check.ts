import { checkEvaluation, fieldLabel as coreFieldLabel, submissionGaps } from '@core/check/index.js';
import type { Framework, TreeIndex } from '@core/framework/model.js';
import type { ScoreResult } from '@core/scoring.js';
import type { EvaluationDocument } from '../app/types';

/**
 * Everything the workspace says about a document, on every change: the core's one check
 * (checkEvaluation — the same the server runs on save and the file loader runs on a file), so the
 * problems and the live score on screen are the server's. `error`s stop the autosave (the server
 * would refuse them); `warning`s (提示) do not.
 */
export interface Problem {
  key: string;
  label: string;
  message: string;
  level: 'error' | 'warning';
}

export interface Checked {
  result?: ScoreResult;
  problems: Problem[];
  byKey: Map<string, Problem[]>;
  errors: number;
  /** What stops the unit from submitting (the server's submission gate gives the same list). */
  gaps: Problem[];
  index?: TreeIndex;
}

export const fieldLabel = (key: string, index?: TreeIndex): string => coreFieldLabel(key, index);

export function checkDocument(fw: Framework, doc: EvaluationDocument, meta: { unit: string; year: number }): Checked {
  const full = { ...doc, framework: fw.id, frameworkVersion: fw.version, unit: meta.unit, year: meta.year };
  const c = checkEvaluation(fw, full);
  const problems: Problem[] = c.issues.map((i) => ({ key: i.key, label: i.label, message: i.message, level: i.level }));
  const byKey = new Map<string, Problem[]>();
  for (const p of problems) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
  const gaps: Problem[] = submissionGaps(c).map((i) => ({
    key: i.key,
    label: i.label,
    message: i.message,
    level: 'error',
  }));
  return { ...(c.result ? { result: c.result } : {}), problems, byKey, errors: c.errors, gaps, index: c.index };
}
