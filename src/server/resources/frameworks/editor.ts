/**
 * @module Frameworks for the web app's framework browser and editor (issue 4).
 *
 * Built-in frameworks (frameworks/*.yaml, copied in at start-up) are everyone's. A bureau admin
 * copies one, edits it (个性指标, drop, reweight) and saves it as a framework of its region: each save
 * is a new version (versions a round uses are frozen anyway). The owning region is
 * framework_versions.owner_region_id (null for built-ins); who saved it and what it was copied from
 * come from the append-only audit entry that created the version (entity framework_version, action
 * create). The catalogue shows a caller the built-ins and its own region's frameworks, and only its
 * region's admins add versions to them.
 */
import type { Kysely } from 'kysely';
import { stringify } from 'yaml';
import { checkDraft } from '../../../core/framework-edit.js';
import { InputError } from '../../../core/input.js';
import { parseFramework } from '../../../core/framework/parse.js';
import { appendAudit } from '../../../db/audit.js';
import { sha256 } from '../../../db/frameworks.js';
import type { DB } from '../../../db/schema.js';
import { builtinFrameworks } from '../../../load/frameworks.js';
import { type Actor, frameworkVisibleSql, requireRole } from '../../access.js';
import { badRequest, conflict, isUniqueViolation, notFound } from '../../errors.js';
import type { CatalogueEntry } from './contract.js';
import { frameworkVersionView } from './service.js';

const COLS = [
  'f.id',
  'f.framework_id',
  'f.version',
  'f.name',
  'f.region',
  'f.year',
  'f.kind',
  'f.frozen_at',
  'f.source_sha256',
  'f.created_at',
  'f.owner_region_id',
] as const;

interface Owner {
  regionId: number | null;
  actor: string;
  basedOn: CatalogueEntry['basedOn'];
}

async function owners(db: Kysely<DB>): Promise<Map<number, Owner>> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['entity_id', 'region_id', 'actor_name', 'detail'])
    .where('entity', '=', 'framework_version')
    .where('action', '=', 'create')
    .execute();
  const out = new Map<number, Owner>();
  for (const r of rows) {
    const b = (r.detail as { basedOn?: CatalogueEntry['basedOn'] } | null)?.basedOn ?? null;
    out.set(Number(r.entity_id), { regionId: r.region_id, actor: r.actor_name, basedOn: b });
  }
  return out;
}


export async function listFrameworkCatalogue(db: Kysely<DB>, actor: Actor): Promise<CatalogueEntry[]> {
  const [rows, own] = await Promise.all([
    db
      .selectFrom('framework_versions as f')
      .select(COLS)
      .where(frameworkVisibleSql(actor, 'f.owner_region_id'))
      .orderBy('f.framework_id')
      .orderBy('f.version')
      .execute(),
    owners(db),
  ]);
  return rows.map((r) => {
    const o = own.get(r.id);
    const region = r.owner_region_id;
    return {
      ...frameworkVersionView(r),
      owner: region !== null ? ('region' as const) : ('builtin' as const),
      regionId: region,
      createdBy: o?.actor ?? null,
      createdAt: r.created_at.toISOString(),
      basedOn: o?.basedOn ?? null,
      editable:
        region !== null && (actor.role === 'system' || (actor.role === 'bureau_admin' && region === actor.regionId)),
    };
  });
}

export interface NewFrameworkVersion {
  /** The framework as data (the shape of frameworks/*.yaml); its `version` is assigned here. */
  source: Record<string, unknown>;
  /** The version it was copied from (shown in the catalogue). */
  basedOn?: number;
}

/** A bureau admin saves an edited framework as the next version of one of its region's frameworks. */
export async function createFrameworkVersion(
  db: Kysely<DB>,
  actor: Actor,
  input: NewFrameworkVersion,
): Promise<CatalogueEntry> {
  requireRole(actor, ['bureau_admin'], '保存指标框架');
  const src = { ...input.source };
  const id = typeof src.id === 'string' ? src.id : '';
  let basedOn: CatalogueEntry['basedOn'] = null;
  if (input.basedOn !== undefined) {
    const b = await db
      .selectFrom('framework_versions')
      .select(['id', 'framework_id', 'version'])
      .where('id', '=', input.basedOn)
      .where(frameworkVisibleSql(actor))
      .executeTakeFirst();
    if (!b) throw notFound('指标框架版本');
    basedOn = { id: b.id, frameworkId: b.framework_id, version: b.version };
  }
  // Field-by-field problems first (schema, weights add up, rules), with the indicator named.
  src.version = 1;
  const checked = checkDraft(src);
  if (checked.issues.length)
    throw badRequest(
      checked.issues.slice(0, 20).map((i) => ({ field: `source.${i.field}`, message: i.message })),
      '指标框架有误',
    );
  if (
    builtinFrameworks()
      .list()
      .some((f) => f.id === id)
  ) {
    throw conflict('framework-id-taken', `标识“${id}”是内置指标框架的标识，请为复制的框架另取一个标识`);
  }
  const existing = await db
    .selectFrom('framework_versions')
    .select(['id', 'version', 'owner_region_id'])
    .where('framework_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  if (existing.some((e) => e.owner_region_id === null || e.owner_region_id !== actor.regionId)) {
    throw conflict('framework-id-taken', `标识“${id}”已被其他框架使用，请另取一个标识`);
  }
  const version = (existing[0]?.version ?? 0) + 1;
  src.version = version;
  const header = `# ${String(src.name)}（第${version}版）：${actor.orgName}${basedOn ? `复制自 ${basedOn.frameworkId}@${basedOn.version} 并修改` : '编辑'}，${actor.name}于 ${new Date().toISOString().slice(0, 10)} 保存（网页框架编辑器）。\n`;
  const text = header + stringify(src, { lineWidth: 0 });
  let fw;
  try {
    fw = parseFramework(text, `${id}@${version}`);
  } catch (e) {
    if (e instanceof InputError)
      throw badRequest(
        e.problems.map((p) => ({ field: `source.${p.field}`, message: p.message })),
        '指标框架有误',
      );
    throw e;
  }
  try {
    const newId = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('framework_versions')
        .values({
          framework_id: fw.id,
          version: fw.version,
          name: fw.name,
          region: fw.region,
          year: fw.year,
          kind: fw.kind,
          source_yaml: text,
          source_sha256: sha256(text),
          owner_region_id: actor.regionId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.name,
        regionId: actor.regionId,
        orgId: actor.orgId,
        entity: 'framework_version',
        entityId: row.id,
        action: 'create',
        changes: [
          { field: 'framework', old: null, new: `${fw.id}@${fw.version}` },
          { field: 'name', old: null, new: fw.name },
        ],
        detail: { basedOn, sha256: sha256(text) },
      });
      return row.id;
    });
    const list = await listFrameworkCatalogue(db, actor);
    return list.find((f) => f.id === newId)!;
  } catch (e) {
    if (isUniqueViolation(e))
      throw conflict('framework-version-exists', `“${id}”第${version}版刚被他人保存，请刷新后重试`);
    throw e;
  }
}
