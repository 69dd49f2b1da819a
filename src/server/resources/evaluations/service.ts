/**
 * @module Evaluations: create, read, save (optimistic lock, scored by the core, audited field by
 * field) and move along the workflow of src/core/workflow.ts — every query scoped to the caller.
 */
import { createHash } from 'node:crypto';
import { lockedTargetProblems, prefillFromTargets } from '../targets/evaluation-cycle.js';
import { type Kysely, sql, type Transaction } from 'kysely';
import { confirmFields, type Provenance } from '../../../core/carry-over.js';
import type { ScoreResult } from '../../../core/scoring.js';
import type { Evaluation } from '../../../core/evaluation.js';
import {
  type Action,
  ACTIONS,
  allowedActions,
  EDITABLE_STATUSES,
  isAction,
  mayEditDocument,
  ROLE_LABELS,
  type Status,
  STATUS_LABELS,
  type Transition,
  WORKFLOW,
} from '../../../core/workflow.js';
import { type AuditEntry, appendAudit, diffJson } from '../../../db/audit.js';
import { writeCountOf } from '../../../db/database.js';
import { frameworkByDigest, loadFrameworkVersion } from '../../../db/frameworks.js';
import { resultColumns, resultSummary, SUMMARY_COLUMNS } from '../../../db/result-columns.js';
import type { AuditChange, DB } from '../../../db/schema.js';
import { type Actor, evaluationVisibleSql, isUnitRole, requireRole, workflowActor } from '../../access.js';
import { badRequest, conflict, forbidden, notFound } from '../../errors.js';
import { getRound } from '../rounds/service.js';
import { isEnrolled } from '../rounds/units.js';
import type { EvaluationComment, EvaluationDetail, EvaluationSummary } from './contract.js';
import { assertReadyToSubmit, validateAndScore } from './documents.js';
import { ContentCache, HeadCache, type StoredContent } from './read-cache.js';

export type { Action } from '../../../core/workflow.js';

function baseQuery(db: Kysely<DB> | Transaction<DB>) {
  return db
    .selectFrom('evaluations as e')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .innerJoin('rounds as r', 'r.id', 'e.round_id')
    .select([
      'e.id',
      'e.round_id',
      'e.org_id',
      'e.status',
      'e.version',
      'e.total',
      'e.grade',
      'e.updated_at',
      // The score model's other figures, stored with the result (migration 0090; null before it was scored).
      ...SUMMARY_COLUMNS,
      'e.claimed_total',
      'o.name as org_name',
      'o.region_id',
      'r.name as round_name',
      'r.year',
      'r.deadline',
      'r.framework_version_id',
    ]);
}

