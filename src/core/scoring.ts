// The score model: per indicator 核实 / 待核实 / 核减·核增, and the totals (核定分, 严格口径) built from them.
import { D, type Dec, dec, fmt, roundHalfUp, toNumber, ZERO } from './decimal.js';
import { effectiveTree, EvaluationError, type Evaluation, type IndicatorInput, resolveInputs } from './evaluation.js';
import { bySeverity, type Finding } from './findings.js';
import type { Framework, IndicatorNode } from './framework/model.js';
import { gradeOf } from './grading.js';
import { computeAllMetrics, type MetricId, type MetricResult, quarterlyProgress } from './metrics.js';
import { parseQuantity, parseTarget, type Quantity } from './quantity.js';
import { type RuleInput, scoreRule } from './rules/score.js';
import { JUDGMENT_KINDS, type CompositePart, type Rule } from './rules/schema.js';
import { type Adjustment, unverifiableSentence, type Verification } from './verification.js';

export type { Finding, Severity } from './findings.js';
export type { Adjustment, Verification } from './verification.js';

export interface IndicatorScore {
  id: string;
  name: string;
  path: string[];
  level: number;
  weight: number;
  /** COUNTED points: ruleScore when verified, else the self-score (claimed ?? 0, at most the weight). */
  score: number;
  /** What the rule gives from data; undefined when unverifiable. */
  ruleScore?: number;
  verification: Verification;
  /** Chinese labels of the data the rule needs and lacks ([] when verified). */
  missing: string[];
  /** Verified and ruleScore ≠ claimed: delta = ruleScore − claimed. */
  adjustment?: Adjustment;
  claimed?: number;
  explanation: string;
  rule: Rule['kind'];
  target?: string;
  actual?: string;
  /** The target was missed (偏差原因 expected). */
  missed: boolean;
  /** Kept for compatibility: === (verification === 'unverifiable'). */
  incomplete: boolean;
  deviationReason?: string;
}

export interface NodeScore {
  id: string;
  name: string;
  path: string[];
  level: number;
  weight: number;
  /** Counted points (核定分): verified at the rule's score, unverifiable at the self-score. */
  score: number;
  /** Unverifiable counted as 0. */
  strictScore: number;
  claimed?: number;
  leaf: boolean;
}

/** Indicators whose self-score could not be checked for want of data. */
export interface Unverifiable {
  count: number;
  /** Σ of their counted points (the self-scores carried). */
  points: number;
  indicators: Array<{ path: string[]; name: string; claimed?: number; missing: string[] }>;
}

export interface ScoreResult {
  framework: { id: string; name: string; version: number; decimals: number };
  unit: string;
  year: number;
  /** Headline 核定分: verified indicators at the rule's score, unverifiable ones at their self-score. */
  total: number;
  /** From total. */
  grade: string;
  /** Unverifiable counted as 0. */
  strictTotal: number;
  strictGrade: string;
  unverifiable: Unverifiable;
  /** grade(strictTotal) !== grade(total): the unverifiable points could change the grade. */
  gradeMayChange: boolean;
  /** Σ of the self-scores of all leaves, where every leaf has one. */
  claimedTotal?: number;
  statedTotal?: number;
  statedGrade?: string;
  /** Kept for compatibility: unverifiable indicators and the Σ of their self-scores. */
  unscored: { count: number; claimed: number };
  indicators: IndicatorScore[];
  nodes: NodeScore[];
  metrics: Array<{ id: MetricId; name: string; value?: number; explanation: string }>;
  findings: Finding[];
}

function numericActual(input: IndicatorInput | undefined): Quantity | undefined {
  if (input?.actual === undefined) return undefined;
  return parseQuantity(input.actual);
}

interface LeafContext {
  fw: Framework;
  metrics: Map<MetricId, MetricResult>;
  ev: Evaluation;
}

