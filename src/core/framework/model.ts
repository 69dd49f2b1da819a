import { type Dec, dec, fmt, ZERO } from '../decimal.js';
import type { LayoutId } from '../layouts.js';
import type { MetricId } from '../metrics.js';
import { DEFAULT_TIERS } from '../rules/score.js';
import type { Rule, Tier } from '../rules/schema.js';
import type { FrameworkSource, IndicatorSource, OpenSpec } from './schema.js';

export type SourcePath = Array<string | number>;

export interface IndicatorNode {
  id: string;
  name: string;
  fullName?: string;
  level: number;
  /** Names from the 一级 indicator down to this one. */
  path: string[];
  /** Where it stands in the framework file, for error messages. */
  src: SourcePath;
  weight?: Dec;
  referenceWeight?: Dec;
  fixedWeight: boolean;
  optional: boolean;
  unitWeights: boolean;
  explanation?: string;
  standard?: string;
  target?: string | number;
  unit?: string;
  metric?: MetricId;
  rule?: Rule;
  /** Units add their own indicators (个性指标) below this node. */
  open?: OpenSpec;
  /** Added by the unit, not by the framework. */
  added?: boolean;
  children: IndicatorNode[];
}

export interface Framework {
  id: string;
  name: string;
  region: string;
  issuer?: string;
  year: number;
  version: number;
  kind: 'department' | 'project';
  layout?: LayoutId;
  source?: string;
  total: Dec;
  decimals: number;
  grades: FrameworkSource['grades'];
  tiers: Tier[];
  notes: string[];
  /** Bounds on what units may enter (default: src/core/check/domains.ts DEFAULT_LIMITS). */
  limits?: { moneyMax?: number };
  roots: IndicatorNode[];
}

export interface ValidationIssue {
  /** Path inside the source document (framework or evaluation file). */
  src: SourcePath;
  message: string;
}

export function walk(nodes: IndicatorNode[], fn: (n: IndicatorNode) => void): void {
  for (const n of nodes) {
    fn(n);
    walk(n.children, fn);
  }
}

export function leaves(nodes: IndicatorNode[]): IndicatorNode[] {
  const out: IndicatorNode[] = [];
  walk(nodes, (n) => {
    if (n.children.length === 0) out.push(n);
  });
  return out;
}

export function allNodes(nodes: IndicatorNode[]): IndicatorNode[] {
  const out: IndicatorNode[] = [];
  walk(nodes, (n) => out.push(n));
  return out;
}

function build(srcs: IndicatorSource[], parent: IndicatorNode | undefined, base: SourcePath): IndicatorNode[] {
  return srcs.map((s, i) => {
    const src = [...base, i];
    const node: IndicatorNode = {
      id: s.id ?? '',
      name: s.name,
      level: parent ? parent.level + 1 : 1,
      path: parent ? [...parent.path, s.name] : [s.name],
      src,
      fixedWeight: s.fixedWeight ?? false,
      optional: s.optional ?? false,
      unitWeights: s.unitWeights ?? false,
      children: [],
      ...(s.fullName !== undefined && { fullName: s.fullName }),
      ...(s.weight !== undefined && { weight: dec(s.weight) }),
      ...(s.referenceWeight !== undefined && { referenceWeight: dec(s.referenceWeight) }),
      ...(s.explanation !== undefined && { explanation: s.explanation }),
      ...(s.standard !== undefined && { standard: s.standard }),
      ...(s.target !== undefined && { target: s.target }),
      ...(s.unit !== undefined && { unit: s.unit }),
      ...(s.metric !== undefined && { metric: s.metric }),
      ...(s.rule !== undefined && { rule: s.rule }),
      ...(s.open !== undefined && { open: s.open }),
    };
    node.children = s.children ? build(s.children, node, [...src, 'children']) : [];
    return node;
  });
}

/** Gives every indicator an id: its own, else its name, else parent/name where names repeat. */
function assignIds(roots: IndicatorNode[], issues: ValidationIssue[]): void {
  const all = allNodes(roots);
  const nameCount = new Map<string, number>();
  for (const n of all) nameCount.set(n.name, (nameCount.get(n.name) ?? 0) + 1);
  const seen = new Map<string, IndicatorNode>();
  for (const n of all) {
    if (!n.id) n.id = (nameCount.get(n.name) ?? 0) > 1 ? n.path.join('/') : n.name;
    const prev = seen.get(n.id);
    if (prev)
      issues.push({
        src: [...n.src, 'id'],
        message: `指标标识“${n.id}”重复（另见“${prev.path.join(' / ')}”），请为其一指定不同的 id`,
      });
    seen.set(n.id, n);
  }
}

const sum = (ns: IndicatorNode[]) => ns.reduce((s, n) => s.plus(n.weight ?? ZERO), ZERO);

/**
 * Checks that a tree adds up: children's weights equal the parent's, 一级 weights equal the total,
 * leaves carry rules, rule points agree with weights. `strict` is for an evaluation's effective
 * tree, where weights the framework left to the unit must now be set.
 */
