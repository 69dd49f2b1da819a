import { App } from 'antd';
import { useCallback, useState } from 'react';
import { api, ApiError } from './api';
import { navigate } from './router';
import { useSession } from './session';

/** How a new evaluation begins: empty, from last year's, or from a file (a report or the round's template). */
export type StartFrom = { kind: 'blank' } | { kind: 'previous' } | { kind: 'file'; file: File };

/** A unit filler opens the unit's evaluation of a round (one per unit per round) and goes there. */
export function useStartEvaluation(): {
  start: (roundId: number, from?: StartFrom) => Promise<void>;
  busy: boolean;
} {
  const s = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const start = useCallback(
    async (roundId: number, from: StartFrom = { kind: 'blank' }) => {
      setBusy(true);
      try {
        const e =
          from.kind === 'file'
            ? await api.importEvaluation(roundId, from.file)
            : await api.createEvaluation(roundId, undefined, from.kind === 'previous' ? 'previous' : undefined);
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