/** One evaluation with everything its detail shows: document, result, framework version. */
function fullQuery(db: Kysely<DB> | Transaction<DB>) {
  return baseQuery(db)
    .innerJoin('framework_versions as f', 'f.id', 'r.framework_version_id')
    .select([
      'e.document',
      'e.result',
      'e.provenance',
      'f.framework_id',
      'f.version as fw_version',
      'f.name as fw_name',
      'f.source_sha256',
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;
type FullRow = Awaited<ReturnType<ReturnType<typeof fullQuery>['executeTakeFirstOrThrow']>>;

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

function summary(r: BaseRow): EvaluationSummary {
  return {
    id: r.id,
    roundId: r.round_id,
    roundName: r.round_name,
    year: r.year,
    orgId: r.org_id,
    orgName: r.org_name,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    version: r.version,
    total: r.total === null ? null : Number(r.total),
    grade: r.grade,
    claimedTotal: num(r.claimed_total),
    ...resultSummary(r),
    updatedAt: r.updated_at.toISOString(),
  };
}

async function visibleRow(db: Kysely<DB> | Transaction<DB>, actor: Actor, id: number): Promise<BaseRow> {
  const row = await baseQuery(db).where('e.id', '=', id).where(evaluationVisibleSql(actor)).executeTakeFirst();
  if (!row) throw notFound('评价');
  return row;
}

/** The evaluation if the actor may see it (else 404); with forUpdate, row-locked until the transaction ends. */
async function visibleFull(
  db: Kysely<DB> | Transaction<DB>,
  actor: Actor,
  id: number,
  forUpdate = false,
): Promise<FullRow> {
  let q = fullQuery(db).where('e.id', '=', id).where(evaluationVisibleSql(actor));
  if (forUpdate) q = q.forUpdate('e');
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('评价');
  return row;
}

/** Throws 403 unless the actor may change this unit's evaluation content. */
function assertMayEdit(actor: Actor, row: BaseRow): void {
  if (actor.role === 'system') return;
  if (actor.role !== 'unit_filler') {
    throw forbidden(
      `无权限：只有本单位的${ROLE_LABELS.unit_filler}可以修改评价内容，您的角色是${ROLE_LABELS[actor.role]}`,
    );
  }
  if (actor.orgId !== row.org_id) throw forbidden(`无权限：只能修改本单位的评价，“${row.org_name}”的评价由该单位填报`);
}

function assertEditableStatus(row: BaseRow): void {
  if (!EDITABLE_STATUSES.includes(row.status)) {
    throw conflict(
      'not-editable',
      `评价当前状态为“${STATUS_LABELS[row.status]}”，不能修改；只有草稿或已退回的评价可以修改`,
      { status: row.status },
    );
  }
}

async function staleVersion(db: Kysely<DB> | Transaction<DB>, row: BaseRow, given: number): Promise<never> {
  const who = await lastEditor(db, row.id);
  throw conflict(
    'version-conflict',
    `保存冲突：这份评价已被${who ? `“${who}”` : '他人'}修改（当前版本 ${row.version}，您提交时基于版本 ${given}）。您的修改没有保存，请刷新后重新修改。`,
    { currentVersion: row.version, yourVersion: given },
  );
}

async function lastEditor(db: Kysely<DB> | Transaction<DB>, id: number): Promise<string | null> {
  const r = await db
    .selectFrom('audit_log')
    .select('actor_name')
    .where('entity', '=', 'evaluation')
    .where('entity_id', '=', String(id))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.actor_name ?? null;
}

async function commentsOf(db: Kysely<DB> | Transaction<DB>, actor: Actor, id: number): Promise<EvaluationComment[]> {
  if (actor.role === 'public') return [];
  const rows = await db
    .selectFrom('evaluation_comments')
    .selectAll()
    .where('evaluation_id', '=', id)
    .orderBy('id')
    .execute();
  return rows.map((c) => ({
    id: c.id,
    author: c.author_name,
    action: c.action,
    body: c.body,
    createdAt: c.created_at.toISOString(),
  }));
}

function detail(actor: Actor, row: FullRow, comments: EvaluationComment[]): EvaluationDetail {
  return { ...headOf(actor, row, comments), document: row.document, result: row.result };
}

/** The round's framework, parsed once per process (a round's framework version is frozen). */
async function frameworkOf(
  db: Kysely<DB> | Transaction<DB>,
  row: { source_sha256: string; framework_version_id: number; framework_id: string; fw_version: number },
) {
  return (
    await frameworkByDigest(db, row.source_sha256, row.framework_version_id, `${row.framework_id}@${row.fw_version}`)
  ).framework;
}

/** One evaluation's detail as the API sends it: JSON text and its ETag, or only the ETag when unchanged. */
export interface EvaluationRead {
  etag: string;
  /** undefined when the caller's If-None-Match named the current ETag (a 304). */
  body?: string;
}

type HeadRow = BaseRow & FwCols & { provenance: Provenance | null; rev: string };
/** Everything the head query's answer depends on: the row, and who asks (visibility, actions). */
const headKey = (a: Actor, id: number) =>
  `${id}|${a.userId}|${a.role}|${a.orgId}|${a.orgPath}|${a.regionId}|${a.orgName}|${a.name}`;
const heads = new WeakMap<Kysely<DB>, HeadCache<HeadRow>>();
function headsOf(db: Kysely<DB>): HeadCache<HeadRow> {
  let c = heads.get(db);
  if (!c) heads.set(db, (c = new HeadCache<HeadRow>()));
  return c;
}

/** Per database: ids and row versions repeat across databases in one process (tests, bench). */
const caches = new WeakMap<Kysely<DB>, ContentCache>();
function contentsOf(db: Kysely<DB>): ContentCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new ContentCache()));
  return c;
}

