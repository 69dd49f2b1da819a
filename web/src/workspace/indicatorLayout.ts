// The indicator table's layout: one row per leaf, ancestors as merged (rowSpan) cells, as the paper form prints it.
import type { IndicatorNode } from '@core/framework/model.js';

export interface Cell {
  node: IndicatorNode;
  rowSpan: number;
  colSpan: number;
}

export interface Layout {
  depth: number;
  rows: Array<{ leaf: IndicatorNode; cells: Cell[] }>;
}

export function layoutOf(roots: IndicatorNode[]): Layout {
  const leaves: Array<{ leaf: IndicatorNode; chain: IndicatorNode[] }> = [];
  const walk = (ns: IndicatorNode[], chain: IndicatorNode[]) => {
    for (const n of ns) {
      if (n.children.length === 0) leaves.push({ leaf: n, chain: [...chain, n] });
      else walk(n.children, [...chain, n]);
    }
  };
  walk(roots, []);
  const depth = Math.max(1, ...leaves.map((l) => l.chain.length));
  const count = new Map<string, number>();
  for (const l of leaves) for (const n of l.chain) count.set(n.id, (count.get(n.id) ?? 0) + 1);
  const seen = new Set<string>();
  const rows = leaves.map(({ leaf, chain }) => {
    const cells: Cell[] = [];
    chain.forEach((n, d) => {
      if (seen.has(n.id)) return;
      seen.add(n.id);
      cells.push({ node: n, rowSpan: count.get(n.id) ?? 1, colSpan: n === leaf ? depth - d : 1 });
    });
    return { leaf, cells };
  });
  return { depth, rows };
}

export const DEPTH_LABELS = ['一级指标', '二级指标', '三级指标', '四级指标'];
