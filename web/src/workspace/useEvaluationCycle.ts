// The 自评's year (GET /api/evaluations/{id}/cycle): approved targets, monitoring, signals, last year's open 整改 items.
import { useCallback, useEffect, useState } from 'react';
import { cycleApi, type CycleView } from '../cycle/api';

/**
 * Loaded again after each save (the version changes): the server computes the signals from the saved
 * 自评, so a corrected 指标值 takes its warning away once it is saved.
 */
export function useEvaluationCycle(evaluationId: number, version: number) {
  const [cycle, setCycle] = useState<CycleView>();
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let alive = true;
    cycleApi.evaluationCycle(evaluationId).then(
      (c) => {
        if (!alive) return;
        setCycle(c);
        setError(undefined);
      },
      (e: Error) => alive && setError(e.message),
    );
    return () => {
      alive = false;
    };
  }, [evaluationId, version, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { cycle, error, reload };
}
