// The form's edit context: one stable change function into the autosave, read-only or not, and the locked 指标值.
import { useCallback, useMemo } from 'react';
import type { AutosaveController } from './autosave';
import { type Path, setIn } from './doc';
import type { EditContext } from './inputs';
import { useLockedTargets } from './useLockedTargets';

export function useEditContext(ctl: AutosaveController, editable: boolean, evaluationId: number): EditContext {
  const change = useCallback((path: Path, value: unknown) => ctl.change((d) => setIn(d, path, value)), [ctl]);
  const locked = useLockedTargets(evaluationId);
  return useMemo<EditContext>(
    () => ({ change, readOnly: !editable, lockedTarget: (name) => locked?.get(name) }),
    [change, editable, locked],
  );
}
