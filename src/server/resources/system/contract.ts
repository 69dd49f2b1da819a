/** @module System (系统): the health check — shape and route. */
import { createRoute, z } from '@hono/zod-openapi';
import { json } from '../../contract.js';

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']).openapi({ description: 'ok 正常；degraded 数据库暂时不可用，服务正在重连' }),
    database: z.enum(['pglite', 'postgres']),
    schema: z.string().openapi({ description: '最新的数据库迁移' }),
    version: z.string(),
    message: z.string().optional(),
  })
  .openapi('Health');
export type Health = z.infer<typeof HealthSchema>;

export const health = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['系统'],
  summary: '健康检查（不需登录）：数据库不可用时 503 与 status=degraded',
  security: [],
  responses: { 200: json(HealthSchema, '正常'), 503: json(HealthSchema, '数据库暂时不可用') },
});
