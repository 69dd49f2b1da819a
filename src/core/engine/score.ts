/**
 * The compiled scoring engine: the same ScoreResult as the reference `score` (src/core/scoring.ts),
 * numbers computed from the framework's cached plan in fixed-point integers. The Chinese sentences
 * (explanations, findings) and the metric list are built only when read — by the reference, from the
 * same evaluation, so they are its words exactly. An evaluation the plan cannot score exactly
 * (a rule kind it does not compile, a number beyond fixed point, a value exactly on a half after a
 * division) is scored by the reference whole.
 */
import type { Evaluation, IndicatorInput } from '../evaluation.js';
import type { Framework } from '../framework/model.js';
import { parseQuantity, parseTarget, type TargetSpec } from '../quantity.js';
import {
  type IndicatorScore,
  type NodeScore,
  score as referenceScore,
  type ScoreResult,
  type Unverifiable,
} from '../scoring.js';
import { F, fixed, POW10, roundFloat, roundFraction, toPlain } from './fixed.js';
import { metricValue } from './metrics.js';
import { type Plan, planFor, type PlanLeaf } from './plan.js';
import type { Outcome, Seen } from './rules.js';

/** How many evaluations the reference had to score whole (the plan could not be sure), for benches and tests. */
export const engineStats = { compiled: 0, reference: 0, lazyTexts: 0 };

class Defer extends Error {}
const DEFER = new Defer();

const targets = new Map<string | number, TargetSpec | null>();
function targetOf(v: string | number): TargetSpec | undefined {
  let t = targets.get(v);
  if (t === undefined) {
    t = parseTarget(v) ?? null;
    if (targets.size < 50_000) targets.set(v, t);
  }
  return t ?? undefined;
}
const quantities = new Map<string | number, number | null>();
function actualOf(v: string | number): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  let q = quantities.get(v);
  if (q === undefined) {
    q = parseQuantity(v)?.value ?? null;
    if (quantities.size < 50_000) quantities.set(v, q);
  }
  return q ?? undefined;
}

/** The rounded score of the outcome just computed, capped at the weight, in units of 10^-decimals. */
function finish(leaf: PlanLeaf, o: Outcome, scale: number): number {
  let q: number | undefined;
  if (!o.float) {
    let n = o.n;
    let d = o.d;
    if (!Number.isSafeInteger(n * F) || !Number.isSafeInteger(leaf.W * d)) throw DEFER;
    let exact = o.exact;
    if (n < 0) n = 0;
    else if (n * F > leaf.W * d) {
      n = leaf.W;
      d = F;
      exact = true;
    }
    q = roundFraction(n * scale, d, exact);
  } else {
    const x = Math.min(Math.max(o.x, 0), leaf.w);
    q = x === leaf.w ? roundFraction(leaf.W * scale, F, true) : roundFloat(x * scale);
  }
  if (q === undefined) throw DEFER;
  return q;
}

