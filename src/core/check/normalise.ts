/**
 * @module Reading a number as people type it: full-width digits and punctuation from a Chinese IME
 * (１２３．４), ％, thousands separators (1,234.5), a trailing unit (万元, 元 converted to 万元, 亿元,
 * %, 人, 次 …). What cannot be read is reported in Chinese and left as typed — never erased.
 */
import { dec } from '../decimal.js';

/** Full-width ASCII (！–～) to half-width, the ideographic space to a space, the minus signs to '-'. */
export function halfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u2212\u2012\u2013\uFE63]/g, '-');
}

/** The unit a field is entered in; decides which trailing units are understood. */
export type NumberUnit = 'wan' | 'percent' | 'count' | 'plain';

/** Trailing units understood per field unit, and the factor to the field's unit. */
const SUFFIXES: Record<NumberUnit, ReadonlyArray<readonly [string, number]>> = {
  // Longer first so 万元 is not read as 元.
  wan: [
    ['亿元', 10000],
    ['万元', 1],
    ['元', 0.0001],
  ],
  percent: [['%', 1]],
  count: [
    ['人次', 1],
    ['人', 1],
    ['次', 1],
    ['个', 1],
    ['项', 1],
    ['件', 1],
    ['户', 1],
    ['名', 1],
  ],
  plain: [],
};

export const UNIT_WORDS: Record<NumberUnit, string> = { wan: '万元', percent: '%', count: '', plain: '' };

export type ReadNumber = { ok: true; value: number; note?: string } | { ok: false; message: string };

const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^-?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A typed number in the field's unit. Numbers pass (finite ones); text is normalised first. 元 is
 * converted exactly (12345元 → 1.2345 万元: the money rule then asks for at most two decimals), so
 * nothing is rounded silently.
 */
export function readNumber(input: unknown, unit: NumberUnit = 'plain'): ReadNumber {
  if (typeof input === 'number') {
    return Number.isFinite(input) ? { ok: true, value: input } : { ok: false, message: '不是有效的数字' };
  }
  if (typeof input !== 'string') return { ok: false, message: '应填写数字' };
  const typed = input;
  let s = halfWidth(input).trim().replace(/\s+/g, '');
  if (s.startsWith('+')) s = s.slice(1);
  let factor = 1;
  let suffix = '';
  for (const [word, f] of SUFFIXES[unit]) {
    if (s.endsWith(word)) {
      s = s.slice(0, -word.length);
      factor = f;
      suffix = word;
      break;
    }
  }
  if (s === '') return { ok: false, message: `“${typed}”中没有数字` };
  if (GROUPED.test(s)) s = s.replace(/,/g, '');
  else if (s.includes(',')) return { ok: false, message: `“${typed}”的千分位分隔符位置不对（应如 1,234.5）` };
  if (!PLAIN.test(s)) {
    const hint =
      unit === 'wan' ? '，金额请填万元数（如 1234.56）' : unit === 'percent' ? '，百分比请填数字（如 98.5）' : '';
    return { ok: false, message: `“${typed}”不是数字${hint}` };
  }
  const value = factor === 1 ? Number(s) : dec(s).times(factor).toNumber();
  if (!Number.isFinite(value)) return { ok: false, message: `“${typed}”超出可处理的范围` };
  return suffix === '元' || suffix === '亿元'
    ? { ok: true, value, note: `${typed}折合${value}万元` }
    : { ok: true, value };
}
