/**
 * @module Every zod message in plain Chinese: one error map installed globally (z.config), so no
 * schema — file, API or web form — answers “期望 string，实际接收 undefined”. Importing this module
 * installs it; src/core/input.ts and src/core/check/index.ts do.
 */
import { z } from 'zod';

type Issue = Parameters<NonNullable<z.core.$ZodConfig['localeError']>>[0];

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '“是”或“否”（true / false）',
  object: '对象（键值对）',
  array: '列表',
  date: '日期',
  null: '空值',
  undefined: '空',
  nan: '数字',
  symbol: '符号',
  function: '函数',
  map: '对象（键值对）',
  set: '列表',
  file: '文件',
};

const FORMAT_NAMES: Record<string, string> = {
  email: '电子邮件地址',
  url: '网址',
  datetime: 'ISO 日期时间（如 2025-06-30T12:00:00Z）',
  date: '日期（如 2025-06-30）',
  time: '时间（如 12:00:00）',
  uuid: 'UUID',
  regex: '规定的格式',
  json_string: 'JSON 文本',
};

/** What a received value is, in words a user recognises (“文字“abc””, “数字 12”, “空”). */
export function describeValue(v: unknown): string {
  if (v === undefined) return '空（未填写）';
  if (v === null) return '空值';
  if (typeof v === 'string') return `文字“${v.length > 30 ? `${v.slice(0, 30)}…` : v}”`;
  if (typeof v === 'number') return Number.isFinite(v) ? `数字 ${v}` : '无效的数字';
  if (typeof v === 'boolean') return v ? '“是”（true）' : '“否”（false）';
  if (Array.isArray(v)) return '列表';
  if (typeof v === 'object') return '对象';
  return TYPE_NAMES[typeof v] ?? typeof v;
}

const sizeUnit = (origin: string | undefined): string | undefined =>
  origin === 'string'
    ? '个字符'
    : origin === 'array' || origin === 'set'
      ? '项'
      : origin === 'file'
        ? '字节'
        : undefined;

const bound = (v: unknown) => (typeof v === 'bigint' || typeof v === 'number' ? String(v) : String(v));

/** A key given with no value (YAML `initial:`, JSON null): not a value; leaving it out is. */
const EMPTY = '没有填写值（空值）；不填写请删去此项';
const emptyAs = (expected: string) => `没有填写值（空值），应为${expected}；不填写请删去此项`;

/** The message for one zod issue; exported for tests. */
export function zhMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '必须填写（缺少此项）';
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (issue.input === null && issue.expected !== 'null') return emptyAs(expected);
      if (issue.expected === 'number' && typeof issue.input === 'number') return '应为有限的数字';
      return `应为${expected}，收到的是${describeValue(issue.input)}`;
    }
    case 'too_small': {
      const unit = sizeUnit(issue.origin);
      if (unit) {
        if (issue.origin === 'string' && Number(issue.minimum) === 1) return '不能为空';
        return `至少${bound(issue.minimum)}${unit}`;
      }
      if (Number(issue.minimum) === 0) return issue.inclusive ? '不能为负数' : '应大于 0';
      return issue.inclusive ? `不能小于 ${bound(issue.minimum)}` : `应大于 ${bound(issue.minimum)}`;
    }
    case 'too_big': {
      const unit = sizeUnit(issue.origin);
      if (unit) return `最多${bound(issue.maximum)}${unit}`;
      return issue.inclusive ? `不能大于 ${bound(issue.maximum)}` : `应小于 ${bound(issue.maximum)}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `只能是“${String(issue.values[0])}”`
        : `应为以下之一：${issue.values.map((v) => `“${String(v)}”`).join('、')}`;
    case 'invalid_format':
      return `格式不正确，应为${FORMAT_NAMES[issue.format] ?? issue.format}`;
    case 'not_multiple_of':
      return `应为 ${bound(issue.divisor)} 的整数倍`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}（请检查拼写）`;
    case 'invalid_key':
      return '键名不合法';
    case 'invalid_element':
      return '列表中有不合法的项';
    case 'invalid_union': {
      const options = 'options' in issue ? (issue.options as unknown[] | undefined) : undefined;
      if (options?.length) {
        const input = issue.input as Record<string, unknown> | undefined;
        const v = input && typeof input === 'object' ? input[issue.discriminator ?? ''] : undefined;
        const list = options.map((o) => `“${String(o)}”`).join('、');
        return `${v === undefined ? '缺少此项' : `“${String(v)}”无效`}，应为以下之一：${list}`;
      }
      if (issue.input === null) return EMPTY;
      return '格式不符合要求（几种允许的写法都不匹配）';
    }
    case 'custom':
      return '内容不符合要求';
    default:
      return '内容不符合要求';
  }
}

z.config({ localeError: (issue) => zhMessage(issue) });
