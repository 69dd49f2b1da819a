import { type Dec, dec, fmt, roundHalfUp, toNumber, ZERO } from './decimal.js';
import { effectiveTree, EvaluationError, type Evaluation, type IndicatorInput, resolveInputs } from './evaluation.js';
import type { Framework, IndicatorNode } from './framework/model.js';
import { gradeOf } from './grading.js';
import { computeAllMetrics, type MetricId, type MetricResult, quarterlyProgress } from './metrics.js';
import { parseQuantity, parseTarget, type Quantity } from './quantity.js';
import { type RuleInput, scoreRule, type Severity } from './rules/score.js';
import { JUDGMENT_KINDS, type CompositePart, type Rule } from './rules/schema.js';

export interface Finding {
  severity: Severity;
  code: string;
  /** Indicator name (as printed) or section the finding is about. */
  indicator?: string;
  path?: string[];
  message: string;
  /** The number the rule or the arithmetic gives. */
  expected?: number;
  /** The number the report states. */
  stated?: number;
}

export interface IndicatorScore {
  id: string;
  name: string;
  path: string[];
  level: number;
  weight: number;
  score: number;
  claimed?: number;
  explanation: string;
  rule: Rule['kind'];
  target?: string;
  actual?: string;
  /** The target was missed (偏差原因 expected). */
  missed: boolean;
  /** The rule lacked an input: scored 0, and any self-score is unverified. */
  incomplete: boolean;
  deviationReason?: string;
}

export interface NodeScore {
  id: string;
  name: string;
  path: string[];
  level: number;
  weight: number;
  score: number;
  claimed?: number;
  leaf: boolean;
}

