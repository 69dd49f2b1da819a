/**
 * @module Who is asking, and the SQL that scopes every query to what they may see.
 */
import { type RawBuilder, sql, type SqlBool } from 'kysely';
import {
  isBureauStaffRole,
  isUnitStaffRole,
  type OrgKind,
  PUBLIC_STATUSES,
  type Role,
  ROLE_LABELS,
  ROLES_BY_ORG_KIND,
  type WorkflowActor,
} from '../core/workflow.js';
import { forbidden } from './errors.js';

/**
 * Who is asking. Every query of the API is scoped by the caller's organisation and role:
 * - 财政局 roles (bureau_admin, bureau_reviewer) see their whole region (the bureau and every unit under it);
 * - unit roles (unit_filler, unit_leader) see their own organisation and its 下属单位, and act only on their own;
 * - public (只读) sees the region's organisations, rounds and frameworks, and evaluations once approved or locked;
 * - system is the command line (jixiao admin …, seed-demo): no scope.
 */
export interface Actor {
  userId: number | null;
  username: string;
  name: string;
  role: Role | 'system';
  orgId: number | null;
  orgKind: OrgKind | null;
  orgName: string;
  /** "/1/5/" — the organisation and its ancestors. */
  orgPath: string;
  regionId: number | null;
}

export function systemActor(name = '命令行'): Actor {
  return {
    userId: null,
    username: 'system',
    name,
    role: 'system',
    orgId: null,
    orgKind: null,
    orgName: '',
    orgPath: '',
    regionId: null,
  };
}

export const BUREAU_ROLES: ReadonlySet<Role> = new Set(ROLES_BY_ORG_KIND.bureau);
export const UNIT_ROLES: ReadonlySet<Role> = new Set(ROLES_BY_ORG_KIND.unit);

export const isBureauStaff = (a: Actor) => isBureauStaffRole(a.role);
export const isUnitRole = (a: Actor) => isUnitStaffRole(a.role);

/** Roles a user of an organisation of this kind may have. */
export function rolesForKind(kind: OrgKind): readonly Role[] {
  return ROLES_BY_ORG_KIND[kind];
}

/** The actor as the workflow table sees them, for one unit's evaluation. */
export function workflowActor(a: Actor, orgId: number): WorkflowActor {
  return { role: a.role, ownUnit: a.orgId === orgId };
}

export function requireRole(a: Actor, roles: readonly Role[], what: string): void {
  if (a.role === 'system') return;
  if (!roles.includes(a.role)) {
    throw forbidden(
      `无权限：${what}仅限${roles.map((r) => ROLE_LABELS[r]).join('、')}，您的角色是${ROLE_LABELS[a.role]}`,
    );
  }
}

/** Condition on an organisations alias: the organisations the actor may see. */
export function orgVisibleSql(a: Actor, alias = 'o'): RawBuilder<SqlBool> {
  if (a.role === 'system') return sql<SqlBool>`true`;
  if (BUREAU_ROLES.has(a.role)) return sql<SqlBool>`${sql.ref(`${alias}.region_id`)} = ${a.regionId ?? -1}`;
  return sql<SqlBool>`${sql.ref(`${alias}.path`)} like ${`${a.orgPath}%`}`;
}

/** Condition on evaluations `e` joined to their organisation `o`: the evaluations the actor may see. */
export function evaluationVisibleSql(a: Actor): RawBuilder<SqlBool> {
  if (a.role === 'public')
    return sql<SqlBool>`o.region_id = ${a.regionId ?? -1} and e.status in (${sql.join(PUBLIC_STATUSES)})`;
  return orgVisibleSql(a, 'o');
}

/** Condition on a region id column: rounds and the like belong to a region. */
export function regionVisibleSql(a: Actor, column: string): RawBuilder<SqlBool> {
  if (a.role === 'system') return sql<SqlBool>`true`;
  return sql<SqlBool>`${sql.ref(column)} = ${a.regionId ?? -1}`;
}

/**
 * Condition on framework_versions' owner column: built-in frameworks (no owner) are everyone's, a
 * region's own framework is its region's alone (another region gets 404, as for a missing one).
 */
export function frameworkVisibleSql(a: Actor, column = 'owner_region_id'): RawBuilder<SqlBool> {
  if (a.role === 'system') return sql<SqlBool>`true`;
  return sql<SqlBool>`(${sql.ref(column)} is null or ${sql.ref(column)} = ${a.regionId ?? -1})`;
}