/** The detail's small part (everything but document and result) for a head row. */
function headOf(
  actor: Actor,
  row: BaseRow & FwCols & { provenance?: Provenance | null },
  comments: EvaluationComment[],
) {
  return {
    ...summary(row),
    framework: { id: row.framework_id, version: row.fw_version, name: row.fw_name },
    deadline: row.deadline ? row.deadline.toISOString() : null,
    comments,
    editable: mayEditDocument(row.status, workflowActor(actor, row.org_id)),
    actions: allowedActions(row.status, workflowActor(actor, row.org_id)),
    // What still awaits the filler's confirmation; the public and the bureau read the document as filed.
    provenance: row.provenance && row.provenance.fields.length && isUnitRole(actor) ? row.provenance : null,
  };
}
interface FwCols {
  framework_id: string;
  fw_version: number;
  fw_name: string;
}

/**
 * The read path (GET /api/evaluations/:id): one small scoped query for the row's head and row
 * version; the stored document, result and comments come from the cache for that row version, so
 * nothing is parsed, scored or re-serialised. The ETag covers the row version and everything the
 * caller sees besides (round, unit and framework names, deadline, allowed actions).
 */
export async function readEvaluation(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  ifNoneMatch?: string,
  retry = true,
): Promise<EvaluationRead> {
  // PGlite: the head as this caller saw it, while nothing has been written since (no query at all).
  const writes = writeCountOf(db);
  const key = writes && headKey(actor, id);
  const seen = writes?.value;
  let row = key ? headsOf(db).get(key, seen!) : undefined;
  if (!row) {
    row = await baseQuery(db)
      .innerJoin('framework_versions as f', 'f.id', 'r.framework_version_id')
      .select([
        'f.framework_id',
        'f.version as fw_version',
        'f.name as fw_name',
        'e.provenance',
        sql<string>`e.xmin::text`.as('rev'),
      ])
      .where('e.id', '=', id)
      .where(evaluationVisibleSql(actor))
      .executeTakeFirst();
    if (!row) throw notFound('评价');
    if (key) headsOf(db).set(key, seen!, row);
  }
  const stored = contentsOf(db).get(id, row.rev) ?? (await storedContent(db, id));
  // Saved between the head and the content: read both again, so the version shown is the content's.
  if (stored.rev !== row.rev && retry) return readEvaluation(db, actor, id, ifNoneMatch, false);
  const comments = actor.role === 'public' ? '[]' : stored.comments;
  const head = JSON.stringify(headOf(actor, row, []));
  const etag = `W/"${createHash('sha1').update(head).update(row.rev).update(comments).digest('base64url').slice(0, 20)}"`;
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag)) return { etag };
  // head ends with `"comments":[],"editable":…}`; the stored texts are spliced in whole.
  const body = `${head.slice(0, -1).replace('"comments":[]', `"comments":${comments}`)},"document":${stored.document},"result":${stored.result}}`;
  return { etag, body };
}

/**
 * Reads the stored texts of the row as it is now (a cache miss), comments included, in one statement
 * (one snapshot), and caches them under the row version they came from.
 */
async function storedContent(db: Kysely<DB>, id: number): Promise<StoredContent> {
  const r = await db
    .selectFrom('evaluations as e')
    .select([
      sql<string>`e.document::text`.as('document'),
      sql<string | null>`e.result::text`.as('result'),
      sql<string>`e.xmin::text`.as('rev'),
      COMMENTS_JSON.as('comments'),
    ])
    .where('e.id', '=', id)
    .executeTakeFirstOrThrow();
  const c: StoredContent = { rev: r.rev, document: r.document, result: r.result ?? 'null', comments: r.comments };
  contentsOf(db).set(id, c);
  return c;
}

export async function getEvaluation(db: Kysely<DB>, actor: Actor, id: number): Promise<EvaluationDetail> {
  const row = await visibleFull(db, actor, id);
  return detail(actor, row, await commentsOf(db, actor, id));
}

