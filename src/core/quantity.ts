/**
 * Parsing of printed quantities: 指标值 such as "≥90%", "≤5%", "=100%", "根据需求，不低于10批次",
 * and 实际完成值 such as "98.12%", "1,586.78", "16". Published tables mix symbols and words,
 * so the parser accepts both and keeps the original text for display.
 */
import { halfWidth } from './check/normalise.js';

export type Comparator = '>=' | '<=' | '=' | '>' | '<';

export interface Quantity {
  value: number;
  unit?: string;
}

export interface TargetSpec extends Quantity {
  op: Comparator;
  text: string;
}

const WORD_OPS: Array<[RegExp, Comparator]> = [
  [/(不低于|不少于|不小于|至少|以上|大于等于|≥|>=|＞=|≧)/, '>='],
  [/(不高于|不超过|不多于|不大于|至多|以内|以下|小于等于|≤|<=|＜=|≦)/, '<='],
  [/(大于|高于|超过|>|＞)/, '>'],
  [/(小于|低于|<|＜)/, '<'],
  [/(等于|=|＝)/, '='],
];

// Longer units first so that 人次 is not read as 人, 万元 not as 元.
const UNITS = [
  '%',
  '％',
  '万元',
  '亿元',
  '元',
  '人次',
  '万人',
  '人',
  '批次',
  '次',
  '平方米',
  '公里',
  '千米',
  '米',
  '小时',
  '件',
  '个',
  '项',
  '份',
  '天',
  '日',
  '分',
  '座',
  '户',
  '所',
  '台',
  '辆',
  '场',
  '篇',
  '期',
  '条',
  '家',
  '名',
  '吨',
  '亩',
  '套',
  '册',
  '年',
  '月',
];
const NUMBER_RE = new RegExp(`(-?(?:\\d[\\d,，]*(?:\\.\\d+)?|\\.\\d+))\\s*(${UNITS.join('|')})?`);

export function parseQuantity(input: string | number | null | undefined): Quantity | undefined {
  if (input === null || input === undefined) return undefined;
  if (typeof input === 'number') return Number.isFinite(input) ? { value: input } : undefined;
  const m = NUMBER_RE.exec(halfWidth(input).trim());
  if (!m || m[1] === undefined) return undefined;
  const value = Number(m[1].replace(/[,，]/g, ''));
  if (!Number.isFinite(value)) return undefined;
  const unit = m[2] === '％' ? '%' : m[2];
  return unit ? { value, unit } : { value };
}

/**
 * A bare number without a comparator is taken as "≥" (达到 a planned amount), the common
 * reading of 指标值 in the seeds ("专项资金细化率 98%" next to "≥98%").
 */
export function parseTarget(input: string | number | null | undefined): TargetSpec | undefined {
  if (input === null || input === undefined) return undefined;
  const text = String(input).trim();
  const q = parseQuantity(text);
  if (!q) return undefined;
  let op: Comparator = '>=';
  for (const [re, o] of WORD_OPS) {
    if (re.test(text)) {
      op = o;
      break;
    }
  }
  return { ...q, op, text };
}

export const OP_TEXT: Record<Comparator, string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' };
