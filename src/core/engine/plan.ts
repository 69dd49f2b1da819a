/**
 * A framework version compiled once into a plan: for each tailoring a unit may choose (dropped
 * indicators, unit weights), the effective tree flattened into arrays in the reference's visiting
 * order — nodes with parent links, leaves with fixed-point weights and rule closures.
 */
import { toNumber } from '../decimal.js';
import { effectiveTree, type Evaluation } from '../evaluation.js';
import type { Framework, IndicatorNode, ValidationIssue } from '../framework/model.js';
import { gradeOf } from '../grading.js';
import type { MetricId } from '../metrics.js';
import { parseTarget, type TargetSpec } from '../quantity.js';
import { JUDGMENT_KINDS, type Rule } from '../rules/schema.js';
import { fixed } from './fixed.js';
import { compileRule, type RuleFn } from './rules.js';

export interface PlanNode {
  node: IndicatorNode;
  /** Index of the parent in `nodes`, −1 for a root. */
  parent: number;
  leaf: number; // index in `leaves`, −1 for an inner node
  /** toNumber(weight, decimals) as shown. */
  weight: number;
}

export interface PlanLeaf {
  node: IndicatorNode;
  nodeIndex: number;
  kind: Rule['kind'];
  fn: RuleFn;
  /** The weight as a number, and in units of 0.0001. */
  w: number;
  W: number;
  judgment: boolean;
  metric?: MetricId;
  /** The framework's own 指标值, parsed once. */
  target?: TargetSpec;
}

export interface Plan {
  fw: Framework;
  /** Weight problems of this tailoring (findings, built by the reference when shown). */
  issues: ValidationIssue[];
  /** What the framework forbids (the reference throws them). */
  refused: boolean;
  nodes: PlanNode[];
  leaves: PlanLeaf[];
  leafById: Map<string, number>;
  nodeById: Map<string, number>;
  roots: number[];
  /** false when a rule kind or a weight here is one only the reference engine scores. */
  supported: boolean;
  grade(totalScaled: number): string;
}

const plans = new WeakMap<Framework, Map<string, Plan>>();
const MAX_TAILORINGS = 256;

/** The plan for this framework and this evaluation's tailoring, compiled on first use and cached. */
export function planFor(fw: Framework, ev: Evaluation): Plan {
  let byTailoring = plans.get(fw);
  if (!byTailoring) plans.set(fw, (byTailoring = new Map()));
  const key = ev.tailoring ? JSON.stringify(ev.tailoring) : '';
  let plan = byTailoring.get(key);
  if (!plan) {
    if (byTailoring.size >= MAX_TAILORINGS) byTailoring.clear();
    plan = compile(fw, ev);
    byTailoring.set(key, plan);
  }
  return plan;
}

function compile(fw: Framework, ev: Evaluation): Plan {
  const { roots, issues, refused } = effectiveTree(fw, ev);
  const nodes: PlanNode[] = [];
  const leaves: PlanLeaf[] = [];
  const leafById = new Map<string, number>();
  const nodeById = new Map<string, number>();
  const rootIdx: number[] = [];
  let supported = fw.decimals <= 8;
  const visit = (n: IndicatorNode, parent: number) => {
    const i = nodes.length;
    nodeById.set(n.id, i);
    const weight = toNumber(n.weight ?? 0, fw.decimals);
    const pn: PlanNode = { node: n, parent, leaf: -1, weight };
    nodes.push(pn);
    if (parent < 0) rootIdx.push(i);
    if (n.children.length === 0) {
      const rule: Rule = n.rule ?? { kind: 'manual' };
      const fn = compileRule(rule, fw.tiers);
      const w = n.weight?.toNumber() ?? 0;
      const W = n.weight ? fixed(w) : 0;
      const exactWeight = n.weight === undefined || n.weight.eq(w);
      if (!fn || W === undefined || !exactWeight) supported = false;
      pn.leaf = leaves.length;
      leafById.set(n.id, leaves.length);
      const target = parseTarget(n.target);
      leaves.push({
        node: n,
        nodeIndex: i,
        kind: rule.kind,
        fn: fn ?? (() => undefined),
        w,
        W: W ?? 0,
        judgment: JUDGMENT_KINDS.has(rule.kind),
        ...(n.metric && { metric: n.metric }),
        ...(target && { target }),
      });
    }
    for (const c of n.children) visit(c, i);
  };
  for (const r of roots) visit(r, -1);
  const grades = new Map<number, string>();
  const scale = 10 ** fw.decimals;
  return {
    fw,
    issues,
    refused: refused.length > 0,
    nodes,
    leaves,
    leafById,
    nodeById,
    roots: rootIdx,
    supported,
    grade(t: number) {
      let g = grades.get(t);
      if (g === undefined) {
        g = gradeOf(t / scale, fw.grades);
        if (grades.size < 100_000) grades.set(t, g);
      }
      return g;
    },
  };
}
