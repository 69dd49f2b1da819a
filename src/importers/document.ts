import { ImportError, LIMITS } from './limits.js';
import { fragmentTables } from './html.js';
import { cleanText } from './text-util.js';

/**
 * What every importer produces before interpretation: the report as a sequence of paragraphs and
 * table rows, in reading order. Plain text (flattened tables) is rebuilt into rows here; DOCX and
 * XLSX give rows directly; PDF text is laid out into lines and then read as plain text.
 */
export type Block =
  { kind: 'p'; text: string; line?: number } | { kind: 'row'; cells: string[]; line?: number; table?: number };

export interface Doc {
  format: 'text' | 'html' | 'docx' | 'xlsx' | 'pdf';
  blocks: Block[];
  /** Remarks about the layout itself (truncation, odd rows). */
  notes: string[];
  /** The page's title (web pages). */
  title?: string;
  /** Publication data separated from the body (web pages: 索引号, 发布机构, 生成日期 …). */
  meta?: Record<string, string>;
}

/**
 * Plain text as extracted from PDF/Word. Two table styles occur in the seeds:
 * - a row per line, cells separated by tabs (seeds 000, 001, 003);
 * - a cell per line: each line that starts with a tab begins a cell, following lines without a
 *   tab continue it, and a blank line ends the row (seeds 002, 004). A cell may itself contain a
 *   blank line; the text after it then continues the last cell of the row.
 * Lines without tabs are paragraphs.
 */
/** A blank line separates rows; a line holding only a tab is an empty cell, not a blank line. */
const blank = (l: string) => !l.includes('\t') && l.trim() === '';

export function layoutText(input: string): Doc {
  if (input.length > LIMITS.maxTextChars) {
    throw new ImportError('too-large', `文本过长（${input.length}字符，上限${LIMITS.maxTextChars}字符）`);
  }
  const text = cleanText(input);
  const lines = text.split('\n');
  if (lines.length > LIMITS.maxLines)
    throw new ImportError('too-large', `文本行数过多（${lines.length}行，上限${LIMITS.maxLines}行）`);
  const blocks: Block[] = [];
  const notes: string[] = [];
  // Text with HTML <table> blocks or Markdown pipe tables (PDF → Markdown extraction tools): the
  // tables are read as grids, the text between them as plain text.
  if (/<table\b/i.test(text) || lines.some((l, i) => PIPE_SEP.test(l) && pipeHead(lines[i - 1]))) {
    let table = 0;
    for (const seg of segments(lines)) {
      if (seg.kind === 'text') layoutPlain(seg.lines.map(stripMarkdown), seg.start, blocks);
      else
        for (const grid of seg.kind === 'html' ? fragmentTables(seg.lines.join('\n')) : [pipeGrid(seg.lines)]) {
          table++;
          grid.forEach((cells, k) =>
            blocks.push({ kind: 'row', cells, table, line: seg.start + 1 + (seg.kind === 'pipe' ? k : 0) }),
          );
        }
    }
    return { format: 'text', blocks, notes };
  }
  layoutPlain(lines, 0, blocks);
  return { format: 'text', blocks, notes };
}

/**
 * Markdown pipe tables as GFM writes them: a heading row, then the delimiter row (one dash or more a
 * column, alignment colons allowed), then rows; the outer pipes are optional (“a | b” is a row).
 */
const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_SEP = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$/;
/** A line that can be a pipe table's heading or row: it has an unescaped pipe and other text. */
const pipeHead = (l: string | undefined) => l !== undefined && /(^|[^\\])\|/.test(l) && /[^|\s:-]/.test(l);

type Segment = { kind: 'text' | 'html' | 'pipe'; lines: string[]; start: number };

/** Lines → runs of plain text, HTML tables (balanced <table>…</table>) and Markdown pipe tables. */
function segments(lines: string[]): Segment[] {
  const out: Segment[] = [];
  let text: string[] = [];
  let textStart = 0;
  const endText = (next: number) => {
    if (text.length) out.push({ kind: 'text', lines: text, start: textStart });
    text = [];
    textStart = next;
  };
  for (let i = 0; i < lines.length;) {
    const l = lines[i]!;
    const open = l.search(/<table\b/i);
    if (open >= 0) {
      const before = l.slice(0, open);
      if (!onlyTags(before)) text.push(before);
      endText(i);
      // Balanced to the matching </table>, across lines.
      let depth = 0;
      const buf: string[] = [];
      let j = i;
      let rest = l.slice(open);
      for (;;) {
        const re = /<(\/?)table\b[^>]*>/gi;
        let m: RegExpExecArray | null;
        let cut = -1;
        while ((m = re.exec(rest))) {
          depth += m[1] ? -1 : 1;
          if (depth === 0) {
            cut = m.index + m[0].length;
            break;
          }
        }
        if (cut >= 0) {
          buf.push(rest.slice(0, cut));
          const after = rest.slice(cut);
          out.push({ kind: 'html', lines: buf, start: i });
          if (!onlyTags(after)) lines[j] = after;
          else j++;
          break;
        }
        buf.push(rest);
        j++;
        if (j >= lines.length) {
          out.push({ kind: 'html', lines: buf, start: i });
          break;
        }
        rest = lines[j]!;
      }
      i = j;
      textStart = i;
      continue;
    }
    if (pipeHead(l) && !PIPE_SEP.test(l) && PIPE_SEP.test(lines[i + 1] ?? '')) {
      endText(i);
      // With outer pipes, rows are the lines framed by them; without, any line with a pipe.
      const framed = PIPE_ROW.test(l);
      let j = i;
      while (
        (j < lines.length && (framed ? PIPE_ROW.test(lines[j]!) : pipeHead(lines[j]))) ||
        PIPE_SEP.test(lines[j] ?? '')
      )
        j++;
      out.push({ kind: 'pipe', lines: lines.slice(i, j), start: i });
      i = j;
      textStart = i;
      continue;
    }
    text.push(l);
    i++;
  }
  endText(lines.length);
  return out;
}

