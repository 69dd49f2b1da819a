import type { Framework, IndicatorNode } from '../core/framework/model.js';
import { walk } from '../core/framework/model.js';
import { LIMITS } from './limits.js';
import { cellText, normName, TARGET_RE } from './text-util.js';

/** A leaf is an indicator that is scored; open nodes (个性指标 parents) count as nodes. */
export const isLeaf = (n: IndicatorNode): boolean => n.children.length === 0 && !n.open;

export interface LeafHit {
  node: IndicatorNode;
  /** The 指标值 printed in the same cell ("“三公经费”控制率≤100%"). */
  target?: string;
  /** How the name was matched, when not exactly. */
  note?: string;
}

/**
 * Finds framework indicators in table cells by name. Names are compared after normalisation
 * (spaces, quotes, printed weights removed); a table that truncates names ("预决算信息公") still
 * matches; where a name occurs more than once in the framework, the row's context decides.
 */
export class Resolver {
  private readonly leafByKey = new Map<string, IndicatorNode[]>();
  private readonly nodeByKey = new Map<string, IndicatorNode[]>();
  private readonly order = new Map<string, number>();
  private readonly leafKeys: Array<[string, IndicatorNode]> = [];
  readonly used = new Set<string>();
  lastOrder = -1;

  constructor(readonly fw: Framework) {
    let k = 0;
    walk(fw.roots, (n) => {
      this.order.set(n.id, k++);
      const keys = new Set([normName(n.name), ...(n.fullName ? [normName(n.fullName)] : [])]);
      const map = isLeaf(n) ? this.leafByKey : this.nodeByKey;
      for (const key of keys) {
        if (!key) continue;
        map.set(key, [...(map.get(key) ?? []), n]);
        if (isLeaf(n)) this.leafKeys.push([key, n]);
      }
    });
  }

  leaves(): IndicatorNode[] {
    const out: IndicatorNode[] = [];
    walk(this.fw.roots, (n) => {
      if (isLeaf(n)) out.push(n);
    });
    return out;
  }

  orderOf(n: IndicatorNode): number {
    return this.order.get(n.id) ?? 0;
  }

  /** Non-leaf indicator named by a cell. */
  node(cell: string, context: Array<IndicatorNode | undefined>): IndicatorNode | undefined {
    const key = normName(cell);
    if (!key || cellText(cell).length > LIMITS.maxNameChars) return undefined;
    let cands = this.nodeByKey.get(key);
    if (!cands && this.leafByKey.has(key)) return undefined;
    if (!cands && key.length >= 3) {
      const bare = key.replace(/(情况|指标)$/, '');
      cands =
        this.nodeByKey.get(bare) ??
        [...this.nodeByKey.entries()].find(([k]) => k.replace(/(情况|指标)$/, '') === bare)?.[1];
    }
    if (!cands?.length) return undefined;
    return this.pick(cands, context, false);
  }

  /** The leaf a cell names, if any. */
  leaf(cell: string, context: Array<IndicatorNode | undefined>): LeafHit | undefined {
    const text = cellText(cell);
    if (!text || text.length > LIMITS.maxNameChars) return undefined;
    const key = normName(text);
    if (!key) return undefined;
    let cands = this.leafByKey.get(key);
    let target: string | undefined;
    let note: string | undefined;
    if (!cands && this.nodeByKey.has(key)) return undefined;
    if (!cands) {
      const m = TARGET_RE.exec(text);
      if (m && m.index > 1) {
        const nk = normName(text.slice(0, m.index));
        cands = this.leafByKey.get(nk);
        if (cands) target = text.slice(m.index).trim();
      }
    }
    if (!cands && key.length >= 5) {
      // Truncated in the table (“预决算信息公”), or the framework's name is the truncated one.
      const hits = this.leafKeys.filter(
        ([k]) =>
          (k.startsWith(key) && k.length > key.length) ||
          (key.startsWith(k) && k.length >= 5 && key.length - k.length <= 3 && !/\d/.test(key.slice(k.length))),
      );
      if (hits.length) {
        cands = [...new Set(hits.map(([, n]) => n))];
        note = `表中名称“${text}”与指标“${cands[0]!.name}”按前缀对应`;
      }
    }
    if (!cands?.length) return undefined;
    const node = this.pick(cands, context, true);
    const hit: LeafHit = { node };
    if (target) hit.target = target;
    if (note) hit.note = note;
    return hit;
  }

  private pick(cands: IndicatorNode[], context: Array<IndicatorNode | undefined>, leaf: boolean): IndicatorNode {
    if (cands.length === 1) return cands[0]!;
    const ctx = context.filter((c): c is IndicatorNode => !!c);
    let best = cands[0]!;
    let bestScore = -Infinity;
    for (const c of cands) {
      let s = 0;
      // Ancestors printed in the row or carried from the rows above.
      for (const n of ctx) if (n.path.length < c.path.length && n.path.every((p, i) => c.path[i] === p)) s += 2;
      if (leaf && !this.used.has(c.id)) s += 1;
      const o = this.orderOf(c);
      if (leaf && o > this.lastOrder) s += 0.5 - Math.min(0.4, (o - this.lastOrder) / 1000);
      if (s > bestScore) {
        best = c;
        bestScore = s;
      }
    }
    return best;
  }
}
