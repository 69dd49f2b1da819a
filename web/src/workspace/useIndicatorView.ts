// The indicator tree the unit fills (framework after its tailoring) and the live result indexed by indicator.
import { type Evaluation, effectiveTree, type IndicatorInput } from '@core/evaluation.js';
import { allNodes, type Framework, type IndicatorNode, indexTree } from '@core/framework/model.js';
import type { Finding, IndicatorScore, ScoreResult } from '@core/scoring.js';
import { useMemo } from 'react';
import type { EvaluationDocument } from '../app/types';
import { indicatorKeys } from './doc';

/** Keeps only well-formed tailoring entries, so a half-typed one never breaks the tree. */
function sanitizeTailoring(t: unknown): Evaluation['tailoring'] {
  if (!t || typeof t !== 'object') return undefined;
  const tt = t as NonNullable<Evaluation['tailoring']>;
  return {
    ...(tt.drop ? { drop: tt.drop.filter((x) => typeof x === 'string') } : {}),
    ...(tt.weights
      ? { weights: Object.fromEntries(Object.entries(tt.weights).filter(([, v]) => typeof v === 'number' && v >= 0)) }
      : {}),
    ...(tt.add
      ? { add: tt.add.filter((a) => a && a.parent && a.name && typeof a.weight === 'number' && a.weight >= 0) }
      : {}),
  };
}

export function useIndicatorView(framework: Framework, doc: EvaluationDocument, result: ScoreResult | undefined) {
  const tailoring = doc.tailoring;
  const roots = useMemo(
    () => effectiveTree(framework, { tailoring: sanitizeTailoring(tailoring) } as Evaluation).roots,
    [framework, tailoring],
  );
  const index = useMemo(() => indexTree(roots), [roots]);
  const nodeByPath = useMemo(
    () => new Map<string, IndicatorNode>(allNodes(roots).map((n) => [n.path.join('/'), n])),
    [roots],
  );
  const indicators = doc.indicators as Record<string, IndicatorInput> | undefined;
  const keys = useMemo(() => indicatorKeys({ indicators } as never, index), [indicators, index]);
  const scores = useMemo(
    () => new Map<string, IndicatorScore>((result?.indicators ?? []).map((i) => [i.id, i])),
    [result],
  );
  const metrics = useMemo(() => new Map((result?.metrics ?? []).map((m) => [m.id as string, m])), [result]);
  const rowFindings = useMemo(() => {
    const m = new Map<string, Finding[]>();
    for (const f of result?.findings ?? []) {
      const n = f.path ? nodeByPath.get(f.path.join('/')) : undefined;
      if (n) m.set(n.id, [...(m.get(n.id) ?? []), f]);
    }
    return m;
  }, [result, nodeByPath]);
  return { roots, index, nodeByPath, indicators: indicators ?? {}, keys, scores, metrics, rowFindings };
}

export type IndicatorView = ReturnType<typeof useIndicatorView>;
