import { clamp, D, type Dec, dec, fmt, HUNDRED, ZERO } from '../decimal.js';
import { OP_TEXT, type Quantity, type TargetSpec } from '../quantity.js';
import type { Severity } from '../findings.js';
import type { Band, CompositePart, Rule, Tier } from './schema.js';

export type { Severity } from '../findings.js';
export interface Problem {
  severity: Severity;
  code: string;
  message: string;
}

/** What a rule sees: the weight and the values already resolved (metric, parsing, defaults). */
export interface RuleInput {
  weight: Dec;
  target?: TargetSpec;
  actual?: Quantity;
  /** Where a metric-derived actual came from, for the explanation. */
  actualSource?: string;
  previous?: Quantity;
  quarters?: Dec[];
  count?: number;
  tier?: string;
  /** Percent of weight inside the chosen tier. */
  value?: number;
  judged?: Dec;
  /** 'claimed' when the self-score stands in for a judgment nobody recorded separately. */
  judgedFrom?: 'judged' | 'claimed';
  met?: boolean;
  checks?: Array<boolean | number>;
  /** The checklist's veto condition holds: the whole indicator scores 0. */
  vetoed?: boolean;
  tiers: Tier[];
  /** Why a value the rule needs could not be derived (e.g. 计算预算执行率缺少：预算执行数). */
  missingNote?: string;
  /** The figures (Chinese labels) a derived value lacks, when missingNote is set. */
  missingFigures?: string[];
  /** Resolves a composite part to its own input. */
  part?: (part: CompositePart) => RuleInput;
}

export interface RuleOutcome {
  /** Before the cap at weight and the floor at 0 (applied by scoreRule). */
  score: Dec;
  explanation: string;
  /** The target was not reached: a 偏差原因 is expected. */
  missed: boolean;
  /** The inputs the rule needs are absent. */
  incomplete: boolean;
  /** Chinese labels of what is absent when incomplete (指标值, 实际完成值, or the figures behind it). */
  missing?: string[];
  problems: Problem[];
}

const out = (score: Dec, explanation: string, missed = false, problems: Problem[] = []): RuleOutcome => ({
  score,
  explanation,
  missed,
  incomplete: false,
  problems,
});

const missing = (what: string): RuleOutcome => ({
  score: ZERO,
  explanation: `缺少${what}，无法按规则计分，计0分`,
  missed: false,
  incomplete: true,
  missing: [what],
  // Missing data is 待核实 (a warning), not an error: the self-score is carried until it is checked.
  problems: [{ severity: 'warning', code: 'missing-input', message: `缺少${what}` }],
});

const q = (v: Quantity | Dec, unit?: string) => {
  if (v instanceof D) return `${fmt(v)}${unit ?? ''}`;
  return `${fmt(v.value)}${v.unit ?? unit ?? ''}`;
};
const unitOf = (i: RuleInput) => i.actual?.unit ?? i.target?.unit ?? '';
const targetText = (t: TargetSpec) => `${OP_TEXT[t.op]}${fmt(t.value)}${t.unit ?? ''}`;
const pts = (v: Dec) => `${fmt(v)}分`;
const src = (i: RuleInput) => (i.actualSource ? `（${i.actualSource}）` : '');

function judgedScore(i: RuleInput, what: string): RuleOutcome | undefined {
  if (i.judged === undefined) return undefined;
  const from = i.judgedFrom === 'claimed' ? `未填写${what}，采用自评得分` : '评价人判断得分';
  const problems: Problem[] =
    i.judgedFrom === 'claimed'
      ? [
          {
            severity: 'info',
            code: 'judged-by-claim',
            message: `未填写${what}，以自评得分${pts(i.judged)}作为评价人判断`,
          },
        ]
      : [];
  return out(i.judged, `${from}${pts(i.judged)}`, i.judged.lt(i.weight), problems);
}

