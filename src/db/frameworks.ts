/** @module Framework versions in the database: the built-in files copied in, parsed sources cached by digest. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Framework } from '../core/framework/model.js';
import { parseFramework } from '../core/framework/parse.js';
import { FRAMEWORKS_DIR } from '../load/paths.js';
import type { DB } from './schema.js';

export interface FrameworkSyncReport {
  added: string[];
  updated: string[];
  /** Files that differ from a frozen copy: the database keeps the frozen one. */
  keptFrozen: string[];
  /** Files that did not parse (named, with the reason). */
  failed: Array<{ file: string; message: string }>;
}

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Copies the built-in frameworks (frameworks/*.yaml, the same files builtinFrameworks() reads) into
 * framework_versions: source YAML, id and version. A version no round uses yet follows its file; a
 * frozen one (a round uses it) never changes — a later edit of the file must become a new version.
 */
export async function syncFrameworkVersions(db: Kysely<DB>, dir = FRAMEWORKS_DIR): Promise<FrameworkSyncReport> {
  const report: FrameworkSyncReport = { added: [], updated: [], keptFrozen: [], failed: [] };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  for (const f of files) {
    const file = path.join(dir, f);
    const text = readFileSync(file, 'utf8');
    let fw: Framework;
    try {
      fw = parseFramework(text, file);
    } catch (e) {
      report.failed.push({ file: f, message: (e as Error).message });
      continue;
    }
    const key = `${fw.id}@${fw.version}`;
    const digest = sha256(text);
    const row = await db
      .selectFrom('framework_versions')
      .select(['id', 'source_sha256', 'frozen_at'])
      .where('framework_id', '=', fw.id)
      .where('version', '=', fw.version)
      .executeTakeFirst();
    const cols = {
      name: fw.name,
      region: fw.region,
      year: fw.year,
      kind: fw.kind,
      source_yaml: text,
      source_sha256: digest,
    };
    if (!row) {
      await db
        .insertInto('framework_versions')
        .values({ framework_id: fw.id, version: fw.version, ...cols })
        .onConflict((oc) => oc.columns(['framework_id', 'version']).doNothing())
        .execute();
      report.added.push(key);
    } else if (row.source_sha256 !== digest) {
      if (row.frozen_at) report.keptFrozen.push(key);
      else {
        await db
          .updateTable('framework_versions')
          .set(cols)
          .where('id', '=', row.id)
          .where('frozen_at', 'is', null)
          .execute();
        report.updated.push(key);
      }
    }
  }
  return report;
}

const parsed = new Map<string, Framework>();

/** The framework a version row holds, parsed once per process (keyed by the source's digest). */
export function frameworkFromSource(digest: string, source: string, label: string): Framework {
  let fw = parsed.get(digest);
  if (!fw) {
    fw = parseFramework(source, label);
    parsed.set(digest, fw);
  }
  return fw;
}

/** A framework version's parsed framework: from the cache by digest, reading the source only on a miss. */
export async function frameworkByDigest(
  db: Kysely<DB>,
  digest: string,
  id: number,
  label: string,
): Promise<{ framework: Framework }> {
  let fw = parsed.get(digest);
  if (!fw) {
    const src = await db
      .selectFrom('framework_versions')
      .select('source_yaml')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    fw = frameworkFromSource(digest, src.source_yaml, label);
  }
  return { framework: fw };
}

type LoadedVersion = { framework: Framework; frameworkId: string; version: number };
/**
 * Frozen versions (a round uses them) never change: cached by version id, per database (ids repeat
 * across databases in one process), no query at all on a hit.
 */
const frozenById = new WeakMap<Kysely<DB>, Map<number, LoadedVersion>>();

export async function loadFrameworkVersion(db: Kysely<DB>, id: number): Promise<LoadedVersion | undefined> {
  let cache = frozenById.get(db);
  if (!cache) frozenById.set(db, (cache = new Map()));
  const hit = cache.get(id);
  if (hit) return hit;
  const row = await db
    .selectFrom('framework_versions')
    .select(['framework_id', 'version', 'source_sha256', 'frozen_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  let fw = parsed.get(row.source_sha256);
  if (!fw) {
    const src = await db
      .selectFrom('framework_versions')
      .select('source_yaml')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    fw = frameworkFromSource(row.source_sha256, src.source_yaml, `${row.framework_id}@${row.version}`);
  }
  const loaded = { framework: fw, frameworkId: row.framework_id, version: row.version };
  if (row.frozen_at) cache.set(id, loaded);
  return loaded;
}
