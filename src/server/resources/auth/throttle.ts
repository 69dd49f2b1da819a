/**
 * @module Login rate limiting, in memory (per server process): every attempt counts against the client
 * address, failures count against the user name. Enough for one jixiao process; several processes
 * behind a balancer each keep their own counts (documented in docs/api.md).
 */
export interface LoginLimits {
  /** Attempts per client address per window. */
  perIp: number;
  /** Failed attempts per user name per window. */
  perUserFailures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perIp: 30, perUserFailures: 5, windowMs: 15 * 60 * 1000 };

class Window {
  private hits = new Map<string, number[]>();

  constructor(private readonly windowMs: number) {}

  count(key: string, now: number): number {
    const list = this.hits.get(key);
    if (!list) return 0;
    const kept = list.filter((t) => now - t < this.windowMs);
    if (kept.length) this.hits.set(key, kept);
    else this.hits.delete(key);
    return kept.length;
  }

  oldest(key: string): number | undefined {
    return this.hits.get(key)?.[0];
  }

  add(key: string, now: number): void {
    const list = this.hits.get(key) ?? [];
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 50_000) this.prune(now);
  }

  clear(key: string): void {
    this.hits.delete(key);
  }

  private prune(now: number): void {
    for (const k of [...this.hits.keys()]) this.count(k, now);
  }
}

export class LoginLimiter {
  private readonly ip: Window;
  private readonly user: Window;

  constructor(private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    this.ip = new Window(limits.windowMs);
    this.user = new Window(limits.windowMs);
  }

  /** Records the attempt; undefined if it may go ahead, else the seconds to wait. */
  attempt(ip: string, username: string, now = Date.now()): number | undefined {
    const u = username.toLowerCase();
    if (this.ip.count(ip, now) >= this.limits.perIp) return this.wait(this.ip.oldest(ip), now);
    if (this.user.count(u, now) >= this.limits.perUserFailures) return this.wait(this.user.oldest(u), now);
    this.ip.add(ip, now);
    return undefined;
  }

  failed(username: string, now = Date.now()): void {
    this.user.add(username.toLowerCase(), now);
  }

  succeeded(username: string): void {
    this.user.clear(username.toLowerCase());
  }

  private wait(oldest: number | undefined, now: number): number {
    return Math.max(1, Math.ceil(((oldest ?? now) + this.limits.windowMs - now) / 1000));
  }
}