function overTargetPenalty(
  i: RuleInput,
  bands: Array<{ from: number; fraction: number }> | undefined,
): { penalty: Dec; text: string } | undefined {
  if (!bands || !i.target || !i.actual || i.target.value <= 0) return undefined;
  const a = dec(i.target.value);
  const over = dec(i.actual.value).minus(a).div(a).times(HUNDRED);
  const hit = [...bands].sort((x, y) => y.from - x.from).find((b) => over.gte(b.from));
  if (!hit) return undefined;
  const penalty = i.weight.times(hit.fraction);
  return {
    penalty,
    text: `；超出指标值${fmt(over)}%（≥${hit.from}%，指标值设定偏低），扣分值的${fmt(hit.fraction * 100)}%即${pts(penalty)}`,
  };
}

function scoreRatio(i: RuleInput, overTarget?: Array<{ from: number; fraction: number }>): RuleOutcome {
  if (!i.target) return missing('指标值');
  if (!i.actual) return missing('实际完成值');
  const t = dec(i.target.value);
  const a = dec(i.actual.value);
  const u = unitOf(i);
  if (a.gte(t)) {
    const pen = overTargetPenalty(i, overTarget);
    const base = `实际完成值${q(a, u)}${src(i)}达到指标值${targetText(i.target)}，得满分${pts(i.weight)}`;
    if (pen) return out(i.weight.minus(pen.penalty), `${base}${pen.text}，得${pts(i.weight.minus(pen.penalty))}`);
    return out(i.weight, base);
  }
  // Target 0 is met by any non-negative value, so here t > 0.
  const s = a.div(t).times(i.weight);
  return out(
    s,
    `实际完成值${q(a, u)}${src(i)}未达到指标值${targetText(i.target)}，得分=${q(a, u)}÷${q(t, u)}×${fmt(i.weight)}=${pts(s)}`,
    true,
  );
}

function scoreReverse(i: RuleInput): RuleOutcome {
  if (!i.target) return missing('指标值');
  if (!i.actual) return missing('实际完成值');
  const t = dec(i.target.value);
  const a = dec(i.actual.value);
  const u = unitOf(i);
  if (a.lte(t))
    return out(
      i.weight,
      `实际完成值${q(a, u)}${src(i)}控制在指标值${targetText(i.target)}以内，得满分${pts(i.weight)}`,
    );
  const s = t.div(a).times(i.weight);
  return out(
    s,
    `实际完成值${q(a, u)}${src(i)}超过指标值${targetText(i.target)}，得分=${q(t, u)}÷${q(a, u)}×${fmt(i.weight)}=${pts(s)}`,
    true,
  );
}

function scoreEqual(i: RuleInput, tolerance: number): RuleOutcome {
  if (!i.target) return missing('指标值');
  if (!i.actual) return missing('实际完成值');
  const t = dec(i.target.value);
  const a = dec(i.actual.value);
  const u = unitOf(i);
  const diff = a.minus(t).abs();
  if (diff.lte(tolerance))
    return out(i.weight, `实际完成值${q(a, u)}${src(i)}等于指标值${q(t, u)}，得满分${pts(i.weight)}`);
  if (t.isZero()) return out(ZERO, `指标值为0，实际完成值${q(a, u)}不相等，得0分`, true);
  const s = D.max(ZERO, new D(1).minus(diff.div(t))).times(i.weight);
  return out(
    s,
    `实际完成值${q(a, u)}${src(i)}偏离指标值${q(t, u)}，得分=（1−${q(diff, u)}÷${q(t, u)}）×${fmt(i.weight)}=${pts(s)}`,
    true,
  );
}

function scoreRate(i: RuleInput, zeroAbove?: number): RuleOutcome {
  if (!i.actual) return missing('实际完成值（比率）');
  const a = dec(i.actual.value);
  if (zeroAbove !== undefined && a.gt(zeroAbove))
    return out(ZERO, `${fmt(a)}%${src(i)}超过${zeroAbove}%，按规则得0分`, true);
  const s = a.div(HUNDRED).times(i.weight);
  const capped = s.gt(i.weight) ? `，超过分值按${pts(i.weight)}计` : '';
  // Missed only against the target where one is set (“≥95%”), else against 100 %.
  return out(s, `${fmt(a)}%${src(i)}×${fmt(i.weight)}分=${pts(s)}${capped}`, a.lt(i.target?.value ?? 100));
}

