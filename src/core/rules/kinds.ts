// The one table of rule kinds: name, hint, what a kind is scored from and which inputs it takes.
import type { Rule } from './schema.js';

/** Every rule kind. Adding one here makes the compiler name every table and switch that needs it. */
export const RULE_KINDS = [
  'ratio',
  'reverse',
  'equal',
  'target',
  'rate',
  'threshold-linear',
  'bands',
  'deduction',
  'excess-deduction',
  'quarterly',
  'checklist',
  'levels',
  'qualitative',
  'yesno',
  'manual',
  'composite',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

// The closed list and the schema's union must be the same set (both directions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameKinds: Same<RuleKind, Rule['kind']> = true;
void sameKinds;

/**
 * What gives a kind its points: `measured` — an actual value (实际完成值) against the target;
 * `judgment` — the evaluator's judgment, for which the self-score may stand; `schedule` — the
 * quarterly progress; `parts` — the sum of its parts' own rules.
 */
export type ScoredFrom = 'measured' | 'judgment' | 'schedule' | 'parts';

/** An input of an indicator (IndicatorInput's field) that a kind reads besides 指标值. */
export type RuleField =
  'actual' | 'previous' | 'quarters' | 'count' | 'tier' | 'value' | 'judged' | 'met' | 'checks' | 'vetoed' | 'parts';

export interface KindInfo {
  /** The kind in words (framework listings, documents, messages). */
  name: string;
  /** Short hint next to the 实际完成值 field of the web form. */
  hint: string;
  scoredFrom: ScoredFrom;
  /** The inputs the web form offers for it (in order). */
  fields: readonly RuleField[];
}

export const RULE_KIND_INFO = {
  ratio: { name: '正向比率（完成值÷指标值×分值）', hint: '按完成比例计分', scoredFrom: 'measured', fields: ['actual'] },
  reverse: { name: '反向比率（指标值÷完成值×分值）', hint: '反向指标', scoredFrom: 'measured', fields: ['actual'] },
  equal: { name: '等于指标值', hint: '等于指标值', scoredFrom: 'measured', fields: ['actual'] },
  target: { name: '按指标值方向计分', hint: '按指标值方向计分', scoredFrom: 'measured', fields: ['actual'] },
  rate: { name: '比率×分值', hint: '比率×分值', scoredFrom: 'measured', fields: ['actual'] },
  'threshold-linear': {
    name: '及格门槛线性计分',
    hint: '及格门槛线性计分',
    scoredFrom: 'measured',
    fields: ['actual'],
  },
  bands: { name: '分档计分', hint: '分档计分', scoredFrom: 'measured', fields: ['actual'] },
  deduction: { name: '逐项扣分，扣完为止', hint: '填写扣分项数', scoredFrom: 'judgment', fields: ['count'] },
  'excess-deduction': { name: '超限扣分', hint: '超限扣分', scoredFrom: 'measured', fields: ['actual', 'previous'] },
  quarterly: { name: '季度执行进度', hint: '填写四个季度的进度', scoredFrom: 'schedule', fields: ['quarters'] },
  checklist: { name: '要点计分', hint: '逐项勾选达标要点', scoredFrom: 'judgment', fields: ['checks', 'vetoed'] },
  levels: { name: '按档计分（每档固定分值）', hint: '选择所属档次', scoredFrom: 'judgment', fields: ['tier'] },
  qualitative: { name: '定性分档', hint: '选择定性档次', scoredFrom: 'judgment', fields: ['tier', 'value'] },
  yesno: { name: '是否判断', hint: '是否达到', scoredFrom: 'judgment', fields: ['met'] },
  manual: { name: '评价人判断', hint: '填写判断得分', scoredFrom: 'judgment', fields: ['judged'] },
  composite: { name: '分项合计', hint: '逐项填写', scoredFrom: 'parts', fields: ['parts'] },
} as const satisfies Record<RuleKind, KindInfo>;

export const RULE_KIND_NAMES = Object.fromEntries(RULE_KINDS.map((k) => [k, RULE_KIND_INFO[k].name])) as Record<
  RuleKind,
  string
>;

const kindsFrom = (from: ScoredFrom): ReadonlySet<RuleKind> =>
  new Set(RULE_KINDS.filter((k) => RULE_KIND_INFO[k].scoredFrom === from));

/** Kinds scored from an actual value (实际完成值) measured against the target. */
export const MEASURED_KINDS = kindsFrom('measured');

/** Kinds whose input is the evaluator's judgment: the self-score may stand as that judgment. */
export const JUDGMENT_KINDS = kindsFrom('judgment');
