import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../db/schema.js';
import { type Api, actorOf, type ServerContext } from '../context.js';
import { body, errors, IdParam, json, OrganisationSchema, UserSchema } from '../schemas.js';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  renameOrganisation,
} from '../services/organisations.js';
import { createUser, listUsers, updateUser } from '../services/users.js';

const listOrgs = createRoute({
  method: 'get',
  path: '/api/organisations',
  tags: ['组织与用户'],
  summary: '调用者可见的组织（财政局看全地区，单位看本单位及下属单位）',
  responses: { 200: json(z.array(OrganisationSchema), '组织列表'), ...errors(401) },
});

const createOrg = createRoute({
  method: 'post',
  path: '/api/organisations',
  tags: ['组织与用户'],
  summary: '新建部门（单位）或下属单位（财政局管理员）',
  request: {
    body: body(
      z.object({
        kind: z
          .enum(['unit', 'subunit'])
          .openapi({ description: 'unit 部门（单位，上级为财政局）；subunit 下属单位（上级为部门）' }),
        name: z.string().min(1).max(200),
        parentId: z.number().int().positive(),
        code: z.string().optional().openapi({ description: '组织代码：小写字母、数字、连字符；省略则自动生成' }),
      }),
    ),
  },
  responses: { 201: json(OrganisationSchema, '已新建'), ...errors(400, 401, 403, 404, 409) },
});

const getOrg = createRoute({
  method: 'get',
  path: '/api/organisations/{id}',
  tags: ['组织与用户'],
  summary: '一个组织',
  request: { params: IdParam },
  responses: { 200: json(OrganisationSchema, '组织'), ...errors(401, 404) },
});

const patchOrg = createRoute({
  method: 'patch',
  path: '/api/organisations/{id}',
  tags: ['组织与用户'],
  summary: '修改组织名称（财政局管理员）',
  request: { params: IdParam, body: body(z.object({ name: z.string().min(1).max(200) })) },
  responses: { 200: json(OrganisationSchema, '已修改'), ...errors(400, 401, 403, 404) },
});

const listUsersRoute = createRoute({
  method: 'get',
  path: '/api/users',
  tags: ['组织与用户'],
  summary: '本地区的用户（财政局管理员）',
  responses: { 200: json(z.array(UserSchema), '用户列表'), ...errors(401, 403) },
});

const createUserRoute = createRoute({
  method: 'post',
  path: '/api/users',
  tags: ['组织与用户'],
  summary: '新建用户（财政局管理员）',
  request: {
    body: body(
      z.object({
        orgId: z.number().int().positive(),
        username: z.string().min(1).max(64),
        displayName: z.string().min(1).max(100),
        role: z
          .enum(ROLES)
          .openapi({ description: '财政局：bureau_admin、bureau_reviewer、public；单位：unit_filler、unit_leader' }),
        password: z.string().min(1).max(200),
      }),
    ),
  },
  responses: { 201: json(UserSchema, '已新建'), ...errors(400, 401, 403, 404, 409) },
});

const patchUserRoute = createRoute({
  method: 'patch',
  path: '/api/users/{id}',
  tags: ['组织与用户'],
  summary: '修改用户：姓名、角色、停用、重置密码（财政局管理员）',
  request: {
    params: IdParam,
    body: body(
      z.object({
        displayName: z.string().min(1).max(100).optional(),
        role: z.enum(ROLES).optional(),
        disabled: z.boolean().optional(),
        password: z.string().min(1).max(200).optional(),
      }),
    ),
  },
  responses: { 200: json(UserSchema, '已修改'), ...errors(400, 401, 403, 404) },
});

export function registerOrganisationRoutes(app: Api, ctx: ServerContext): void {
  app.openapi(listOrgs, async (c) => c.json(await listOrganisations(ctx.db, actorOf(c)), 200));
  app.openapi(createOrg, async (c) => {
    const b = c.req.valid('json');
    return c.json(
      await createOrganisation(ctx.db, actorOf(c), {
        kind: b.kind,
        name: b.name,
        parentId: b.parentId,
        ...(b.code !== undefined ? { code: b.code } : {}),
      }),
      201,
    );
  });
  app.openapi(getOrg, async (c) => c.json(await getOrganisation(ctx.db, actorOf(c), c.req.valid('param').id), 200));
  app.openapi(patchOrg, async (c) =>
    c.json(await renameOrganisation(ctx.db, actorOf(c), c.req.valid('param').id, c.req.valid('json').name), 200),
  );

  app.openapi(listUsersRoute, async (c) => c.json(await listUsers(ctx.db, actorOf(c)), 200));
  app.openapi(createUserRoute, async (c) =>
    c.json(await createUser(ctx.db, actorOf(c), c.req.valid('json'), ctx.scrypt), 201),
  );
  app.openapi(patchUserRoute, async (c) => {
    const b = c.req.valid('json');
    const patch = Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined));
    return c.json(await updateUser(ctx.db, actorOf(c), c.req.valid('param').id, patch, ctx.scrypt), 200);
  });
}
