import type { Paragraph } from './extract.js';

/**
 * The report's narrative as sections: headings (一、 （一） 1. （1）) and the text under them.
 * Paragraphs broken by a page (“…确\n\n保刚性经费…”) are joined again.
 */
export interface Section {
  path: string[];
  text: string;
  line?: number;
}

const L1 = /^[一二三四五六七八九十]+、\s*\S/;
const L2 = /^[（(][一二三四五六七八九十]+[）)]\s*\S/;
const L3 = /^\d{1,2}\s*[.．、]\s*\S/;
const L4 = /^[（(]\d{1,2}[）)]\s*\S/;
const TERMINAL = /[。；;！？!?：:）)」”"]$/;

function headingLevel(t: string): number | undefined {
  const short = t.length <= 30;
  const ends = /[。；;，,]$/.test(t);
  if (L1.test(t) && t.length <= 40 && !/。./.test(t)) return 1;
  if (L2.test(t) && (t.length <= 18 || (short && !ends))) return 2;
  if (L3.test(t) && short && !ends) return 3;
  if (L4.test(t) && short && !ends) return 4;
  return undefined;
}

/** Joins paragraphs split by page breaks: the first does not end a sentence, the next is no heading. */
export function joinParagraphs(ps: Paragraph[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const p of ps) {
    const t = p.text.trim();
    if (!t) continue;
    const prev = out[out.length - 1];
    if (
      prev &&
      !TERMINAL.test(prev.text) &&
      headingLevel(prev.text) === undefined &&
      headingLevel(t) === undefined &&
      prev.text.length >= 20 &&
      !/^(附件|注[：:]|单位[：:])/.test(t)
    ) {
      prev.text += t;
      continue;
    }
    out.push({ ...p, text: t });
  }
  return out;
}

export function buildSections(ps: Paragraph[]): Section[] {
  const paras = joinParagraphs(ps);
  const sections: Section[] = [];
  const path: string[] = [];
  const levels: number[] = [];
  let current: Section | undefined;
  const levelsOf = paras.map((p) => headingLevel(p.text));
  const numbered = paras.map((p) => (L2.test(p.text) ? 2 : L3.test(p.text) ? 3 : L4.test(p.text) ? 4 : undefined));
  // Consecutive lines numbered alike are a list (（一）…（十六）), not headings.
  const listItem = (k: number) => {
    const l = levelsOf[k];
    if (l === undefined || l === 1) return false;
    return numbered[k - 1] === l || numbered[k + 1] === l;
  };
  for (let k = 0; k < paras.length; k++) {
    const p = paras[k]!;
    const lvl = listItem(k) ? undefined : levelsOf[k];
    if (lvl !== undefined) {
      while (levels.length && levels[levels.length - 1]! >= lvl) {
        levels.pop();
        path.pop();
      }
      levels.push(lvl);
      path.push(p.text.replace(/[。：:]$/, ''));
      current = undefined;
      continue;
    }
    if (!current) {
      current = {
        path: path.length ? [...path] : ['正文开头'],
        text: p.text,
        ...(p.line !== undefined && { line: p.line }),
      };
      sections.push(current);
    } else current.text += `\n${p.text}`;
  }
  return sections;
}

/** Sections as the evaluation's `narrative` record: "一、… / （一）…" → text. Keys stay unique. */
export function narrativeRecord(sections: Section[]): Record<string, string> {
  const rec: Record<string, string> = {};
  for (const s of sections) {
    let key = s.path.join(' / ');
    if (rec[key] !== undefined) {
      rec[key] += `\n${s.text}`;
      continue;
    }
    if (key.length > 200) key = key.slice(0, 200);
    rec[key] = s.text;
  }
  return rec;
}
