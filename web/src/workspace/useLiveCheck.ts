// The workspace's live score: the core's checkDocument() on the document as a deferred render after each change, plus the server's field problems.
import { issueCounts } from '../app/totals';
import type { Framework } from '@core/framework/model.js';
import type { ScoreResult } from '@core/scoring.js';
import { useDeferredValue, useMemo, useRef } from 'react';
import type { EvaluationDocument, FieldProblem } from '../app/types';
import { type Checked, checkDocument, fieldLabel, type Problem } from './check';
import { serverFieldKey } from './doc';
import { useStable } from './useStable';

export interface LiveCheck {
  checked: Checked;
  /** The last result that scored (kept while the document has errors). */
  result: ScoreResult | undefined;
  problems: { list: Problem[]; byKey: Map<string, Problem[]> };
  errors: number;
  warnings: number;
}

export function useLiveCheck(
  framework: Framework,
  doc: EvaluationDocument,
  meta: { unit: string; year: number },
  serverFields: FieldProblem[],
  stored: ScoreResult | undefined,
): LiveCheck {
  // No timer: the keystroke's own render comes first (the input shows the character), then React
  // renders again with the deferred document and the check (≈ 10 ms) — abandoned if another keystroke
  // arrives — so the total follows the typing within a frame or two instead of after a pause.
  const deferred = useDeferredValue(doc);
  const checked = useMemo(() => checkDocument(framework, deferred, meta), [framework, deferred, meta]);
  const lastGood = useRef<ScoreResult | undefined>(checked.result ?? stored);
  if (checked.result) lastGood.current = checked.result;
  const result = checked.result ?? lastGood.current;

  // Problems: ours, plus the server's answer to the last save (400 naming fields).
  const fresh = useMemo(() => {
    const list: Problem[] = [...checked.problems];
    for (const f of serverFields) {
      const key = serverFieldKey(f.field);
      if (!list.some((p) => p.key === key && p.message === f.message))
        list.push({ key, label: fieldLabel(key), message: f.message, level: 'error' });
    }
    const byKey = new Map<string, Problem[]>();
    for (const p of list) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
    return { list, byKey };
  }, [checked.problems, serverFields]);
  const problems = useStable(fresh, (p) => JSON.stringify(p.list));
  // One definition with the 问题与提示 section's count (app/totals.ts).
  const { errors, warnings } = issueCounts(problems.list, result?.findings ?? []);
  return { checked, result, problems, errors, warnings };
}