/** A Markdown pipe table's rows (the separator dropped; `<br>` and escaped pipes kept in the cell). */
function pipeGrid(lines: string[]): string[][] {
  return lines
    .filter((l) => !PIPE_SEP.test(l))
    .map((l) =>
      l
        .trim()
        .replace(/^\|/, '')
        .replace(/(?<!\\)\|$/, '')
        .split(/(?<!\\)\|/)
        .map((c) =>
          c
            .replace(/\\\|/g, '|')
            .replace(/<br\s*\/?>/gi, '\n')
            .replace(/\*\*(.+?)\*\*/g, '$1')
            .trim(),
        ),
    );
}

/**
 * Nothing but markup: the <html><body> … </body></html> an extraction tool wraps each table in, or
 * the <div align="center"> around it. Such lines are blank, so the pages' tables still meet.
 */
const onlyTags = (l: string) => !l.replace(/<\/?[A-Za-z][^>]*>/g, '').trim();

/** Markdown marks an extraction tool leaves on text lines: heading hashes, bold, images. */
function stripMarkdown(l: string): string {
  if (onlyTags(l)) return '';
  return l
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\*\*(.+?)\*\*/g, '$1');
}

/** Plain text lines (rows by tabs) → blocks; `offset` is the first line's index in the file. */
function layoutPlain(lines: string[], offset: number, blocks: Block[]): void {
  // Groups of non-blank lines.
  const groups: Array<{ start: number; lines: string[] }> = [];
  let i = 0;
  while (i < lines.length) {
    while (i < lines.length && blank(lines[i]!)) i++;
    if (i >= lines.length) break;
    const start = i;
    while (i < lines.length && !blank(lines[i]!)) i++;
    groups.push({ start, lines: lines.slice(start, i) });
  }
  const isCellPerLine = (g: string[]) => {
    const tabbed = g.filter((l) => l.includes('\t'));
    return tabbed.length > 0 && tabbed.every((l) => l.indexOf('\t') === 0 && l.lastIndexOf('\t') === 0);
  };
  let lastRowOpen = false; // the last block is a cell-per-line row that may continue
  for (let gi = 0; gi < groups.length; gi++) {
    const { start, lines: group } = groups[gi]!;
    const tabbed = group.filter((l) => l.includes('\t'));
    const cellPerLine = isCellPerLine(group);
    const prev = blocks[blocks.length - 1];
    if (tabbed.length === 0) {
      // Text inside a cell that itself has blank lines: the table goes on right after it.
      let j = gi + 1;
      while (j < groups.length && j - gi <= 4 && !groups[j]!.lines.some((l) => l.includes('\t'))) j++;
      const next = groups[j];
      const inCell =
        lastRowOpen &&
        prev?.kind === 'row' &&
        next !== undefined &&
        next.lines[0]!.startsWith('\t') &&
        isCellPerLine(next.lines) &&
        !/^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|附件|注[：:])/.test(group[0]!.trim());
      if (inCell) {
        const last = prev.cells.length - 1;
        prev.cells[last] = `${prev.cells[last]}\n\n${group.join('\n')}`;
        continue;
      }
      for (let k = 0; k < group.length; k++)
        blocks.push({ kind: 'p', text: group[k]!.trim(), line: offset + start + k + 1 });
      lastRowOpen = false;
      continue;
    }
    if (!cellPerLine) {
      for (let k = 0; k < group.length; k++) {
        const l = group[k]!;
        if (l.includes('\t')) blocks.push({ kind: 'row', cells: l.split('\t'), line: offset + start + k + 1 });
        else blocks.push({ kind: 'p', text: l.trim(), line: offset + start + k + 1 });
      }
      lastRowOpen = false;
      continue;
    }
    // Cell per line.
    let k = 0;
    let row: { kind: 'row'; cells: string[]; line?: number } | undefined;
    if (!group[0]!.startsWith('\t')) {
      if (lastRowOpen && prev?.kind === 'row') {
        row = prev;
        while (k < group.length && !group[k]!.startsWith('\t')) {
          const last = row.cells.length - 1;
          row.cells[last] = `${row.cells[last]}\n\n${group[k]}`;
          k++;
        }
      } else {
        while (k < group.length && !group[k]!.startsWith('\t')) {
          blocks.push({ kind: 'p', text: group[k]!.trim(), line: offset + start + k + 1 });
          k++;
        }
      }
    }
    if (!row) {
      row = { kind: 'row', cells: [], line: offset + start + k + 1 };
      blocks.push(row);
    }
    for (; k < group.length; k++) {
      const l = group[k]!;
      if (l.startsWith('\t')) row.cells.push(l.slice(1));
      else row.cells[row.cells.length - 1] = `${row.cells[row.cells.length - 1]}\n${l}`;
    }
    lastRowOpen = true;
  }
}
