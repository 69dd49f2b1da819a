// The same object as last render when its content is the same, so memoised sections skip a re-render.
import { useRef } from 'react';

/**
 * Each live check makes new problem and metric objects even when nothing in them changed; passing
 * those to the form's memoised sections re-rendered all of them (antd Form.Items: ≈ 30 ms) on every
 * keystroke. `sig` says what counts as the same content.
 */
export function useStable<T>(value: T, sig: (v: T) => string): T {
  const last = useRef<{ value: T; sig: string } | undefined>(undefined);
  const s = sig(value);
  // Reading and writing the ref in render is safe here: the result depends only on `value`'s content.
  if (last.current && last.current.sig === s) return last.current.value;
  last.current = { value, sig: s };
  return value;
}
