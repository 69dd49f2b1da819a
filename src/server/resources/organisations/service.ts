/** @module Organisations: a region's bureau, its units and sub-units — queries, rules and audit. */
import type { Kysely } from 'kysely';
import { ORG_KIND_LABELS, type OrgKind } from '../../../core/workflow.js';
import { appendAudit } from '../../../db/audit.js';
import type { DB, OrganisationRow } from '../../../db/schema.js';
import { type Actor, orgVisibleSql, requireRole } from '../../access.js';
import { badRequest, conflict, forbidden, isUniqueViolation, notFound } from '../../errors.js';
import type { Organisation } from './contract.js';

export function orgView(r: OrganisationRow): Organisation {
  return {
    id: r.id,
    parentId: r.parent_id,
    regionId: r.region_id ?? r.id,
    kind: r.kind,
    kindLabel: ORG_KIND_LABELS[r.kind],
    name: r.name,
    code: r.code,
    createdAt: r.created_at.toISOString(),
  };
}

const CODE = /^[a-z0-9][a-z0-9-]{1,62}$/;

export interface NewOrganisation {
  kind: OrgKind;
  name: string;
  parentId?: number | null;
  code?: string;
}

/**
 * Creates an organisation: a bureau (财政局, the root of a region — command line only), a unit under
 * a bureau, or a sub-unit (下属单位) under a unit. A bureau admin creates units and sub-units in
 * its own region.
 */
export async function createOrganisation(db: Kysely<DB>, actor: Actor, input: NewOrganisation): Promise<Organisation> {
  requireRole(actor, ['bureau_admin'], '新建组织');
  const name = input.name.trim();
  if (!name) throw badRequest([{ field: 'name', message: '名称不能为空' }]);
  if (input.code !== undefined && !CODE.test(input.code)) {
    throw badRequest([{ field: 'code', message: '代码只能由小写字母、数字和连字符组成，2～63 个字符' }]);
  }
  if (input.kind === 'bureau') {
    if (actor.role !== 'system')
      throw forbidden('无权限：新建财政局（地区）只能由系统管理员在命令行完成（jixiao admin create-org）');
    if (input.parentId != null) throw badRequest([{ field: 'parentId', message: '财政局是地区的根，不能有上级组织' }]);
  } else if (input.parentId == null) {
    throw badRequest([{ field: 'parentId', message: `${ORG_KIND_LABELS[input.kind]}必须指定上级组织` }]);
  }
  try {
    return await db.transaction().execute(async (trx) => {
      let parent: OrganisationRow | undefined;
      if (input.parentId != null) {
        parent = await trx
          .selectFrom('organisations as o')
          .selectAll('o')
          .where('o.id', '=', input.parentId)
          .where(orgVisibleSql(actor))
          .executeTakeFirst();
        if (!parent) throw notFound('上级组织');
        const want: OrgKind = input.kind === 'unit' ? 'bureau' : 'unit';
        if (parent.kind !== want) {
          throw badRequest([
            {
              field: 'parentId',
              message: `${ORG_KIND_LABELS[input.kind]}的上级必须是${ORG_KIND_LABELS[want]}，“${parent.name}”是${ORG_KIND_LABELS[parent.kind]}`,
            },
          ]);
        }
      }
      const code = input.code ?? `org-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
      const inserted = await trx
        .insertInto('organisations')
        .values({
          kind: input.kind,
          name,
          code,
          parent_id: parent?.id ?? null,
          region_id: parent ? (parent.region_id ?? parent.id) : null,
          path: '',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const path = `${parent?.path ?? '/'}${inserted.id}/`;
      const row = await trx
        .updateTable('organisations')
        .set({ path, ...(parent ? {} : { region_id: inserted.id }) })
        .where('id', '=', inserted.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.name,
        regionId: row.region_id,
        orgId: row.id,
        entity: 'organisation',
        entityId: row.id,
        action: 'create',
        changes: [
          { field: 'name', old: null, new: row.name },
          { field: 'kind', old: null, new: row.kind },
          { field: 'code', old: null, new: row.code },
          { field: 'parentId', old: null, new: row.parent_id },
        ],
      });
      return orgView(row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('duplicate-code', `组织代码“${input.code}”已被使用，请换一个`);
    throw e;
  }
}

export async function listOrganisations(db: Kysely<DB>, actor: Actor): Promise<Organisation[]> {
  const rows = await db
    .selectFrom('organisations as o')
    .selectAll('o')
    .where(orgVisibleSql(actor))
    .orderBy('o.path')
    .execute();
  return rows.map(orgView);
}

export async function getOrganisation(db: Kysely<DB>, actor: Actor, id: number): Promise<Organisation> {
  const row = await db
    .selectFrom('organisations as o')
    .selectAll('o')
    .where('o.id', '=', id)
    .where(orgVisibleSql(actor))
    .executeTakeFirst();
  if (!row) throw notFound('组织');
  return orgView(row);
}

export async function renameOrganisation(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  name: string,
): Promise<Organisation> {
  const trimmed = name.trim();
  if (!trimmed) throw badRequest([{ field: 'name', message: '名称不能为空' }]);
  const before = await db
    .selectFrom('organisations as o')
    .selectAll('o')
    .where('o.id', '=', id)
    .where(orgVisibleSql(actor))
    .executeTakeFirst();
  if (!before) throw notFound('组织');
  requireRole(actor, ['bureau_admin'], '修改组织');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('organisations')
      .set({ name: trimmed })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (before.name !== trimmed) {
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.name,
        regionId: row.region_id,
        orgId: row.id,
        entity: 'organisation',
        entityId: row.id,
        action: 'update',
        changes: [{ field: 'name', old: before.name, new: trimmed }],
      });
    }
    return orgView(row);
  });
}

/** Resolves an organisation by id or code (command line). */
export async function findOrganisation(db: Kysely<DB>, ref: string): Promise<OrganisationRow | undefined> {
  const q = db.selectFrom('organisations').selectAll();
  return /^\d+$/.test(ref)
    ? q.where('id', '=', Number(ref)).executeTakeFirst()
    : q.where('code', '=', ref).executeTakeFirst();
}