/** Resolves what a rule sees: entered values first, then values derived from the unit's figures. */
function ruleInput(
  ctx: LeafContext,
  rule: Rule,
  weight: Dec,
  spec: { metric?: string; target?: string | number },
  input: IndicatorInput | undefined,
  extra: { claimed?: number },
  findings: Finding[],
  where: { name: string; path: string[] },
): RuleInput {
  const ri: RuleInput = { weight, tiers: ctx.fw.tiers };
  const target = parseTarget(input?.target ?? spec.target);
  if (target) ri.target = target;
  const entered = numericActual(input);
  const metric = spec.metric ? ctx.metrics.get(spec.metric as MetricId) : undefined;
  if (entered) {
    ri.actual = entered;
    if (metric?.ok && entered.unit === '%' && roundHalfUp(metric.value, 2).minus(entered.value).abs().gt(0.01)) {
      findings.push({
        severity: 'warning',
        code: 'actual-vs-figures',
        indicator: where.name,
        path: where.path,
        message: `填写的实际完成值${fmt(entered.value)}%与按基础数据计算的${metric.explanation}不一致`,
        expected: toNumber(metric.value, 2),
        stated: entered.value,
      });
    }
  } else if (metric?.ok) {
    ri.actual = { value: metric.value.toNumber(), unit: '%' };
    ri.actualSource = metric.explanation;
  } else if (metric && !metric.ok) {
    ri.missingNote = metric.message;
    ri.missingFigures = metric.missing;
  }
  const prev = input?.previous !== undefined ? parseQuantity(input.previous) : undefined;
  if (prev) ri.previous = prev;
  else if (spec.metric === 'carryOverRate' && ctx.ev.figures.budget?.previousCarryOverRate !== undefined) {
    ri.previous = { value: ctx.ev.figures.budget.previousCarryOverRate, unit: '%' };
  }
  const quarters = input?.quarters ? input.quarters.map((v) => dec(v)) : quarterlyProgress(ctx.ev.figures);
  if (quarters) ri.quarters = quarters;
  if (input?.count !== undefined) ri.count = input.count;
  if (input?.tier !== undefined) ri.tier = input.tier;
  if (input?.value !== undefined) ri.value = input.value;
  if (input?.met !== undefined) ri.met = input.met;
  if (input?.checks !== undefined) ri.checks = input.checks;
  if (input?.vetoed !== undefined) ri.vetoed = input.vetoed;
  if (input?.judged !== undefined) {
    ri.judged = dec(input.judged);
    ri.judgedFrom = 'judged';
  } else if (extra.claimed !== undefined && JUDGMENT_KINDS.has(rule.kind)) {
    // For judgment rules the self-score is the evaluator's judgment; quantitative rules never fall back.
    ri.judged = dec(extra.claimed);
    ri.judgedFrom = 'claimed';
  }
  if (rule.kind === 'composite') {
    ri.part = (p: CompositePart) =>
      ruleInput(
        ctx,
        p.rule,
        dec(p.points),
        { ...(p.metric && { metric: p.metric }), ...(p.target !== undefined && { target: p.target }) },
        input?.parts?.[p.name],
        {},
        findings,
        { name: `${where.name}·${p.name}`, path: where.path },
      );
  }
  return ri;
}

