/** @module JSON request bodies up to 2 MB (evidence uploads and report imports have their own, larger limits). */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context.js';
import { tooLarge } from '../errors.js';

export const MAX_JSON_BYTES = 2 * 1024 * 1024;

const limit = bodyLimit({
  maxSize: MAX_JSON_BYTES,
  onError: () => {
    throw tooLarge('请求体超过 2 MB 上限');
  },
});

export const jsonBodyLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === 'POST' && (c.req.path.endsWith('/attachments') || c.req.path === '/api/import')) return next();
  return limit(c, next);
};
