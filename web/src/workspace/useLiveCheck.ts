// The workspace's live score: the core's checkDocument() on the document 150 ms after the last change, plus the server's field problems.
import type { Framework } from '@core/framework/model.js';
import type { ScoreResult } from '@core/scoring.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EvaluationDocument, FieldProblem } from '../app/types';
import { type Checked, checkDocument, fieldLabel, type Problem } from './check';
import { serverFieldKey } from './doc';

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
  const [checked, setChecked] = useState<Checked>(() => checkDocument(framework, doc, meta));
  const lastGood = useRef<ScoreResult | undefined>(checked.result ?? stored);
  useEffect(() => {
    const t = setTimeout(() => setChecked(checkDocument(framework, doc, meta)), 150);
    return () => clearTimeout(t);
  }, [framework, doc, meta]);
  if (checked.result) lastGood.current = checked.result;
  const result = checked.result ?? lastGood.current;

  // Problems: ours, plus the server's answer to the last save (400 naming fields).
  const problems = useMemo(() => {
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
  const warnings =
    problems.list.filter((p) => p.level === 'warning').length +
    (result?.findings ?? []).filter((f) => f.severity !== 'info').length;
  const errors = problems.list.filter((p) => p.level === 'error').length;
  return { checked, result, problems, errors, warnings };
}