export interface EvaluationFilter {
  roundId?: number;
  status?: Status;
  orgId?: number;
}

export async function listEvaluations(
  db: Kysely<DB>,
  actor: Actor,
  f: EvaluationFilter = {},
): Promise<EvaluationSummary[]> {
  let q = baseQuery(db).where(evaluationVisibleSql(actor));
  if (f.roundId !== undefined) q = q.where('e.round_id', '=', f.roundId);
  if (f.status !== undefined) q = q.where('e.status', '=', f.status);
  if (f.orgId !== undefined) q = q.where('e.org_id', '=', f.orgId);
  const rows = await q.orderBy('r.year', 'desc').orderBy('r.id').orderBy('o.path').execute();
  return rows.map(summary);
}

function auditBase(
  actor: Actor,
  row: { id: number; org_id: number; region_id: number | null },
): Pick<AuditEntry, 'actorId' | 'actorName' | 'regionId' | 'orgId' | 'entity' | 'entityId'> {
  return {
    actorId: actor.userId,
    actorName: actor.name,
    regionId: row.region_id,
    orgId: row.org_id,
    entity: 'evaluation',
    entityId: row.id,
  };
}

function resultChanges(oldR: { total: number | null; grade: string | null }, r: ScoreResult): AuditChange[] {
  const out: AuditChange[] = [];
  if (oldR.total !== r.total) out.push({ field: '核定总分', old: oldR.total, new: r.total });
  if (oldR.grade !== r.grade) out.push({ field: '等级', old: oldR.grade, new: r.grade });
  return out;
}

/** A unit's filler opens the unit's evaluation in a round (one per unit per round). */
export async function createEvaluation(
  db: Kysely<DB>,
  actor: Actor,
  roundId: number,
  input: { orgId?: number; document?: unknown; provenance?: Provenance },
): Promise<EvaluationDetail> {
  const round = await getRound(db, actor, roundId);
  requireRole(actor, ['unit_filler'], '新建评价');
  const orgId = input.orgId ?? actor.orgId;
  if (orgId == null) throw badRequest([{ field: 'orgId', message: '必须指定单位' }]);
  if (actor.role !== 'system' && orgId !== actor.orgId) throw forbidden('无权限：只能为本单位新建评价');
  const org = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'region_id'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org || org.region_id !== round.regionId)
    throw badRequest([{ field: 'orgId', message: '该单位不属于本评价轮次所在地区' }]);
  if (org.kind === 'bureau') throw badRequest([{ field: 'orgId', message: '财政局本身不填报部门整体自评' }]);
  if (!(await isEnrolled(db, roundId, orgId)))
    throw forbidden(`“${org.name}”不在评价轮次“${round.name}”的评价范围内，不能新建评价；如需填报请联系财政局`);
  const fw = await loadFrameworkVersion(db, round.frameworkVersionId);
  if (!fw) throw new Error(`framework version ${round.frameworkVersionId} missing`);
  const start = await prefillFromTargets(db, orgId, round.year, input.document ?? {}, fw.framework);
  const { document, result } = validateAndScore(start, {
    framework: fw.framework,
    unitName: org.name,
    year: round.year,
  });
  const locked = await lockedTargetProblems(db, orgId, round.year, document); // 指标值 locked by the approved targets
  if (locked.length) throw badRequest(locked);
  const id = await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('evaluations')
      .select('id')
      .where('round_id', '=', roundId)
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    if (existing)
      throw conflict(
        'evaluation-exists',
        `“${org.name}”在“${round.name}”中已有评价（编号 ${existing.id}），每个单位每轮只有一份`,
        { evaluationId: existing.id },
      );
    const r = await trx
      .insertInto('evaluations')
      .values({
        round_id: roundId,
        org_id: orgId,
        status: 'draft',
        version: 1,
        document: JSON.stringify(document),
        result: JSON.stringify(result),
        total: result.total,
        grade: result.grade,
        ...resultColumns(result),
        updated_by: actor.userId,
        provenance: input.provenance ? JSON.stringify(input.provenance) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      ...auditBase(actor, { id: r.id, org_id: orgId, region_id: org.region_id }),
      action: 'create',
      changes: [
        { field: 'status', old: null, new: 'draft' },
        ...diffJson({}, document, 'document'),
        ...resultChanges({ total: null, grade: null }, result),
      ],
      detail: {
        version: 1,
        round: roundId,
        ...(input.provenance ? { from: input.provenance.source, fromLabel: input.provenance.label } : {}),
      },
    });
    return r.id;
  });
  return getEvaluation(db, actor, id);
}

