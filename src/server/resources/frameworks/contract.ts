/**
 * @module Frameworks (指标框架): versions as stored, one version's tree, the web app's catalogue
 * and editor — shapes and routes; types inferred from the schemas.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { body, errors, Id, IdParam, json } from '../../contract.js';

const TAG = '指标框架与评价轮次';

export const FrameworkVersionSchema = z
  .object({
    id: z.number().int(),
    frameworkId: z.string(),
    version: z.number().int(),
    name: z.string(),
    region: z.string(),
    year: z.number().int(),
    kind: z.string(),
    frozen: z.boolean().openapi({ description: '已有评价轮次使用，内容不可再改' }),
    frozenAt: z.string().nullable(),
    sha256: z.string(),
  })
  .openapi('FrameworkVersion');
export type FrameworkVersion = z.infer<typeof FrameworkVersionSchema>;

export const FrameworkNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.number().int(),
  path: z.array(z.string()),
  weight: z.number().nullable(),
  rule: z.string().nullable(),
  metric: z.string().nullable(),
  target: z.string().nullable(),
  optional: z.boolean(),
  fixedWeight: z.boolean(),
  open: z.boolean(),
});
export type FrameworkNode = z.infer<typeof FrameworkNodeSchema>;

export const FrameworkDetailSchema = FrameworkVersionSchema.extend({
  total: z.number(),
  decimals: z.number().int(),
  grades: z.array(z.object({ name: z.string(), min: z.number() })),
  nodes: z.array(FrameworkNodeSchema),
  sourceYaml: z.string(),
  source: z.record(z.string(), z.unknown()).openapi({
    description: '源 YAML 解析后的数据（与 frameworks/*.yaml 同构）：网页据此计分与编辑，无需解析 YAML',
  }),
}).openapi('FrameworkDetail');
export type FrameworkDetail = z.infer<typeof FrameworkDetailSchema>;

export const CatalogueEntrySchema = FrameworkVersionSchema.extend({
  owner: z.enum(['builtin', 'region']).openapi({ description: 'builtin 内置（所有地区可见）；region 本地区自建' }),
  regionId: z.number().int().nullable().openapi({ description: '自建框架所属地区（财政局编号）' }),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  basedOn: z.object({ id: z.number().int(), frameworkId: z.string(), version: z.number().int() }).nullable(),
  editable: z.boolean().openapi({ description: '调用者可以保存它的新版本（所属地区的财政局管理员）' }),
}).openapi('FrameworkCatalogueEntry');
export type CatalogueEntry = z.infer<typeof CatalogueEntrySchema>;

export const NewFrameworkVersionBody = z.object({
  source: z
    .record(z.string(), z.unknown())
    .openapi({ description: '指标框架数据（与 frameworks/*.yaml 同构）；version 由服务器决定' }),
  basedOn: Id.optional().openapi({ description: '复制自哪个框架版本（编号）' }),
});

export const list = createRoute({
  method: 'get',
  path: '/api/frameworks',
  tags: [TAG],
  summary: '调用者可见的指标框架版本：内置框架（所有地区）与本地区自建的框架',
  responses: { 200: json(z.array(FrameworkVersionSchema), '框架版本列表'), ...errors(401) },
});

export const get = createRoute({
  method: 'get',
  path: '/api/frameworks/{id}',
  tags: [TAG],
  summary: '一个框架版本：指标树、分值、规则和源 YAML（其他地区自建的框架为 404）',
  request: { params: IdParam },
  responses: { 200: json(FrameworkDetailSchema, '框架版本'), ...errors(400, 401, 404) },
});

export const catalogue = createRoute({
  method: 'get',
  path: '/api/web/frameworks',
  tags: [TAG],
  summary: '网页的框架目录：内置框架与本地区自建框架，含来源、创建人与是否可编辑',
  responses: { 200: json(z.array(CatalogueEntrySchema), '框架目录'), ...errors(401) },
});

export const save = createRoute({
  method: 'post',
  path: '/api/web/frameworks',
  tags: [TAG],
  summary:
    '保存编辑后的指标框架为本地区框架的新版本（财政局管理员）。分值不平衡等问题 400 并指明指标；标识属于内置框架或其他地区 409',
  request: { body: body(NewFrameworkVersionBody) },
  responses: { 201: json(CatalogueEntrySchema, '已保存'), ...errors(400, 401, 403, 404, 409, 413) },
});
