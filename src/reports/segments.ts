/**
 * A table as the pieces that each begin with their own heading rows: 上街's indicator part below its
 * 预算情况 block, 怀柔's three blocks. Word and Chromium repeat only a table's first rows on later pages,
 * so the writers emit each piece as a table of its own, joined so that they read as one.
 */
import { placeCells, type Row, type Table } from './model.js';

/** Merged cells over at most this many rows keep their rows on one page (longer 一级 groups may break). */
export const TIE_ROWS = 6;

export interface Segment {
  rows: Row[];
  /** The first `head` rows repeat on every page the piece runs onto. */
  head: number;
  /** Index of the piece's first row in the table. */
  start: number;
}

export function tableSegments(t: Table): Segment[] {
  // Rows that a merged cell from above runs into cannot start a piece.
  const spanned = new Set<number>();
  for (const p of placeCells(t)) for (let r = p.r + 1; r < p.r + p.rowSpan; r++) spanned.add(r);
  const starts = [0];
  t.rows.forEach((row, r) => {
    if (r > 0 && row.header && !t.rows[r - 1]!.header && !spanned.has(r)) starts.push(r);
  });
  return starts.map((start, k) => {
    const rows = t.rows.slice(start, starts[k + 1] ?? t.rows.length);
    let head = 0;
    while (head < rows.length && rows[head]!.header) head++;
    return { rows, head, start };
  });
}
