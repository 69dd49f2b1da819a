import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
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

export function parseYamlText(text: string, file: string): ParsedYaml {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new InputError(
      file,
      doc.errors.slice(0, 5).map((e) => ({
        line: e.linePos?.[0]?.line,
        field: '',
        message: `YAML 格式错误：${YAML_ERRORS[e.code] ?? '无法解析'}（${e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}）`,
      })),
    );
  }
  const lineOf = (path: SourcePath | ReadonlyArray<PropertyKey>): number | undefined => {
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
  return { data: doc.toJS({ maxAliasCount: 100 }), lineOf };
}

/** Parses YAML and validates it with a zod schema; throws InputError naming field and line. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
): { value: z.output<S>; parsed: ParsedYaml } {
  const parsed = parseYamlText(text, file);
  const r = schema.safeParse(parsed.data);
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
