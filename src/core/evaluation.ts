import { z } from 'zod';
import { dec, fmt } from './decimal.js';
import { FiguresSchema } from './figures.js';
import { parseTarget } from './quantity.js';
import { RULE_KIND_NAMES, RuleSchema } from './rules/schema.js';
import {
  checkWeights,
  findIndicator,
  indexTree,
  type Framework,
  type IndicatorNode,
  type SourcePath,
  type TreeIndex,
  type ValidationIssue,
} from './framework/model.js';

const value = z.union([z.string(), z.number()]);

export interface IndicatorInput {
  target?: string | number;
  actual?: string | number;
  previous?: string | number;
  quarters?: number[];
  count?: number;
  tier?: string;
  value?: number;
  judged?: number;
  met?: boolean;
  checks?: Array<boolean | number>;
  vetoed?: boolean;
  parts?: Record<string, IndicatorInput>;
  claimed?: number;
  deviationReason?: string;
  evidence?: string[];
  note?: string;
}

/** What a unit enters for one indicator: 指标值, 实际完成值, judgments, 自评得分, 偏差原因, 佐证. */
export const IndicatorInputSchema: z.ZodType<IndicatorInput, unknown> = z.lazy(() =>
  z
    .object({
      target: value.optional(),
      actual: value.optional(),
      previous: value.optional(),
      quarters: z.array(z.number()).length(4).optional(),
      count: z.number().int().nonnegative().optional(),
      tier: z.string().optional(),
      value: z.number().min(0).max(100).optional(),
      judged: z.number().nonnegative().optional(),
      met: z.boolean().optional(),
      checks: z.array(z.union([z.boolean(), z.number().nonnegative()])).optional(),
      vetoed: z.boolean().optional(),
      parts: z.record(z.string(), IndicatorInputSchema).optional(),
      claimed: z.number().nonnegative().optional(),
      deviationReason: z.string().optional(),
      evidence: z.array(z.string()).optional(),
      note: z.string().optional(),
    })
    .strict(),
) as z.ZodType<IndicatorInput, unknown>;

export const TaskSchema = z
  .object({
    name: z.string(),
    content: z.string().optional(),
    budget: z.number().optional(),
    fiscalBudget: z.number().optional(),
    executed: z.number().optional(),
    fiscalExecuted: z.number().optional(),
    status: z.string().optional(),
  })
  .strict();

/** A unit's own indicator (个性指标) under a framework node that is `open`. */
export const AddedIndicatorSchema = z
  .object({
    parent: z.string().min(1),
    name: z.string().min(1),
    id: z.string().min(1).optional(),
    weight: z.number().nonnegative(),
    target: value.optional(),
    unit: z.string().optional(),
    explanation: z.string().optional(),
    standard: z.string().optional(),
    rule: RuleSchema.optional(),
  })
  .strict();
export type AddedIndicator = z.output<typeof AddedIndicatorSchema>;

