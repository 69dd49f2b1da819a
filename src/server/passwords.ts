/**
 * @module Password hashing with scrypt (node:crypto, no native add-on). Stored as
 * `scrypt$N$r$p$salt$hash` (base64), so the cost can be raised later and old hashes still verify.
 * Default cost: N=2^14, r=8, p=5 — one of the settings OWASP's Password Storage Cheat Sheet lists as
 * equivalent to its N=2^17, r=8, p=1 minimum, chosen because each derivation holds 16 MiB instead of 128 MiB
 * (a burst of failed logins must not cost the server hundreds of MiB; issue 16). Every derivation
 * goes through one bounded pool: at most 2 per core at a time (16 MiB each), at most
 * `queue` waiting; beyond that the caller gets a 429 (ScryptBusyError) instead of piling up memory.
 * The password policy (≥ 10 characters, not a common password) is here too.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 14, r: 8, p: 5 };
/** For tests and benchmarks only: fast and weak. */
export const FAST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

const KEYLEN = 32;

/** The pool is full (every slot busy and the queue at its bound): the server answers 429. */
export class ScryptBusyError extends Error {
  constructor() {
    super('登录与密码校验请求过多，请稍后再试');
    this.name = 'ScryptBusyError';
  }
}

/** A counting semaphore with a bounded queue. */
export class ScryptPool {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** The most that ran at once (tests and benchmarks read it). */
  peak = 0;

  constructor(
    readonly concurrency: number,
    readonly queue: number,
  ) {}

  /** `wait`: the caller's own work (seeding, an admin's command) queues past the bound instead of a 429. */
  async run<T>(job: () => Promise<T>, opts: { wait?: boolean } = {}): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue && !opts.wait) throw new ScryptBusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    this.peak = Math.max(this.peak, this.running);
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

const envInt = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

/** ≤ 2 derivations per core (JIXIAO_SCRYPT_CONCURRENCY), ≤ 64 waiting (JIXIAO_SCRYPT_QUEUE). */
export const scryptPool = new ScryptPool(
  envInt('JIXIAO_SCRYPT_CONCURRENCY', 2 * availableParallelism()),
  envInt('JIXIAO_SCRYPT_QUEUE', 64),
);

function derive(password: string, salt: Buffer, prm: ScryptParams, wait = false): Promise<Buffer> {
  return scryptPool.run(() => deriveNow(password, salt, prm), { wait });
}

function deriveNow(password: string, salt: Buffer, prm: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEYLEN,
      { N: prm.N, r: prm.r, p: prm.p, maxmem: 256 * prm.N * prm.r * prm.p + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

/** `wait`: for work that is not a request (seeding the demo accounts): it queues rather than being refused. */
export async function hashPassword(
  password: string,
  prm: ScryptParams = DEFAULT_SCRYPT,
  opts: { wait?: boolean } = {},
): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, prm, opts.wait);
  return `scrypt$${prm.N}$${prm.r}$${prm.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0)) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  const key = await derive(password, salt, { N, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * Common passwords (about 49,000: the zxcvbn-ts project's list, maintained as the npm package
 * @zxcvbn-ts/language-common), loaded on the first password check, not when the server starts.
 */
let common: Promise<Set<string>> | undefined;
async function isCommon(password: string): Promise<boolean> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())),
  );
  return (await common).has(password.toLowerCase());
}

export const MIN_PASSWORD_LENGTH = 10;

/** Checks a new password; returns a Chinese message, or undefined when acceptable. */
export async function passwordProblem(password: string): Promise<string | undefined> {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (password.length > 200) return '密码不能超过 200 个字符';
  // One short unit repeated (aaaaaaaaaa, abababababab, 123123123123).
  if (/^(.{1,3})\1+$/su.test(password)) return '密码不能由同一组字符重复组成';
  if (await isCommon(password)) return '该密码过于常见（在常用密码列表中），请换一个';
  return undefined;
}

/** A random password for accounts created from the command line: 16 characters, no look-alikes. */
export function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}
