import type { Block, Doc } from './document.js';
import { buildHeader, isHeaderRow } from './header.js';
import { cellText, readNumber, readPercent } from './text-util.js';

/**
 * Tables cut by page breaks, put back together. A PDF page break (and the extraction tools that turn
 * PDFs into Markdown or HTML) leaves one table as several, each opening with the heading row again,
 * with a page number or “续表” between them; a row cut by the break leaves its continuation as the
 * next part's first row, with nothing in the name and number columns. Consecutive parts whose
 * heading rows are the same (or, without a heading, whose width is the same right after a page
 * number) become one table: the repeated heading rows and the page numbers go, and a continuation
 * row is joined to the row it continues, cell by cell.
 */
const BETWEEN =
  /^([-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／共]\s*\d{1,4}\s*页?)?[-—–\s]*|[（(]?续[表上页]*[）)]?|续表\d*)$/;

type Row = Extract<Block, { kind: 'row' }>;

interface Part {
  start: number;
  end: number; // exclusive
  rows: Row[];
  heads: number;
}

const key = (cells: string[]) =>
  cells
    .map((c) => cellText(c).replace(/\s+/g, ''))
    .join('|')
    .replace(/\|+$/, '');

function parts(blocks: Block[]): Part[] {
  const out: Part[] = [];
  let i = 0;
  while (i < blocks.length) {
    const b = blocks[i]!;
    if (b.kind !== 'row') {
      i++;
      continue;
    }
    const start = i;
    const table = b.table;
    const rows: Row[] = [];
    while (i < blocks.length) {
      const x = blocks[i]!;
      if (x.kind !== 'row' || (rows.length && x.table !== table)) break;
      rows.push(x);
      i++;
    }
    let heads = 0;
    while (heads < rows.length && heads < 4 && isHeaderRow(rows[heads]!.cells)) heads++;
    out.push({ start, end: i, rows, heads });
  }
  return out;
}

/** The columns a heading names, in order (role and level), for headings worded differently. */
function roleKey(rows: Row[]): string | undefined {
  const h = buildHeader(rows.map((r) => r.cells));
  const k = h.roles.map((r) => (r ? `${r.role}${'level' in r && r.level !== undefined ? r.level : ''}` : '-'));
  while (k.length && k[k.length - 1] === '-') k.pop();
  return k.filter((x) => x !== '-').length >= 2 ? k.join('|') : undefined;
}

const isNumber = (c: string) => readNumber(c) !== undefined || readPercent(c) !== undefined;

const same = (a: string, b: string | undefined) => b !== undefined && a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/**
 * The columns of a row that only continue text cells of the row before, or undefined: no numbers,
 * nothing in the first columns but the labels the page repeats (the 一级/二级 names printed again at
 * the top of the page, `carried`), and text only in the right-hand (text) part of the table.
 */
function continuation(row: Row, width: number, carried: string[], head: Row[]): number[] | undefined {
  const cells = row.cells.map((c) => cellText(c));
  const filled = cells.map((c, k) => [c, k] as const).filter(([c]) => c !== '');
  if (filled.some(([c]) => isNumber(c))) return undefined;
  const text = filled.filter(([c, k]) => !same(c, carried[k]));
  if (!text.length || (cells[0] !== '' && !same(cells[0]!, carried[0]))) return undefined;
  // A new name, or anything in the 分值/得分 columns (“—”, “不适用”), is a row of its own.
  const roles = head.length ? buildHeader(head.map((r) => r.cells)).roles : [];
  const own = (k: number) => ['name', 'weight', 'refWeight', 'score', 'code'].includes(roles[k]?.role ?? '');
  return text.every(([, k]) => k >= Math.floor(width / 3) && !own(k)) ? text.map(([, k]) => k) : undefined;
}

/** The last text printed in each column of a part (what a repeated label at a page top repeats). */
function lastInColumns(rows: Row[]): string[] {
  const out: string[] = [];
  for (const r of rows) r.cells.forEach((c, k) => (cellText(c) ? (out[k] = cellText(c)) : undefined));
  return out;
}

export function stitchTables(doc: Doc): Doc {
  const blocks = doc.blocks;
  const ps = parts(blocks);
  if (ps.length < 2) return doc;
  const drop = new Set<number>();
  const notes: string[] = [];
  for (let k = 1; k < ps.length; k++) {
    const prev = ps[k - 1]!;
    const cur = ps[k]!;
    // Only page furniture between the two parts.
    let onlyFurniture = true;
    let furniture = 0;
    for (let j = prev.end; j < cur.start; j++) {
      const b = blocks[j]!;
      if (b.kind === 'p' && (BETWEEN.test(b.text.trim()) || !b.text.trim())) furniture++;
      else onlyFurniture = false;
    }
    if (!onlyFurniture) continue;
    const prevHead = prev.rows.slice(0, prev.heads).map((r) => key(r.cells));
    const curHead = cur.rows.slice(0, cur.heads).map((r) => key(r.cells));
    const width = Math.max(...prev.rows.map((r) => r.cells.length));
    // The same heading: the same words, or (printed again with another wording, “分值” for “分值（分）”,
    // “评分依据” for “评价意见”) the same columns in the same places.
    const sameHead =
      cur.heads > 0 &&
      prevHead.length > 0 &&
      (curHead.join('\n') === prevHead.join('\n') ||
        (roleKey(prev.rows.slice(0, prev.heads)) ?? '\u0000') === roleKey(cur.rows.slice(0, cur.heads)));
    const sameWidth = cur.heads === 0 && furniture > 0 && Math.max(...cur.rows.map((r) => r.cells.length)) === width;
    if (!sameHead && !sameWidth) continue;
    for (let j = prev.end; j < cur.start; j++) drop.add(j);
    for (let h = 0; h < cur.heads; h++) drop.add(cur.start + h);
    const table = prev.rows[0]!.table;
    for (const r of cur.rows) if (table !== undefined) r.table = table;
    // The first data row may continue the last row of the previous part.
    const first = cur.rows[cur.heads];
    const last = [...prev.rows].reverse().find((r) => !drop.has(blocks.indexOf(r)));
    const cont =
      first && last
        ? continuation(first, width, lastInColumns(prev.rows.slice(prev.heads)), prev.rows.slice(0, prev.heads))
        : undefined;
    if (first && last && cont) {
      for (const i of cont) last.cells[i] = (last.cells[i] ?? '') + cellText(first.cells[i]!);
      drop.add(cur.start + cur.heads);
      notes.push(`跨页的单元格已与上一页连接（“${cellText(first.cells[cont[0]!] ?? '').slice(0, 20)}…”）`);
    }
    // The merged part continues as one table for the next break.
    cur.rows = [...prev.rows, ...cur.rows.slice(cur.heads)];
    cur.heads = prev.heads;
    cur.start = prev.start;
  }
  if (!drop.size) return doc;
  const stitched = blocks.filter((_, j) => !drop.has(j));
  const joined = ps.length - new Set(stitched.filter((b): b is Row => b.kind === 'row').map((b) => b.table)).size;
  return {
    ...doc,
    blocks: stitched,
    notes: [...doc.notes, ...(joined > 0 ? [`跨页的表格已拼接（重复的表头已去掉）`] : []), ...notes],
  };
}
