import { ImportError, LIMITS } from './limits.js';
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
      for (let k = 0; k < group.length; k++) blocks.push({ kind: 'p', text: group[k]!.trim(), line: start + k + 1 });
      lastRowOpen = false;
      continue;
    }
    if (!cellPerLine) {
      for (let k = 0; k < group.length; k++) {
        const l = group[k]!;
        if (l.includes('\t')) blocks.push({ kind: 'row', cells: l.split('\t'), line: start + k + 1 });
        else blocks.push({ kind: 'p', text: l.trim(), line: start + k + 1 });
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
          blocks.push({ kind: 'p', text: group[k]!.trim(), line: start + k + 1 });
          k++;
        }
      }
    }
    if (!row) {
      row = { kind: 'row', cells: [], line: start + k + 1 };
      blocks.push(row);
    }
    for (; k < group.length; k++) {
      const l = group[k]!;
      if (l.startsWith('\t')) row.cells.push(l.slice(1));
      else row.cells[row.cells.length - 1] = `${row.cells[row.cells.length - 1]}\n${l}`;
    }
    lastRowOpen = true;
  }
  return { format: 'text', blocks, notes };
}
