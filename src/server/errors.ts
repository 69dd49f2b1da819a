import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface FieldProblem {
  field: string;
  message: string;
}

/** An error the API answers with: status, a stable code, a Chinese message, and the fields at fault. */
export class ApiError extends Error {
  constructor(
    public readonly status: ContentfulStatusCode,
    public readonly code: string,
    message: string,
    public readonly fields?: FieldProblem[],
    public readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toJSON(): { error: Record<string, unknown> } {
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

/** PostgreSQL unique violation, from pg or PGlite. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}
