// 佐证材料 of one evaluation: the list, counts per indicator, and which indicator's dialog is open.
import type { IndicatorNode, TreeIndex } from '@core/framework/model.js';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../app/api';
import type { Attachment } from '../app/types';

export function useEvidence(evaluationId: number, index: TreeIndex, canRead = true) {
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const reload = useCallback(() => {
    if (canRead) api.attachments(evaluationId).then(setAttachments, () => undefined);
  }, [evaluationId, canRead]);
  useEffect(reload, [reload]);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const a of attachments) {
      if (!a.indicator) continue;
      const hit = index.byId.get(a.indicator) ?? index.byName.get(a.indicator)?.[0];
      if (hit) m.set(hit.id, (m.get(hit.id) ?? 0) + 1);
    }
    return m;
  }, [attachments, index]);
  const [openFor, setOpenFor] = useState<IndicatorNode>();
  const open = useCallback((n: IndicatorNode) => setOpenFor(n), []);
  const close = useCallback(() => setOpenFor(undefined), []);
  return { attachments, reload, counts, openFor, open, close };
}