/** The comments as the API shows them, aggregated in SQL beside the row (one statement, one snapshot). */
const COMMENTS_JSON = sql<string>`(select coalesce(json_agg(json_build_object('id', c.id, 'author', c.author_name,
  'action', c.action, 'body', c.body, 'createdAt', to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
  order by c.id), '[]')::text from evaluation_comments c where c.evaluation_id = e.id)`;

/**
 * Saves a new document over version `version`. Acknowledged means committed; a save naming an older
 * version is a 409. Everything that needs no lock happens before the transaction — one read of the
 * row (document, framework, comments; no score result), validation and scoring with the core, the
 * 指标值 locked by approved targets, the field-by-field diff — so the transaction is two statements:
 * the UPDATE, conditional on the version read (every write to an evaluation increments it, so the
 * row is still exactly the one diffed), and the audit entry (old → new). On the embedded database
 * the single PGlite session is then held for those two statements only, not for the scoring; on
 * PostgreSQL the region's audit-chain lock is held from the entry to the commit. If the row changed
 * in between, the save runs again under a row lock (`saveLocked`), which names the conflict.
 */
export async function saveEvaluation(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  version: number,
  raw: unknown,
): Promise<EvaluationDetail> {
  const row = await baseQuery(db)
    .innerJoin('framework_versions as f', 'f.id', 'r.framework_version_id')
    .select([
      'e.document',
      'e.provenance',
      'f.framework_id',
      'f.version as fw_version',
      'f.name as fw_name',
      'f.source_sha256',
      COMMENTS_JSON.as('comments'),
    ])
    .where('e.id', '=', id)
    .where(evaluationVisibleSql(actor))
    .executeTakeFirst();
  if (!row) throw notFound('评价');
  assertMayEdit(actor, row);
  assertEditableStatus(row);
  if (row.version !== version) await staleVersion(db, row, version);
  const framework = await frameworkOf(db, row);
  const { document, result } = validateAndScore(raw, { framework, unitName: row.org_name, year: row.year });
  const locked = await lockedTargetProblems(db, row.org_id, row.year, document);
  if (locked.length) throw badRequest(locked);
  const changes = diffJson(row.document, document, 'document');
  if (changes.length === 0) return getEvaluation(db, actor, id);
  const provenance = confirmedProvenance(row.provenance, changes);
  const updated = await db
    .transaction()
    .execute((trx) => writeSave(trx, actor, row, { version, document, result, changes, provenance }));
  // Saved, moved or re-scored by someone else since the read: decide under the row lock.
  if (!updated) return saveLocked(db, actor, id, version, raw);
  const { comments, ...head } = row;
  return detail(
    actor,
    {
      ...head,
      document,
      result,
      version: updated.version,
      updated_at: updated.updated_at,
      total: updated.total,
      grade: result.grade,
      ...resultColumns(result),
      provenance,
    },
    JSON.parse(comments) as EvaluationComment[],
  );
}

/** A value the filler changed is no longer “carried, to confirm”. */
function confirmedProvenance(p: FullRow['provenance'], changes: AuditChange[]): FullRow['provenance'] {
  return p
    ? confirmFields(
        p,
        changes.map((c) => c.field.replace(/^document\./, '').replace(/\[(\d+)\]/g, '.$1')),
      )
    : null;
}

/**
 * The save's two statements, in the caller's transaction: the UPDATE, conditional on the version the
 * document was diffed against, and its audit entry (old → new, and the result's total and grade).
 * Undefined when the row has moved on since.
 */
