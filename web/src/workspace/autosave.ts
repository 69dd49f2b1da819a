import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { api, ApiError } from '../app/api';
import type { EvaluationDetail, EvaluationDocument, FieldProblem } from '../app/types';
import { forServer, sameDoc } from './doc';
import { merge3, UNKNOWN_BASE, type Base } from './merge';

/**
 * Autosave with conflict handling; nothing typed is lost.
 * - Every change is written at once to this browser (localStorage), with the version it was based on.
 * - 1.2 s after the last change the document goes to the server (PUT with that version). A network
 *   error or 5xx keeps the change here and retries (2 s, 4 s … 30 s, and when the browser is back
 *   online).
 * - A 409 version conflict (someone else saved meanwhile) merges the two edits field by field from
 *   the version both started from; only a field both changed differently stops and asks which to
 *   keep, and every other change of both sides is kept.
 * - On reload, a local copy newer than the server's is restored (same base version) or merged the
 *   same way with what the server has now.
 * - While the document has errors the server would refuse, it is kept here and not sent.
 */
export type SaveState = 'saved' | 'pending' | 'saving' | 'offline' | 'invalid' | 'conflict' | 'readonly';

export interface AutosaveSnapshot {
  doc: EvaluationDocument;
  state: SaveState;
  version: number;
  savedAt?: number;
  error?: string;
  serverFields: FieldProblem[];
  /** The server's document when a conflict stopped the autosave. */
  conflict?: EvaluationDetail;
  /** The fields both sides changed differently (paths into the document). */
  conflictPaths?: string[][];
  /** Set (to the time) when someone else's changes were merged in without asking. */
  mergedAt?: number;
  /** The local copy was restored on load. */
  restored: boolean;
  /** A local copy that could not be applied (the evaluation is no longer editable). */
  orphan?: EvaluationDocument;
}

interface Stored {
  doc: EvaluationDocument;
  baseVersion: number;
  /** The server's document the local edits started from (older copies lack it). */
  base?: EvaluationDocument;
  at: number;
}

const DELAY = 1200;
const NONE: FieldProblem[] = [];

export class AutosaveController {
  private snap: AutosaveSnapshot;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: Promise<void> | undefined;
  private again = false;
  private serverDoc: EvaluationDocument;
  /** What the edits in hand started from, for a three-way merge; the server's document unless a stale local copy says otherwise. */
  private base: Base;
  private retry = 2000;
  private editable: boolean;

  constructor(
    private readonly id: number,
    private readonly storageKey: string,
    detail: EvaluationDetail,
    private readonly onSaved: (d: EvaluationDetail) => void,
    private blocked: () => boolean,
  ) {
    this.serverDoc = detail.document;
    this.base = detail.document;
    this.editable = detail.editable;
    this.snap = {
      doc: detail.document,
      state: detail.editable ? 'saved' : 'readonly',
      version: detail.version,
      serverFields: NONE,
      restored: false,
    };
    const local = this.read();
    if (local && !sameDoc(local.doc, detail.document)) {
      if (!detail.editable) this.snap = { ...this.snap, orphan: local.doc };
      else if (local.baseVersion === detail.version) {
        this.snap = { ...this.snap, doc: local.doc, state: 'pending', restored: true };
      } else {
        const { merged, conflicts } = merge3<EvaluationDocument>(
          local.base ?? UNKNOWN_BASE,
          local.doc,
          detail.document,
        );
        if (conflicts.length === 0)
          this.snap = { ...this.snap, doc: merged, state: 'pending', restored: true, mergedAt: Date.now() };
        else {
          this.base = local.base ?? UNKNOWN_BASE;
          this.snap = { ...this.snap, doc: local.doc, state: 'conflict', conflict: detail, conflictPaths: conflicts };
        }
      }
    } else if (local) this.clear();
  }

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  get = () => this.snap;

