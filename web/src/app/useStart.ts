import { App } from 'antd';
import { useCallback, useState } from 'react';
import { api, ApiError } from './api';
import { navigate } from './router';
import { useSession } from './session';

/** A unit filler opens the unit's evaluation of a round (one per unit per round) and goes there. */
export function useStartEvaluation(): { start: (roundId: number) => Promise<void>; busy: boolean } {
  const s = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const start = useCallback(
    async (roundId: number) => {
      setBusy(true);
      try {
        const e = await api.createEvaluation(roundId);
        await s.reload();
        navigate(`/evaluations/${e.id}`);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'evaluation-exists' && typeof err.extra.evaluationId === 'number') {
          navigate(`/evaluations/${err.extra.evaluationId}`);
          return;
        }
        message.error((err as Error).message);
      } finally {
        setBusy(false);
      }
    },
    [s, message],
  );
  return { start, busy };
}