function scoreLeaf(
  ctx: LeafContext,
  n: IndicatorNode,
  input: IndicatorInput | undefined,
  findings: Finding[],
): IndicatorScore {
  const weight = n.weight ?? ZERO;
  const rule = n.rule ?? { kind: 'manual' as const };
  const where = { name: n.name, path: n.path };
  const claimed = input?.claimed;
  const ri = ruleInput(
    ctx,
    rule,
    weight,
    { ...(n.metric && { metric: n.metric }), ...(n.target !== undefined && { target: n.target }) },
    input,
    claimed !== undefined ? { claimed } : {},
    findings,
    where,
  );
  const outcome = scoreRule(rule, ri);
  const ruleScore = roundHalfUp(outcome.score, ctx.fw.decimals);
  const unverifiable = outcome.incomplete;
  for (const p of outcome.problems) {
    // A self-score that the missing data would have decided cannot be checked: say so on the same line.
    const unverified =
      p.code === 'missing-input' && claimed !== undefined ? `，自评得分${fmt(claimed)}分待核实（暂按自评得分计）` : '';
    findings.push({
      severity: p.severity,
      code: p.code,
      indicator: n.name,
      path: n.path,
      message: `${p.message}${unverified}`,
    });
  }
  if (claimed !== undefined && dec(claimed).gt(weight)) {
    findings.push({
      severity: 'error',
      code: 'claimed-over-weight',
      indicator: n.name,
      path: n.path,
      message: `自评得分${fmt(claimed)}分超过分值${fmt(weight)}分`,
      stated: claimed,
      expected: toNumber(weight, ctx.fw.decimals),
    });
  }
  let adjustment: IndicatorScore['adjustment'];
  if (claimed !== undefined && !unverifiable) {
    const diff = ruleScore.minus(claimed);
    // A judgment taken from the self-score differs from it only by rounding: no adjustment.
    const rounding = ri.judgedFrom === 'claimed' && diff.abs().lt(dec(10).pow(-ctx.fw.decimals));
    if (!diff.isZero() && !rounding) {
      adjustment = { kind: diff.isNegative() ? '核减' : '核增', delta: toNumber(diff, ctx.fw.decimals) };
      findings.push({
        severity: 'warning',
        code: 'claimed-differs',
        indicator: n.name,
        path: n.path,
        message: `自评得分${fmt(claimed)}分，按评分规则应得${fmt(ruleScore)}分（${diff.isPositive() ? '少计' : '多计'}${fmt(diff.abs())}分，${adjustment.kind}）：${outcome.explanation}`,
        expected: toNumber(ruleScore, ctx.fw.decimals),
        stated: claimed,
      });
    }
  }
  if (outcome.missed && !input?.deviationReason?.trim() && !JUDGMENT_KINDS.has(rule.kind)) {
    findings.push({
      severity: 'warning',
      code: 'missing-deviation-reason',
      indicator: n.name,
      path: n.path,
      message: '未达到指标值，但未填写偏差原因（未完成原因分析）',
    });
  }
  // Unverifiable: the self-score is carried (never above the weight, never below 0), marked 待核实.
  const counted = unverifiable ? D.min(weight, D.max(ZERO, dec(claimed ?? 0))) : ruleScore;
  const res: IndicatorScore = {
    id: n.id,
    name: n.name,
    path: n.path,
    level: n.level,
    weight: toNumber(weight, ctx.fw.decimals),
    score: toNumber(counted, ctx.fw.decimals),
    verification: unverifiable ? 'unverifiable' : 'verified',
    missing: unverifiable ? (outcome.missing ?? []) : [],
    explanation: unverifiable
      ? `${outcome.explanation.replace(/，计0分$/, '')}${claimed !== undefined ? `；待核实，暂按自评得分${fmt(counted)}分计` : '，计0分'}`
      : outcome.explanation,
    rule: rule.kind,
    missed: outcome.missed,
    incomplete: unverifiable,
  };
  if (!unverifiable) res.ruleScore = toNumber(ruleScore, ctx.fw.decimals);
  if (adjustment) res.adjustment = adjustment;
  if (claimed !== undefined) res.claimed = claimed;
  const t = input?.target ?? n.target;
  if (t !== undefined) res.target = String(t);
  if (input?.actual !== undefined) res.actual = String(input.actual);
  else if (ri.actualSource && ri.actual) res.actual = `${fmt(ri.actual.value)}%`;
  if (input?.deviationReason) res.deviationReason = input.deviationReason;
  return res;
}

