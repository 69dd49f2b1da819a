/** @module Users (用户): the API's shapes and routes; types inferred from the schemas. */
import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../../core/workflow.js';
import { body, errors, Id, IdParam, json } from '../../contract.js';

const TAG = '组织与用户';

export const UserSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    roleLabel: z.string(),
    orgId: z.number().int(),
    orgName: z.string(),
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('User');
export type User = z.infer<typeof UserSchema>;

const Password = z.string().min(1).max(200);

export const NewUserBody = z.object({
  orgId: Id,
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(100),
  role: z
    .enum(ROLES)
    .openapi({ description: '财政局：bureau_admin、bureau_reviewer、public；单位：unit_filler、unit_leader' }),
  password: Password,
});

export const UserPatchBody = z
  .object({
    displayName: z.string().min(1).max(100).optional(),
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: '至少修改一项：displayName、role、disabled 或 password',
  });
export type UserPatch = z.infer<typeof UserPatchBody>;

export const list = createRoute({
  method: 'get',
  path: '/api/users',
  tags: [TAG],
  summary: '本地区的用户（财政局管理员）',
  responses: { 200: json(z.array(UserSchema), '用户列表'), ...errors(401, 403) },
});

export const create = createRoute({
  method: 'post',
  path: '/api/users',
  tags: [TAG],
  summary: '新建用户（财政局管理员）',
  request: { body: body(NewUserBody) },
  responses: { 201: json(UserSchema, '已新建'), ...errors(400, 401, 403, 404, 409) },
});

export const update = createRoute({
  method: 'patch',
  path: '/api/users/{id}',
  tags: [TAG],
  summary: '修改用户：姓名、角色、停用、重置密码（财政局管理员）',
  request: { params: IdParam, body: body(UserPatchBody) },
  responses: { 200: json(UserSchema, '已修改'), ...errors(400, 401, 403, 404) },
});