async function writeSave(
  trx: Kysely<DB>,
  actor: Actor,
  row: { id: number; org_id: number; region_id: number | null; total: string | number | null; grade: string | null },
  s: {
    version: number;
    document: Evaluation;
    result: ScoreResult;
    changes: AuditChange[];
    provenance: FullRow['provenance'];
  },
) {
  const u = await trx
    .updateTable('evaluations')
    .set({
      document: JSON.stringify(s.document),
      result: JSON.stringify(s.result),
      total: s.result.total,
      grade: s.result.grade,
      ...resultColumns(s.result),
      version: sql`version + 1`,
      updated_at: sql`now()`,
      updated_by: actor.userId,
      ...(s.provenance ? { provenance: JSON.stringify(s.provenance) } : {}),
    })
    .where('id', '=', row.id)
    .where('version', '=', s.version)
    .returning(['version', 'updated_at', 'total'])
    .executeTakeFirst();
  if (!u) return undefined;
  await appendAudit(trx, {
    ...auditBase(actor, row),
    action: 'update',
    changes: [
      ...s.changes,
      ...resultChanges({ total: row.total === null ? null : Number(row.total), grade: row.grade }, s.result),
    ],
    detail: { version: u.version, previousVersion: s.version },
  });
  return u;
}

/**
 * The save in one transaction under the row lock: lock the row, check who and what state and which
 * version, validate and score with the core, write, append the audit entry (field by field, old →
 * new). Used when the optimistic save above found the row changed.
 */
async function saveLocked(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  version: number,
  raw: unknown,
): Promise<EvaluationDetail> {
  return db.transaction().execute(async (trx) => {
    const row = await visibleFull(trx, actor, id, true);
    assertMayEdit(actor, row);
    assertEditableStatus(row);
    if (row.version !== version) await staleVersion(trx, row, version);
    const framework = await frameworkOf(trx, row);
    const { document, result } = validateAndScore(raw, { framework, unitName: row.org_name, year: row.year });
    const locked = await lockedTargetProblems(trx, row.org_id, row.year, document);
    if (locked.length) throw badRequest(locked);
    const changes = diffJson(row.document, document, 'document');
    if (changes.length === 0) return detail(actor, row, await commentsOf(trx, actor, id));
    const provenance = confirmedProvenance(row.provenance, changes);
    const updated = await writeSave(trx, actor, row, { version, document, result, changes, provenance });
    if (!updated) await staleVersion(trx, row, version); // cannot happen under the row lock; kept as a guard
    const next: FullRow = {
      ...row,
      document,
      result,
      version: updated!.version,
      updated_at: updated!.updated_at,
      total: updated!.total,
      grade: result.grade,
      ...resultColumns(result),
      provenance,
    };
    return detail(actor, next, await commentsOf(trx, actor, id));
  });
}