/**
 * 财预〔2021〕101号: 完成率 below the floor scores nothing; above it, linear up to full at 100 %.
 * 完成率 is actual ÷ target for a ≥ target, target ÷ actual for a ≤ target, and the actual itself
 * (a percentage) when no target is set.
 */
function scoreThresholdLinear(i: RuleInput, floor: number): RuleOutcome {
  if (!i.actual) return missing('实际完成值');
  const a = dec(i.actual.value);
  let r = a;
  let how = `完成率${fmt(r)}%`;
  const t = i.target;
  if (t && t.value > 0) {
    const reverse = t.op === '<=' || t.op === '<';
    if (reverse && a.lte(t.value)) r = HUNDRED;
    else r = reverse ? dec(t.value).div(a).times(HUNDRED) : a.div(t.value).times(HUNDRED);
    how = reverse
      ? `完成率=指标值${targetText(t)}÷实际${q(i.actual)}=${fmt(r)}%`
      : `完成率=实际${q(i.actual)}÷指标值${targetText(t)}=${fmt(r)}%`;
  }
  if (r.gte(100)) return out(i.weight, `${how}，达到100%，得满分${pts(i.weight)}`);
  if (r.lt(floor)) return out(ZERO, `${how}，低于及格门槛${floor}%，得0分`, true);
  const s = r.minus(floor).div(new D(100).minus(floor)).times(i.weight);
  return out(s, `${how}，得分=（${fmt(r)}%−${floor}%）÷（100%−${floor}%）×${fmt(i.weight)}=${pts(s)}`, true);
}

export function bandLabel(b: Band, unit = '%'): string {
  if (b.label) return b.label;
  const lo = b.gte !== undefined ? `${b.gte}${unit}≤` : b.gt !== undefined ? `${b.gt}${unit}<` : '';
  const hi = b.lte !== undefined ? `≤${b.lte}${unit}` : b.lt !== undefined ? `<${b.lt}${unit}` : '';
  if (lo && hi) return `${lo}x${hi}`;
  if (b.gte !== undefined) return `≥${b.gte}${unit}`;
  if (b.gt !== undefined) return `>${b.gt}${unit}`;
  return hi || '其他';
}

export function inBand(v: Dec, b: Band): boolean {
  return (
    (b.gte === undefined || v.gte(b.gte)) &&
    (b.gt === undefined || v.gt(b.gt)) &&
    (b.lte === undefined || v.lte(b.lte)) &&
    (b.lt === undefined || v.lt(b.lt))
  );
}

function scoreBands(i: RuleInput, bands: Band[]): RuleOutcome {
  if (!i.actual) return missing('实际完成值');
  const v = dec(i.actual.value);
  const u = i.actual.unit ?? '%';
  const hit = bands.find((b) => inBand(v, b));
  if (!hit) return out(ZERO, `${q(v, u)}${src(i)}不在任何计分档内，得0分`, true);
  const s = hit.points !== undefined ? new D(hit.points) : i.weight.times(hit.fraction ?? 0);
  return out(s, `${q(v, u)}${src(i)}，属“${bandLabel(hit, u)}”档，得${pts(s)}`, s.lt(i.weight));
}

function scoreDeduction(i: RuleInput, perItem: number): RuleOutcome {
  if (i.count === undefined) return judgedScore(i, '扣分项数') ?? missing('扣分项数');
  const d = new D(perItem).times(i.count);
  const s = i.weight.minus(d);
  if (i.count === 0) return out(i.weight, `未发现扣分项，得满分${pts(i.weight)}`);
  return out(
    s,
    `发现${i.count}项不符合，每项扣${fmt(perItem)}分，得分=${fmt(i.weight)}−${i.count}×${fmt(perItem)}=${pts(D.max(s, ZERO))}${s.lt(0) ? '（扣完为止）' : ''}`,
    true,
  );
}