/** The number the reference prints for a metric-derived actual: fmt(value) — 2 decimals, zeros trimmed. */
function fmt2(x: number): string {
  const q = x < 0 ? -roundFloat(-x * 100)! : roundFloat(x * 100);
  if (q === undefined || Number.isNaN(q)) throw DEFER;
  const s = (q / 100).toFixed(2);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

const MISSED = 1;
const INCOMPLETE = 2;
const FROM_METRIC = 4;

/** Scratch buffers of one plan, overwritten by every run (scoring is synchronous: no one else sees them). */
interface Scratch {
  inputs: Array<IndicatorInput | undefined>;
  q: Float64Array; // per leaf: rounded score, units of 10^-decimals
  flags: Uint8Array; // per leaf: MISSED | INCOMPLETE | FROM_METRIC
  actual: Float64Array; // per leaf: the metric-derived actual, where FROM_METRIC
  counted: Float64Array; // per leaf: the points counted (the rule's when verified, else the self-score)
  nodeScore: Float64Array; // per node, counted points, units of 10^-decimals
  nodeStrict: Float64Array; // per node, unverifiable counted as 0
  nodeClaim: Float64Array; // per node, units of 0.0001; NaN once a leaf below has no self-score
}
const scratches = new WeakMap<Plan, Scratch>();
function scratchOf(plan: Plan): Scratch {
  let s = scratches.get(plan);
  if (!s) {
    const L = plan.leaves.length;
    const N = plan.nodes.length;
    s = {
      inputs: new Array<IndicatorInput | undefined>(L),
      q: new Float64Array(L),
      flags: new Uint8Array(L),
      actual: new Float64Array(L),
      counted: new Float64Array(L),
      nodeScore: new Float64Array(N),
      nodeStrict: new Float64Array(N),
      nodeClaim: new Float64Array(N),
    };
    scratches.set(plan, s);
  }
  return s;
}

/** What a rule sees: one object, refilled for every indicator. */
const SEEN: Seen = {
  w: 0,
  target: undefined,
  actual: undefined,
  count: undefined,
  tier: undefined,
  value: undefined,
  judged: undefined,
  met: undefined,
  checks: undefined,
  vetoed: undefined,
} as unknown as Seen;

interface Sums {
  total: number;
  claimTotal: number;
  strictTotal: number;
  unscoredCount: number;
  unscoredClaim: number;
  /** Σ of the points counted for unverifiable indicators. */
  unverifiablePoints: number;
  anyClaimed: boolean;
}

/** The numeric pass: every leaf scored into the plan's scratch, subtotals and totals summed in integers. */
function run(plan: Plan, ev: Evaluation, sc: Scratch): Sums {
  const scale = POW10[plan.fw.decimals]!;
  const inputs = sc.inputs;
  inputs.fill(undefined);
  for (const key in ev.indicators) {
    const k = plan.leafById.get(key);
    if (k === undefined) throw DEFER; // a name or path key, or an error: the reference resolves it
    inputs[k] = ev.indicators[key];
  }
  if (ev.claimed?.subtotals) {
    // Subtotal checks are findings (built by the reference when read); their keys must still resolve.
    for (const key in ev.claimed.subtotals) if (!plan.nodeById.has(key)) throw DEFER;
  }
  let metrics: Map<string, number | null> | undefined;
  const { q, flags, actual, counted, nodeScore, nodeStrict, nodeClaim } = sc;
  nodeScore.fill(0);
  nodeStrict.fill(0);
  nodeClaim.fill(0);
  let unscoredCount = 0;
  let unscoredClaim = 0;
  let unverifiablePoints = 0;
  let anyClaimed = false;
  const s = SEEN;
  for (let k = 0; k < plan.leaves.length; k++) {
    const leaf = plan.leaves[k]!;
    const input = inputs[k];
    const claimed = input?.claimed;
    s.w = leaf.w;
    s.target = input?.target !== undefined ? targetOf(input.target) : leaf.target;
    s.actual = input?.actual !== undefined ? actualOf(input.actual) : undefined;
    let flag = 0;
    if (s.actual === undefined && leaf.metric) {
      metrics ??= new Map();
      let m = metrics.get(leaf.metric);
      if (m === undefined) {
        const v = metricValue(ev.figures, leaf.metric);
        if (v === undefined) throw DEFER;
        m = v;
        metrics.set(leaf.metric, v);
      }
      if (m !== null) {
        s.actual = m;
        actual[k] = m;
        flag |= FROM_METRIC;
      }
    }
    s.count = input?.count;
    s.tier = input?.tier;
    s.value = input?.value;
    s.met = input?.met;
    s.checks = input?.checks;
    s.vetoed = input?.vetoed;
    s.judged = input?.judged ?? (claimed !== undefined && leaf.judgment ? claimed : undefined);
    const o = leaf.fn(s);
    if (!o) throw DEFER;
    if (o.missed) flag |= MISSED;
    if (o.incomplete) flag |= INCOMPLETE;
    const r = finish(leaf, o, scale);
    q[k] = r;
    flags[k] = flag;
    let C = NaN;
    if (claimed !== undefined) {
      const c = fixed(claimed);
      if (c === undefined) throw DEFER;
      C = c;
      anyClaimed = true;
    }
    nodeClaim[leaf.nodeIndex] = C;
    if (o.incomplete) {
      // 待核实: the self-score is counted, within [0, weight]; the strict total counts 0.
      const carried = claimed === undefined ? 0 : Math.min(Math.max(C, 0), leaf.W);
      const cq = roundFraction(carried * scale, F, true);
      if (cq === undefined) throw DEFER;
      counted[k] = cq;
      nodeScore[leaf.nodeIndex] = cq;
      nodeStrict[leaf.nodeIndex] = 0;
      unscoredCount++;
      unverifiablePoints += cq;
      if (claimed !== undefined) unscoredClaim += C;
    } else {
      counted[k] = r;
      nodeScore[leaf.nodeIndex] = r;
      nodeStrict[leaf.nodeIndex] = r;
    }
  }
  // Subtotals add the rounded leaf scores (children come after their parent: walk backwards).
  for (let i = plan.nodes.length - 1; i >= 0; i--) {
    const parent = plan.nodes[i]!.parent;
    if (parent >= 0) {
      nodeScore[parent] = nodeScore[parent]! + nodeScore[i]!;
      nodeStrict[parent] = nodeStrict[parent]! + nodeStrict[i]!;
      nodeClaim[parent] = nodeClaim[parent]! + nodeClaim[i]!;
    }
  }
  let total = 0;
  let strictTotal = 0;
  let claimTotal = 0;
  for (const r of plan.roots) {
    total += nodeScore[r]!;
    strictTotal += nodeStrict[r]!;
    claimTotal += nodeClaim[r]!;
  }
  return { total, strictTotal, claimTotal, unscoredCount, unscoredClaim, unverifiablePoints, anyClaimed };
}

/** Totals only — what a dashboard over a province needs — without building the per-indicator objects. */
export interface Totals {
  /** 核定分: verified at the rule's score, 待核实 at the self-score. */
  total: number;
  grade: string;
  /** Unverifiable counted as 0. */
  strictTotal: number;
  strictGrade: string;
  gradeMayChange: boolean;
  claimedTotal?: number;
  unscored: { count: number; claimed: number };
}

/** The totals `score(fw, ev)` gives, from the compiled plan (the reference where the plan is not sure). */
export function scoreTotals(fw: Framework, ev: Evaluation): Totals {
  const plan = planFor(fw, ev);
  if (plan.supported && !plan.refused) {
    try {
      const sums = run(plan, ev, scratchOf(plan));
      engineStats.compiled++;
      return totalsOf(plan, ev, sums);
    } catch (e) {
      if (e !== DEFER) throw e;
    }
  }
  const r = reference(fw, ev);
  return {
    total: r.total,
    grade: r.grade,
    strictTotal: r.strictTotal,
    strictGrade: r.strictGrade,
    gradeMayChange: r.gradeMayChange,
    ...(r.claimedTotal !== undefined && { claimedTotal: r.claimedTotal }),
    unscored: r.unscored,
  };
}

function totalsOf(plan: Plan, ev: Evaluation, sums: Sums): Totals {
  const D = plan.fw.decimals;
  const scale = POW10[D]!;
  const grade = plan.grade(sums.total);
  const strictGrade = plan.grade(sums.strictTotal);
  const t: Totals = {
    total: toPlain(sums.total, D),
    grade,
    strictTotal: toPlain(sums.strictTotal, D),
    strictGrade,
    gradeMayChange: grade !== strictGrade,
    unscored: { count: sums.unscoredCount, claimed: claimShown(sums.unscoredClaim, scale, D) },
  };
  if (!Number.isNaN(sums.claimTotal) && sums.anyClaimed) t.claimedTotal = claimShown(sums.claimTotal, scale, D);
  void ev;
  return t;
}

/** Scores an evaluation; the result equals the reference's `score(fw, ev)` field for field. */
export function scoreCompiled(fw: Framework, ev: Evaluation): ScoreResult {
  const plan = planFor(fw, ev);
  if (!plan.supported || plan.refused) return reference(fw, ev);
  try {
    const sc = scratchOf(plan);
    const sums = run(plan, ev, sc);
    const r = build(fw, ev, plan, sc, sums);
    engineStats.compiled++;
    return r;
  } catch (e) {
    if (e === DEFER) return reference(fw, ev);
    throw e;
  }
}

function reference(fw: Framework, ev: Evaluation): ScoreResult {
  engineStats.reference++;
  return referenceScore(fw, ev);
}

/** The ScoreResult objects from the scratch of a run, in the reference's field order. */
function build(fw: Framework, ev: Evaluation, plan: Plan, sc: Scratch, sums: Sums): ScoreResult {
  const D = fw.decimals;
  const scale = POW10[D]!;
  const lazy = new LazyTexts(fw, ev);
  const indicators: IndicatorScore[] = new Array(plan.leaves.length);
  const nodes: NodeScore[] = new Array(plan.nodes.length);
  const open: Unverifiable['indicators'] = [];
  for (let i = 0; i < plan.nodes.length; i++) {
    const p = plan.nodes[i]!;
    const n = p.node;
    if (p.leaf < 0) {
      const ns: NodeScore = {
        id: n.id,
        name: n.name,
        path: n.path,
        level: n.level,
        weight: p.weight,
        score: toPlain(sc.nodeScore[i]!, D),
        strictScore: toPlain(sc.nodeStrict[i]!, D),
        leaf: false,
      };
      const c = sc.nodeClaim[i]!;
      if (!Number.isNaN(c)) ns.claimed = claimShown(c, scale, D);
      nodes[i] = ns;
      continue;
    }
    const k = p.leaf;
    const leaf = plan.leaves[k]!;
    const input = sc.inputs[k];
    const claimed = input?.claimed;
    const flag = sc.flags[k]!;
    const unverifiable = (flag & INCOMPLETE) !== 0;
    const shown = toPlain(sc.counted[k]!, D);
    const ind = compiledIndicator(
      n.id,
      n.name,
      n.path,
      n.level,
      p.weight,
      shown,
      unverifiable,
      lazy,
      k,
      leaf.kind,
      (flag & MISSED) !== 0,
    );
    if (!unverifiable) {
      ind.ruleScore = shown;
      if (claimed !== undefined) {
        const adjustment = adjustmentOf(sc.q[k]!, claimed, D, input?.judged === undefined && leaf.judgment);
        if (adjustment) ind.adjustment = adjustment;
      }
    } else {
      const u = lazyMissing({ path: n.path, name: n.name } as Unverifiable['indicators'][number], lazy, k, claimed);
      open.push(u);
    }
    if (claimed !== undefined) ind.claimed = claimed;
    const tt = input?.target ?? n.target;
    if (tt !== undefined) ind.target = String(tt);
    if (input?.actual !== undefined) ind.actual = String(input.actual);
    else if (flag & FROM_METRIC) ind.actual = `${fmt2(sc.actual[k]!)}%`;
    if (input?.deviationReason) ind.deviationReason = input.deviationReason;
    indicators[k] = ind;
    const ns: NodeScore = {
      id: n.id,
      name: n.name,
      path: n.path,
      level: n.level,
      weight: p.weight,
      score: shown,
      strictScore: unverifiable ? 0 : shown,
      leaf: true,
    };
    if (claimed !== undefined) ns.claimed = claimed;
    nodes[i] = ns;
  }
  const t = totalsOf(plan, ev, sums);
  const result = compiledResult(
    { id: fw.id, name: fw.name, version: fw.version, decimals: D },
    ev.unit,
    ev.year,
    t,
    { count: open.length, points: toPlain(sums.unverifiablePoints, D), indicators: open },
    indicators,
    nodes,
    lazy,
  );
  if (t.claimedTotal !== undefined) result.claimedTotal = t.claimedTotal;
  if (ev.claimed?.total !== undefined) result.statedTotal = ev.claimed.total;
  if (ev.claimed?.grade !== undefined) result.statedGrade = ev.claimed.grade;
  return result;
}

/**
 * 核减 / 核增: the rule's score (units of 10^-decimals) against the self-score, unless they differ
 * only by rounding a judgment that was the self-score itself.
 */
function adjustmentOf(q: number, claimed: number, D: number, judgedFromClaim: boolean): IndicatorScore['adjustment'] {
  if (D > 4) throw DEFER;
  const C = fixed(claimed);
  if (C === undefined) throw DEFER;
  const diff = q * POW10[4 - D]! - C; // units of 0.0001
  if (diff === 0) return undefined;
  if (judgedFromClaim && Math.abs(diff) < POW10[4 - D]!) return undefined;
  // toNumber rounds half away from zero (decimal.js ROUND_HALF_UP).
  const m = roundFraction(Math.abs(diff) * POW10[D]!, F, true);
  if (m === undefined) throw DEFER;
  return { kind: diff < 0 ? '核减' : '核增', delta: toPlain(diff < 0 ? -m : m, D) };
}

/** A self-score sum (units of 0.0001) as toNumber(sum, decimals) shows it. */
function claimShown(c: number, scale: number, D: number): number {
  const q = roundFraction(c * scale, F, true);
  if (q === undefined) throw DEFER;
  return toPlain(q, D);
}

/** The reference's result for the same evaluation, computed the first time a sentence is read. */
class LazyTexts {
  private ref: ScoreResult | undefined;
  constructor(
    private readonly fw: Framework,
    private readonly ev: Evaluation,
  ) {}
  get full(): ScoreResult {
    if (!this.ref) {
      engineStats.lazyTexts++;
      this.ref = referenceScore(this.fw, this.ev);
    }
    return this.ref;
  }
}

// Own enumerable accessors (JSON.stringify and deep comparison read them like any field), defined
// once per class in the constructor through shared functions — no closure per object.
const LAZY = Symbol('lazy');
const INDEX = Symbol('index');
function explanationGet(this: { [LAZY]: LazyTexts; [INDEX]: number }): string {
  return this[LAZY].full.indicators[this[INDEX]]!.explanation;
}
function missingGet(this: { [LAZY]: LazyTexts; [INDEX]: number }): string[] {
  return this[LAZY].full.indicators[this[INDEX]]!.missing;
}
const NONE: string[] = [];
function metricsGet(this: { [LAZY]: LazyTexts }) {
  return this[LAZY].full.metrics;
}
function findingsGet(this: { [LAZY]: LazyTexts }) {
  return this[LAZY].full.findings;
}
const hidden = (value: unknown): PropertyDescriptor => ({ value, enumerable: false, writable: true });
// A write replaces the accessor with the value written (as on the reference's plain objects).
function accessor(get: () => unknown) {
  return {
    get,
    set(this: object, v: unknown) {
      Object.defineProperty(
        this,
        get === explanationGet
          ? 'explanation'
          : get === missingGet
            ? 'missing'
            : get === metricsGet
              ? 'metrics'
              : 'findings',
        {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        },
      );
    },
    enumerable: true,
    configurable: true,
  };
}

// Descriptors made once; the hidden values are set just before each (synchronous) use.
const INDICATOR_PROPS = {
  explanation: accessor(explanationGet),
  [LAZY]: hidden(undefined),
  [INDEX]: hidden(undefined),
};
const UNVERIFIABLE_PROPS = {
  missing: accessor(missingGet),
  explanation: accessor(explanationGet),
  [LAZY]: hidden(undefined),
  [INDEX]: hidden(undefined),
};
const OPEN_PROPS = {
  missing: accessor(missingGet),
  [LAZY]: hidden(undefined),
  [INDEX]: hidden(undefined),
};
const RESULT_PROPS = {
  metrics: accessor(metricsGet),
  findings: accessor(findingsGet),
  [LAZY]: hidden(undefined),
};

/** An IndicatorScore (a plain object, as the reference's) whose explanation is the reference's, built when read. */
function compiledIndicator(
  id: string,
  name: string,
  path: string[],
  level: number,
  weight: number,
  score: number,
  unverifiable: boolean,
  lazy: LazyTexts,
  index: number,
  rule: IndicatorScore['rule'],
  missed: boolean,
): IndicatorScore {
  const o = {
    id,
    name,
    path,
    level,
    weight,
    score,
    verification: unverifiable ? 'unverifiable' : 'verified',
    missing: NONE,
    explanation: '',
    rule,
    missed,
    incomplete: unverifiable,
  } as IndicatorScore;
  const props = unverifiable ? UNVERIFIABLE_PROPS : INDICATOR_PROPS;
  props[LAZY].value = lazy;
  props[INDEX].value = index;
  if (!unverifiable) o.missing = [];
  return Object.defineProperties(o, props);
}

/** A ScoreResult (a plain object) whose metrics and findings are the reference's, built when read. */
function compiledResult(
  framework: ScoreResult['framework'],
  unit: string,
  year: number,
  t: Totals,
  unverifiable: Unverifiable,
  indicators: IndicatorScore[],
  nodes: NodeScore[],
  lazy: LazyTexts,
): ScoreResult {
  const o = {
    framework,
    unit,
    year,
    total: t.total,
    grade: t.grade,
    strictTotal: t.strictTotal,
    strictGrade: t.strictGrade,
    unverifiable,
    gradeMayChange: t.gradeMayChange,
    unscored: t.unscored,
    indicators,
    nodes,
    metrics: [],
    findings: [],
  } as unknown as ScoreResult;
  RESULT_PROPS[LAZY].value = lazy;
  return Object.defineProperties(o, RESULT_PROPS);
}

/** An entry of `unverifiable.indicators` whose `missing` labels are the reference's, built when read. */
function lazyMissing(
  u: Unverifiable['indicators'][number],
  lazy: LazyTexts,
  index: number,
  claimed: number | undefined,
): Unverifiable['indicators'][number] {
  if (claimed !== undefined) u.claimed = claimed;
  u.missing = NONE;
  OPEN_PROPS[LAZY].value = lazy;
  OPEN_PROPS[INDEX].value = index;
  return Object.defineProperties(u, OPEN_PROPS);
}
