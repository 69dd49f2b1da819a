import { findIndicator, type TreeIndex } from '@core/framework/model.js';
import type { EvaluationDocument } from '../app/types';
import { canonical } from './merge';

/** Paths into the evaluation document, immutable updates, and the document as the server gets it. */
export type Path = Array<string | number>;

export const pathKey = (p: Path): string => p.join('.');

/** "document.tasks[0].budget" (server) → "tasks.0.budget" (ours). */
export function serverFieldKey(field: string): string {
  return field
    .replace(/^document\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

export function getIn(obj: unknown, path: Path): unknown {
  let cur = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

const isEmptyObject = (v: unknown) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0;
const isBlank = (v: unknown) => v === undefined || v === null || v === '' || isEmptyObject(v);

/**
 * A copy with `value` at `path`. A blank value (undefined, null, '', {}) removes the key, and
 * objects left empty on the way up are removed too, so the document stays as a person would write
 * it. Array slots are kept (tasks, quarters): a blank element stays null.
 */
export function setIn<T>(obj: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [k, ...rest] = path;
  const base: Record<string | number, unknown> | unknown[] = Array.isArray(obj)
    ? [...obj]
    : obj && typeof obj === 'object'
      ? { ...(obj as object) }
      : typeof k === 'number'
        ? []
        : {};
  const child = setIn((base as Record<string | number, unknown>)[k!], rest, value);
  if (Array.isArray(base)) {
    base[k as number] = isBlank(child) && rest.length === 0 ? null : child;
    return base as T;
  }
  if (isBlank(child)) delete (base as Record<string | number, unknown>)[k!];
  else (base as Record<string | number, unknown>)[k!] = child;
  return base as T;
}

/** Whether two documents say the same (key order and undefined keys aside). */
export const sameDoc = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * What is saved and scored: four quarters or none (a half-typed row of quarters stays in the
 * browser's copy until complete), no empty task rows.
 */
export function forServer(doc: EvaluationDocument): EvaluationDocument {
  let out = doc;
  const q = getIn(doc, ['figures', 'budget', 'quarterly']);
  if (Array.isArray(q) && (q.length !== 4 || q.some((v) => typeof v !== 'number')))
    out = setIn(out, ['figures', 'budget', 'quarterly'], undefined);
  const inds = doc.indicators as Record<string, Record<string, unknown>> | undefined;
  for (const [key, input] of Object.entries(inds ?? {})) {
    const quarters = input.quarters;
    if (Array.isArray(quarters) && (quarters.length !== 4 || quarters.some((v) => typeof v !== 'number')))
      out = setIn(out, ['indicators', key, 'quarters'], undefined);
  }
  if (Array.isArray(doc.tasks)) {
    const tasks = (doc.tasks as Array<Record<string, unknown> | null>).filter((t) => t && Object.keys(t).length > 0);
    out = { ...out, tasks: tasks as never };
    if (tasks.length === 0) {
      const { tasks: _t, ...rest } = out;
      out = rest as EvaluationDocument;
    }
  }
  return out;
}

/**
 * The key under which the document holds a node's inputs: the key already used (a name, a path, an
 * id — imported documents use names) or else the node's id.
 */
export function indicatorKeys(doc: EvaluationDocument, index: TreeIndex): Map<string, string> {
  const out = new Map<string, string>();
  for (const key of Object.keys((doc.indicators as object | undefined) ?? {})) {
    const hit = findIndicator(index, key);
    if (hit && !Array.isArray(hit) && !out.has(hit.id)) out.set(hit.id, key);
  }
  return out;
}

/** An id usable in the DOM for a node (anchors from the findings list to table rows). */
export const domId = (prefix: string, id: string) =>
  `${prefix}-${Array.from(id)
    .map((c) => (/[A-Za-z0-9_-]/.test(c) ? c : c.codePointAt(0)!.toString(36)))
    .join('')}`;
