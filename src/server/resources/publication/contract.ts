// 公开: shapes and routes — the bureau publishes and withdraws approved 自评; a public read-only list and files per region.
import { createRoute, z } from '@hono/zod-openapi';
import { binary, body, errors, Id, IdParam, json } from '../../contract.js';

const TAG = '公开';
const Year = z.coerce.number().int().min(2000).max(2100);

export const PublicationSchema = z
  .object({
    id: z.number().int(),
    evaluationId: z.number().int(),
    orgId: z.number().int(),
    orgName: z.string(),
    year: z.number().int(),
    includeTargets: z.boolean(),
    publishedAt: z.string(),
    withdrawnAt: z.string().nullable(),
  })
  .openapi('Publication', { description: '一份已公开（或已撤回）的自评' });
export type PublicationView = z.infer<typeof PublicationSchema>;

export const list = createRoute({
  method: 'get',
  path: '/api/publications',
  tags: [TAG],
  summary: '本地区的公开记录（财政局），含已撤回的',
  request: { query: z.object({ year: Year.optional() }) },
  responses: { 200: json(z.array(PublicationSchema), '公开记录'), ...errors(400, 401, 403) },
});

export const publish = createRoute({
  method: 'post',
  path: '/api/publications',
  tags: [TAG],
  summary: '公开一份已通过的自评（财政局管理员），可同时公开批复的绩效目标表；记入日志',
  request: { body: body(z.object({ evaluationId: Id, includeTargets: z.boolean().optional() })) },
  responses: { 201: json(PublicationSchema, '已公开'), ...errors(400, 401, 403, 404, 409) },
});

export const withdraw = createRoute({
  method: 'post',
  path: '/api/publications/{id}/withdraw',
  tags: [TAG],
  summary: '撤回公开（财政局管理员）；记入日志',
  request: { params: IdParam, body: body(z.object({ reason: z.string().min(2).max(2000) })) },
  responses: { 200: json(PublicationSchema, '已撤回'), ...errors(400, 401, 403, 404, 409) },
});

const CodeParam = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9-]{1,63}$/)
    .openapi({ param: { name: 'code', in: 'path' }, example: 'a-bureau' }),
});

export const PublicListSchema = z
  .object({
    region: z.string(),
    code: z.string(),
    items: z.array(
      z.object({
        id: z.number().int(),
        unit: z.string(),
        year: z.number().int(),
        total: z.number().nullable(),
        grade: z.string().nullable(),
        publishedAt: z.string(),
        files: z.array(z.object({ label: z.string(), href: z.string() })),
      }),
    ),
  })
  .openapi('PublicList', { description: '本地区公开的自评（无须登录）' });
export type PublicList = z.infer<typeof PublicListSchema>;

export const publicList = createRoute({
  method: 'get',
  path: '/api/public/regions/{code}/publications',
  tags: [TAG],
  summary: '公开的自评列表（无须登录），可按单位名称、年度检索',
  security: [],
  request: {
    params: CodeParam,
    query: z.object({ unit: z.string().max(100).optional(), year: Year.optional() }),
  },
  responses: { 200: json(PublicListSchema, '公开列表'), ...errors(400, 404) },
});

export const PUBLIC_FILES = ['report.html', 'report.pdf', 'targets.html'] as const;
export type PublicFile = (typeof PUBLIC_FILES)[number];

export const publicFile = createRoute({
  method: 'get',
  path: '/api/public/publications/{id}/{file}',
  tags: [TAG],
  summary:
    '公开的文件（无须登录）：report.html / report.pdf 为自评表和自评报告，targets.html 为批复的绩效目标表（财政局选择公开时）。未公开、已撤回或不再是已通过状态的一律 404',
  security: [],
  request: { params: IdParam.extend({ file: z.enum(PUBLIC_FILES).openapi({ param: { name: 'file', in: 'path' } }) }) },
  responses: { 200: binary('application/octet-stream', '文件'), ...errors(400, 404) },
});
