/**
 * Text helpers for reading narrative numbers. Pure string work; amounts are compared in cents and
 * rates at the precision they are printed with.
 */

/** Half-width digits and signs; quotes and spaces inside numbers removed. */
export function plain(s: string): string {
  return s
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/％/g, '%')
    .replace(/(\d)\s+(?=[\d.%])/g, '$1')
    .replace(/(\d)\s+(?=(万元|元|分|人|个|名|项|件))/g, '$1');
}

/** Key for matching names: no spaces, quotes or end punctuation. */
export function keyOf(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/[“”"'‘’「」]/g, '')
    .replace(/[：:。；;，,、]+$/g, '');
}

export interface Sentence {
  text: string;
  /** The paragraph it belongs to. */
  paragraph: string;
  index: number;
}

/** Paragraphs (lines) and their sentences (ending in 。！？). */
export function paragraphs(text: string): string[] {
  return text
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
}

export function sentencesOf(paragraph: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of paragraph) {
    cur += ch;
    if (ch === '。' || ch === '！' || ch === '？') {
      out.push(cur);
      cur = '';
    }
  }
  if (cur.trim()) out.push(cur);
  return out;
}

export const num = (s: string): number => Number(s.replace(/[,，]/g, ''));

export const cents = (v: number): number => Math.round(v * 100);

/** Round half-up at d decimals, on numbers as printed (no binary artefacts). */
export function roundTo(v: number, d: number): number {
  const f = 10 ** d;
  return Math.round(v * f + Math.sign(v) * 1e-9) / f;
}

export function fmtNum(v: number, d = 2): string {
  const s = roundTo(v, d).toFixed(d);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export const money = (v: number): string => roundTo(v, 2).toFixed(2);

/** A short quote around a match, for findings. */
export function around(text: string, start: number, end: number, pad = 24): string {
  const a = Math.max(0, start - pad);
  const b = Math.min(text.length, end + pad);
  return `${a > 0 ? '…' : ''}${text.slice(a, b)}${b < text.length ? '…' : ''}`;
}