export interface ScoreResult {
  framework: { id: string; name: string; version: number; decimals: number };
  unit: string;
  year: number;
  total: number;
  grade: string;
  /** Σ of the self-scores of all leaves, where every leaf has one. */
  claimedTotal?: number;
  statedTotal?: number;
  statedGrade?: string;
  /** Indicators the rules could not score for want of data (counted as 0), and their self-scores. */
  unscored: { count: number; claimed: number };
  indicators: IndicatorScore[];
  nodes: NodeScore[];
  metrics: Array<{ id: MetricId; name: string; value?: number; explanation: string }>;
  findings: Finding[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

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
  const score = roundHalfUp(outcome.score, ctx.fw.decimals);
  for (const p of outcome.problems) {
    // A self-score that the missing data would have decided cannot be checked: say so on the same line.
    const unverified =
      p.code === 'missing-input' && claimed !== undefined ? `，自评得分${fmt(claimed)}分无法按规则核实` : '';
    findings.push({
      severity: p.severity,
      code: p.code,
      indicator: n.name,
      path: n.path,
      message: `${p.message}${unverified}`,
    });
  }
  if (claimed !== undefined) {
    if (dec(claimed).gt(weight)) {
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
    const diff = score.minus(claimed);
    if (
      !outcome.incomplete &&
      !diff.isZero() &&
      !(ri.judgedFrom === 'claimed' && !outcome.incomplete && diff.abs().lt(dec(10).pow(-ctx.fw.decimals)))
    ) {
      findings.push({
        severity: 'warning',
        code: 'claimed-differs',
        indicator: n.name,
        path: n.path,
        message: `自评得分${fmt(claimed)}分，按评分规则应得${fmt(score)}分（${diff.isPositive() ? '少计' : '多计'}${fmt(diff.abs())}分）：${outcome.explanation}`,
        expected: toNumber(score, ctx.fw.decimals),
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
  const res: IndicatorScore = {
    id: n.id,
    name: n.name,
    path: n.path,
    level: n.level,
    weight: toNumber(weight, ctx.fw.decimals),
    score: toNumber(score, ctx.fw.decimals),
    explanation: outcome.explanation,
    rule: rule.kind,
    missed: outcome.missed,
    incomplete: outcome.incomplete,
  };
  if (claimed !== undefined) res.claimed = claimed;
  const t = input?.target ?? n.target;
  if (t !== undefined) res.target = String(t);
  if (input?.actual !== undefined) res.actual = String(input.actual);
  else if (ri.actualSource && ri.actual) res.actual = `${fmt(ri.actual.value)}%`;
  if (input?.deviationReason) res.deviationReason = input.deviationReason;
  return res;
}

export function score(fw: Framework, ev: Evaluation): ScoreResult {
  const { roots, issues, refused } = effectiveTree(fw, ev);
  const resolved = resolveInputs(fw, roots, ev);
  const blocking = [...refused, ...resolved.issues];
  if (blocking.length) throw new EvaluationError(blocking);
  const findings: Finding[] = issues.map((i) => ({ severity: 'error' as const, code: 'weights', message: i.message }));
  const ctx: LeafContext = { fw, ev, metrics: computeAllMetrics(ev.figures) };
  const leafScores = new Map<string, IndicatorScore>();
  const nodes: NodeScore[] = [];
  const indicators: IndicatorScore[] = [];
  const stated = resolved.subtotals;

  // Subtotals add the rounded leaf scores, as the printed tables do.
  const visit = (n: IndicatorNode): { score: Dec; claimed: Dec | undefined } => {
    if (n.children.length === 0) {
      const s = scoreLeaf(ctx, n, resolved.inputs.get(n.id), findings);
      leafScores.set(n.id, s);
      indicators.push(s);
      const ns: NodeScore = {
        id: n.id,
        name: n.name,
        path: n.path,
        level: n.level,
        weight: s.weight,
        score: s.score,
        leaf: true,
      };
      if (s.claimed !== undefined) ns.claimed = s.claimed;
      nodes.push(ns);
      return { score: dec(s.score), claimed: s.claimed === undefined ? undefined : dec(s.claimed) };
    }
    const ns: NodeScore = {
      id: n.id,
      name: n.name,
      path: n.path,
      level: n.level,
      weight: toNumber(n.weight ?? ZERO, fw.decimals),
      score: 0,
      leaf: false,
    };
    nodes.push(ns);
    let s = ZERO;
    let c: Dec | undefined = ZERO;
    for (const ch of n.children) {
      const r = visit(ch);
      s = s.plus(r.score);
      c = c === undefined || r.claimed === undefined ? undefined : c.plus(r.claimed);
    }
    ns.score = toNumber(s, fw.decimals);
    if (c !== undefined) ns.claimed = toNumber(c, fw.decimals);
    const st = stated.get(n.id);
    if (st !== undefined && c !== undefined && !c.eq(st)) {
      findings.push({
        severity: 'error',
        code: 'subtotal-mismatch',
        indicator: n.name,
        path: n.path,
        message: `“${n.name}”小计写为${fmt(st)}分，下级自评得分合计${fmt(c)}分，两者不等`,
        expected: toNumber(c, fw.decimals),
        stated: st,
      });
    }
    return { score: s, claimed: c };
  };
  let total = ZERO;
  let claimedTotal: Dec | undefined = ZERO;
  for (const r of roots) {
    const v = visit(r);
    total = total.plus(v.score);
    claimedTotal = claimedTotal === undefined || v.claimed === undefined ? undefined : claimedTotal.plus(v.claimed);
  }
  const grade = gradeOf(total, fw.grades);
  const missing = indicators.filter((i) => i.incomplete);
  const unscored = {
    count: missing.length,
    claimed: toNumber(
      missing.reduce((a, i) => a.plus(i.claimed ?? 0), ZERO),
      fw.decimals,
    ),
  };
  const unscoredText = unscored.count
    ? `；其中${unscored.count}项指标缺少计分数据按0分计${unscored.claimed ? `，这些指标的自评得分合计${fmt(unscored.claimed)}分无法核实` : ''}`
    : '';
  const result: ScoreResult = {
    framework: { id: fw.id, name: fw.name, version: fw.version, decimals: fw.decimals },
    unit: ev.unit,
    year: ev.year,
    total: toNumber(total, fw.decimals),
    grade,
    unscored,
    indicators,
    nodes,
    metrics: [...ctx.metrics.values()].map((m) =>
      m.ok
        ? { id: m.id, name: m.name, value: toNumber(m.value, 2), explanation: m.explanation }
        : { id: m.id, name: m.name, explanation: m.message },
    ),
    findings,
  };
  if (claimedTotal !== undefined && indicators.some((i) => i.claimed !== undefined))
    result.claimedTotal = toNumber(claimedTotal, fw.decimals);
  const st = ev.claimed?.total;
  if (st !== undefined) {
    result.statedTotal = st;
    if (claimedTotal !== undefined && !claimedTotal.eq(st)) {
      findings.push({
        severity: 'error',
        code: 'total-mismatch',
        message: `自评总分写为${fmt(st)}分，各指标自评得分合计${fmt(claimedTotal)}分，两者不等`,
        expected: toNumber(claimedTotal, fw.decimals),
        stated: st,
      });
    }
    if (!total.eq(st)) {
      findings.push({
        severity: 'warning',
        code: 'total-differs',
        message: `自评总分${fmt(st)}分（${gradeOf(st, fw.grades)}），按评分规则重算为${fmt(total)}分（${grade}）${unscoredText}`,
        expected: toNumber(total, fw.decimals),
        stated: st,
      });
    }
  }
  const sg = ev.claimed?.grade;
  if (sg !== undefined) {
    result.statedGrade = sg;
    const basis = st ?? (claimedTotal ? toNumber(claimedTotal, fw.decimals) : undefined);
    if (basis !== undefined && gradeOf(basis, fw.grades) !== sg) {
      findings.push({
        severity: 'error',
        code: 'grade-mismatch',
        message: `自评等级写为“${sg}”，但自评总分${fmt(basis)}分对应“${gradeOf(basis, fw.grades)}”`,
      });
    } else if (gradeOf(total, fw.grades) !== sg) {
      findings.push({
        severity: 'warning',
        code: 'grade-differs',
        message: `按评分规则重算总分${fmt(total)}分，等级为“${grade}”，与自评等级“${sg}”不同`,
      });
    }
  }
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return result;
}
