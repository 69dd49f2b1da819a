/** @module Background jobs (后台任务): a job's progress, its file, cancelling it; re-scoring and reminders of a round — shapes and routes. */
import { createRoute, z } from '@hono/zod-openapi';
import { JOB_KINDS, JOB_STATES } from '../../../core/jobs.js';
import { binary, errors, IdParam, json } from '../../contract.js';

const TAG = '后台任务';

export const JobSchema = z
  .object({
    id: z.string(),
    kind: z.enum(JOB_KINDS),
    state: z.enum(JOB_STATES).openapi({
      description:
        'queued 排队中、running 进行中、done 已完成、failed 失败、cancelled 已取消；执行进程停止时回到 queued 由其他进程重做',
    }),
    done: z.number().int(),
    total: z.number().int(),
    name: z.string().openapi({ description: '最近完成的一项（文件、单位）' }),
    errors: z.array(z.object({ name: z.string(), message: z.string() })),
    message: z.string().nullable(),
    fileName: z.string(),
    size: z.number().int().nullable().openapi({ description: '结果文件的字节数；没有文件时为 null' }),
    attempts: z.number().int().openapi({ description: '已开始执行的次数（执行进程停止后重做会增加）' }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('Job');
export type Job = z.infer<typeof JobSchema>;

export const JobParam = z.object({
  jobId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'jobId', in: 'path' } }),
});

export const getJob = createRoute({
  method: 'get',
  path: '/api/jobs/{jobId}',
  tags: [TAG],
  summary: '后台任务的进度（只有发起人可见；任一服务实例均可查询）',
  request: { params: JobParam },
  responses: { 200: json(JobSchema, '进度'), ...errors(400, 401, 404) },
});

export const cancelJob = createRoute({
  method: 'post',
  path: '/api/jobs/{jobId}/cancel',
  tags: [TAG],
  summary: '取消排队中或进行中的任务（已结束的任务不变）',
  request: { params: JobParam },
  responses: {
    200: json(JobSchema, '任务（排队中的立即取消；进行中的在下一次心跳时停止）'),
    ...errors(400, 401, 403, 404),
  },
});

export const downloadJob = createRoute({
  method: 'get',
  path: '/api/jobs/{jobId}/download',
  tags: [TAG],
  summary: '下载任务的结果文件（完成后保留 30 分钟；未完成 409，失败、取消或过期 410）',
  request: { params: JobParam },
  responses: { 200: binary('application/octet-stream', '文件'), ...errors(400, 401, 404, 409, 410) },
});

export const startRescore = createRoute({
  method: 'post',
  path: '/api/rounds/{id}/rescore-jobs',
  tags: [TAG],
  summary: '按本轮次的指标框架版本重新计算全部评价的规则得分（仅财政局管理员；总分或等级有变化的写入审计日志）',
  request: { params: IdParam },
  responses: { 202: json(JobSchema, '已排队'), ...errors(400, 401, 403, 404, 409) },
});

export const startReminders = createRoute({
  method: 'post',
  path: '/api/rounds/{id}/reminder-jobs',
  tags: [TAG],
  summary: '提醒尚未报送财政局的单位（填报人、负责人）：每人每天至多一条通知',
  request: { params: IdParam },
  responses: { 202: json(JobSchema, '已排队'), ...errors(400, 401, 403, 404, 409) },
});