export const EvaluationSchema = z
  .object({
    framework: z.string(),
    frameworkVersion: z.number().int().positive().optional(),
    unit: z.string().min(1),
    year: z.number().int().min(2000).max(2100),
    contact: z.string().optional(),
    source: z.string().optional(),
    goals: z.string().optional(),
    figures: FiguresSchema.default({}),
    tasks: z.array(TaskSchema).optional(),
    tailoring: z
      .object({
        drop: z.array(z.string()).optional(),
        weights: z.record(z.string(), z.number().nonnegative()).optional(),
        add: z.array(AddedIndicatorSchema).optional(),
      })
      .strict()
      .optional(),
    indicators: z.record(z.string(), IndicatorInputSchema).default({}),
    claimed: z
      .object({
        total: z.number().nonnegative().optional(),
        grade: z.string().optional(),
        subtotals: z.record(z.string(), z.number().nonnegative()).optional(),
      })
      .strict()
      .optional(),
    narrative: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export type Evaluation = z.output<typeof EvaluationSchema>;

export class EvaluationError extends Error {
  constructor(public readonly issues: ValidationIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
  }
}

function resolve(
  fw: Framework,
  index: TreeIndex,
  key: string,
  at: SourcePath,
  issues: ValidationIssue[],
): IndicatorNode | undefined {
  const hit = findIndicator(index, key);
  if (hit === undefined) {
    issues.push({ src: at, message: `框架“${fw.name}”中没有指标“${key}”` });
    return undefined;
  }
  if (Array.isArray(hit)) {
    issues.push({
      src: at,
      message: `指标名“${key}”在框架中出现${hit.length}次，请写明标识：${hit.map((h) => h.id).join('、')}`,
    });
    return undefined;
  }
  return hit;
}

function cloneTree(nodes: IndicatorNode[]): IndicatorNode[] {
  return nodes.map((n) => ({ ...n, children: cloneTree(n.children) }));
}

/**
 * The unit's own tree: the framework with not-applicable indicators dropped and weights set by the
 * unit (设定分值), as far as the framework allows. The result must add up exactly.
 */
export function effectiveTree(
  fw: Framework,
  ev: Evaluation,
): { roots: IndicatorNode[]; issues: ValidationIssue[]; refused: ValidationIssue[] } {
  // refused: what the framework forbids the unit to do; issues: sums that do not add up (findings).
  const issues: ValidationIssue[] = [];
  const refused: ValidationIssue[] = [];
  const roots = cloneTree(fw.roots);
  const t = ev.tailoring;
  const drops = new Set<string>();
  const all = indexTree(roots);
  (t?.drop ?? []).forEach((key, i) => {
    const n = resolve(fw, all, key, ['tailoring', 'drop', i], refused);
    if (!n) return;
    if (!n.optional)
      refused.push({ src: ['tailoring', 'drop', i], message: `指标“${n.name}”不是可选指标，框架不允许删减` });
    else drops.add(n.id);
  });
  const prune = (ns: IndicatorNode[]): IndicatorNode[] =>
    ns.filter((n) => !drops.has(n.id)).map((n) => ({ ...n, children: prune(n.children) }));
  const kept = t?.drop?.length ? prune(roots) : roots;
  (t?.add ?? []).forEach((a, i) => addIndicator(fw, kept, a, ['tailoring', 'add', i], refused));
  const keptIndex = indexTree(kept);
  for (const [key, w] of Object.entries(t?.weights ?? {})) {
    const at = ['tailoring', 'weights', key];
    const n = resolve(fw, keptIndex, key, at, refused);
    if (!n) continue;
    if (n.fixedWeight && n.weight && !n.weight.eq(w)) {
      refused.push({ src: at, message: `指标“${n.name}”分值固定为${fmt(n.weight)}分，不能调整为${fmt(w)}分` });
      continue;
    }
    n.weight = dec(w);
  }
  const settled = settle(kept);
  issues.push(
    ...checkWeights(settled, fw.total, true).map((i) => ({ ...i, message: `按本单位设定分值：${i.message}` })),
  );
  return { roots: settled, issues, refused };
}

/**
 * After tailoring: a node left for the unit to fill (open, or all of its children dropped) that the
 * unit did not use and gave no weight is not part of its tree (10号: 成本指标 only where set); a node
 * without a weight of its own weighs what its children weigh (二级 = Σ 三级 the unit set).
 */
function settle(nodes: IndicatorNode[]): IndicatorNode[] {
  return nodes.filter((n) => {
    const had = n.children.length > 0;
    n.children = settle(n.children);
    const unused = n.children.length === 0 && !n.rule && (n.open !== undefined || had);
    if (unused && (n.weight === undefined || n.weight.isZero())) return false;
    if (n.weight === undefined && n.children.length > 0 && n.children.every((c) => c.weight !== undefined)) {
      n.weight = n.children.reduce((a, c) => a.plus(c.weight!), dec(0));
    }
    return true;
  });
}

/**
 * Adds a unit's own indicator under an `open` node. Its rule: the unit's, if the framework allows
 * that kind; else the node's quantitative rule when the 指标值 carries a number, its qualitative
 * rule when it does not (“如果不能定量评价，则以定性的方式进行自评”).
 */
function addIndicator(
  fw: Framework,
  roots: IndicatorNode[],
  a: AddedIndicator,
  at: SourcePath,
  refused: ValidationIssue[],
): void {
  const index = indexTree(roots);
  const parent = resolve(fw, index, a.parent, [...at, 'parent'], refused);
  if (!parent) return;
  if (!parent.open) {
    refused.push({ src: [...at, 'parent'], message: `指标“${parent.name}”下不允许单位自行添加指标` });
    return;
  }
  const id = a.id ?? (index.byId.has(a.name) ? [...parent.path, a.name].join('/') : a.name);
  if (index.byId.has(id) || parent.children.some((c) => c.name === a.name)) {
    refused.push({ src: [...at, 'name'], message: `指标“${a.name}”已存在，请另取名称或指定 id` });
    return;
  }
  const open = parent.open;
  if (a.rule && open.kinds && !open.kinds.includes(a.rule.kind)) {
    refused.push({
      src: [...at, 'rule', 'kind'],
      message: `“${parent.name}”下的个性指标只能用${open.kinds.map((k) => RULE_KIND_NAMES[k]).join('、')}计分，不能用${RULE_KIND_NAMES[a.rule.kind]}`,
    });
    return;
  }
  const rule = a.rule ?? (parseTarget(a.target) ? open.quantitative : open.qualitative);
  parent.children.push({
    id,
    name: a.name,
    level: parent.level + 1,
    path: [...parent.path, a.name],
    src: at,
    weight: dec(a.weight),
    fixedWeight: false,
    optional: false,
    unitWeights: false,
    added: true,
    rule,
    children: [],
    ...(a.target !== undefined && { target: a.target }),
    ...(a.unit !== undefined && { unit: a.unit }),
    ...(a.explanation !== undefined && { explanation: a.explanation }),
    ...(a.standard !== undefined && { standard: a.standard }),
  });
}

export function resolveInputs(
  fw: Framework,
  roots: IndicatorNode[],
  ev: Evaluation,
): { inputs: Map<string, IndicatorInput>; subtotals: Map<string, number>; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const index = indexTree(roots);
  const subtotals = new Map<string, number>();
  const inputs = new Map<string, IndicatorInput>();
  for (const [key, input] of Object.entries(ev.indicators)) {
    const n = resolve(fw, index, key, ['indicators', key], issues);
    if (!n) continue;
    if (n.children.length) {
      issues.push({ src: ['indicators', key], message: `“${n.name}”不是末级指标，请对其下级指标填写数据` });
      continue;
    }
    if (inputs.has(n.id)) issues.push({ src: ['indicators', key], message: `指标“${n.name}”重复填写` });
    inputs.set(n.id, input);
  }
  for (const [key, v] of Object.entries(ev.claimed?.subtotals ?? {})) {
    const n = resolve(fw, index, key, ['claimed', 'subtotals', key], issues);
    if (n) subtotals.set(n.id, v);
  }
  return { inputs, subtotals, issues };
}
