/**
 * @module A new evaluation started from the unit's previous one: what repeats is carried, what
 * belongs to the year is cleared and listed, and every carried value is marked for the filler to confirm.
 */
import type { Evaluation } from './evaluation.js';

/** Where a draft's values came from. */
export const PROVENANCE_SOURCES = ['previous', 'import', 'template'] as const;
export type ProvenanceSource = (typeof PROVENANCE_SOURCES)[number];
export const PROVENANCE_LABELS = {
  previous: '上年评价',
  import: '导入的报告',
  template: '离线填写的模板',
} as const satisfies Record<ProvenanceSource, string>;

/** Stored beside a draft: the values still to be confirmed, and what was cleared. */
export interface Provenance {
  source: ProvenanceSource;
  /** “2023年度部门整体支出绩效自评”, or the file's name. */
  label: string;
  /** Document paths (figures.budget.initial, indicators.X.target, narrative.Y) not yet confirmed. */
  fields: string[];
  /** Year-dependent values left empty, with last year's value for reference. */
  cleared: Array<{ field: string; old: unknown }>;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every leaf of a document as a path: figures.budget.initial, tasks.0.name, indicators.X.target, narrative.Y. */
export function leafPaths(v: unknown, base = ''): string[] {
  if (isObj(v)) return Object.entries(v).flatMap(([k, x]) => leafPaths(x, base ? `${base}.${k}` : k));
  if (Array.isArray(v)) {
    // An indicator's checks or evidence list is one value; tasks are rows of values.
    if (v.every((x) => !isObj(x))) return base ? [base] : [];
    return v.flatMap((x, i) => leafPaths(x, `${base}.${i}`));
  }
  return v === undefined || v === '' ? [] : [base];
}

/** What a unit's figures carry into the next year, and from where (this year's field ← last year's). */
const CARRIED_FIGURES: Array<[string, (f: Json) => unknown]> = [
  ['staffing.authorized', (f) => (f.staffing as Json | undefined)?.authorized],
  ['budget.previousBalance', (f) => (f.budget as Json | undefined)?.balance],
  ['threePublic.previousBudget', (f) => (f.threePublic as Json | undefined)?.budget],
];
/** Indicator inputs that are the year's own result (cleared), as opposed to 指标值 (carried). */
const YEAR_INPUTS = [
  'actual',
  'previous',
  'quarters',
  'count',
  'tier',
  'value',
  'judged',
  'met',
  'checks',
  'vetoed',
  'claimed',
  'deviationReason',
  'evidence',
  'note',
  'parts',
];
/** Narrative sections that describe the unit rather than the year: kept as written. */
const STANDING_SECTIONS = /职能|概况|机构设置|基本情况|主要职责/;

function flatten(v: unknown, base: string, out: Array<{ field: string; old: unknown }>): void {
  if (isObj(v)) for (const [k, x] of Object.entries(v)) flatten(x, `${base}.${k}`, out);
  else if (v !== undefined) out.push({ field: base, old: v });
}

/**
 * A draft for `year` from the unit's previous evaluation. Same framework: tailoring and each
 * indicator's 指标值 carry over. Always: contact, goals, the tasks (names and contents, amounts
 * cleared), the standing figures (核定编制数; last year's 年末结余 and “三公经费” budget become this
 * year's 上年 figures), the narrative's headings (sections describing the unit keep their text).
 */
export function carryOver(
  prev: Evaluation,
  opts: { sameFramework: boolean },
): { document: Json; fields: string[]; cleared: Array<{ field: string; old: unknown }> } {
  const cleared: Array<{ field: string; old: unknown }> = [];
  const doc: Json = {};
  if (prev.contact) doc.contact = prev.contact;
  if (prev.goals) doc.goals = prev.goals;
  const f = prev.figures as Json;
  const figures: Json = {};
  for (const [path, from] of CARRIED_FIGURES) {
    const v = from(f);
    if (typeof v !== 'number') continue;
    const [a, b] = path.split('.') as [string, string];
    figures[a] = { ...((figures[a] as Json | undefined) ?? {}), [b]: v };
  }
  for (const [k, v] of Object.entries(f)) flatten(v, `figures.${k}`, cleared);
  if (Object.keys(figures).length) doc.figures = figures;
  if (prev.tasks?.length) {
    doc.tasks = prev.tasks.map((t) => ({ name: t.name, ...(t.content ? { content: t.content } : {}) }));
    prev.tasks.forEach((t, i) => {
      for (const k of ['budget', 'fiscalBudget', 'executed', 'fiscalExecuted', 'status'] as const)
        if (t[k] !== undefined) cleared.push({ field: `tasks.${i}.${k}`, old: t[k] });
    });
  }
  if (opts.sameFramework) {
    if (prev.tailoring) doc.tailoring = prev.tailoring;
    const indicators: Json = {};
    for (const [id, input] of Object.entries(prev.indicators)) {
      if (input.target !== undefined) indicators[id] = { target: input.target };
      for (const k of YEAR_INPUTS) {
        const v = (input as Json)[k];
        if (v !== undefined) cleared.push({ field: `indicators.${id}.${k}`, old: v });
      }
    }
    if (Object.keys(indicators).length) doc.indicators = indicators;
  }
  if (prev.narrative) {
    const narrative: Json = {};
    for (const [k, v] of Object.entries(prev.narrative)) {
      if (STANDING_SECTIONS.test(k)) narrative[k] = v;
      else {
        narrative[k] = '';
        if (v) cleared.push({ field: `narrative.${k}`, old: v.length > 60 ? `${v.slice(0, 60)}…` : v });
      }
    }
    doc.narrative = narrative;
  }
  return { document: doc, fields: leafPaths(doc), cleared };
}

/** The marks left after a save: a field the filler changed (or confirmed) is no longer “to confirm”. */
export function confirmFields(p: Provenance, changed: readonly string[]): Provenance {
  const done = new Set(changed);
  const under = (f: string) => done.has(f) || [...done].some((c) => f.startsWith(`${c}.`) || c.startsWith(`${f}.`));
  return { ...p, fields: p.fields.filter((f) => !under(f)) };
}
