/**
 * @module Re-scoring a round (后台任务 round-rescore): every stored document of the round scored again
 * by the core with the round's framework version — after a correction of the scoring engine or of
 * the version the round uses. A changed total or grade is written with its audit entry and a new
 * version (so caches keyed by version see it); an unchanged one is left alone.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { EvaluationSchema } from '../../core/evaluation.js';
import { score } from '../../core/scoring.js';
import { appendAudit } from '../../db/audit.js';
import { loadFrameworkVersion } from '../../db/frameworks.js';
import { requireRole } from '../access.js';
import { notFound } from '../errors.js';
import { getRound } from '../resources/rounds/service.js';
import type { JobContext, JobOutcome } from './kinds.js';

export const RescoreParams = z.object({ roundId: z.number().int().positive() });

const BATCH = 200;

export async function runRoundRescore(ctx: JobContext): Promise<JobOutcome> {
  const { roundId } = RescoreParams.parse(ctx.params);
  requireRole(ctx.actor, ['bureau_admin'], '重新计分');
  const round = await getRound(ctx.db, ctx.actor, roundId);
  const fv = await loadFrameworkVersion(ctx.db, round.frameworkVersionId);
  if (!fv) throw notFound('指标框架版本');
  const { n } = await ctx.db
    .selectFrom('evaluations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  ctx.progress({ done: 0, total: Number(n) });
  let done = 0;
  let changed = 0;
  let failed = 0;
  let after = 0;
  for (;;) {
    ctx.throwIfCancelled();
    const rows = await ctx.db
      .selectFrom('evaluations as e')
      .innerJoin('organisations as o', 'o.id', 'e.org_id')
      .select(['e.id', 'e.org_id', 'e.document', 'e.total', 'e.grade', 'e.version', 'o.name', 'o.region_id'])
      .where('e.round_id', '=', roundId)
      .where('e.id', '>', after)
      .orderBy('e.id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    for (const r of rows) {
      ctx.throwIfCancelled(); // between units: a cancelled job stops within one
      const parsed = EvaluationSchema.safeParse(r.document);
      if (!parsed.success) {
        failed++;
        ctx.progress({ done: ++done, name: r.name, error: '保存的文档不符合当前格式，未重新计分' });
        continue;
      }
      const result = score(fv.framework, parsed.data);
      const oldTotal = r.total === null ? null : Number(r.total);
      if (oldTotal !== result.total || r.grade !== result.grade) {
        await ctx.db.transaction().execute(async (trx) => {
          const u = await trx
            .updateTable('evaluations')
            .set({
              result: JSON.stringify(result),
              total: result.total,
              grade: result.grade,
              version: sql`version + 1`,
              updated_at: sql`now()`,
            })
            .where('id', '=', r.id)
            .where('version', '=', r.version)
            .executeTakeFirst();
          // Saved meanwhile: that save scored it with the same rules, nothing to do.
          if (Number(u.numUpdatedRows) === 0) return;
          changed++;
          await appendAudit(trx, {
            actorId: ctx.actor.userId,
            actorName: ctx.actor.name,
            regionId: r.region_id,
            orgId: r.org_id,
            entity: 'evaluation',
            entityId: r.id,
            action: 'rescore',
            changes: [
              ...(oldTotal !== result.total ? [{ field: '规则总分', old: oldTotal, new: result.total }] : []),
              ...(r.grade !== result.grade ? [{ field: '等级', old: r.grade, new: result.grade }] : []),
            ],
            detail: { framework: `${fv.framework.id}@${fv.framework.version}`, previousVersion: r.version },
          });
        });
      }
      ctx.progress({ done: ++done, name: r.name });
    }
  }
  return {
    message: `已重新计分 ${done} 份，其中 ${changed} 份总分或等级有变化${failed ? `，${failed} 份无法计分` : ''}`,
  };
}
