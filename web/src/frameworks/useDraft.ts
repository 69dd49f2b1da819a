// The framework editor's state: the draft, its issues (re-checked 120 ms after a change), weight sums per node.
import {
  checkDraft,
  type DraftIssue,
  type FrameworkDraft,
  type IndicatorDraft,
  type NodePath,
  updateNode,
  weightChecks,
} from '@core/framework-edit.js';
import { useEffect, useMemo, useState } from 'react';

export interface FlatRow {
  path: NodePath;
  node: IndicatorDraft;
  depth: number;
}

function flatten(list: IndicatorDraft[], base: NodePath = [], depth = 0, out: FlatRow[] = []): FlatRow[] {
  list.forEach((n, i) => {
    const path = [...base, i];
    out.push({ path, node: n, depth });
    if (n.children?.length) flatten(n.children, path, depth + 1, out);
  });
  return out;
}

export const pkey = (p: NodePath) => p.join('-');

export function useDraft(initial: FrameworkDraft) {
  const [draft, setDraft] = useState(initial);
  const [issues, setIssues] = useState<DraftIssue[]>(() => checkDraft(initial).issues);
  useEffect(() => {
    const t = setTimeout(() => setIssues(checkDraft(draft).issues), 120);
    return () => clearTimeout(t);
  }, [draft]);
  const weights = useMemo(() => weightChecks(draft), [draft]);
  const checkByPath = useMemo(() => new Map(weights.nodes.map((n) => [pkey(n.path), n])), [weights]);
  const issuesByNode = useMemo(() => {
    const m = new Map<string, DraftIssue[]>();
    for (const i of issues) if (i.node) m.set(pkey(i.node), [...(m.get(pkey(i.node)) ?? []), i]);
    return m;
  }, [issues]);
  const rows = useMemo(() => flatten(draft.indicators ?? []), [draft]);
  /** Checks now (not after the delay) and returns the issues, for the save. */
  const recheck = () => {
    const now = checkDraft(draft).issues;
    setIssues(now);
    return now;
  };
  return {
    draft,
    setDraft,
    issues,
    recheck,
    weights,
    checkByPath,
    issuesByNode,
    rows,
    set: (patch: Partial<FrameworkDraft>) => setDraft((d) => ({ ...d, ...patch })),
    edit: (path: NodePath, patch: Partial<IndicatorDraft>) => setDraft((d) => updateNode(d, path, patch)),
  };
}

export type Draft = ReturnType<typeof useDraft>;
