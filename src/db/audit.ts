/** @module The append-only audit log: entries written in the transaction of the change, JSON diffs field by field. */
import type { Kysely, Transaction } from 'kysely';
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
