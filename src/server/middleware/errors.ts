/**
 * @module The API's answers when something goes wrong: every error becomes the one error body
 * (src/server/contract.ts `ErrorSchema`) — ApiErrors as they are, lower layers' errors translated
 * by `fromLowerLayer`, malformed JSON a 400, anything else a logged 500 without a stack trace.
 */
import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../context.js';
import { ApiError, badRequest, fromLowerLayer } from '../errors.js';

/** Hono's and libraries' own refusals, in Chinese (their English text never reaches a user). */
const HTTP_MESSAGES: Partial<Record<number, string>> = {
  401: '请先登录',
  403: '无权限进行此操作',
  404: '未找到该资源，或您无权查看',
  405: '此接口不支持该请求方法',
  408: '请求超时，请重试',
  411: '请求缺少 Content-Length',
  413: '请求体过大',
  415: '请求体须为 JSON（Content-Type: application/json）',
  429: '请求过于频繁，请稍后再试',
};
const HTTP_CODES: Partial<Record<number, string>> = {
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'too-large',
  415: 'unsupported-media-type',
};

const INTERNAL = new ApiError(500, 'internal', '服务器内部错误，请稍后再试；如持续出现请联系管理员');

function translate(err: Error): ApiError {
  const known = fromLowerLayer(err);
  if (known) return known;
  if (err instanceof HTTPException) {
    // Hono's own refusals: a body that is not JSON (its validator), or a status set by a library.
    if (err.status === 400)
      return badRequest([{ field: '(请求体)', message: '请求体不是合法的 JSON' }], '请求格式有误');
    return new ApiError(err.status, HTTP_CODES[err.status] ?? 'http', HTTP_MESSAGES[err.status] ?? '请求有误');
  }
  console.error('jixiao: 未处理的错误', err);
  return INTERNAL;
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const e = translate(err);
  for (const [k, v] of Object.entries(e.headers ?? {})) c.header(k, v);
  return c.json(e.toJSON(), e.status);
};

/** A route path as a pattern: /api/evaluations/{id} and /api/evaluations/:id match /api/evaluations/7. */
const pattern = (p: string) =>
  new RegExp(`^${p.replace(/[.+?^$()[\]\\|]/g, '\\$&').replace(/\{[^}]+\}|:[A-Za-z_]\w*/g, '[^/]+')}/?$`);

/**
 * Nothing answered: a 405 naming the methods the path takes when it exists with other methods,
 * else a 404 — both in Chinese. `routes` is the app's route table (app.routes).
 */
export function notFoundIn(routes: ReadonlyArray<{ method: string; path: string }>): NotFoundHandler<AppEnv> {
  const table = routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
    .map((r) => ({ method: r.method, re: pattern(r.path) }));
  return (c) => {
    if (!c.req.path.startsWith('/api/')) return c.text('未找到该页面', 404);
    const allowed = [...new Set(table.filter((r) => r.re.test(c.req.path)).map((r) => r.method))];
    if (allowed.length) {
      c.header('Allow', allowed.join(', '));
      return c.json(
        new ApiError(
          405,
          'method-not-allowed',
          `接口 ${c.req.path} 不支持 ${c.req.method} 请求，可用：${allowed.join('、')}`,
        ).toJSON(),
        405,
      );
    }
    return c.json(new ApiError(404, 'not-found', `没有这个接口：${c.req.method} ${c.req.path}`).toJSON(), 404);
  };
}

/** The 404 before the routes are known. */
export const notFound: NotFoundHandler<AppEnv> = notFoundIn([]);
