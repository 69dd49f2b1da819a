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

const YAML_ERRORS: Partial<Record<string, string>> = {
  BAD_INDENT: '缩进不正确',
  MISSING_CHAR: '缺少括号、引号或冒号',
  DUPLICATE_KEY: '同一层级出现重复的键',
  UNEXPECTED_TOKEN: '出现了意外的符号',
  TAB_AS_INDENT: '不能用 Tab 缩进，请用空格',
  BLOCK_AS_IMPLICIT_KEY: '键的写法不正确',
  MULTILINE_IMPLICIT_KEY: '键不能跨行',
  BAD_SCALAR_START: '值的开头字符不合法，请加引号',
  MULTIPLE_DOCS: '一个文件只能有一份数据',
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
      message: `YAML 格式错误：${YAML_ERRORS[e.code] ?? '无法解析'}（${e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}）`,
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
 * the text is not plain JSON, has a key twice (YAML refuses it; JSON.parse keeps the last) or a
 * `__proto__` key — the YAML reader then decides, errors and all.
 */
function jsonFastPath(text: string): { data: unknown } | undefined {
  const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let i = first;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  if (text[i] !== '{' && text[i] !== '[') return undefined;
  // Left to the YAML reader: \\u escapes, tabs (YAML refuses some as indentation), __proto__ keys.
  if (text.includes('"__proto__"') || text.includes('\\u') || text.includes('\t')) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(first ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  return hasDuplicateKey(text, data) ? undefined : { data };
}

/** Every JSON string with whether a colon follows it (a key): strings hold the only quotes in JSON. */
const JSON_STRING = /"(?:[^"\\]|\\.)*"(\s*:)?/g;

/**
 * Whether a valid JSON text names a key twice in one object (or a key too long for YAML): JSON.parse
 * keeps one of the two, so the parsed objects hold fewer keys than the text names.
 */
function hasDuplicateKey(text: string, data: unknown): boolean {
  const named = namedKeys(text);
  return named === undefined || named !== keyCount(data);
}

/** How many keys the text names (undefined: one is too long for YAML). */
function namedKeys(text: string): number | undefined {
  let named = 0;
  // Without an escaped quote every quote bounds a string, so each `":` ends a key: counted by indexOf.
  if (!text.includes('\\"') && !/"[ \t\r\n]+:/.test(text)) {
    for (let i = text.indexOf('":'); i !== -1; i = text.indexOf('":', i + 2)) {
      if (i - text.lastIndexOf('"', i - 1) > 1000) return undefined;
      named++;
    }
    return named;
  }
  JSON_STRING.lastIndex = 0;
  for (let m = JSON_STRING.exec(text); m; m = JSON_STRING.exec(text)) {
    if (m[1] === undefined) continue;
    // YAML refuses an implicit key over 1024 characters; such a text is left to it.
    if (m[0].length > 1000) return undefined;
    named++;
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
