/**
 * @module The API's answers when something goes wrong: every error becomes the one error body
 * (src/server/contract.ts `ErrorSchema`) — ApiErrors as they are, lower layers' errors translated
 * by `fromLowerLayer`, malformed JSON a 400, anything else a logged 500 without a stack trace.
 */
import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../context.js';
import { ApiError, badRequest, fromLowerLayer } from '../errors.js';

const INTERNAL = new ApiError(500, 'internal', '服务器内部错误，请稍后再试；如持续出现请联系管理员');

function translate(err: Error): ApiError {
  const known = fromLowerLayer(err);
  if (known) return known;
  if (err instanceof HTTPException) {
    // Hono's own refusals: a body that is not JSON (its validator), or a status set by a library.
    if (err.status === 400)
      return badRequest([{ field: '(请求体)', message: '请求体不是合法的 JSON' }], '请求格式有误');
    return new ApiError(err.status, 'http', err.message || '请求有误');
  }
  console.error('jixiao: 未处理的错误', err);
  return INTERNAL;
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const e = translate(err);
  for (const [k, v] of Object.entries(e.headers ?? {})) c.header(k, v);
  return c.json(e.toJSON(), e.status);
};

export const notFound: NotFoundHandler<AppEnv> = (c) => {
  if (c.req.path.startsWith('/api/'))
    return c.json(new ApiError(404, 'not-found', `没有这个接口：${c.req.method} ${c.req.path}`).toJSON(), 404);
  return c.text('未找到该页面', 404);
};
