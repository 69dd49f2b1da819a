/**
 * @module The pieces every resource's contract is built from: the error body, path ids, JSON
 * request/response helpers for the OpenAPI routes. Each resource's own shapes live in
 * src/server/resources/<resource>/contract.ts; the web app imports their `z.infer` types.
 */
import { z } from '@hono/zod-openapi';

/** PostgreSQL `integer`: every id the API takes fits, or the request is a 400 (never a 500 from the database). */
export const MAX_ID = 2_147_483_647;

export const FieldProblemSchema = z.object({ field: z.string(), message: z.string() });
/** One field at fault: where (`document.figures.budget.initial`, `查询参数 roundId`) and what, in Chinese. */
export type FieldProblem = z.infer<typeof FieldProblemSchema>;

export const ErrorSchema = z
  .object({
    error: z
      .object({
        code: z.string().openapi({ example: 'bad-request' }),
        message: z.string().openapi({ example: '输入有误：字段 document.year：须与评价轮次和本单位一致' }),
        fields: z.array(FieldProblemSchema).optional(),
      })
      .catchall(z.unknown()),
  })
  .openapi('Error', { description: '错误：code 稳定可判断，message 为中文说明；输入错误时 fields 列出出错的字段' });
/** Every non-2xx answer of the API has this body. */
export type ErrorBody = z.infer<typeof ErrorSchema>;

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 503;

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: '输入有误（message 与 fields 指明字段）',
  401: '未登录或会话已过期',
  403: '无权限，或缺少/错误的 CSRF 令牌',
  404: '不存在，或调用者无权查看（不区分两者，避免泄露其他单位的数据）',
  409: '冲突：版本已变（乐观锁）、状态不允许、或重复',
  410: '已失效',
  413: '请求体或文件过大',
  415: '文件类型不支持',
  429: '尝试过于频繁，请按 Retry-After 稍后再试',
  503: '暂时不可用（数据库中断等），请按 Retry-After 稍后再试',
};

type ErrorResponses = Record<
  number,
  { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } }
>;

/** The error answers of a route, for its OpenAPI description. 503 (database unavailable) is added to every route. */
export function errors(...codes: ErrorStatus[]): ErrorResponses {
  return Object.fromEntries(
    [...new Set<ErrorStatus>([...codes, 503])].map((c) => [
      c,
      { description: ERROR_TEXT[c], content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  );
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const body = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { 'application/json': { schema } },
});

export const binary = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
});

/** An id in a body or query: a positive PostgreSQL integer. */
export const Id = z.number().int().positive().max(MAX_ID);
export const QueryId = z.coerce.number().int().positive().max(MAX_ID);

export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(MAX_ID)
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const OkSchema = z.object({ ok: z.literal(true) }).openapi('Ok');
export type Ok = z.infer<typeof OkSchema>;
