import { api } from './api';
import type { Session } from './session';
import type { EvaluationDetail, FrameworkDetail } from './types';

/**
 * A page's data requested while its chunk downloads, not after: the router calls prefetch() when a
 * route matches, the page takes the answer with prefetched(). Without it the workspace asked for its
 * evaluation only once its 60 chunks had arrived and run, and for the framework after that.
 * An answer not taken within 10 s (the person went elsewhere) is dropped; a page asks again then.
 */
const pending = new Map<string, { at: number; p: Promise<unknown> }>();
/** When each key was last requested: the router renders again and again on one page, one request is enough. */
const requested = new Map<string, number>();
const FRESH_MS = 10_000;

function start<T>(key: string, load: () => Promise<T>): void {
  if (Date.now() - (requested.get(key) ?? 0) < FRESH_MS) return;
  requested.set(key, Date.now());
  const p = load();
  p.catch(() => pending.delete(key)); // the page asks again and shows its own error
  pending.set(key, { at: Date.now(), p });
}

/** The prefetched answer for `key` (once), or a fresh request. */
export function prefetched<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = pending.get(key);
  pending.delete(key);
  return hit && Date.now() - hit.at < FRESH_MS ? (hit.p as Promise<T>) : load();
}

export const evaluationKey = (id: number) => `evaluation:${id}`;
export const frameworkKey = (versionId: number) => `framework:${versionId}`;

/** Starts the requests of the page `name` (idempotent: the router may render twice). */
export function prefetch(name: string, params: Record<string, string>, s: Session): void {
  if (name === 'evaluation') {
    const id = Number(params.id);
    if (!Number.isInteger(id)) return;
    start<EvaluationDetail>(evaluationKey(id), () => api.evaluation(id));
    // The round, hence the framework version, is known when the evaluation is in the session's list.
    const roundId = s.evaluations.find((e) => e.id === id)?.roundId;
    const versionId = s.rounds.find((r) => r.id === roundId)?.frameworkVersionId;
    if (versionId !== undefined) start<FrameworkDetail>(frameworkKey(versionId), () => api.framework(versionId));
  }
}
