import type { Block, Doc } from './document.js';
import { ImportError, LIMITS } from './limits.js';
import { cleanText } from './text-util.js';
import { SafeZip } from './zip.js';

/**
 * DOCX: word/document.xml read directly. Tables keep their rows and cells (a cell spanning columns
 * is followed by empty cells, a vertically merged continuation is empty); paragraphs become
 * paragraphs; text in nested tables joins the enclosing cell.
 */
export async function readDocx(buf: Uint8Array, name?: string): Promise<Doc> {
  const zip = await SafeZip.open(buf, name);
  const xml = await zip.text('word/document.xml');
  if (xml === undefined) throw new ImportError('corrupt', 'DOCX 中缺少 word/document.xml', name);
  return docxXmlToDoc(xml);
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    return ENTITY[e] ?? m;
  });
}

export function docxXmlToDoc(xml: string): Doc {
  const blocks: Block[] = [];
  const notes: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w.-]*:?[\w.-]*)((?:\s+[^>]*?)?)(\/?)>|([^<]+)/g;
  let para: string[] | undefined; // text runs of the current paragraph
  let inText = false;
  let skip = 0; // inside w:instrText, w:delText, mc:Fallback
  let tableDepth = 0;
  let row: string[] | undefined;
  let cell: string[] | undefined; // paragraphs of the current cell
  let span = 1;
  let vContinue = false;
  let table = 0;
  let count = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(xml))) {
    if (++count > 20_000_000) throw new ImportError('too-large', 'DOCX 内容过于复杂');
    const [, close, tname, attrs, selfClose, text] = m;
    if (text !== undefined) {
      if (inText && !skip && para) para.push(decode(text));
      continue;
    }
    const t = tname!;
    const isClose = close === '/';
    const self = selfClose === '/';
    if (t === 'w:instrText' || t === 'w:delText' || t === 'mc:Fallback' || t === 'w:delInstrText') {
      if (!self) skip += isClose ? -1 : 1;
      continue;
    }
    if (skip) continue;
    switch (t) {
      case 'w:p':
        if (self) {
          if (tableDepth === 0) break;
          cell?.push('');
          break;
        }
        if (!isClose) para = [];
        else if (para) {
          const p = para.join('');
          if (tableDepth > 0 && cell) cell.push(p);
          else if (tableDepth === 0 && p.trim()) blocks.push({ kind: 'p', text: cleanText(p).trim() });
          para = undefined;
        }
        break;
      case 'w:t':
        inText = !isClose && !self;
        break;
      case 'w:tab':
        if (!isClose && para) para.push('\t');
        break;
      case 'w:br':
      case 'w:cr':
        if (!isClose && para) para.push('\n');
        break;
      case 'w:tbl':
        if (!isClose && !self) {
          tableDepth++;
          if (tableDepth === 1) table++;
        } else if (isClose) tableDepth = Math.max(0, tableDepth - 1);
        break;
      case 'w:tr':
        if (tableDepth !== 1) break;
        if (!isClose && !self) row = [];
        else if (isClose && row) {
          if (row.length > LIMITS.maxSheetCols) row.length = LIMITS.maxSheetCols;
          blocks.push({ kind: 'row', cells: row, table });
          row = undefined;
        }
        break;
      case 'w:tc':
        if (tableDepth !== 1) break;
        if (!isClose && !self) {
          cell = [];
          span = 1;
          vContinue = false;
        } else if (isClose && cell && row) {
          const text = vContinue ? '' : cleanText(cell.join('\n')).replace(/\t/g, ' ');
          row.push(text);
          for (let k = 1; k < span; k++) row.push('');
          cell = undefined;
        }
        break;
      case 'w:gridSpan': {
        const v = /w:val="(\d+)"/.exec(attrs ?? '');
        if (v && tableDepth === 1) span = Math.min(50, Math.max(1, Number(v[1])));
        break;
      }
      case 'w:vMerge':
        if (tableDepth === 1 && !/w:val="restart"/.test(attrs ?? '')) vContinue = true;
        break;
      default:
        break;
    }
  }
  if (!blocks.length) notes.push('DOCX 中没有可读的文字');
  return { format: 'docx', blocks, notes };
}
