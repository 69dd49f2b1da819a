/**
 * @module Login throttling that cannot be turned against the account's owner. Failed attempts are
 * counted in the database (table login_failures), so a restart forgets nothing and several server
 * processes share the counts; successes are never counted.
 *
 * - Per address and account (the failing pair): after `pairFree` failures, that pair waits an
 *   exponentially growing time (base · 2^k, capped) before its next attempt — a 429 with
 *   Retry-After. Only the pair that failed waits: the same account from another address is not
 *   refused, and the right password from another address always gets in.
 * - Per account (all addresses together): after `accountFree` failures the account's attempts are
 *   slowed, never refused — each attempt, right or wrong, waits an exponentially growing delay
 *   (capped at a few seconds) before the password is checked. Someone else's failures can make the
 *   owner wait that long, not lock them out.
 * Counters are forgotten `forgetMs` after the last failure; the pair's counter ends with a success.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema.js';

export interface LoginLimits {
  /** Failures of one address on one account before it must wait. */
  pairFree: number;
  pairBaseMs: number;
  pairCapMs: number;
  /** Failures on one account (any address) before its attempts are slowed. */
  accountFree: number;
  accountBaseMs: number;
  accountCapMs: number;
  /** A counter is forgotten this long after its last failure. */
  forgetMs: number;
  /** The clock (tests move it). */
  now: () => number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  pairFree: 3,
  pairBaseMs: 1_000,
  pairCapMs: 15 * 60_000,
  accountFree: 10,
  accountBaseMs: 250,
  accountCapMs: 5_000,
  forgetMs: 60 * 60_000,
  now: Date.now,
};

/** Exponential back-off: 0 up to `free` failures, then base · 2^(n − free), at most cap. */
export function backoffMs(failures: number, free: number, base: number, cap: number): number {
  if (failures < free) return 0;
  return Math.min(cap, base * 2 ** Math.min(30, failures - free));
}

type Scope = 'pair' | 'account';

export class LoginThrottle {
  readonly limits: LoginLimits;

  constructor(
    private readonly db: Kysely<DB>,
    limits: Partial<LoginLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LOGIN_LIMITS, ...limits };
  }

  private static keys(ip: string, username: string): Record<Scope, string> {
    const u = username.normalize('NFKC').toLowerCase();
    return { pair: `${ip}\u0001${u}`, account: u };
  }

  private async counts(ip: string, username: string): Promise<Record<Scope, { n: number; last: number }>> {
    const keys = LoginThrottle.keys(ip, username);
    const rows = await this.db
      .selectFrom('login_failures')
      .select(['scope', 'key', 'failures', 'last_failure_at'])
      .where((eb) =>
        eb.or([
          eb.and([eb('scope', '=', 'pair'), eb('key', '=', keys.pair)]),
          eb.and([eb('scope', '=', 'account'), eb('key', '=', keys.account)]),
        ]),
      )
      .execute();
    const now = this.limits.now();
    const out = { pair: { n: 0, last: 0 }, account: { n: 0, last: 0 } };
    for (const r of rows) {
      const last = new Date(r.last_failure_at).getTime();
      if (now - last <= this.limits.forgetMs) out[r.scope as Scope] = { n: r.failures, last };
    }
    return out;
  }

  /**
   * Before checking a password: `{ refuseFor }` seconds when this address must wait on this account
   * (its own failures), else `{ delayMs }` the account's slow-down (0 when none).
   */
  async before(ip: string, username: string): Promise<{ refuseFor: number } | { delayMs: number }> {
    const l = this.limits;
    const c = await this.counts(ip, username);
    const now = l.now();
    const pairUntil = c.pair.last + backoffMs(c.pair.n, l.pairFree, l.pairBaseMs, l.pairCapMs);
    if (c.pair.n >= l.pairFree && pairUntil > now)
      return { refuseFor: Math.max(1, Math.ceil((pairUntil - now) / 1000)) };
    return { delayMs: backoffMs(c.account.n, l.accountFree, l.accountBaseMs, l.accountCapMs) };
  }

  /** A wrong password (or an unknown or disabled account): one more failure for the pair and the account. */
  async failed(ip: string, username: string): Promise<void> {
    const keys = LoginThrottle.keys(ip, username);
    const at = new Date(this.limits.now());
    const forgotten = new Date(this.limits.now() - this.limits.forgetMs);
    for (const scope of ['pair', 'account'] as const) {
      await this.db
        .insertInto('login_failures')
        .values({ scope, key: keys[scope], failures: 1, last_failure_at: at })
        .onConflict((oc) =>
          oc.columns(['scope', 'key']).doUpdateSet({
            failures: sql`case when login_failures.last_failure_at < ${forgotten} then 1 else login_failures.failures + 1 end`,
            last_failure_at: at,
          }),
        )
        .execute();
    }
  }

  /** The right password: the pair's own count ends; the account's stays (the failures were someone's). */
  async succeeded(ip: string, username: string): Promise<void> {
    const keys = LoginThrottle.keys(ip, username);
    await this.db.deleteFrom('login_failures').where('scope', '=', 'pair').where('key', '=', keys.pair).execute();
  }

  /** Counters nobody will read again. */
  async prune(): Promise<void> {
    await this.db
      .deleteFrom('login_failures')
      .where('last_failure_at', '<', new Date(this.limits.now() - this.limits.forgetMs))
      .execute();
  }
}
