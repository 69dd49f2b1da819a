/** @module Sessions: login, the session a cookie names, logout. Only a SHA-256 of the cookie token is stored. */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../../db/audit.js';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../access.js';
import { sessionCacheOf } from '../../middleware/session-cache.js';
import { hashPassword, type ScryptParams, verifyPassword } from '../../passwords.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionInfo {
  /** The cookie value; only its SHA-256 is stored. */
  token: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

const dummies = new Map<string, Promise<string>>();
/** A hash to verify against when the user does not exist, so both answers take as long. */
function dummyHash(prm: ScryptParams): Promise<string> {
  const key = `${prm.N}/${prm.r}/${prm.p}`;
  let h = dummies.get(key);
  if (!h) {
    h = hashPassword(randomBytes(12).toString('hex'), prm);
    dummies.set(key, h);
    // A derivation refused (pool full) is not kept: the next unknown user tries again instead of failing for good.
    h.catch(() => dummies.delete(key));
  }
  return h;
}

/** The actor a user acts as (undefined if missing or disabled). */
export async function loadActor(db: Kysely<DB>, userId: number): Promise<Actor | undefined> {
  const r = await db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.disabled',
      'o.id as org_id',
      'o.kind',
      'o.name as org_name',
      'o.path',
      'o.region_id',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!r || r.disabled) return undefined;
  return {
    userId: r.id,
    username: r.username,
    name: r.display_name,
    role: r.role,
    orgId: r.org_id,
    orgKind: r.kind,
    orgName: r.org_name,
    orgPath: r.path,
    regionId: r.region_id,
  };
}

/** Opens a session for a user (login, and benchmark set-up); returns the cookie token. */
export async function createSession(
  db: Kysely<DB>,
  userId: number,
  meta: { ip?: string | null; userAgent?: string | null } = {},
): Promise<SessionInfo> {
  const actor = await loadActor(db, userId);
  if (!actor) throw new Error(`用户 ${userId} 不存在或已停用`);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const sessionId = tokenHash(token);
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db
    .insertInto('sessions')
    .values({
      id: sessionId,
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, sessionId, csrfToken, expiresAt, actor };
}

export type LoginOutcome = { ok: true; session: SessionInfo } | { ok: false; reason: 'bad-credentials' | 'disabled' };

export async function login(
  db: Kysely<DB>,
  username: string,
  password: string,
  meta: { ip?: string | null; userAgent?: string | null },
  prm: ScryptParams,
): Promise<LoginOutcome> {
  const u = await db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.password_hash', 'u.disabled', 'u.display_name', 'u.org_id', 'o.region_id'])
    .where('u.username', '=', username)
    .executeTakeFirst();
  const ok = await verifyPassword(password, u?.password_hash ?? (await dummyHash(prm)));
  // A disabled account is refused like a wrong password: the answer does not tell whether the password was right.
  if (!u || !ok || u.disabled) {
    if (u) {
      await appendAudit(db, {
        actorId: u.id,
        actorName: u.display_name,
        regionId: u.region_id,
        orgId: u.org_id,
        entity: 'session',
        entityId: u.id,
        action: 'login-failed',
        detail: { ip: meta.ip ?? null, ...(u.disabled ? { disabled: true } : {}) },
      });
    }
    return { ok: false, reason: u?.disabled && ok ? 'disabled' : 'bad-credentials' };
  }
  // Expired sessions go when their user signs in again.
  await db.deleteFrom('sessions').where('user_id', '=', u.id).where('expires_at', '<', new Date()).execute();
  const session = await createSession(db, u.id, meta);
  await appendAudit(db, {
    actorId: u.id,
    actorName: u.display_name,
    regionId: u.region_id,
    orgId: u.org_id,
    entity: 'session',
    entityId: u.id,
    action: 'login',
    detail: { ip: meta.ip ?? null },
  });
  return { ok: true, session };
}

/** The session a cookie names, if it is valid and its user is active. */
export async function resolveSession(
  db: Kysely<DB>,
  token: string,
): Promise<{ sessionId: string; csrfToken: string; actor: Actor; expiresAt: Date } | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const sessionId = tokenHash(token);
  const r = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select([
      's.csrf_token',
      's.expires_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'o.id as org_id',
      'o.kind',
      'o.name as org_name',
      'o.path',
      'o.region_id',
    ])
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', new Date())
    .where('u.disabled', '=', false)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    sessionId,
    csrfToken: r.csrf_token,
    expiresAt: r.expires_at,
    actor: {
      userId: r.id,
      username: r.username,
      name: r.display_name,
      role: r.role,
      orgId: r.org_id,
      orgKind: r.kind,
      orgName: r.org_name,
      orgPath: r.path,
      regionId: r.region_id,
    },
  };
}

export async function logout(db: Kysely<DB>, sessionId: string, actor: Actor): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  sessionCacheOf(db).clear(); // this process stops believing the session at once
  await appendAudit(db, {
    actorId: actor.userId,
    actorName: actor.name,
    regionId: actor.regionId,
    orgId: actor.orgId,
    entity: 'session',
    entityId: actor.userId ?? 0,
    action: 'logout',
  });
}
