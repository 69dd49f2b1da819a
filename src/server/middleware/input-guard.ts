/**
 * @module Bad input refused at the edge, before any route or schema sees it: JSON bodies nested more
 * than 32 deep (checked on the text, so a 100,000-deep body never reaches a recursive parser or
 * walker), arrays longer than 10,000, NUL characters and unpaired UTF-16 surrogates in any string or
 * key, in query values and in the path. Each is a 400 naming the JSON path or parameter in Chinese.
 * The parsed body is handed on through Hono's body cache, so it is parsed once.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { badRequest } from '../errors.js';
import { isUpload } from './body-limit.js';

export const MAX_JSON_DEPTH = 32;
export const MAX_ARRAY_LENGTH = 10_000;

type Key = string | number;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a string's contents, or undefined. */
export function stringProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return '不能包含 NUL 字符（\\u0000）';
  if (LONE_SURROGATE.test(s)) return '含有不成对的 UTF-16 代理字符（不是有效的 Unicode 文本），请检查文本来源';
  return undefined;
}

function pathText(path: readonly Key[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s ? `.${k}` : k;
  return s || '(请求体)';
}

/**
 * The path of the first container nested deeper than `max`, scanning the text without recursion;
 * undefined when the nesting is within bounds. Not a validator: JSON.parse judges the syntax after.
 */
export function tooDeep(text: string, max = MAX_JSON_DEPTH): Key[] | undefined {
  const stack: Array<{ array: boolean; key: Key }> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      const top = stack.at(-1);
      if (top && !top.array && expectKey) {
        try {
          top.key = JSON.parse(text.slice(start, i + 1)) as string;
        } catch {
          top.key = '?';
        }
        expectKey = false;
      }
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      stack.push({ array: ch === 0x5b, key: ch === 0x5b ? 0 : '' });
      expectKey = ch === 0x7b;
      if (stack.length > max) return stack.slice(0, -1).map((f) => f.key);
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (ch === 0x2c /* , */) {
      const top = stack.at(-1);
      if (top?.array) top.key = (top.key as number) + 1;
      else expectKey = true;
    }
  }
  return undefined;
}

/** The first bad string, key or over-long array in a parsed body (depth already bounded). */
export function contentProblem(v: unknown, path: Key[] = []): { path: Key[]; message: string } | undefined {
  if (typeof v === 'string') {
    const m = stringProblem(v);
    return m ? { path, message: m } : undefined;
  }
  if (Array.isArray(v)) {
    if (v.length > MAX_ARRAY_LENGTH) return { path, message: `数组最多 ${MAX_ARRAY_LENGTH} 项，收到 ${v.length} 项` };
    for (let i = 0; i < v.length; i++) {
      const p = contentProblem(v[i], [...path, i]);
      if (p) return p;
    }
    return undefined;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const km = stringProblem(k);
      if (km) return { path: [...path, k], message: `键名${km}` };
      const p = contentProblem(x, [...path, k]);
      if (p) return p;
    }
  }
  return undefined;
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;

export const inputGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  let path = c.req.path;
  try {
    path = decodeURIComponent(c.req.path);
  } catch {
    // Not valid percent-encoding: the router will not match it either.
  }
  const pathIssue = stringProblem(path);
  if (pathIssue) throw badRequest([{ field: '路径', message: pathIssue }]);
  for (const [name, values] of Object.entries(c.req.queries())) {
    for (const v of values) {
      const m = stringProblem(v) ?? stringProblem(name);
      if (m) throw badRequest([{ field: `查询参数 ${name.replace(/\u0000/g, '\\u0000')}`, message: m }]);
    }
  }
  const type = c.req.header('content-type') ?? '';
  if (
    c.req.method !== 'GET' &&
    c.req.method !== 'HEAD' &&
    JSON_TYPE.test(type) &&
    !isUpload(c.req.method, c.req.path)
  ) {
    // Read a copy: a route that reads the raw request itself (an upload sent with the wrong type) still can.
    const text = await c.req.raw.clone().text();
    if (text.trim() !== '') {
      const deepAt = tooDeep(text);
      if (deepAt) {
        const shown = deepAt.length > 40 ? [...deepAt.slice(0, 40), '…'] : deepAt;
        throw badRequest([{ field: pathText(shown), message: `嵌套超过 ${MAX_JSON_DEPTH} 层` }]);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw badRequest([{ field: '(请求体)', message: '请求体不是合法的 JSON' }], '请求格式有误');
      }
      const p = contentProblem(parsed);
      if (p) throw badRequest([{ field: pathText(p.path), message: p.message }]);
      // Routes read the body with c.req.json(): hand them the value parsed here.
      c.req.bodyCache = { json: Promise.resolve(parsed) };
    }
  }
  await next();
};