/** Sums over the tree: the nodes in order, and for each its counted, strict and self-score sums. */
export interface Aggregate {
  nodes: NodeScore[];
  indicators: IndicatorScore[];
  total: number;
  strictTotal: number;
  grade: string;
  strictGrade: string;
  gradeMayChange: boolean;
  unverifiable: Unverifiable;
  unscored: { count: number; claimed: number };
  /** Σ of the self-scores of all leaves, or undefined when some leaf has none. */
  claimedTotal?: number;
}

/**
 * The one place the totals are made (also used by compiled engines): subtotals add the rounded
 * leaf scores, as printed tables do; `total` counts verified leaves at the rule's score and
 * unverifiable ones at their self-score, `strictTotal` counts unverifiable ones as 0.
 */
export function aggregate(
  fw: Pick<Framework, 'decimals' | 'grades'>,
  roots: IndicatorNode[],
  leafScore: (n: IndicatorNode) => IndicatorScore,
): Aggregate {
  const nodes: NodeScore[] = [];
  const indicators: IndicatorScore[] = [];
  const d = fw.decimals;
  type Sums = { score: Dec; strict: Dec; claimed: Dec | undefined };
  const visit = (n: IndicatorNode): Sums => {
    if (n.children.length === 0) {
      const s = leafScore(n);
      indicators.push(s);
      const strict = s.verification === 'verified' ? s.score : 0;
      const ns: NodeScore = {
        id: n.id,
        name: n.name,
        path: n.path,
        level: n.level,
        weight: s.weight,
        score: s.score,
        strictScore: strict,
        leaf: true,
      };
      if (s.claimed !== undefined) ns.claimed = s.claimed;
      nodes.push(ns);
      return {
        score: dec(s.score),
        strict: dec(strict),
        claimed: s.claimed === undefined ? undefined : dec(s.claimed),
      };
    }
    const ns: NodeScore = {
      id: n.id,
      name: n.name,
      path: n.path,
      level: n.level,
      weight: toNumber(n.weight ?? ZERO, d),
      score: 0,
      strictScore: 0,
      leaf: false,
    };
    nodes.push(ns);
    const sum: Sums = { score: ZERO, strict: ZERO, claimed: ZERO };
    for (const ch of n.children) add(sum, visit(ch));
    ns.score = toNumber(sum.score, d);
    ns.strictScore = toNumber(sum.strict, d);
    if (sum.claimed !== undefined) ns.claimed = toNumber(sum.claimed, d);
    return sum;
  };
  const add = (a: Sums, b: Sums) => {
    a.score = a.score.plus(b.score);
    a.strict = a.strict.plus(b.strict);
    a.claimed = a.claimed === undefined || b.claimed === undefined ? undefined : a.claimed.plus(b.claimed);
  };
  const all: Sums = { score: ZERO, strict: ZERO, claimed: ZERO };
  for (const r of roots) add(all, visit(r));
  const open = indicators.filter((i) => i.verification === 'unverifiable');
  const points = open.reduce((a, i) => a.plus(i.score), ZERO);
  const claimedOpen = open.reduce((a, i) => a.plus(i.claimed ?? 0), ZERO);
  const grade = gradeOf(all.score, fw.grades);
  const strictGrade = gradeOf(all.strict, fw.grades);
  const res: Aggregate = {
    nodes,
    indicators,
    total: toNumber(all.score, d),
    strictTotal: toNumber(all.strict, d),
    grade,
    strictGrade,
    gradeMayChange: grade !== strictGrade,
    unverifiable: {
      count: open.length,
      points: toNumber(points, d),
      indicators: open.map((i) => ({
        path: i.path,
        name: i.name,
        ...(i.claimed !== undefined && { claimed: i.claimed }),
        missing: i.missing,
      })),
    },
    unscored: { count: open.length, claimed: toNumber(claimedOpen, d) },
  };
  if (all.claimed !== undefined && indicators.some((i) => i.claimed !== undefined))
    res.claimedTotal = toNumber(all.claimed, d);
  return res;
}