function scoreExcess(
  i: RuleInput,
  r: { limit?: number; step: number; perStep: number; counting: 'proportional' | 'started' },
): RuleOutcome {
  if (!i.actual) return missing('实际完成值');
  const v = dec(i.actual.value);
  let base: Dec;
  let baseText: string;
  if (r.limit !== undefined) {
    base = new D(r.limit);
    baseText = `限值${fmt(base)}%`;
  } else {
    if (!i.previous) return missing('上年值');
    base = dec(i.previous.value);
    baseText = `上年${fmt(base)}%`;
  }
  const over = v.minus(base);
  if (over.lte(0)) return out(i.weight, `${fmt(v)}%${src(i)}未超过${baseText}，不扣分，得${pts(i.weight)}`);
  let steps = over.div(r.step);
  if (r.counting === 'started') steps = steps.ceil();
  const d = steps.times(r.perStep);
  const s = i.weight.minus(d);
  const stepText = r.counting === 'started' ? `每超${fmt(r.step)}个百分点（不足按一档）` : `每超${fmt(r.step)}个百分点`;
  return out(
    s,
    `${fmt(v)}%${src(i)}超过${baseText}${fmt(over)}个百分点，${stepText}扣${fmt(r.perStep)}分，扣${pts(d)}，得${pts(D.max(s, ZERO))}`,
    true,
  );
}

/**
 * Seed 003: each quarter scores min(progress/序时进度, 1) × perQuarter; the annual average of those
 * quarterly rates × averagePoints. We read 全年平均执行率 as the mean of the four capped quarterly
 * rates (the rule defines 季度执行率 as progress against 序时进度, not raw progress).
 */
function scoreQuarterly(
  i: RuleInput,
  r: { schedule: number[]; perQuarter: number; averagePoints: number },
): RuleOutcome {
  if (!i.quarters || i.quarters.length !== 4) return missing('四个季度的支出进度');
  const rates = i.quarters.map((p, k) => D.min(new D(1), p.div(r.schedule[k] ?? 100)));
  const quarterPart = rates.reduce((s, x) => s.plus(x.times(r.perQuarter)), ZERO);
  const avg = rates.reduce((s, x) => s.plus(x), ZERO).div(4);
  const avgPart = avg.times(r.averagePoints);
  const s = quarterPart.plus(avgPart);
  const qs = i.quarters
    .map((p, k) => `${['一', '二', '三', '四'][k]}季度${fmt(p)}%÷${r.schedule[k]}%=${fmt(rates[k]!.times(100))}%`)
    .join('，');
  return out(
    s,
    `${qs}；季度得分${fmt(quarterPart, 4)}，全年平均执行率${fmt(avg.times(100))}%×${fmt(r.averagePoints)}=${fmt(avgPart, 4)}；合计${pts(s)}`,
    s.lt(i.weight),
  );
}

function scoreChecklist(i: RuleInput, items: Array<{ text: string; points: number }>, veto?: string): RuleOutcome {
  if (veto && i.vetoed) return out(ZERO, `存在否决情形（${veto}），本项指标得0分`, true);
  if (!i.checks) return judgedScore(i, '逐项达标情况') ?? missing('逐项达标情况');
  const problems: Problem[] = [];
  if (i.checks.length !== items.length) {
    problems.push({
      severity: 'error',
      code: 'checklist-length',
      message: `要点共${items.length}项，填写了${i.checks.length}项`,
    });
  }
  let s = ZERO;
  const lost: string[] = [];
  items.forEach((it, k) => {
    const c = i.checks![k];
    const got = c === true ? new D(it.points) : typeof c === 'number' ? clamp(new D(c), 0, it.points) : ZERO;
    if (got.lt(it.points)) lost.push(`第${k + 1}项扣${fmt(new D(it.points).minus(got))}分`);
    s = s.plus(got);
  });
  const text = lost.length
    ? `${items.length}项要点中${lost.join('、')}，得${pts(s)}`
    : `${items.length}项要点全部达到，得${pts(s)}`;
  return out(s, text, lost.length > 0, problems);
}

/**
 * A tier or level chosen by name: the exact name wins; else the one name that begins with what was
 * written (按规定 → 按规定内容、时限…); `alsoPrefixOfInput` also lets “达成预期指标” pick 达成.
 */
