// The 指标值 an approved target set locks in this 自评 (by 三级 name, as the server's check keys them).
import { useEffect, useState } from 'react';
import { cycleApi } from '../cycle/api';

/**
 * Read once per evaluation: the approved set changes only by the bureau's 目标调整, after which a reload
 * shows it. Without an approved set (or for a role that may not read the cycle) nothing is locked and the
 * server remains the judge of every save.
 */
export function useLockedTargets(evaluationId: number): ReadonlyMap<string, string | number> | undefined {
  const [locked, setLocked] = useState<ReadonlyMap<string, string | number>>();
  useEffect(() => {
    let alive = true;
    cycleApi.evaluationCycle(evaluationId).then(
      (c) => {
        if (alive && c.prefill) setLocked(new Map(Object.entries(c.prefill.indicators).map(([n, i]) => [n, i.target])));
      },
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [evaluationId]);
  return locked;
}
