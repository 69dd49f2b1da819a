// The one table of how an indicator's points were established (核实/待核实/核减/核增) and the headline text.
import { fmt } from './decimal.js';

/** Whether the rule could score an indicator from data. */
export type Verification = 'verified' | 'unverifiable';

/** What a reviewer reads next to a score: the rule checked it, could not, or changed the self-score. */
export type PointKind = 'verified' | 'unverifiable' | 'reduced' | 'raised';

export const POINT_KIND_ZH = {
  verified: '核实',
  unverifiable: '待核实',
  reduced: '核减',
  raised: '核增',
} as const satisfies Record<PointKind, string>;

/** What each kind means, for legends and tooltips. */
export const POINT_KIND_HELP = {
  verified: '按评分规则由数据计算的得分，与自评得分一致（或无自评得分）',
  unverifiable: '评分规则所需数据缺失，暂按自评得分计入核定分，待补充数据后核实',
  reduced: '按评分规则计算的得分低于自评得分，按规则得分计入',
  raised: '按评分规则计算的得分高于自评得分，按规则得分计入',
} as const satisfies Record<PointKind, string>;

export type Adjustment = { kind: '核减' | '核增'; delta: number };

/** The kind of one indicator's points. */
export function pointKind(i: { verification: Verification; adjustment?: Adjustment }): PointKind {
  if (i.verification === 'unverifiable') return 'unverifiable';
  if (i.adjustment) return i.adjustment.kind === '核减' ? 'reduced' : 'raised';
  return 'verified';
}

/** The totals a headline needs (a ScoreResult has them all). */
export interface HeadlineFacts {
  total: number;
  grade: string;
  strictTotal: number;
  strictGrade: string;
  unverifiable: { count: number; points: number };
  gradeMayChange: boolean;
}

/**
 * The strict total in words: `严格口径（待核实按0分计）51.00分`. Its grade is never printed: the grade
 * of a total that counts missing data as 0 reads “差” (this unit failed) when the truth is “these
 * points could not be checked”; “可能影响等级” says what a reviewer needs. `strictGrade` stays in the
 * data (--json, the API) for whoever computes with it.
 */
export function strictText(r: Pick<HeadlineFacts, 'strictTotal'>, decimals = 2, short = false): string {
  return `严格口径${short ? ' ' : '（待核实按0分计）'}${fmt(r.strictTotal, decimals, true)}分`;
}

/**
 * `核定总分 97.80分（优）；待核实 46.80分（11项），可能影响等级；严格口径 51.00分`.
 * With nothing unverifiable it is just `核定总分 99.77分（优）`.
 */
export function headline(r: HeadlineFacts, decimals = 2): string {
  const t = `核定总分 ${fmt(r.total, decimals, true)}分（${r.grade}）`;
  if (!r.unverifiable.count) return t;
  const may = r.gradeMayChange ? '，可能影响等级' : '';
  return (
    `${t}；待核实 ${fmt(r.unverifiable.points, decimals, true)}分（${r.unverifiable.count}项）${may}；` +
    strictText(r, decimals, true)
  );
}

/**
 * One sentence for findings, documents and summaries:
 * `11项指标缺少计分数据，自评得分合计46.80分待核实（暂按自评得分计入核定分）；严格口径（待核实按0分计）51.00分，可能影响等级`.
 */
export function unverifiableSentence(r: HeadlineFacts, decimals = 2): string {
  if (!r.unverifiable.count) return '';
  const may = r.gradeMayChange ? '，可能影响等级' : '';
  return (
    `${r.unverifiable.count}项指标缺少计分数据，自评得分合计${fmt(r.unverifiable.points, decimals, true)}分待核实（暂按自评得分计入核定分）；` +
    `${strictText(r, decimals)}${may}`
  );
}
