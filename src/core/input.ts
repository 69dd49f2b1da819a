import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { fastSafeParse } from './fast-parse.js';
import type { SourcePath } from './framework/model.js';
// Users read validation messages: plain Chinese, everywhere zod speaks (one error map, installed on import).
import './check/zod-messages.js';

export interface InputProblem {
  /** 1-based line in the file, where it can be located. */
  line?: number;
  /** Field path such as indicators[2].children[0].weight. */
  field: string;
  message: string;
}

/** Bad input from a file: every problem names the file, the field and the line. */
export class InputError extends Error {
  constructor(
    public readonly file: string,
    public readonly problems: InputProblem[],
  ) {
    super(
      problems
        .map((p) => `${file}${p.line ? ` 第${p.line}行` : ''}：${p.field ? `字段 ${p.field}：` : ''}${p.message}`)
        .join('\n'),
    );
    this.name = 'InputError';
  }
}

export function fieldName(path: ReadonlyArray<PropertyKey>): string {
  let s = '';
  for (const k of path) {
    if (typeof k === 'number') s += `[${k}]`;
    else s += s ? `.${String(k)}` : String(k);
  }
  return s;
}

/** Every error code of the yaml library in Chinese: its English message never reaches a user. */
const YAML_ERRORS: Record<string, string> = {
  ALIAS_PROPS: '别名（*）不能带标签或锚点',
  BAD_ALIAS: '别名（*）写法不正确',
  BAD_DIRECTIVE: '指令（%）写法不正确',
  BAD_DQ_ESCAPE: '双引号内的转义符（\\）不正确',
  BAD_INDENT: '缩进不正确',
  BAD_PROP_ORDER: '锚点或标签的位置不正确',
  BAD_SCALAR_START: '值的开头字符不合法，请加引号',
  BLOCK_AS_IMPLICIT_KEY: '键的写法不正确',
  BLOCK_IN_FLOW: '花括号或方括号内不能换行写块结构',
  DUPLICATE_KEY: '同一层级出现重复的键',
  IMPOSSIBLE: '无法解析',
  MISSING_CHAR: '缺少括号、引号或冒号',
  MULTILINE_IMPLICIT_KEY: '键不能跨行',
  MULTIPLE_ANCHORS: '一个值只能有一个锚点（&）',
  MULTIPLE_DOCS: '一个文件只能有一份数据',
  MULTIPLE_TAGS: '一个值只能有一个标签（!）',
  NON_STRING_KEY: '键须为文字',
  RESOURCE_EXHAUSTION: '别名展开过多，文件过大',
  TAB_AS_INDENT: '不能用 Tab 缩进，请用空格',
  TAG_RESOLVE_FAILED: '无法识别的标签（!）',
  UNEXPECTED_TOKEN: '出现了意外的符号',
  BAD_COLLECTION_TYPE: '列表或键值对的类型不正确',
};

export interface ParsedYaml {
  data: unknown;
  /** Line of the node at a path, or of its nearest existing ancestor. */
  lineOf(path: SourcePath | ReadonlyArray<PropertyKey>): number | undefined;
}

/** The YAML document with its line counter: what `lineOf` walks, and the errors named by line. */
function yamlDocument(text: string) {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  return { doc, lc };
}

function yamlErrors(file: string, doc: ReturnType<typeof yamlDocument>['doc']): InputError {
  return new InputError(
    file,
    doc.errors.slice(0, 5).map((e) => ({
      line: e.linePos?.[0]?.line,
      field: '',
      message: `YAML 格式错误${e.linePos?.[0]?.col ? `（第${e.linePos[0].col}列）` : ''}：${YAML_ERRORS[e.code] ?? '无法解析'}`,
    })),
  );
}

function lineFinder(text: string): ParsedYaml['lineOf'] {
  let built: ReturnType<typeof yamlDocument> | undefined;
  return (path) => {
    // Lines are needed only to name a problem: the document with its positions is built then, once.
    built ??= yamlDocument(text);
    const { doc, lc } = built;
    let node: unknown = doc.contents;
    let best: number | undefined = (doc.contents as YamlNode | null)?.range
      ? lc.linePos((doc.contents as YamlNode).range![0]).line
      : undefined;
    for (const k of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === k);
        if (!pair) break;
        const keyNode = pair.key as YamlNode;
        if (keyNode?.range) best = lc.linePos(keyNode.range[0]).line;
        node = pair.value;
      } else if (isSeq(node) && typeof k === 'number') {
        node = node.items[k];
        const r = (node as YamlNode | undefined)?.range;
        if (r) best = lc.linePos(r[0]).line;
      } else break;
    }
    return best;
  };
}

/**
 * A JSON text (YAML's subset) read by JSON.parse, giving what the YAML reader gives: undefined when
 * the text is not plain JSON, names a key twice (YAML refuses it; JSON.parse keeps the last), or has
 * what this path leaves to the YAML reader — the YAML reader then decides, errors and all.
 */
function jsonFastPath(text: string): { data: unknown } | undefined {
  const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let i = first;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r')) i++;
  if (text[i] !== '{' && text[i] !== '[') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(first ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  const named = namedKeys(text, i);
  return named !== undefined && named === keyCount(data) ? { data } : undefined;
}

/**
 * How many keys a valid JSON text names, in one pass over it; undefined when it has what is left to
 * the YAML reader: a tab (YAML refuses some as indentation), a \u escape, a `__proto__` key, a key
 * over 1,000 characters (YAML limits some implicit keys to 1,024).
 */
function namedKeys(text: string, from: number): number | undefined {
  let named = 0;
  const n = text.length;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x09) return undefined;
    if (c !== 0x22 /* " */) continue;
    const start = i;
    for (i++; i < n; i++) {
      const d = text.charCodeAt(i);
      if (d === 0x22) break;
      if (d === 0x5c /* backslash */) {
        if (text.charCodeAt(i + 1) === 0x75 /* u */) return undefined;
        i++;
      }
    }
    // After a string's closing quote: a colon (past spaces) makes it a key.
    let j = i + 1;
    while (j < n && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x0a || text.charCodeAt(j) === 0x0d)) j++;
    if (text.charCodeAt(j) !== 0x3a /* : */) continue;
    if (i - start > 1000 || (i - start === 10 && text.startsWith('"__proto__"', start))) return undefined;
    named++;
    i = j;
  }
  return named;
}

function keyCount(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (const x of v) n += keyCount(x);
    return n;
  }
  for (const k in v) n += 1 + keyCount((v as Record<string, unknown>)[k]);
  return n;
}

/**
 * Reads a YAML (or JSON) text. Valid input is read without positions (a JSON text by JSON.parse);
 * the document with line positions is built only when a line is asked for or the text has an error.
 */
export function parseYamlText(text: string, file: string): ParsedYaml {
  const json = jsonFastPath(text);
  if (json) return { data: json.data, lineOf: lineFinder(text) };
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw yamlErrors(file, yamlDocument(text).doc);
  return { data: doc.toJS({ maxAliasCount: 100 }), lineOf: lineFinder(text) };
}

/** Parses YAML and validates it with a zod schema; throws InputError naming field and line. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
): { value: z.output<S>; parsed: ParsedYaml } {
  const parsed = parseYamlText(text, file);
  const r = fastSafeParse(schema, parsed.data);
  if (!r.success) {
    throw new InputError(
      file,
      r.error.issues
        .slice(0, 20)
        .map((i) => ({ line: parsed.lineOf(i.path), field: fieldName(i.path), message: i.message })),
    );
  }
  return { value: r.data, parsed };
}
