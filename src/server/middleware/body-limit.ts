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

/** Uploads (multipart, their own limits and stream readers): no JSON limit and no JSON guard. */
export const isUpload = (method: string, path: string): boolean =>
  method === 'POST' && (path.endsWith('/attachments') || path === '/api/import');

export const jsonBodyLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (isUpload(c.req.method, c.req.path)) return next();
  return limit(c, next);
};
