/** @module Starting an evaluation from something: the unit's previous one, an uploaded report, or the round's filled-in template. */
import type { Kysely } from 'kysely';
import { carryOver, leafPaths, type Provenance } from '../../../core/carry-over.js';
import type { DB } from '../../../db/schema.js';
import { loadFrameworkVersion } from '../../../db/frameworks.js';
import { ImportError, LIMITS } from '../../../importers/limits.js';
import { importBufferIsolated } from '../../../importers/sandbox.js';
import { readXlsx } from '../../../importers/xlsx.js';
import { builtinFrameworks } from '../../../load/frameworks.js';
import { type Actor, requireRole } from '../../access.js';
import { ApiError, badRequest, conflict } from '../../errors.js';
import { getRound } from '../rounds/service.js';
import type { EvaluationDetail } from './contract.js';
import { createEvaluation } from './service.js';
import { buildTemplate, isTemplate, readTemplate } from './template.js';

/** A new draft from the unit's latest evaluation of an earlier year (any round of the region). */
export async function startFromPrevious(db: Kysely<DB>, actor: Actor, roundId: number): Promise<EvaluationDetail> {
  const round = await getRound(db, actor, roundId);
  requireRole(actor, ['unit_filler'], '新建评价');
  const prev = await db
    .selectFrom('evaluations as e')
    .innerJoin('rounds as r', 'r.id', 'e.round_id')
    .innerJoin('framework_versions as f', 'f.id', 'r.framework_version_id')
    .select(['e.document', 'r.year', 'r.name', 'f.framework_id'])
    .where('e.org_id', '=', actor.orgId ?? -1)
    .where('r.year', '<', round.year)
    .orderBy('r.year', 'desc')
    .orderBy('e.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!prev)
    throw conflict(
      'no-previous',
      `本单位在 ${round.year} 年度之前没有评价，无法沿用上年内容；请从空白开始，或导入已有的报告`,
    );
  const co = carryOver(prev.document, { sameFramework: prev.framework_id === round.frameworkId });
  const provenance: Provenance = {
    source: 'previous',
    label: `${prev.year}年度评价（${prev.name}）`,
    fields: co.fields,
    cleared: co.cleared,
  };
  return createEvaluation(db, actor, roundId, { document: co.document, provenance });
}

/** Keeps what fits the round from an imported evaluation: figures, tasks, narrative always; indicators if the framework is the round's. */
function fitToRound(ev: Record<string, unknown>, sameFramework: boolean): Record<string, unknown> {
  const keep = [
    'contact',
    'goals',
    'figures',
    'tasks',
    'narrative',
    ...(sameFramework ? ['indicators', 'tailoring', 'claimed'] : []),
  ];
  return Object.fromEntries(Object.entries(ev).filter(([k, v]) => keep.includes(k) && v !== undefined));
}

/**
 * A new draft from an uploaded file: the round's template filled in offline (read with the
 * importers' bounded XLSX reader), or a published report in any format the importers read (parsed
 * in their sandbox, with the round's framework when it is a built-in one). Every value is marked
 * as imported. If the indicators do not fit the round's framework, the draft keeps the rest.
 */
export async function startFromFile(
  db: Kysely<DB>,
  actor: Actor,
  roundId: number,
  file: { name: string; bytes: Uint8Array },
): Promise<EvaluationDetail> {
  const round = await getRound(db, actor, roundId);
  requireRole(actor, ['unit_filler'], '新建评价');
  if (file.bytes.length > LIMITS.maxFileBytes)
    throw new ApiError(413, 'too-large', `文件超过上限 ${LIMITS.maxFileBytes / 1048576} MB`);
  let doc: Record<string, unknown>;
  let source: Provenance['source'] = 'import';
  let sameFramework: boolean;
  try {
    const zip = file.bytes[0] === 0x50 && file.bytes[1] === 0x4b;
    const xlsx = zip && /\.xlsx$/i.test(file.name) ? await readXlsx(file.bytes, file.name) : undefined;
    if (xlsx && isTemplate(xlsx.blocks)) {
      doc = readTemplate(xlsx.blocks).document;
      source = 'template';
      sameFramework = true;
    } else {
      const framework = builtinFrameworks().get(round.frameworkId);
      const r = await importBufferIsolated(file.bytes, { name: file.name, ...(framework && { framework }) });
      sameFramework = r.framework.id === round.frameworkId;
      doc = r.evaluation as unknown as Record<string, unknown>;
    }
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    throw new ApiError(422, `import-${e.code}`, e.message, [{ field: 'file', message: e.detail }]);
  }
  const fitted = fitToRound(doc, sameFramework);
  const provenance = (d: Record<string, unknown>): Provenance => ({
    source,
    label: file.name,
    fields: leafPaths(d),
    cleared: [],
  });
  try {
    return await createEvaluation(db, actor, roundId, { document: fitted, provenance: provenance(fitted) });
  } catch (e) {
    // Indicators that do not fit (another framework's names): keep the figures, tasks and narrative.
    if (!(e instanceof ApiError) || e.status !== 400 || !('indicators' in fitted || 'tailoring' in fitted)) throw e;
    const rest = fitToRound(doc, false);
    return createEvaluation(db, actor, roundId, { document: rest, provenance: provenance(rest) });
  }
}

/** The round's template, for its framework version. */
export async function roundTemplate(
  db: Kysely<DB>,
  actor: Actor,
  roundId: number,
): Promise<{ bytes: Uint8Array; filename: string }> {
  const round = await getRound(db, actor, roundId);
  const fw = await loadFrameworkVersion(db, round.frameworkVersionId);
  if (!fw) throw badRequest([{ field: 'id', message: '该轮次的指标框架版本不存在' }]);
  return {
    bytes: await buildTemplate(fw.framework, round),
    filename: `${round.name}-离线填报模板.xlsx`,
  };
}
