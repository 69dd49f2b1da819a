/** @module The append-only audit log: entries written in the transaction of the change, JSON diffs field by field. */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditChange, DB } from './schema.js';

export type Executor = Kysely<DB> | Transaction<DB>;

/** What an audit entry can be about. */
export const AUDIT_ENTITIES = [
  'organisation',
  'user',
  'session',
  'framework_version',
  'round',
  'evaluation',
  'attachment',
  /** A refused request (403, 404, 409): who asked for what. */
  'request',
  // the cycle (src/server/resources/targets, monitoring, rectification, publication)
  'target_set',
  'monitoring_report',
  'rectification_item',
  'publication',
  'cycle_settings',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export interface AuditEntry {
  actorId: number | null;
  actorName: string;
  regionId: number | null;
  orgId: number | null;
  entity: AuditEntity;
  entityId: string | number;
  action: string;
  changes?: AuditChange[];
  detail?: Record<string, unknown>;
}

/** Appends one entry. Call it inside the transaction that makes the change, so both land or neither. */
export async function appendAudit(db: Executor, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: e.actorId,
      actor_name: e.actorName,
      region_id: e.regionId,
      org_id: e.orgId,
      entity: e.entity,
      entity_id: String(e.entityId),
      action: e.action,
      changes: JSON.stringify(e.changes ?? []),
      detail: e.detail === undefined ? null : JSON.stringify(e.detail),
    })
    .execute();
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function join(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

/**
 * What changed between two JSON documents, field by field: `indicators.预算执行率.actual: 98.12% → 99%`.
 * Objects are compared key by key and arrays element by element; a missing value is null.
 */
export function diffJson(oldV: unknown, newV: unknown, base = ''): AuditChange[] {
  if (isPlainObject(oldV) && isPlainObject(newV)) {
    const out: AuditChange[] = [];
    const keys = new Set([...Object.keys(oldV), ...Object.keys(newV)]);
    for (const k of keys) out.push(...diffJson(oldV[k], newV[k], join(base, k)));
    return out;
  }
  if (Array.isArray(oldV) && Array.isArray(newV)) {
    const out: AuditChange[] = [];
    for (let i = 0; i < Math.max(oldV.length, newV.length); i++) out.push(...diffJson(oldV[i], newV[i], join(base, i)));
    return out;
  }
  if (JSON.stringify(oldV ?? null) === JSON.stringify(newV ?? null)) return [];
  return [{ field: base, old: oldV ?? null, new: newV ?? null }];
}

export interface ChainReport {
  entries: number;
  regions: number;
  /** The first entry whose chain is broken, with the reason in Chinese; undefined when every chain holds. */
  broken?: { id: number; regionId: number | null; seq: number | null; reason: string };
}

/**
 * Checks every region's hash chain (migration 0082): entries numbered 1, 2, 3 … without a gap, each
 * naming the previous entry's hash, each hash matching its fields. Reports the first broken entry.
 */
export async function verifyAuditChain(db: Kysely<DB>): Promise<ChainReport> {
  const { rows } = await sql<{
    id: number;
    region_id: number | null;
    seq: number | null;
    prev_hash: string | null;
    hash: string | null;
    expected: string;
  }>`select id, region_id, seq, prev_hash, hash, audit_log_hash(prev_hash, a) as expected
     from audit_log a order by coalesce(region_id, 0), seq nulls first, id`.execute(db);
  let region: number | undefined;
  let prev: string | null = null;
  let n = 0;
  let regions = 0;
  for (const r of rows) {
    const key = r.region_id ?? 0;
    if (key !== region) {
      region = key;
      prev = null;
      n = 0;
      regions++;
    }
    n++;
    const at = (reason: string): ChainReport => ({
      entries: rows.length,
      regions,
      broken: { id: r.id, regionId: r.region_id, seq: r.seq, reason },
    });
    if (r.seq === null || r.hash === null) return at('没有链序号或哈希（绕过了触发器写入）');
    if (r.seq !== n) return at(r.seq > n ? `第 ${n} 条起缺失 ${r.seq - n} 条（被删除）` : `序号 ${r.seq} 重复`);
    if (r.prev_hash !== prev) return at('记录的上一条哈希与上一条不符（前面的记录被改动、删除或调换）');
    if (r.hash !== r.expected) return at('内容与哈希不符（本条被改动）');
    prev = r.hash;
  }
  return { entries: rows.length, regions };
}
