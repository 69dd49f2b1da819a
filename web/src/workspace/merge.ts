/**
 * Three-way merge of evaluation documents, for when two people edit the same evaluation: my
 * changes and theirs, each measured from the version both started from, are combined field by
 * field. Only a field both changed, to different values, is a conflict for a person to decide.
 * Plain objects merge key by key; anything else (numbers, text, arrays such as the task list or the
 * 要点 ticks) is one field. Self-contained (no imports) so that Node's test runner can load it.
 */

/** The version both sides started from is not known: every difference is a conflict. */
export const UNKNOWN_BASE: unique symbol = Symbol('unknown base');

export type Base = unknown | typeof UNKNOWN_BASE;

export interface MergeResult<T> {
  merged: T;
  /** Paths of fields both sides changed differently (the merged value there is `prefer`'s). */
  conflicts: string[][];
}

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Stable JSON (sorted keys, undefined keys left out): equal when two documents say the same. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isPlain(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

export function merge3<T>(base: Base, mine: T, theirs: T, prefer: 'mine' | 'theirs' = 'mine'): MergeResult<T> {
  const conflicts: string[][] = [];
  const rec = (b: Base, m: unknown, t: unknown, path: string[]): unknown => {
    if (same(m, t)) return m;
    if (b !== UNKNOWN_BASE && same(m, b)) return t;
    if (b !== UNKNOWN_BASE && same(t, b)) return m;
    if (isPlain(m) && isPlain(t)) {
      const out: Plain = {};
      for (const k of new Set([...Object.keys(m), ...Object.keys(t)])) {
        const sub = b === UNKNOWN_BASE ? UNKNOWN_BASE : isPlain(b) ? b[k] : undefined;
        const v = rec(sub, m[k], t[k], [...path, k]);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    conflicts.push(path);
    return prefer === 'mine' ? m : t;
  };
  return { merged: rec(base, mine, theirs, []) as T, conflicts };
}