  private set(patch: Partial<AutosaveSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  private read(): Stored | undefined {
    try {
      const raw = localStorage.getItem(this.storageKey);
      return raw ? (JSON.parse(raw) as Stored) : undefined;
    } catch {
      return undefined;
    }
  }
  private write(): void {
    try {
      const base = this.base === UNKNOWN_BASE ? undefined : (this.base as EvaluationDocument);
      localStorage.setItem(
        this.storageKey,
        JSON.stringify({ doc: this.snap.doc, baseVersion: this.snap.version, base, at: Date.now() } satisfies Stored),
      );
    } catch {
      // Storage full or disabled: the server copy is then the only one; the save state says so.
    }
  }
  private clear(): void {
    try {
      localStorage.removeItem(this.storageKey);
    } catch {
      /* ignore */
    }
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), ms);
  }

  /** The user changed the document. */
  change(update: (d: EvaluationDocument) => EvaluationDocument): void {
    if (!this.editable || this.snap.state === 'readonly') return;
    const doc = update(this.snap.doc);
    if (doc === this.snap.doc) return;
    const keepConflict = this.snap.state === 'conflict';
    this.set({ doc, state: keepConflict ? 'conflict' : 'pending', serverFields: NONE });
    this.write();
    if (!keepConflict) this.schedule(DELAY);
  }

  /** Validation changed (errors appeared or went): retry a save that waited for it. */
  revalidate(): void {
    if (this.snap.state === 'invalid' && !this.blocked()) this.schedule(200);
    else if (this.snap.state === 'pending' && this.blocked()) this.set({ state: 'invalid' });
  }

  private dirty(): boolean {
    return !sameDoc(forServer(this.snap.doc), forServer(this.serverDoc));
  }

  async save(): Promise<void> {
    clearTimeout(this.timer);
    if (this.snap.state === 'conflict' || this.snap.state === 'readonly') return;
    if (this.inflight) {
      this.again = true;
      return this.inflight;
    }
    if (!this.dirty()) {
      this.set({ state: 'saved', error: undefined });
      this.clear();
      return;
    }
    if (this.blocked()) {
      this.set({ state: 'invalid' });
      return;
    }
    const sending = this.snap.doc;
    this.set({ state: 'saving' });
    this.inflight = (async () => {
      try {
        const d = await api.saveEvaluation(this.id, this.snap.version, forServer(sending));
        this.serverDoc = sending;
        this.base = sending;
        this.retry = 2000;
        this.set({ version: d.version, savedAt: Date.now(), error: undefined, serverFields: NONE });
        this.onSaved(d);
        if (this.snap.doc === sending) {
          this.set({ state: 'saved' });
          this.clear();
        } else {
          this.write();
          this.set({ state: 'pending' });
          this.schedule(300);
        }
      } catch (e) {
        this.failed(e);
      } finally {
        this.inflight = undefined;
        if (this.again) {
          this.again = false;
          if (this.snap.state === 'pending' || this.snap.state === 'saved') void this.save();
        }
      }
    })();
    return this.inflight;
  }

  private failed(e: unknown): void {
    if (!(e instanceof ApiError)) {
      this.set({ state: 'offline', error: (e as Error).message });
      this.schedule(this.retry);
      return;
    }
    if (e.status === 409 && e.code === 'version-conflict') {
      this.set({ state: 'conflict', error: e.message });
      void api.evaluation(this.id).then(
        (d) => {
          this.editable = d.editable;
          const { merged, conflicts } = merge3<EvaluationDocument>(this.base, this.snap.doc, d.document);
          if (d.editable && conflicts.length === 0) {
            // Different fields: both people's changes stand, nobody is asked.
            this.serverDoc = d.document;
            this.base = d.document;
            this.onSaved(d);
            this.set({
              doc: merged,
              version: d.version,
              state: 'pending',
              conflict: undefined,
              conflictPaths: undefined,
              error: undefined,
              mergedAt: Date.now(),
            });
            this.write();
            void this.save();
            return;
          }
          this.set({ conflict: d, conflictPaths: conflicts });
        },
        () => undefined,
      );
      return;
    }
    if (e.status === 409 && e.code === 'not-editable') {
      this.editable = false;
      this.set({ state: 'readonly', error: e.message, orphan: this.snap.doc });
      return;
    }
    if (e.status === 400) {
      this.set({ state: 'invalid', error: e.message, serverFields: e.fields });
      return;
    }
    if (e.status === 401 || e.status === 403) {
      this.set({ state: 'offline', error: e.message });
      return;
    }
    // network, 5xx: keep it here, try again later
    this.set({ state: 'offline', error: e.message });
    this.schedule(this.retry);
    this.retry = Math.min(this.retry * 2, 30_000);
  }

  /**
   * Resolve a conflict: on the fields both changed keep mine or take theirs; every other change of
   * both sides is kept either way.
   */
  resolve(choice: 'mine' | 'theirs'): void {
    const server = this.snap.conflict;
    if (!server) return;
    const { merged } = merge3<EvaluationDocument>(this.base, this.snap.doc, server.document, choice);
    this.serverDoc = server.document;
    this.base = server.document;
    this.editable = server.editable;
    this.onSaved(server);
    if (!server.editable || sameDoc(forServer(merged), forServer(server.document))) {
      this.clear();
      this.set({
        doc: server.editable ? merged : server.document,
        version: server.version,
        state: server.editable ? 'saved' : 'readonly',
        conflict: undefined,
        conflictPaths: undefined,
        error: undefined,
      });
      return;
    }
    this.set({
      doc: merged,
      version: server.version,
      state: 'pending',
      conflict: undefined,
      conflictPaths: undefined,
      error: undefined,
    });
    this.write();
    void this.save();
  }

  /** Waits until everything typed is on the server; false if it could not be saved. */
  async flush(): Promise<boolean> {
    for (let i = 0; i < 5; i++) {
      await this.save();
      if (this.inflight) await this.inflight;
      if (this.snap.state === 'saved') return true;
      if (this.snap.state !== 'pending') return false;
    }
    return this.snap.state === 'saved';
  }

  /** The evaluation changed on the server by a transition (submit, return…): start over from it. */
  reset(detail: EvaluationDetail): void {
    clearTimeout(this.timer);
    this.serverDoc = detail.document;
    this.base = detail.document;
    this.editable = detail.editable;
    if (this.snap.state === 'saved' || !this.dirty()) this.clear();
    this.set({
      doc: detail.document,
      version: detail.version,
      state: detail.editable ? 'saved' : 'readonly',
      conflict: undefined,
      error: undefined,
      serverFields: NONE,
    });
  }

  /** Drops a local copy that can no longer be applied. */
  discardOrphan(): void {
    this.clear();
    this.set({ orphan: undefined });
  }

  online = () => {
    if (this.snap.state === 'offline') void this.save();
  };

  dispose(): void {
    clearTimeout(this.timer);
    window.removeEventListener('online', this.online);
  }

  start(): void {
    window.addEventListener('online', this.online);
    if (this.snap.state === 'pending') this.schedule(400);
  }
}

export function useAutosave(
  id: number,
  userId: number,
  detail: EvaluationDetail,
  onSaved: (d: EvaluationDetail) => void,
  blocked: () => boolean,
): [AutosaveSnapshot, AutosaveController] {
  // One controller per evaluation (and per load of it).
  const ctl = useMemo(
    () => new AutosaveController(id, `jixiao:draft:${userId}:${id}`, detail, onSaved, blocked),
    // The controller is made once per evaluation; the later detail and callbacks reach it through its own methods.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [id, userId],
  );
  useEffect(() => {
    ctl.start();
    return () => ctl.dispose();
  }, [ctl]);
  const snap = useSyncExternalStore(ctl.subscribe, ctl.get);
  return [snap, ctl];
}
