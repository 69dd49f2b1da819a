/**
 * Names as a filed document prints them: an indicator's full name (`fullName`, where the region's table
 * truncated it), told apart by its parent where two indicators share a name; and the unit's own text
 * with nothing of ours in it.
 */
import type { Ctx, TreeItem } from './context.js';

/** The full name of an indicator. */
export const fullName = (t: TreeItem): string => t.node?.fullName ?? t.name;

/**
 * The full name, with its parent in brackets where another indicator of the tree has the same full
 * name (上街: 预算执行率 is both a 一级 indicator and a 三级 one under 预算和财务管理).
 */
export function distinctName(ctx: Ctx, t: TreeItem): string {
  const name = fullName(t);
  let same = 0;
  for (const x of ctx.items.values()) if (fullName(x) === name) same++;
  if (same < 2) return name;
  return t.parent ? `${name}（${fullName(t.parent)}）` : `${name}（一级指标）`;
}
