/**
 * Small text helpers shared by the importers: cleaning extracted text, normalising indicator
 * names for matching, and reading printed numbers ("1,586.78", "98.12%", "677.5 9").
 */

const FULL_WIDTH_DIGITS = /[０-９．％，]/g;

/** Half-width digits, dot, percent and comma. */
export function halfWidth(s: string): string {
  return s.replace(FULL_WIDTH_DIGITS, (c) => {
    if (c === '．') return '.';
    if (c === '％') return '%';
    if (c === '，') return '，';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

/**
 * Cleans text as extracted from PDF/Word: line endings, non-breaking spaces, the LaTeX fragments
 * some extractors leave for symbols ("$\leq 100\%$"), HTML paragraph tags.
 */
export function cleanText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\$\s*([^$\n]{0,60}?)\s*\$/g, (_, inner: string) => latex(inner))
    .replace(/\\(leq|geq|le|ge|times|%)/g, (m) => latex(m))
    .replace(/<\/?p>/g, '');
}

function latex(s: string): string {
  return s
    .replace(/\\leq?\b/g, '≤')
    .replace(/\\geq?\b/g, '≥')
    .replace(/\\times\b/g, '×')
    .replace(/\\%/g, '%')
    .replace(/\\,|\\ /g, '')
    .replace(/\s+/g, '');
}

/** A cell as displayed: lines joined (CJK wraps need no space), outer spaces trimmed. */
export function cellText(s: string): string {
  const parts = s.split('\n');
  let out = '';
  let blank = false;
  for (const raw of parts) {
    const p = raw.replace(/[\s\u3000]+$/g, '').replace(/^[\s\u3000]+/g, '');
    if (!p) {
      blank = true;
      continue;
    }
    if (out) {
      const a = out[out.length - 1]!;
      const b = p[0]!;
      out += blank || (/[A-Za-z0-9]/.test(a) && /[A-Za-z0-9]/.test(b)) ? ' ' : '';
    }
    out += p;
    blank = false;
  }
  return out.trim();
}

const QUOTES = /[“”"'‘’「」『』]/g;
const WEIGHT_SUFFIX = /[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[）)]\s*$/;

/** The weight printed inside a name: "投入（20分）", "结转结余率（4）", "当年预算执行情况（20）". */
export function splitWeight(name: string): { name: string; weight?: number } {
  const t = cellText(name);
  const m = WEIGHT_SUFFIX.exec(t);
  if (!m) return { name: t };
  return { name: t.slice(0, m.index).trim(), weight: Number(m[1]) };
}

/** Key for matching names: no spaces, quotes, weights, punctuation at the ends; half-width. */
export function normName(s: string): string {
  return halfWidth(splitWeight(s).name)
    .replace(/\s+/g, '')
    .replace(/[\u3000]/g, '')
    .replace(QUOTES, '')
    .replace(/^[一二三四五六七八九十\d]+[、.．]\s*/, '')
    .replace(/^[（(][一二三四五六七八九十\d]+[）)]/, '')
    .replace(/[：:。；;，,]+$/g, '');
}

/** Key for header cells: also drops units in brackets ("预算数（万元）") and colons. */
export function normHeader(s: string): string {
  return normName(s.replace(/[（(]\s*(万元|元|%|分)\s*[）)]/g, '')).replace(/[:：]/g, '');
}

const NUM = /^[-+]?\d[\d,，]*(?:\.\d+)?$/;

export interface ReadNumber {
  value: number;
  /** The cell needed interpretation (split digits, two numbers in one cell). */
  note?: string;
  uncertain?: boolean;
}

/**
 * A printed amount or score. "1,586.78" → 1586.78; "677.5 9" (digits split by the extractor) →
 * 677.59; "677.5 676.78" (two overlapping numbers) → the last one, flagged uncertain.
 */
export function readNumber(cell: string | undefined): ReadNumber | undefined {
  if (cell === undefined) return undefined;
  const t = halfWidth(cellText(cell))
    .replace(/\s*(万元|元|分)$/, '')
    .trim();
  if (!t) return undefined;
  if (NUM.test(t)) return { value: Number(t.replace(/[,，]/g, '')) };
  const parts = t.split(/\s+/);
  if (parts.length === 2 && parts.every((p) => NUM.test(p))) {
    const joined = parts.join('');
    if (/^\d+\.\d*$/.test(parts[0]!) && /^\d+$/.test(parts[1]!) && NUM.test(joined)) {
      return { value: Number(joined.replace(/[,，]/g, '')), note: `单元格“${t}”的数字被拆开，读作${joined}` };
    }
    const last = Number(parts[1]!.replace(/[,，]/g, ''));
    return { value: last, note: `单元格“${t}”含两个数字（文字重叠），取${parts[1]}`, uncertain: true };
  }
  return undefined;
}

export interface ReadPercent {
  value: number;
  /** Decimals as printed, for comparing at the printed precision. */
  decimals: number;
  hasSign: boolean;
}

/** "98.12%", "89.31" (a rate column without the sign), "100 %". */
export function readPercent(cell: string | undefined, requireSign = false): ReadPercent | undefined {
  if (cell === undefined) return undefined;
  const t = halfWidth(cellText(cell)).replace(/\s+/g, '');
  const m = /^([-+]?\d+(?:\.(\d+))?)(%?)$/.exec(t);
  if (!m) return undefined;
  if (requireSign && !m[3]) return undefined;
  return { value: Number(m[1]), decimals: m[2]?.length ?? 0, hasSign: m[3] === '%' };
}

export function isEmptyCell(c: string | undefined): boolean {
  return c === undefined || cellText(c) === '';
}

/** Placeholders printed in place of a value. */
export function isPlaceholder(c: string | undefined): boolean {
  const t = cellText(c ?? '');
  return t === '' || /^[—\-－–_/／]+$/.test(t);
}

/** Decimals of a number as printed ("3.00" → 2). */
export function printedDecimals(cell: string): number {
  const m = /\.(\d+)/.exec(halfWidth(cellText(cell)));
  return m ? m[1]!.length : 0;
}

export const round = (v: number, d: number): number => {
  const f = 10 ** d;
  return Math.round((v + Math.sign(v) * Number.EPSILON * Math.abs(v)) * f) / f;
};

/** A comparator followed by a number, as printed in 指标值 ("≥90%", "不低于20批次", "=100%"). */
export const TARGET_RE =
  /(≥|≤|>=|<=|＞=|＜=|=|＝|>|<|＞|＜|不低于|不少于|不小于|不高于|不超过|不多于|不大于|大于等于|小于等于|大于|小于|高于|低于|至少|至多)\s*\d/;

/**
 * An indicator code and the weight printed with a name, as 重点评价 tables print them:
 * “A决策（15分）”, “A决策15分”, “A1项目立项（6分）”, “A101立项依据充分性”, “B2 组织实施”, “A1-1 …”.
 * The code's shape gives the level: a letter is 一级, a letter and one or two digits 二级, a letter and
 * three or four digits (A101 = A1's first) or A1-1 / A1.1 三级.
 */
export function splitCode(cell: string): {
  code?: string;
  level?: number;
  parent?: string;
  name: string;
  weight?: number;
} {
  const t = cellText(cell);
  const m = /^([A-Z])(\d{0,4})(?:[-.．](\d{1,2}))?(?=[\s.．、:：]*[\u4e00-\u9fa5“"（(])[\s.．、:：]*(.+)$/.exec(t);
  if (!m) return splitWeight(t);
  let rest = m[4]!;
  let weight: number | undefined;
  const w = /^(.*?[\u4e00-\u9fa5）)”"])\s*[（(]?\s*(\d+(?:\.\d+)?)\s*分\s*[）)]?$/.exec(rest);
  if (w) {
    rest = w[1]!.replace(/[（(]\s*$/, '');
    weight = Number(w[2]);
  } else {
    const sw = splitWeight(rest);
    rest = sw.name;
    weight = sw.weight;
  }
  const { code, level, parent } = codeParts(m[1]!, m[2]!, m[3]);
  return { code, level, ...(parent && { parent }), name: rest.trim(), ...(weight !== undefined && { weight }) };
}

/** An indicator code's level and parent: A → 1; A1, A12 → 2 under A; A101, A1-1 → 3 under A1. */
function codeParts(letter: string, digits: string, sub?: string): { code: string; level: number; parent?: string } {
  const code = sub !== undefined ? `${letter}${digits}-${sub}` : `${letter}${digits}`;
  if (sub !== undefined) return { code, level: 3, parent: `${letter}${digits}` };
  if (!digits) return { code, level: 1 };
  if (digits.length <= 2) return { code, level: 2, parent: letter };
  return { code, level: 3, parent: `${letter}${digits.slice(0, digits.length - 2)}` };
}

/** A code printed in a column of its own (指标编号: “A101”, “B2”, “A1-1”), or undefined. */
export function readCode(cell: string): { code: string; level: number; parent?: string } | undefined {
  const m = /^([A-Z])(\d{0,4})(?:[-.．](\d{1,2}))?$/.exec(halfWidth(cellText(cell)).replace(/\s+/g, ''));
  return m ? codeParts(m[1]!, m[2]!, m[3]) : undefined;
}

/**
 * A library's error as part of a Chinese sentence: its message when it is Chinese (ours, passed
 * through), else nothing — “Invalid row number in model” tells a user nothing, the sentence around
 * it says what happened.
 */
export function libraryReason(e: unknown): string {
  const m = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  return /[\u4e00-\u9fff]/.test(m) ? `：${m}` : '';
}