export function pickByName<T extends { name: string }>(
  options: T[],
  name: string,
  alsoPrefixOfInput: boolean,
): T | undefined {
  const exact = options.find((o) => o.name === name);
  if (exact) return exact;
  const starts = options.filter((o) => o.name.startsWith(name));
  if (starts.length === 1) return starts[0];
  if (starts.length > 1) return undefined;
  if (!alsoPrefixOfInput) return undefined;
  const within = options.filter((o) => name.startsWith(o.name)).sort((a, b) => b.name.length - a.name.length);
  return within[0];
}

function scoreLevels(i: RuleInput, levels: Array<{ name: string; points: number }>): RuleOutcome {
  const names = levels.map((l) => `“${l.name}”${fmt(l.points)}分`).join('、');
  if (i.tier === undefined) {
    const j = judgedScore(i, '所属档次');
    if (!j) return missing('所属档次');
    if (!levels.some((l) => i.judged!.eq(l.points))) {
      j.problems.push({
        severity: 'warning',
        code: 'level-mismatch',
        message: `得分${pts(i.judged!)}不是任何一档的分值（${names}）`,
      });
    }
    return j;
  }
  const hit = pickByName(levels, i.tier, false);
  if (!hit) {
    return {
      ...missing('有效的档次'),
      problems: [{ severity: 'error', code: 'unknown-tier', message: `档次“${i.tier}”不在${names}之中` }],
    };
  }
  return out(new D(hit.points), `属“${hit.name}”档，得${pts(new D(hit.points))}`, new D(hit.points).lt(i.weight));
}

export const DEFAULT_TIERS: Tier[] = [
  { name: '达成', min: 80, max: 100, minInclusive: true, maxInclusive: true, default: 100 },
  { name: '部分达成', min: 60, max: 80, minInclusive: true, maxInclusive: false },
  { name: '未达成', min: 0, max: 60, minInclusive: true, maxInclusive: false },
];

const inTier = (pct: Dec, t: Tier) =>
  (t.minInclusive ? pct.gte(t.min) : pct.gt(t.min)) && (t.maxInclusive ? pct.lte(t.max) : pct.lt(t.max));
const tierText = (t: Tier) => `${t.max}%–${t.min}%`;

export function tierOf(pct: Dec, tiers: Tier[]): Tier | undefined {
  return tiers.find((t) => inTier(pct, t));
}

function scoreQualitative(i: RuleInput, tiers: Tier[]): RuleOutcome {
  const w = i.weight;
  if (!i.tier) {
    const j = judgedScore(i, '定性档次');
    if (!j) return missing('定性档次');
    const t = w.isZero() ? undefined : tierOf(i.judged!.div(w).times(100), tiers);
    return { ...j, explanation: `${j.explanation}${t ? `，属“${t.name}”档（${tierText(t)}）` : ''}` };
  }
  const tier = pickByName(tiers, i.tier, true);
  if (!tier) {
    return {
      ...missing('有效的定性档次'),
      problems: [
        {
          severity: 'error',
          code: 'unknown-tier',
          message: `定性档次“${i.tier}”不在${tiers.map((t) => t.name).join('、')}之中`,
        },
      ],
    };
  }
  const problems: Problem[] = [];
  let pct: Dec;
  if (i.value !== undefined) pct = new D(i.value);
  else if (i.judged !== undefined && !w.isZero()) pct = i.judged.div(w).times(100);
  else if (tier.default !== undefined) pct = new D(tier.default);
  else {
    pct = new D(tier.min);
    problems.push({
      severity: 'warning',
      code: 'tier-no-value',
      message: `选择了“${tier.name}”档但未给出档内分值，按档下限${tier.min}%计分`,
    });
  }
  if (!inTier(pct, tier)) {
    problems.push({
      severity: 'warning',
      code: 'tier-value-outside',
      message: `所给分值占分值的${fmt(pct)}%，不在“${tier.name}”档（${tierText(tier)}）之内`,
    });
  }
  const s = pct.div(100).times(w);
  return out(s, `定性评价“${tier.name}”（${tierText(tier)}），按分值的${fmt(pct)}%计${pts(s)}`, s.lt(w), problems);
}

