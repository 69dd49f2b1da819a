/** @module Evidence files: type and size checks, storage with SHA-256, scoped reads, audited add/remove. */
import type { Kysely } from 'kysely';
import { appendAudit } from '../../../db/audit.js';
import { sha256 } from '../../../db/frameworks.js';
import type { DB } from '../../../db/schema.js';
import { type Actor, evaluationVisibleSql } from '../../access.js';
import { ApiError, badRequest, conflict, forbidden, notFound } from '../../errors.js';
import { evaluationForAttachments } from '../evaluations/service.js';
import type { Attachment } from './contract.js';

export interface AttachmentLimits {
  maxBytes: number;
  maxPerEvaluation: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxBytes: 10 * 1024 * 1024, maxPerEvaluation: 50 };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Evidence (佐证材料) types: by extension, and the content must start as that type does. */
export const ATTACHMENT_TYPES: Record<string, { mime: string; magic: number[]; label: string }> = {
  pdf: { mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46], label: 'PDF' },
  png: { mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47], label: 'PNG 图片' },
  jpg: { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff], label: 'JPEG 图片' },
  jpeg: { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff], label: 'JPEG 图片' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: ZIP,
    label: 'Word 文档',
  },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP, label: 'Excel 表格' },
  doc: { mime: 'application/msword', magic: OLE, label: 'Word 97-2003 文档' },
  xls: { mime: 'application/vnd.ms-excel', magic: OLE, label: 'Excel 97-2003 表格' },
  ofd: { mime: 'application/ofd', magic: ZIP, label: 'OFD 版式文件' },
};

function cleanFilename(name: string): string {
  // Keep the name readable (Chinese is fine); drop path parts and control characters.
  const base = name.split(/[\\/]/).pop() ?? '';
  return base
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200);
}

export function checkAttachment(
  filename: string,
  bytes: Uint8Array,
  limits: AttachmentLimits,
): { filename: string; mime: string } {
  const name = cleanFilename(filename);
  if (!name) throw badRequest([{ field: 'file', message: '缺少文件名' }]);
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  const t = ATTACHMENT_TYPES[ext];
  if (!t) {
    throw new ApiError(
      415,
      'unsupported-type',
      `不支持的文件类型“${ext ? `.${ext}` : '无扩展名'}”。佐证材料可以是：${Object.keys(ATTACHMENT_TYPES)
        .map((e) => `.${e}`)
        .join('、')}`,
      [{ field: 'file', message: '文件类型不支持' }],
    );
  }
  if (bytes.length === 0) throw badRequest([{ field: 'file', message: '文件是空的' }]);
  if (bytes.length > limits.maxBytes) {
    throw new ApiError(
      413,
      'too-large',
      `文件“${name}”大小 ${(bytes.length / 1048576).toFixed(2)} MB，超过上限 ${(limits.maxBytes / 1048576).toFixed(0)} MB`,
      [{ field: 'file', message: '文件过大' }],
    );
  }
  if (!t.magic.every((b, i) => bytes[i] === b)) {
    throw new ApiError(415, 'type-mismatch', `文件“${name}”的内容不是${t.label}，与扩展名 .${ext} 不符`, [
      { field: 'file', message: '文件内容与扩展名不符' },
    ]);
  }
  return { filename: name, mime: t.mime };
}

function view(r: {
  id: number;
  evaluation_id: number;
  indicator: string | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  uploader: string | null;
  created_at: Date;
}): Attachment {
  return {
    id: r.id,
    evaluationId: r.evaluation_id,
    indicator: r.indicator,
    filename: r.filename,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    uploadedBy: r.uploader,
    createdAt: r.created_at.toISOString(),
  };
}

function noPublic(actor: Actor): void {
  if (actor.role === 'public') throw forbidden('无权限：公众用户不能查看佐证材料');
}

