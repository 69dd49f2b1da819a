/** @module Framework versions as stored: lists and one version's tree, scoped to the caller's region. */
import type { Kysely } from 'kysely';
import { toNumber } from '../../../core/decimal.js';
import { walk } from '../../../core/framework/model.js';
import { parseYamlText } from '../../../core/input.js';
import { frameworkFromSource } from '../../../db/frameworks.js';
import type { DB } from '../../../db/schema.js';
import { type Actor, frameworkVisibleSql } from '../../access.js';
import { notFound } from '../../errors.js';
import type { FrameworkDetail, FrameworkNode, FrameworkVersion } from './contract.js';

type Row = {
  id: number;
  framework_id: string;
  version: number;
  name: string;
  region: string;
  year: number;
  kind: string;
  frozen_at: Date | null;
  source_sha256: string;
};

export function frameworkVersionView(r: Row): FrameworkVersion {
  return {
    id: r.id,
    frameworkId: r.framework_id,
    version: r.version,
    name: r.name,
    region: r.region,
    year: r.year,
    kind: r.kind,
    frozen: r.frozen_at !== null,
    frozenAt: r.frozen_at ? r.frozen_at.toISOString() : null,
    sha256: r.source_sha256,
  };
}

const COLS = ['id', 'framework_id', 'version', 'name', 'region', 'year', 'kind', 'frozen_at', 'source_sha256'] as const;

/**
 * Built-in framework versions (national and regional rules) are public documents every signed-in role
 * reads; a region's own frameworks are visible to that region only.
 */
export async function listFrameworkVersions(db: Kysely<DB>, actor: Actor): Promise<FrameworkVersion[]> {
  const rows = await db
    .selectFrom('framework_versions')
    .select(COLS)
    .where(frameworkVisibleSql(actor))
    .orderBy('framework_id')
    .orderBy('version')
    .execute();
  return rows.map(frameworkVersionView);
}

/**
 * A version's source as data (the YAML parsed), once per digest: the web app scores and edits from it,
 * so the browser needs no YAML parser. Versions are few; the cache is bounded anyway.
 */
const sources = new Map<string, Record<string, unknown>>();
function sourceData(digest: string, yaml: string, label: string): Record<string, unknown> {
  let s = sources.get(digest);
  if (!s) {
    // The same reading of the text as the parsed framework's (frameworkFromSource), which succeeded above.
    s = parseYamlText(yaml, label).data as Record<string, unknown>;
    if (sources.size >= 200) sources.delete(sources.keys().next().value!);
    sources.set(digest, s);
  }
  return s;
}

export async function getFrameworkVersion(db: Kysely<DB>, actor: Actor, id: number): Promise<FrameworkDetail> {
  const r = await db
    .selectFrom('framework_versions')
    .select([...COLS, 'source_yaml'])
    .where('id', '=', id)
    .where(frameworkVisibleSql(actor))
    .executeTakeFirst();
  if (!r) throw notFound('指标框架版本');
  const fw = frameworkFromSource(r.source_sha256, r.source_yaml, `${r.framework_id}@${r.version}`);
  const nodes: FrameworkNode[] = [];
  walk(fw.roots, (n) =>
    nodes.push({
      id: n.id,
      name: n.name,
      level: n.level,
      path: n.path,
      weight: n.weight === undefined ? null : toNumber(n.weight, fw.decimals),
      rule: n.rule?.kind ?? null,
      metric: n.metric ?? null,
      target: n.target === undefined ? null : String(n.target),
      optional: n.optional,
      fixedWeight: n.fixedWeight,
      open: n.open !== undefined,
    }),
  );
  return {
    ...frameworkVersionView(r),
    total: toNumber(fw.total, fw.decimals),
    decimals: fw.decimals,
    grades: fw.grades.bands.map((b) => ({ name: b.name, min: b.min })),
    nodes,
    sourceYaml: r.source_yaml,
    source: sourceData(r.source_sha256, r.source_yaml, `${r.framework_id}@${r.version}`),
  };
}