function scoreYesNo(i: RuleInput): RuleOutcome {
  if (i.met === undefined) return judgedScore(i, '是否达到') ?? missing('是否达到');
  return i.met ? out(i.weight, `符合要求，得满分${pts(i.weight)}`) : out(ZERO, '不符合要求，得0分', true);
}

function scoreManual(i: RuleInput): RuleOutcome {
  return judgedScore(i, '评价人判断得分') ?? missing('评价人判断得分');
}

function scoreComposite(i: RuleInput, parts: CompositePart[]): RuleOutcome {
  if (!i.part) return missing('分项数据');
  let s = ZERO;
  const texts: string[] = [];
  const problems: Problem[] = [];
  let missed = false;
  let incomplete = false;
  const absent: string[] = [];
  for (const p of parts) {
    const r = scoreRule(p.rule, i.part(p));
    s = s.plus(r.score);
    missed ||= r.missed;
    incomplete ||= r.incomplete;
    if (r.incomplete) absent.push(...(r.missing ?? []).map((m) => `${p.name}：${m}`));
    texts.push(`${p.name}（${fmt(p.points)}分）：${r.explanation}`);
    problems.push(...r.problems.map((x) => ({ ...x, message: `${p.name}：${x.message}` })));
  }
  return {
    score: s,
    explanation: `${texts.join('；')}；合计${pts(s)}`,
    missed,
    incomplete,
    ...(incomplete && { missing: absent }),
    problems,
  };
}

function dispatch(rule: Rule, i: RuleInput): RuleOutcome {
  switch (rule.kind) {
    case 'ratio':
      return scoreRatio(i, rule.overTarget);
    case 'reverse':
      return scoreReverse(i);
    case 'equal':
      return scoreEqual(i, rule.tolerance);
    case 'target':
      if (!i.target) return missing('指标值');
      if (i.target.op === '<=' || i.target.op === '<') return scoreReverse(i);
      if (i.target.op === '=') return scoreEqual(i, 0);
      return scoreRatio(i, rule.overTarget);
    case 'rate':
      return scoreRate(i, rule.zeroAbove);
    case 'threshold-linear':
      return scoreThresholdLinear(i, rule.floor);
    case 'bands':
      return scoreBands(i, rule.bands);
    case 'deduction':
      return scoreDeduction(i, rule.perItem);
    case 'excess-deduction':
      return scoreExcess(i, rule);
    case 'quarterly':
      return scoreQuarterly(i, rule);
    case 'checklist':
      return scoreChecklist(i, rule.items, rule.veto);
    case 'levels':
      return scoreLevels(i, rule.levels);
    case 'qualitative':
      return scoreQualitative(i, rule.tiers ?? i.tiers);
    case 'yesno':
      return scoreYesNo(i);
    case 'manual':
      return scoreManual(i);
    case 'composite':
      return scoreComposite(i, rule.parts);
  }
}

/** Scores one rule; the result is never above the weight and never below 0. */
export function scoreRule(rule: Rule, input: RuleInput): RuleOutcome {
  const r = dispatch(rule, input);
  if (r.incomplete && input.missingNote) {
    r.problems = r.problems.map((p) =>
      p.code === 'missing-input' ? { ...p, message: `${p.message}（${input.missingNote}）` } : p,
    );
  }
  if (r.incomplete && input.missingFigures?.length && rule.kind !== 'composite') {
    // The actual would have been derived from figures: name the figures, not just “实际完成值”.
    const rest = (r.missing ?? []).filter((m) => !m.startsWith('实际完成值'));
    r.missing = [...new Set([...rest, ...input.missingFigures])];
  }
  const capped = clamp(r.score, ZERO, input.weight);
  if (!capped.eq(r.score) && r.score.gt(input.weight) && (rule.kind === 'manual' || input.judged !== undefined)) {
    r.problems.push({
      severity: 'warning',
      code: 'over-weight',
      message: `判断得分${fmt(r.score)}分超过分值${fmt(input.weight)}分，按分值计`,
    });
  }
  return { ...r, score: capped };
}
