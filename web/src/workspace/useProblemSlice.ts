// A form section's own problems, the same object while they are unchanged, so a keystroke elsewhere does not re-render it.
import { useMemo } from 'react';
import type { Problem } from './check';
import { problemsSig, sliceProblems } from './problemSlice';
import { useStable } from './useStable';

/**
 * A section's slice of the live problems. The live check makes a new map whenever any problem
 * changes; every memoised section given that whole map re-rendered (all its antd Form.Items) on a
 * keystroke that changed one message far away. `prefixes` must be a constant.
 */
export function useProblemSlice(all: Map<string, Problem[]>, prefixes: readonly string[]): Map<string, Problem[]> {
  const slice = useMemo(() => sliceProblems(all, prefixes), [all, prefixes]);
  return useStable(slice, problemsSig);
}
