/**
 * @module A short-lived, per-process memory of resolved sessions (cookie hash → actor), so a request
 * does not query the session, its user and its organisation every time. Revocation stays immediate in
 * this process: every write that can end or change a session (logout, password change, a user
 * disabled or changed, an organisation renamed — see `REVOKING`) forgets everything; another process
 * (a second instance, `jixiao admin` on the command line) is seen within the entry's lifetime at most.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../access.js';

export interface CachedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  /** The session's own expiry: an entry never outlives it. */
  expiresAt: Date;
}

/** How long a resolved session is believed without asking the database (JIXIAO_SESSION_CACHE_MS; 0 turns it off). */
export const SESSION_CACHE_MS = (() => {
  const v = Number(process.env.JIXIAO_SESSION_CACHE_MS ?? '2000');
  return Number.isFinite(v) && v >= 0 ? Math.min(v, 60_000) : 2000;
})();

export class SessionCache {
  private readonly map = new Map<string, { s: CachedSession; until: number }>();
  /** Bumped by clear(): a lookup that began before a revocation may not store what it read. */
  private generation = 0;

  constructor(
    readonly ttlMs = SESSION_CACHE_MS,
    private readonly max = 10_000,
    private readonly now = () => Date.now(),
  ) {}

  get(sessionId: string): CachedSession | undefined {
    const e = this.map.get(sessionId);
    if (!e) return undefined;
    if (e.until <= this.now()) {
      this.map.delete(sessionId);
      return undefined;
    }
    return e.s;
  }

  /** A ticket to take before reading the database, and to give back to set(). */
  begin(): number {
    return this.generation;
  }

  set(ticket: number, s: CachedSession): void {
    if (this.ttlMs <= 0 || ticket !== this.generation) return;
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    this.map.set(s.sessionId, { s, until: Math.min(this.now() + this.ttlMs, s.expiresAt.getTime()) });
  }

  clear(): void {
    this.generation++;
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}

/** One per database, shared by every app on it in this process (tests run several). */
const caches = new WeakMap<Kysely<DB>, SessionCache>();
export function sessionCacheOf(db: Kysely<DB>): SessionCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new SessionCache()));
  return c;
}

/**
 * Writes that may end a session or change who it acts as: after any of them (whatever its outcome)
 * this process forgets every cached session. They are rare, so forgetting all is cheap and leaves no
 * case out (a role change, a password reset, a rename of the user's organisation …).
 */
const REVOKING = /^\/api\/(auth|users|organisations)(\/|$)/;
export function mayRevoke(method: string, path: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && REVOKING.test(path);
}