/** Moves an evaluation along the workflow; the caller names the version it saw. */
export async function transition(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  action: Action,
  version: number,
  comment?: string,
  /** A published report submitted as printed (the demo): its missing data is 待核实, not unfinished. */
  opts: { published?: boolean } = {},
): Promise<EvaluationDetail> {
  if (!isAction(action))
    throw badRequest([{ field: 'action', message: `未知操作“${String(action)}”，可用：${ACTIONS.join('、')}` }]);
  const t: Transition = WORKFLOW[action];
  const text = comment?.trim() ?? '';
  return db.transaction().execute(async (trx) => {
    const row = await visibleFull(trx, actor, id, true);
    if (actor.role !== 'system') {
      if (!t.roles.includes(actor.role)) {
        throw forbidden(
          `无权限：“${t.label}”只能由${t.roles.map((r) => ROLE_LABELS[r]).join('、')}操作，您的角色是${ROLE_LABELS[actor.role]}`,
        );
      }
      if (t.ownUnit && actor.orgId !== row.org_id)
        throw forbidden(`无权限：只能处理本单位的评价，“${row.org_name}”的评价由该单位办理`);
    }
    if (t.comment === 'required' && !text)
      throw badRequest([{ field: 'comment', message: `“${t.label}”必须填写意见` }]);
    if (row.version !== version) await staleVersion(trx, row, version);
    if (!t.from.includes(row.status)) {
      throw conflict(
        'illegal-transition',
        `评价当前状态为“${STATUS_LABELS[row.status]}”，不能“${t.label}”（只能在${t.from.map((s) => `“${STATUS_LABELS[s]}”`).join('或')}状态下进行）`,
        { status: row.status },
      );
    }
    if (action === 'submit' && actor.role !== 'system' && !(await isEnrolled(trx, row.round_id, row.org_id)))
      throw conflict(
        'withdrawn',
        `“${row.org_name}”已被财政局撤出评价轮次“${row.round_name}”，评价保留但不能再提交；如需恢复请联系财政局`,
      );
    if (
      action === 'submit' &&
      row.status === 'draft' &&
      row.deadline &&
      row.deadline.getTime() < Date.now() &&
      actor.role !== 'system'
    ) {
      throw forbidden(`评价轮次“${row.round_name}”已于 ${row.deadline.toISOString()} 截止，不能再提交；请联系财政局`);
    }
    // A unit submits only what is complete and valid (the system account moves published reports as printed).
    if (action === 'submit' && actor.role !== 'system')
      assertReadyToSubmit(
        row.document,
        { framework: await frameworkOf(trx, row), unitName: row.org_name, year: row.year },
        opts.published ?? false,
      );
    const updated = await trx
      .updateTable('evaluations')
      .set({ status: t.to, version: sql`version + 1`, updated_at: sql`now()`, updated_by: actor.userId })
      .where('id', '=', id)
      .where('version', '=', version)
      .returning(['version', 'updated_at'])
      .executeTakeFirst();
    if (!updated) await staleVersion(trx, row, version);
    if (text) {
      await trx
        .insertInto('evaluation_comments')
        .values({ evaluation_id: id, author_id: actor.userId, author_name: actor.name, action, body: text })
        .execute();
    }
    await appendAudit(trx, {
      ...auditBase(actor, row),
      action: `transition:${action}`,
      changes: [{ field: 'status', old: row.status, new: t.to }],
      detail: {
        version: updated!.version,
        previousVersion: version,
        label: t.label,
        ...(text ? { comment: text } : {}),
      },
    });
    const next: FullRow = { ...row, status: t.to, version: updated!.version, updated_at: updated!.updated_at };
    return detail(actor, next, await commentsOf(trx, actor, id));
  });
}

/** Exported for attachments: the evaluation row if the actor may see it, and whether they may edit it. */
export async function evaluationForAttachments(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
): Promise<{ row: BaseRow; mayEdit: () => void }> {
  const row = await visibleRow(db, actor, id);
  return {
    row,
    mayEdit: () => {
      assertMayEdit(actor, row);
      assertEditableStatus(row);
    },
  };
}

/** The filler confirms carried or imported values (all, or the fields named): they lose their mark. */
export async function confirmProvenance(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  version: number,
  fields?: string[],
): Promise<EvaluationDetail> {
  return db.transaction().execute(async (trx) => {
    const row = await visibleFull(trx, actor, id, true);
    assertMayEdit(actor, row);
    assertEditableStatus(row);
    if (row.version !== version) await staleVersion(trx, row, version);
    if (!row.provenance) return detail(actor, row, await commentsOf(trx, actor, id));
    const before = row.provenance.fields.length;
    const provenance = fields ? confirmFields(row.provenance, fields) : { ...row.provenance, fields: [] };
    const updated = await trx
      .updateTable('evaluations')
      .set({
        provenance: JSON.stringify(provenance),
        version: sql`version + 1`,
        updated_at: sql`now()`,
        updated_by: actor.userId,
      })
      .where('id', '=', id)
      .returning(['version', 'updated_at'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      ...auditBase(actor, row),
      action: 'confirm',
      changes: [],
      detail: { version: updated.version, confirmed: before - provenance.fields.length, from: row.provenance.label },
    });
    const next: FullRow = { ...row, provenance, version: updated.version, updated_at: updated.updated_at };
    return detail(actor, next, await commentsOf(trx, actor, id));
  });
}