export function score(fw: Framework, ev: Evaluation): ScoreResult {
  const { roots, issues, refused } = effectiveTree(fw, ev);
  const resolved = resolveInputs(fw, roots, ev);
  const blocking = [...refused, ...resolved.issues];
  if (blocking.length) throw new EvaluationError(blocking);
  const findings: Finding[] = issues.map((i) => ({ severity: 'error' as const, code: 'weights', message: i.message }));
  const ctx: LeafContext = { fw, ev, metrics: computeAllMetrics(ev.figures) };
  const agg = aggregate(fw, roots, (n) => scoreLeaf(ctx, n, resolved.inputs.get(n.id), findings));
  for (const ns of agg.nodes) {
    const st = resolved.subtotals.get(ns.id);
    if (ns.leaf || st === undefined || ns.claimed === undefined || dec(ns.claimed).eq(st)) continue;
    findings.push({
      severity: 'error',
      code: 'subtotal-mismatch',
      indicator: ns.name,
      path: ns.path,
      message: `“${ns.name}”小计写为${fmt(st)}分，下级自评得分合计${fmt(ns.claimed)}分，两者不等`,
      expected: ns.claimed,
      stated: st,
    });
  }
  const { total, grade, claimedTotal } = agg;
  const result: ScoreResult = {
    framework: { id: fw.id, name: fw.name, version: fw.version, decimals: fw.decimals },
    unit: ev.unit,
    year: ev.year,
    total,
    grade,
    strictTotal: agg.strictTotal,
    strictGrade: agg.strictGrade,
    unverifiable: agg.unverifiable,
    gradeMayChange: agg.gradeMayChange,
    unscored: agg.unscored,
    indicators: agg.indicators,
    nodes: agg.nodes,
    metrics: [...ctx.metrics.values()].map((m) =>
      m.ok
        ? { id: m.id, name: m.name, value: toNumber(m.value, 2), explanation: m.explanation }
        : { id: m.id, name: m.name, explanation: m.message },
    ),
    findings,
  };
  if (claimedTotal !== undefined) result.claimedTotal = claimedTotal;
  if (agg.unverifiable.count) {
    findings.push({
      severity: 'warning',
      code: 'unverifiable',
      message: unverifiableSentence(agg, fw.decimals),
      expected: agg.strictTotal,
    });
  }
  const st = ev.claimed?.total;
  if (st !== undefined) {
    result.statedTotal = st;
    if (claimedTotal !== undefined && !dec(claimedTotal).eq(st)) {
      findings.push({
        severity: 'error',
        code: 'total-mismatch',
        message: `自评总分写为${fmt(st)}分，各指标自评得分合计${fmt(claimedTotal)}分，两者不等`,
        expected: claimedTotal,
        stated: st,
      });
    }
    if (!dec(total).eq(st)) {
      findings.push({
        severity: 'warning',
        code: 'total-differs',
        message: `自评总分${fmt(st)}分（${gradeOf(st, fw.grades)}），按评分规则核定为${fmt(total)}分（${grade}）`,
        expected: total,
        stated: st,
      });
    }
  }
  const sg = ev.claimed?.grade;
  if (sg !== undefined) {
    result.statedGrade = sg;
    const basis = st ?? claimedTotal;
    if (basis !== undefined && gradeOf(basis, fw.grades) !== sg) {
      findings.push({
        severity: 'error',
        code: 'grade-mismatch',
        message: `自评等级写为“${sg}”，但自评总分${fmt(basis)}分对应“${gradeOf(basis, fw.grades)}”`,
      });
    } else if (grade !== sg) {
      findings.push({
        severity: 'warning',
        code: 'grade-differs',
        message: `按评分规则核定总分${fmt(total)}分，等级为“${grade}”，与自评等级“${sg}”不同`,
      });
    }
  }
  findings.sort(bySeverity);
  return result;
}