export async function listAttachments(db: Kysely<DB>, actor: Actor, evaluationId: number): Promise<Attachment[]> {
  await evaluationForAttachments(db, actor, evaluationId);
  noPublic(actor);
  const rows = await db
    .selectFrom('attachments as a')
    .leftJoin('users as u', 'u.id', 'a.uploaded_by')
    .select([
      'a.id',
      'a.evaluation_id',
      'a.indicator',
      'a.filename',
      'a.content_type',
      'a.size',
      'a.sha256',
      'a.created_at',
      'u.display_name as uploader',
    ])
    .where('a.evaluation_id', '=', evaluationId)
    .orderBy('a.id')
    .execute();
  return rows.map(view);
}

export async function addAttachment(
  db: Kysely<DB>,
  actor: Actor,
  evaluationId: number,
  file: { filename: string; bytes: Uint8Array; indicator?: string | null },
  limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
): Promise<Attachment> {
  const { row, mayEdit } = await evaluationForAttachments(db, actor, evaluationId);
  mayEdit();
  const { filename, mime } = checkAttachment(file.filename, file.bytes, limits);
  const indicator = file.indicator?.trim() || null;
  if (indicator && indicator.length > 200) throw badRequest([{ field: 'indicator', message: '指标名称过长' }]);
  const digest = sha256(file.bytes);
  const id = await db.transaction().execute(async (trx) => {
    const n = await trx
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('evaluation_id', '=', evaluationId)
      .executeTakeFirstOrThrow();
    if (Number(n.n) >= limits.maxPerEvaluation)
      throw conflict('too-many-attachments', `每份评价最多 ${limits.maxPerEvaluation} 个佐证材料，已达上限`);
    // The same file twice for the same indicator is a slip, not more evidence: say so.
    let dup = trx
      .selectFrom('attachments')
      .select(['id', 'filename'])
      .where('evaluation_id', '=', evaluationId)
      .where('sha256', '=', digest);
    dup = indicator === null ? dup.where('indicator', 'is', null) : dup.where('indicator', '=', indicator);
    const same = await dup.executeTakeFirst();
    if (same)
      throw conflict(
        'duplicate-attachment',
        `《${filename}》与已上传的《${same.filename}》内容完全相同${indicator ? `（指标“${indicator}”）` : ''}，未重复上传`,
        { attachmentId: same.id },
      );
    const r = await trx
      .insertInto('attachments')
      .values({
        evaluation_id: evaluationId,
        indicator,
        filename,
        content_type: mime,
        size: file.bytes.length,
        sha256: digest,
        content: file.bytes,
        uploaded_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.userId,
      actorName: actor.name,
      regionId: row.region_id,
      orgId: row.org_id,
      entity: 'attachment',
      entityId: r.id,
      action: 'create',
      changes: [{ field: 'attachment', old: null, new: filename }],
      detail: { evaluationId, indicator, size: file.bytes.length, sha256: digest, contentType: mime },
    });
    return r.id;
  });
  const [a] = (await listAttachments(db, actor, evaluationId)).filter((x) => x.id === id);
  return a!;
}

async function visibleAttachment(db: Kysely<DB>, actor: Actor, id: number) {
  const r = await db
    .selectFrom('attachments as a')
    .innerJoin('evaluations as e', 'e.id', 'a.evaluation_id')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .select(['a.id', 'a.evaluation_id', 'a.filename'])
    .where('a.id', '=', id)
    .where(evaluationVisibleSql(actor))
    .executeTakeFirst();
  if (!r) throw notFound('佐证材料');
  noPublic(actor);
  return r;
}

export async function getAttachmentContent(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
): Promise<{ filename: string; contentType: string; content: Uint8Array }> {
  await visibleAttachment(db, actor, id);
  const r = await db
    .selectFrom('attachments')
    .select(['filename', 'content_type', 'content'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { filename: r.filename, contentType: r.content_type, content: new Uint8Array(r.content) };
}

export async function deleteAttachment(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  const a = await visibleAttachment(db, actor, id);
  const { row, mayEdit } = await evaluationForAttachments(db, actor, a.evaluation_id);
  mayEdit();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('attachments').where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.userId,
      actorName: actor.name,
      regionId: row.region_id,
      orgId: row.org_id,
      entity: 'attachment',
      entityId: id,
      action: 'delete',
      changes: [{ field: 'attachment', old: a.filename, new: null }],
      detail: { evaluationId: a.evaluation_id },
    });
  });
}
