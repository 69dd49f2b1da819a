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

export const ReadySchema = z
  .object({
    ready: z.boolean(),
    reasons: z.array(z.string()).openapi({ description: '未就绪的原因（中文）' }),
    jobs: z.enum(['worker', 'client']).openapi({ description: 'worker 本进程也执行后台任务；client 只排队和查询' }),
  })
  .openapi('Ready');

export const ready = createRoute({
  method: 'get',
  path: '/api/ready',
  tags: ['系统'],
  summary:
    '就绪检查（不需登录，供反向代理/负载均衡）：数据库可用、任务队列已启动且未在停止中时 200，否则 503（停止中的实例先变为 503，再处理完手上的请求）',
  security: [],
  responses: { 200: json(ReadySchema, '就绪'), 503: json(ReadySchema, '未就绪') },
});
