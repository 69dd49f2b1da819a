import type { z } from 'zod';
import { dec, type Dec, fmt, ZERO } from './decimal.js';
import { buildFramework, type Framework, type SourcePath } from './framework/model.js';
import { FrameworkSchema, type IndicatorSource } from './framework/schema.js';
import { fieldName } from './input.js';

/**
 * Editing a framework as data (the bureau's 框架编辑): copy a framework, add indicators (个性指标),
 * drop indicators, reweight — each edit gives a new source, and `checkDraft` says at once, in
 * Chinese and naming the indicator, whether the result is a valid framework whose weights add up.
 * Pure and immutable: the web app calls it on every keystroke, the server once more on save.
 */

export type FrameworkDraft = Omit<z.input<typeof FrameworkSchema>, 'indicators'> & { indicators: IndicatorSource[] };
export type IndicatorDraft = IndicatorSource;
/** Indices from the top: [i] is indicators[i], [i, j] its children[j], … */
export type NodePath = number[];

export interface DraftIssue {
  /** Where in the source, e.g. ['indicators', 0, 'children', 1, 'weight']. */
  src: SourcePath;
  field: string;
  /** The indicator the issue is about, if any. */
  node?: NodePath;
  message: string;
}

/** The indicator an issue's source path points into: ['indicators', 0, 'children', 2, 'weight'] → [0, 2]. */
export function nodePathOf(src: ReadonlyArray<string | number | PropertyKey>): NodePath | undefined {
  if (src[0] !== 'indicators' || typeof src[1] !== 'number') return undefined;
  const out: NodePath = [src[1]];
  for (let i = 2; i + 1 < src.length && src[i] === 'children' && typeof src[i + 1] === 'number'; i += 2)
    out.push(src[i + 1] as number);
  return out;
}

/** Validates a draft: the schema first (field by field), then the tree (weights, rules, ids). */
export function checkDraft(draft: unknown): { framework?: Framework; issues: DraftIssue[] } {
  const parsed = FrameworkSchema.safeParse(draft);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.slice(0, 50).map((i) => {
        const src = i.path as Array<string | number>;
        const node = nodePathOf(src);
        return {
          src,
          field: fieldName(src),
          message: `${nodeLabel(draft, node)}${i.message}`,
          ...(node ? { node } : {}),
        };
      }),
    };
  }
  const { framework, issues } = buildFramework(parsed.data);
  return {
    framework,
    issues: issues.map((i) => {
      const node = nodePathOf(i.src);
      return { src: i.src, field: fieldName(i.src), message: i.message, ...(node ? { node } : {}) };
    }),
  };
}

function nodeLabel(draft: unknown, node: NodePath | undefined): string {
  if (!node || typeof draft !== 'object' || draft === null) return '';
  const names = namesAlong(draft as FrameworkDraft, node);
  return names.length ? `指标“${names.join(' / ')}”：` : '';
}

function namesAlong(draft: FrameworkDraft, path: NodePath): string[] {
  const names: string[] = [];
  let list: IndicatorDraft[] | undefined = Array.isArray(draft.indicators) ? draft.indicators : undefined;
  for (const i of path) {
    const n = list?.[i];
    if (!n) break;
    names.push(typeof n.name === 'string' && n.name ? n.name : `第${i + 1}项`);
    list = n.children;
  }
  return names;
}

export function nodeAt(draft: FrameworkDraft, path: NodePath): IndicatorDraft | undefined {
  let list: IndicatorDraft[] | undefined = draft.indicators;
  let n: IndicatorDraft | undefined;
  for (const i of path) {
    n = list?.[i];
    if (!n) return undefined;
    list = n.children;
  }
  return n;
}

/** A copy of the draft with the list at `parent` ([] = the 一级 list) replaced by `fn`'s. */
function withList(
  draft: FrameworkDraft,
  parent: NodePath,
  fn: (list: IndicatorDraft[]) => IndicatorDraft[],
): FrameworkDraft {
  const rec = (list: IndicatorDraft[], depth: number): IndicatorDraft[] => {
    if (depth === parent.length) return fn(list);
    const i = parent[depth]!;
    if (!list[i]) throw new RangeError(`没有位置 ${parent.join('/')} 的指标`);
    return list.map((n, k) => (k === i ? { ...n, children: rec(n.children ?? [], depth + 1) } : n));
  };
  return { ...draft, indicators: rec(draft.indicators, 0) };
}

/** Sets (or, with undefined, removes) fields of one indicator. */
export function updateNode(draft: FrameworkDraft, path: NodePath, patch: Partial<IndicatorDraft>): FrameworkDraft {
  if (path.length === 0) throw new RangeError('须指明指标位置');
  const i = path[path.length - 1]!;
  return withList(draft, path.slice(0, -1), (list) => {
    if (!list[i]) throw new RangeError(`没有位置 ${path.join('/')} 的指标`);
    return list.map((n, k) => {
      if (k !== i) return n;
      const next: Record<string, unknown> = { ...n };
      for (const [key, v] of Object.entries(patch)) {
        if (v === undefined) delete next[key];
        else next[key] = v;
      }
      return next as unknown as IndicatorDraft;
    });
  });
}