export function checkWeights(roots: IndicatorNode[], total: Dec, strict: boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const topMissing = roots.some((r) => r.weight === undefined);
  if (!topMissing && !sum(roots).eq(total)) {
    issues.push({ src: ['indicators'], message: `一级指标分值合计${fmt(sum(roots))}分，应为总分${fmt(total)}分` });
  }
  walk(roots, (n) => {
    if (n.weight === undefined && strict)
      issues.push({ src: [...n.src, 'weight'], message: `指标“${n.path.join(' / ')}”未设定分值` });
    if (n.children.length === 0 && n.open && !n.rule) {
      if (strict)
        issues.push({
          src: [...n.src],
          message: `“${n.path.join(' / ')}”的三级指标由单位自行设置，尚未添加（tailoring.add）`,
        });
      return;
    }
    if (n.children.length === 0) {
      if (!n.rule)
        issues.push({ src: [...n.src, 'rule'], message: `末级指标“${n.path.join(' / ')}”缺少评分规则（rule）` });
      else issues.push(...checkRulePoints(n));
      return;
    }
    if (n.rule) issues.push({ src: [...n.src, 'rule'], message: `“${n.name}”有下级指标，不能再设评分规则` });
    if (n.weight === undefined || n.children.some((c) => c.weight === undefined)) return;
    if (n.unitWeights && !strict) return;
    const s = sum(n.children);
    if (!s.eq(n.weight)) {
      issues.push({
        src: [...n.src, 'weight'],
        message: `“${n.path.join(' / ')}”分值${fmt(n.weight)}分，下级指标分值合计${fmt(s)}分，两者不等`,
      });
    }
  });
  return issues;
}

function checkRulePoints(n: IndicatorNode): ValidationIssue[] {
  const r = n.rule!;
  const w = n.weight;
  if (w === undefined) return [];
  const at = [...n.src, 'rule'];
  if (r.kind === 'checklist') {
    const s = r.items.reduce((a, it) => a.plus(it.points), ZERO);
    if (!s.eq(w)) return [{ src: at, message: `“${n.name}”各要点分值合计${fmt(s)}分，与指标分值${fmt(w)}分不等` }];
  }
  if (r.kind === 'composite') {
    const s = r.parts.reduce((a, p) => a.plus(p.points), ZERO);
    if (!s.eq(w)) return [{ src: at, message: `“${n.name}”各分项分值合计${fmt(s)}分，与指标分值${fmt(w)}分不等` }];
  }
  if (r.kind === 'levels') {
    const bad = r.levels.find((l) => w.lt(l.points));
    if (bad) return [{ src: at, message: `“${n.name}”档次“${bad.name}”得分${bad.points}分超过指标分值${fmt(w)}分` }];
  }
  if (r.kind === 'bands') {
    const bad = r.bands.find((b) => b.points !== undefined && w.lt(b.points));
    if (bad) return [{ src: at, message: `“${n.name}”某档得分${bad.points}分超过指标分值${fmt(w)}分` }];
  }
  return [];
}

export function buildFramework(src: FrameworkSource): { framework: Framework; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const roots = build(src.indicators, undefined, ['indicators']);
  assignIds(roots, issues);
  const framework: Framework = {
    id: src.id,
    name: src.name,
    region: src.region,
    year: src.year,
    version: src.version,
    kind: src.kind,
    total: dec(src.total),
    decimals: src.decimals,
    grades: src.grades,
    tiers: src.tiers ?? DEFAULT_TIERS,
    notes: src.notes ?? [],
    roots,
    ...(src.issuer !== undefined && { issuer: src.issuer }),
    ...(src.layout !== undefined && { layout: src.layout }),
    ...(src.source !== undefined && { source: src.source }),
    ...(src.limits !== undefined && { limits: src.limits }),
  };
  issues.push(...checkWeights(roots, framework.total, false));
  const bands = [...src.grades.bands].sort((a, b) => b.min - a.min);
  if (bands[bands.length - 1]!.min !== 0)
    issues.push({ src: ['grades', 'bands'], message: '等级划分最低一档应从0分起' });
  return { framework, issues };
}

export interface TreeIndex {
  byId: Map<string, IndicatorNode>;
  byPath: Map<string, IndicatorNode>;
  byName: Map<string, IndicatorNode[]>;
}

export function indexTree(roots: IndicatorNode[]): TreeIndex {
  const idx: TreeIndex = { byId: new Map(), byPath: new Map(), byName: new Map() };
  walk(roots, (n) => {
    idx.byId.set(n.id, n);
    idx.byPath.set(n.path.join('/'), n);
    for (const name of new Set([n.name, n.fullName ?? n.name]))
      idx.byName.set(name, [...(idx.byName.get(name) ?? []), n]);
  });
  return idx;
}

/** Finds an indicator by id, by a "/"-joined path, or by name where the name is unique. */
export function findIndicator(index: TreeIndex, key: string): IndicatorNode | IndicatorNode[] | undefined {
  const hit = index.byId.get(key) ?? index.byPath.get(key);
  if (hit) return hit;
  const byName = index.byName.get(key) ?? [];
  if (byName.length === 1) return byName[0];
  return byName.length > 1 ? byName : undefined;
}
