/**
 * @module "Since the last submission": what a unit changed between two submissions, from the audit
 * log (every save records its fields' old and new values). While the evaluation is submitted or
 * approved, the window is from the previous submission to the latest; while it is a draft or
 * returned, from the latest submission to now. The first submission has nothing to compare.
 */
import type { Kysely } from 'kysely';
import { EDITABLE_STATUSES } from '../../../core/workflow.js';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../access.js';
import type { AuditEntry } from '../audit/contract.js';
import { evaluationHistory } from '../audit/service.js';
import { openChanges } from '../../../core/history.js';
import { getEvaluation } from '../evaluations/service.js';
import type { SinceSubmission } from './contract.js';

type Change = SinceSubmission['figures'][number];

const SCORE_FIELDS = new Set(['规则总分', '核定总分', '核定分', '等级', '核定等级']);

export async function sinceSubmission(db: Kysely<DB>, actor: Actor, id: number): Promise<SinceSubmission> {
  const history = await evaluationHistory(db, actor, id); // 404 / 403 as for 修改记录
  const ev = await getEvaluation(db, actor, id);
  const submits = history.filter((h) => h.entity === 'evaluation' && h.action === 'transition:submit');
  const open = EDITABLE_STATUSES.includes(ev.status);
  const from = open ? submits.at(-1) : submits.at(-2);
  const until = open ? undefined : submits.at(-1);
  const out: SinceSubmission = {
    baseline: from ? { at: from.at, by: from.actor } : null,
    until: until ? { at: until.at, by: until.actor } : null,
    figures: [],
    indicators: [],
    narrative: [],
    other: [],
    scores: [],
    attachments: [],
  };
  if (!from) return out;
  const inWindow = (h: AuditEntry) => h.id > from.id && (!until || h.id < until.id);
  // Per field: the value at the baseline (first old seen) and the latest new value.
  const fields = new Map<string, { old: unknown; new: unknown }>();
  for (const h of history.filter(inWindow)) {
    if (h.entity === 'attachment') {
      const c = h.changes.find((x) => x.field === 'attachment');
      const added = h.action === 'create';
      const name = String((added ? c?.new : c?.old) ?? h.detail?.filename ?? '');
      out.attachments.push({ filename: name, change: added ? 'added' : 'removed', at: h.at });
      continue;
    }
    if (h.action !== 'update') continue;
    for (const c of h.changes) {
      const prev = fields.get(c.field);
      fields.set(c.field, { old: prev ? prev.old : c.old, new: c.new });
    }
  }
  for (const [field, v] of fields) {
    if (JSON.stringify(v.old ?? null) === JSON.stringify(v.new ?? null)) continue;
    if (SCORE_FIELDS.has(field)) {
      out.scores.push({ field, old: v.old ?? null, new: v.new ?? null });
      continue;
    }
    // An indicator saved as one field is listed by what changed inside it.
    for (const c of openChanges([{ field: field.replace(/^document\./, ''), old: v.old, new: v.new }])) {
      const change: Change = { field: c.field, old: c.old ?? null, new: c.new ?? null };
      const path = change.field;
      if (path.startsWith('figures.')) out.figures.push(change);
      else if (path.startsWith('indicators.')) out.indicators.push(change);
      else if (path.startsWith('narrative.')) out.narrative.push(change);
      else out.other.push(change);
    }
  }
  return out;
}