/** Adds an indicator under `parent` ([] = a new 一级指标); a leaf that gets a child loses its rule. */
export function addNode(draft: FrameworkDraft, parent: NodePath, node: IndicatorDraft): FrameworkDraft {
  if (parent.length === 0) return { ...draft, indicators: [...draft.indicators, node] };
  const p = nodeAt(draft, parent);
  if (!p) throw new RangeError(`没有位置 ${parent.join('/')} 的指标`);
  const i = parent[parent.length - 1]!;
  return withList(draft, parent.slice(0, -1), (list) =>
    list.map((n, k) => {
      if (k !== i) return n;
      const { rule: _rule, metric: _metric, target: _target, ...rest } = n;
      const becomesParent = !n.children?.length;
      return { ...(becomesParent ? rest : n), children: [...(n.children ?? []), node] };
    }),
  );
}

/** Drops an indicator and everything under it. */
export function removeNode(draft: FrameworkDraft, path: NodePath): FrameworkDraft {
  if (path.length === 0) throw new RangeError('须指明指标位置');
  const i = path[path.length - 1]!;
  const parent = path.slice(0, -1);
  const next = withList(draft, parent, (list) => {
    if (!list[i]) throw new RangeError(`没有位置 ${path.join('/')} 的指标`);
    return list.filter((_, k) => k !== i);
  });
  return pruneEmpty(next, parent);
}

/** A parent whose last child was dropped keeps an empty `children` in the draft; the schema wants none. */
function pruneEmpty(draft: FrameworkDraft, parent: NodePath): FrameworkDraft {
  if (parent.length === 0) return draft;
  const p = nodeAt(draft, parent);
  if (p && p.children && p.children.length === 0) return updateNode(draft, parent, { children: undefined });
  return draft;
}

export function setWeight(draft: FrameworkDraft, path: NodePath, weight: number | undefined): FrameworkDraft {
  return updateNode(draft, path, { weight });
}

/** The copy a bureau starts from: a new id, name and region, version 1, the rest as it was. */
export function copyDraft(
  source: FrameworkDraft,
  to: { id: string; name: string; region?: string; issuer?: string; year?: number },
): FrameworkDraft {
  const copy: FrameworkDraft = structuredClone(source);
  copy.id = to.id;
  copy.name = to.name;
  copy.version = 1;
  if (to.region !== undefined) copy.region = to.region;
  if (to.issuer !== undefined) copy.issuer = to.issuer;
  if (to.year !== undefined) copy.year = to.year;
  return copy;
}

export interface WeightCheck {
  path: NodePath;
  name: string;
  weight?: number;
  /** Σ of the children's weights, where the node has children that all carry one. */
  childrenSum?: number;
  /** weight = Σ children (or no children / unset weights). */
  ok: boolean;
}

/**
 * Per indicator: its weight and what its children add up to, for the editor's live display; and
 * the 一级 total against the framework's total.
 */
export function weightChecks(draft: FrameworkDraft): {
  total: { expected: number; sum: number; ok: boolean };
  nodes: WeightCheck[];
} {
  const nodes: WeightCheck[] = [];
  const sumOf = (list: IndicatorDraft[]): Dec | undefined =>
    list.every((c) => typeof c.weight === 'number')
      ? list.reduce((a, c) => a.plus(c.weight as number), ZERO)
      : undefined;
  const visit = (list: IndicatorDraft[], base: NodePath) => {
    list.forEach((n, i) => {
      const path = [...base, i];
      const kids = n.children ?? [];
      const c: WeightCheck = { path, name: n.name, ok: true };
      if (typeof n.weight === 'number') c.weight = n.weight;
      if (kids.length) {
        const s = sumOf(kids);
        if (s !== undefined) {
          c.childrenSum = s.toNumber();
          if (c.weight !== undefined && !n.unitWeights) c.ok = s.eq(c.weight);
        }
        visit(kids, path);
      }
      nodes.push(c);
    });
  };
  visit(draft.indicators ?? [], []);
  const expected = typeof draft.total === 'number' ? draft.total : 100;
  const top = sumOf(draft.indicators ?? []) ?? ZERO;
  return { total: { expected, sum: top.toNumber(), ok: top.eq(expected) }, nodes };
}

/** “投入 20 + 过程 30 + …” — for messages. */
export function describeWeights(list: IndicatorDraft[]): string {
  return list.map((n) => `${n.name} ${typeof n.weight === 'number' ? fmt(dec(n.weight)) : '未设定'}`).join(' + ');
}
