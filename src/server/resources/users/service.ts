/** @module Users: accounts of a region's organisations — creation, changes, password changes, with audit. */
import type { Kysely } from 'kysely';
import { ORG_KIND_LABELS, type OrgKind, type Role, ROLE_LABELS } from '../../../core/workflow.js';
import { appendAudit } from '../../../db/audit.js';
import type { DB, UserRow } from '../../../db/schema.js';
import { type Actor, orgVisibleSql, requireRole, rolesForKind } from '../../access.js';
import { badRequest, conflict, forbidden, isUniqueViolation, notFound } from '../../errors.js';
import { DEFAULT_SCRYPT, hashPassword, passwordProblem, type ScryptParams, verifyPassword } from '../../passwords.js';
import type { User } from './contract.js';

type UserWithOrg = UserRow & { org_name: string };

export function userView(r: UserWithOrg): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    roleLabel: ROLE_LABELS[r.role],
    orgId: r.org_id,
    orgName: r.org_name,
    disabled: r.disabled,
    createdAt: r.created_at.toISOString(),
  };
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/;

export interface NewUser {
  orgId: number;
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

function checkRoleForOrg(role: Role, kind: OrgKind, field = 'role'): void {
  const allowed = rolesForKind(kind);
  if (!allowed.includes(role)) {
    throw badRequest([
      {
        field,
        message: `${ORG_KIND_LABELS[kind]}的用户只能是${allowed.map((r) => ROLE_LABELS[r]).join('、')}，不能是${ROLE_LABELS[role]}`,
      },
    ]);
  }
}

export async function createUser(
  db: Kysely<DB>,
  actor: Actor,
  input: NewUser,
  prm: ScryptParams = DEFAULT_SCRYPT,
  precomputedHash?: string,
): Promise<User> {
  requireRole(actor, ['bureau_admin'], '新建用户');
  if (!USERNAME.test(input.username)) {
    throw badRequest([{ field: 'username', message: '用户名须为 3～64 个字母、数字或 . _ @ -，以字母或数字开头' }]);
  }
  if (!input.displayName.trim()) throw badRequest([{ field: 'displayName', message: '姓名不能为空' }]);
  const pw = await passwordProblem(input.password);
  if (pw) throw badRequest([{ field: 'password', message: pw }]);
  const org = await db
    .selectFrom('organisations as o')
    .selectAll('o')
    .where('o.id', '=', input.orgId)
    .where(orgVisibleSql(actor))
    .executeTakeFirst();
  if (!org) throw notFound('组织');
  checkRoleForOrg(input.role, org.kind);
  const hash = precomputedHash ?? (await hashPassword(input.password, prm));
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('users')
        .values({
          org_id: org.id,
          username: input.username,
          display_name: input.displayName.trim(),
          role: input.role,
          password_hash: hash,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.name,
        regionId: org.region_id,
        orgId: org.id,
        entity: 'user',
        entityId: row.id,
        action: 'create',
        changes: [
          { field: 'username', old: null, new: row.username },
          { field: 'displayName', old: null, new: row.display_name },
          { field: 'role', old: null, new: row.role },
          { field: 'orgId', old: null, new: row.org_id },
        ],
      });
      return userView({ ...row, org_name: org.name });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('duplicate-username', `用户名“${input.username}”已被使用`);
    throw e;
  }
}

export async function listUsers(db: Kysely<DB>, actor: Actor): Promise<User[]> {
  requireRole(actor, ['bureau_admin'], '查看用户列表');
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .selectAll('u')
    .select('o.name as org_name')
    .where(orgVisibleSql(actor))
    .orderBy('o.path')
    .orderBy('u.username')
    .execute();
  return rows.map(userView);
}

export interface UserUpdate {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  password?: string;
}

/** A bureau admin changes a user of the region; disabling or a new password ends the user's sessions. */
export async function updateUser(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  patch: UserUpdate,
  prm: ScryptParams = DEFAULT_SCRYPT,
): Promise<User> {
  const before = await db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .selectAll('u')
    .select(['o.name as org_name', 'o.kind as org_kind', 'o.region_id as region_id'])
    .where('u.id', '=', id)
    .where(orgVisibleSql(actor))
    .executeTakeFirst();
  if (!before) throw notFound('用户');
  requireRole(actor, ['bureau_admin'], '修改用户');
  if (patch.role) checkRoleForOrg(patch.role, before.org_kind);
  if (actor.userId === id && (patch.disabled === true || (patch.role && patch.role !== before.role))) {
    throw forbidden('不能停用自己的账号或修改自己的角色');
  }
  if (patch.displayName !== undefined && !patch.displayName.trim())
    throw badRequest([{ field: 'displayName', message: '姓名不能为空' }]);
  let hash: string | undefined;
  if (patch.password !== undefined) {
    const pw = await passwordProblem(patch.password);
    if (pw) throw badRequest([{ field: 'password', message: pw }]);
    hash = await hashPassword(patch.password, prm);
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({
        ...(patch.displayName !== undefined ? { display_name: patch.displayName.trim() } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
        ...(hash ? { password_hash: hash, password_changed_at: new Date() } : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changes = [];
    if (row.display_name !== before.display_name)
      changes.push({ field: 'displayName', old: before.display_name, new: row.display_name });
    if (row.role !== before.role) changes.push({ field: 'role', old: before.role, new: row.role });
    if (row.disabled !== before.disabled) changes.push({ field: 'disabled', old: before.disabled, new: row.disabled });
    if (hash) changes.push({ field: 'password', old: '（已隐藏）', new: '（已重置）' });
    if (row.disabled || hash || row.role !== before.role)
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    if (changes.length) {
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.name,
        regionId: before.region_id,
        orgId: row.org_id,
        entity: 'user',
        entityId: row.id,
        action: 'update',
        changes,
      });
    }
    return userView({ ...row, org_name: before.org_name });
  });
}

/** The signed-in user changes their own password; other sessions end. */
export async function changeOwnPassword(
  db: Kysely<DB>,
  actor: Actor,
  current: string,
  next: string,
  keepSession: string | undefined,
  prm: ScryptParams = DEFAULT_SCRYPT,
): Promise<void> {
  if (actor.userId === null) throw forbidden('命令行身份没有密码');
  const row = await db
    .selectFrom('users')
    .select(['password_hash', 'org_id'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(current, row.password_hash)))
    throw badRequest([{ field: 'currentPassword', message: '当前密码不正确' }]);
  const pw = await passwordProblem(next);
  if (pw) throw badRequest([{ field: 'newPassword', message: pw }]);
  const hash = await hashPassword(next, prm);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: new Date() })
      .where('id', '=', actor.userId!)
      .execute();
    let del = trx.deleteFrom('sessions').where('user_id', '=', actor.userId!);
    if (keepSession) del = del.where('id', '<>', keepSession);
    await del.execute();
    await appendAudit(trx, {
      actorId: actor.userId,
      actorName: actor.name,
      regionId: actor.regionId,
      orgId: row.org_id,
      entity: 'user',
      entityId: actor.userId!,
      action: 'change-password',
      changes: [{ field: 'password', old: '（已隐藏）', new: '（已修改）' }],
    });
  });
}
