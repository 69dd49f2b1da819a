/** @module Sign-in (登录): sessions, the current user, one's own password — shapes and routes. */
import { createRoute, z } from '@hono/zod-openapi';
import { ORG_KINDS, ROLES } from '../../../core/workflow.js';
import { body, errors, json, OkSchema } from '../../contract.js';

const TAG = '登录';

export const MeSchema = z
  .object({
    user: z.object({
      id: z.number().int(),
      username: z.string(),
      displayName: z.string(),
      role: z.enum(ROLES),
      roleLabel: z.string(),
    }),
    organisation: z.object({
      id: z.number().int(),
      name: z.string(),
      kind: z.enum(ORG_KINDS),
      regionId: z.number().int(),
    }),
    csrfToken: z.string().openapi({ description: '写操作（POST/PUT/PATCH/DELETE）须在请求头 X-CSRF-Token 中带上此值' }),
    limits: z
      .object({
        attachmentMaxBytes: z.number().int(),
        attachmentTypes: z.array(z.string()),
        importMaxBytes: z.number().int(),
      })
      .openapi({ description: '上传限制：佐证材料单个文件的上限与类型（扩展名），导入报告的上限——网页据此提示' }),
  })
  .openapi('Me');
export type Me = z.infer<typeof MeSchema>;

/** GET /api/auth/session: the signed-in user, or null. */
export const SessionStateSchema = z.object({ me: MeSchema.nullable() }).openapi('SessionState');
export type SessionState = z.infer<typeof SessionStateSchema>;

export const LoginBody = z.object({
  username: z.string().min(1).max(64).openapi({ example: 'demo-admin' }),
  password: z.string().min(1).max(200),
});

export const login = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: [TAG],
  summary:
    '登录：设置会话 Cookie，返回 CSRF 令牌（不需登录）。同一账号、同一地址与账号连续失败后须等待（逐次加长，有上限；429 与 Retry-After），正确的密码不会因他人的失败而被拒绝',
  security: [],
  request: { body: body(LoginBody) },
  responses: { 200: json(MeSchema, '已登录'), ...errors(400, 401, 403, 429) },
});

export const logout = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: [TAG],
  summary: '退出登录',
  responses: { 200: json(OkSchema, '已退出'), ...errors(401, 403) },
});

export const me = createRoute({
  method: 'get',
  path: '/api/auth/me',
  tags: [TAG],
  summary: '当前用户、所属组织和 CSRF 令牌',
  responses: { 200: json(MeSchema, '当前用户'), ...errors(401) },
});

export const session = createRoute({
  method: 'get',
  path: '/api/auth/session',
  tags: [TAG],
  summary: '是否已登录：已登录时为当前用户（同 /api/auth/me），未登录时 me 为 null——始终 200，登录页不必为此收到 401',
  responses: { 200: json(SessionStateSchema, '登录状态') },
});

export const changePassword = createRoute({
  method: 'post',
  path: '/api/auth/password',
  tags: [TAG],
  summary: '修改自己的密码（其他会话随之失效）',
  request: {
    body: body(z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) })),
  },
  responses: { 200: json(OkSchema, '已修改'), ...errors(400, 401, 403) },
});

/** The session cookie (HttpOnly, SameSite=Strict, Secure unless plain http on loopback). */
export const SESSION_COOKIE = 'jixiao_session';
