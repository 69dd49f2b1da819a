// Where the workspace mounts the cycle panel: its own chunk, so the 自评's bundle does not grow (the public has none).
import { lazy, memo, Suspense } from 'react';
import { useSession } from '../app/session';
import type { EvaluationDocument } from '../app/types';

const CyclePanel = lazy(() => import('./CyclePanel'));

/**
 * Given the document's indicators, not the document: edits elsewhere keep their identity (setIn shares what it
 * does not change), so typing in the report does not re-render the panel.
 */
export const CycleSection = memo(function CycleSection(props: {
  evaluationId: number;
  version: number;
  indicators: EvaluationDocument['indicators'];
}) {
  const { me } = useSession();
  if (me.user.role === 'public') return null;
  return (
    <Suspense fallback={null}>
      <CyclePanel {...props} />
    </Suspense>
  );
});
