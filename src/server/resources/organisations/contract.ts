/**
 * @module Organisations (组织): the API's shapes and routes. Types are inferred from the schemas;
 * the web app imports them from here (type-only).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ORG_KINDS } from '../../../core/workflow.js';
import { body, errors, Id, IdParam, json } from '../../contract.js';

const TAG = '组织与用户';

export const OrganisationSchema = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    regionId: z.number().int(),
    kind: z.enum(ORG_KINDS),
    kindLabel: z.string(),
    name: z.string(),
    code: z.string(),
    createdAt: z.string(),
  })
  .openapi('Organisation', { description: '组织：财政局（地区的根）、部门（单位）、下属单位' });
export type Organisation = z.infer<typeof OrganisationSchema>;

export const NewOrganisationBody = z.object({
  kind: z
    .enum(['unit', 'subunit'])
    .openapi({ description: 'unit 部门（单位，上级为财政局）；subunit 下属单位（上级为部门）' }),
  name: z.string().min(1).max(200),
  parentId: Id,
  code: z.string().max(63).optional().openapi({ description: '组织代码：小写字母、数字、连字符；省略则自动生成' }),
});

export const list = createRoute({
  method: 'get',
  path: '/api/organisations',
  tags: [TAG],
  summary: '调用者可见的组织（财政局看全地区，单位看本单位及下属单位）',
  responses: { 200: json(z.array(OrganisationSchema), '组织列表'), ...errors(401) },
});

export const create = createRoute({
  method: 'post',
  path: '/api/organisations',
  tags: [TAG],
  summary: '新建部门（单位）或下属单位（财政局管理员）',
  request: { body: body(NewOrganisationBody) },
  responses: { 201: json(OrganisationSchema, '已新建'), ...errors(400, 401, 403, 404, 409) },
});

export const get = createRoute({
  method: 'get',
  path: '/api/organisations/{id}',
  tags: [TAG],
  summary: '一个组织',
  request: { params: IdParam },
  responses: { 200: json(OrganisationSchema, '组织'), ...errors(400, 401, 404) },
});

export const rename = createRoute({
  method: 'patch',
  path: '/api/organisations/{id}',
  tags: [TAG],
  summary: '修改组织名称（财政局管理员）',
  request: { params: IdParam, body: body(z.object({ name: z.string().min(1).max(200) })) },
  responses: { 200: json(OrganisationSchema, '已修改'), ...errors(400, 401, 403, 404) },
});
