// When an indicator row re-renders: only when what it shows changed, not whenever the live score is recomputed.
import type { IndicatorInput } from '@core/evaluation.js';
import type { Framework, IndicatorNode } from '@core/framework/model.js';
import type { Finding, IndicatorScore } from '@core/scoring.js';
import type { Problem } from './check';
import type { Cell } from './indicatorLayout';
import type { Metric } from './IndicatorRow';

const sig = (v: unknown) => JSON.stringify(v ?? null);
const sameScore = (a?: IndicatorScore, b?: IndicatorScore) =>
  a === b ||
  (!!a &&
    !!b &&
    a.score === b.score &&
    a.explanation === b.explanation &&
    a.missed === b.missed &&
    a.incomplete === b.incomplete &&
    a.weight === b.weight);
const sameMap = (a?: Map<string, Problem[]>, b?: Map<string, Problem[]>) =>
  a === b || sig(a && [...a]) === sig(b && [...b]);

/** Rows re-render when what they show changes, not whenever the live score is recomputed. */
export function sameRow(a: RowProps, b: RowProps): boolean {
  return (
    a.node === b.node &&
    a.cells === b.cells &&
    a.docKey === b.docKey &&
    a.input === b.input &&
    a.evidence === b.evidence &&
    a.onEvidence === b.onEvidence &&
    a.framework === b.framework &&
    a.decimals === b.decimals &&
    sameScore(a.score, b.score) &&
    (a.findings === b.findings || sig(a.findings?.map((f) => f.message)) === sig(b.findings?.map((f) => f.message))) &&
    sameMap(a.problems, b.problems) &&
    (a.metric === b.metric || (a.metric?.value === b.metric?.value && a.metric?.explanation === b.metric?.explanation))
  );
}

export interface RowProps {
  node: IndicatorNode;
  cells: Cell[];
  docKey: string;
  input: IndicatorInput | undefined;
  score: IndicatorScore | undefined;
  findings: Finding[] | undefined;
  problems: Map<string, Problem[]> | undefined;
  metric: Metric | undefined;
  evidence: number;
  onEvidence(node: IndicatorNode): void;
  framework: Framework;
  decimals: number;
}
