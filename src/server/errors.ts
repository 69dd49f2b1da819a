/**
 * @module The server's one error class. Every refusal of the API is an ApiError: an HTTP status, a
 * stable code, a Chinese message and, for bad input, the fields at fault; it becomes the body
 * `ErrorSchema` describes (src/server/contract.ts). Errors from lower layers are translated here
 * once (`fromLowerLayer`), not in each resource.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { InputError } from '../core/input.js';
import { DatabaseError, isConnectionError } from '../db/database.js';
import type { ErrorBody, FieldProblem } from './contract.js';
import { ScryptBusyError } from './passwords.js';

export type { FieldProblem } from './contract.js';

export class ApiError extends Error {
  constructor(
    public readonly status: ContentfulStatusCode,
    public readonly code: string,
    message: string,
    public readonly fields?: FieldProblem[],
    public readonly extra?: Record<string, unknown>,
    /** Headers the answer carries (Retry-After). */
    public readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toJSON(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields?.length ? { fields: this.fields } : {}),
        ...this.extra,
      },
    };
  }
}

/** 400 naming the fields: “字段 document.year：…；字段 …”. */
export function badRequest(fields: FieldProblem[], lead = '输入有误'): ApiError {
  const text = fields.map((f) => (f.field ? `字段 ${f.field}：${f.message}` : f.message)).join('；');
  return new ApiError(400, 'bad-request', `${lead}：${text}`, fields);
}

export const unauthorized = (message = '请先登录') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
/** Also for what exists but the caller may not see: a unit never learns another unit's ids. */
export const notFound = (what: string) => new ApiError(404, 'not-found', `未找到该${what}，或您无权查看`);
export const conflict = (code: string, message: string, extra?: Record<string, unknown>) =>
  new ApiError(409, code, message, undefined, extra);
export const tooLarge = (message: string, fields?: FieldProblem[]) => new ApiError(413, 'too-large', message, fields);

/** Seconds a client is asked to wait while the database is away. */
export const DATABASE_RETRY_AFTER = 5;

export const databaseUnavailable = () =>
  new ApiError(
    503,
    'database-unavailable',
    '数据库暂时无法连接，服务正在自动重连；您的操作没有执行，请稍后重试',
    undefined,
    { retryAfter: DATABASE_RETRY_AFTER },
    { 'Retry-After': String(DATABASE_RETRY_AFTER) },
  );

/** PostgreSQL unique violation, from pg or PGlite. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}

/**
 * An error from below the server as the API's answer, or undefined when it is a bug (a 500):
 * bad input read from a file (InputError) is a 400 naming the fields; a database that went away is
 * a 503 with Retry-After.
 */
export function fromLowerLayer(e: unknown): ApiError | undefined {
  if (e instanceof ApiError) return e;
  if (e instanceof InputError) return badRequest(e.problems.map((p) => ({ field: p.field, message: p.message })));
  if (e instanceof ScryptBusyError)
    return new ApiError(429, 'busy', e.message, undefined, { retryAfter: 1 }, { 'Retry-After': '1' });
  // SQLSTATE class 22 (data exception: a date or number out of range, bad text) is bad input that got
  // past a route's own checks: still the caller's error, a 400, never a 500.
  if (typeof e === 'object' && e !== null && /^22[0-9A-Z]{3}$/.test(String((e as { code?: unknown }).code)))
    return badRequest([
      {
        field: '(请求)',
        message: `数据库拒绝了输入的值（${String((e as { code: string }).code)}）：请检查日期、数字与文本是否有效`,
      },
    ]);
  if ((e instanceof DatabaseError && e.kind === 'unavailable') || isConnectionError(e)) return databaseUnavailable();
  return undefined;
}
