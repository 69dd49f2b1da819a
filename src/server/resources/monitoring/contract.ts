// 运行监控: shapes and routes — a unit's monitoring reports, the bureau's dashboard and 督促整改.
import { createRoute, z } from '@hono/zod-openapi';
import type { ExecutionProgress, MonitoringReport } from '../../../core/cycle/index.js';
import { body, errors, Id, IdParam, json } from '../../contract.js';
import { FindingSchema } from '../targets/contract.js';

const TAG = '绩效目标与运行监控';
const Year = z.coerce.number().int().min(2000).max(2100);

const MonitoringDocument = z.record(z.string(), z.any()).openapi('MonitoringDocument', {
  description:
    '绩效监控表，与 examples/cycle/monitoring-2021-06.yaml 同构：budget（全年预算数、各月执行数）、indicators（1–N月实际完成值、全年预计完成值、偏差原因、完成目标可能性、纠偏措施）。unit、year、month 由单位和请求决定，可省略。',
});

const Progress = z
  .object({
    month: z.number().int(),
    executed: z.number(),
    total: z.number(),
    rate: z.number(),
    timeProgress: z.number(),
    lag: z.number(),
    lagging: z.boolean(),
  })
  .openapi('ExecutionProgress', { description: '预算执行率与序时进度（百分比，两位小数）；lag 为落后的百分点' });

export const MonitoringSchema = z
  .object({
    id: z.number().int(),
    orgId: z.number().int(),
    orgName: z.string(),
    year: z.number().int(),
    month: z.number().int(),
    version: z.number().int(),
    document: z.custom<MonitoringReport>().openapi({ type: 'object' }),
    progress: z.custom<ExecutionProgress>().openapi({ type: 'object' }),
    threshold: z.number(),
    findings: z.array(FindingSchema),
    atRisk: z.array(z.object({ name: z.string(), likelihood: z.string() })),
    urgedAt: z.string().nullable(),
    urgedNote: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('MonitoringReport', { description: '一份绩效监控表（1–N月）' });
export type MonitoringView = z.infer<typeof MonitoringSchema>;

export const DashboardSchema = z
  .object({
    year: z.number().int(),
    threshold: z.number(),
    months: z.array(z.number().int()),
    units: z.array(
      z.object({
        orgId: z.number().int(),
        orgName: z.string(),
        reported: z.array(z.number().int()),
        missing: z.array(z.number().int()),
        latest: z
          .object({ id: z.number().int(), month: z.number().int(), progress: Progress, urgedAt: z.string().nullable() })
          .nullable(),
        atRisk: z.array(z.object({ name: z.string(), likelihood: z.string() })),
      }),
    ),
  })
  .openapi('MonitoringDashboard', {
    description: '财政局的监控看板：执行落后的单位、完成目标有风险的指标、未报送的监控期',
  });
export type MonitoringDashboard = z.infer<typeof DashboardSchema>;

/** What POST /api/monitoring/{id}/execution answers (the route itself is in ./execution.ts: a file upload). */
export const ExecutionImportSchema = z
  .object({
    report: MonitoringSchema,
    imported: z.object({
      sheet: z.string(),
      unit: z.enum(['元', '万元']),
      months: z.number().int(),
      total: z.number().nullable(),
      notes: z.array(z.string()),
    }),
  })
  .openapi('ExecutionImport', {
    description: '导入后的监控表，以及从文件读到的内容（工作表、金额单位、月数、全年预算数）',
  });
export type ExecutionImport = z.infer<typeof ExecutionImportSchema>;

export const list = createRoute({
  method: 'get',
  path: '/api/monitoring',
  tags: [TAG],
  summary: '可见的绩效监控表',
  request: { query: z.object({ year: Year.optional() }) },
  responses: { 200: json(z.array(MonitoringSchema), '监控表列表'), ...errors(400, 401, 403) },
});

export const create = createRoute({
  method: 'post',
  path: '/api/monitoring',
  tags: [TAG],
  summary: '填报本单位一期绩效监控表（单位填报人；月份须为财政局设定的监控期）',
  request: {
    body: body(z.object({ year: Year, month: z.number().int().min(1).max(12), document: MonitoringDocument })),
  },
  responses: { 201: json(MonitoringSchema, '已填报'), ...errors(400, 401, 403, 409) },
});

export const get = createRoute({
  method: 'get',
  path: '/api/monitoring/{id}',
  tags: [TAG],
  summary: '一份绩效监控表，含执行进度和检查结果',
  request: { params: IdParam },
  responses: { 200: json(MonitoringSchema, '监控表'), ...errors(400, 401, 404) },
});

export const save = createRoute({
  method: 'put',
  path: '/api/monitoring/{id}',
  tags: [TAG],
  summary: '修改绩效监控表（单位填报人）',
  request: { params: IdParam, body: body(z.object({ version: Id, document: MonitoringDocument })) },
  responses: { 200: json(MonitoringSchema, '已保存'), ...errors(400, 401, 403, 404, 409) },
});

export const urge = createRoute({
  method: 'post',
  path: '/api/monitoring/{id}/urge',
  tags: [TAG],
  summary: '督促整改（财政局）：记入日志，并为该单位生成一条整改事项',
  request: { params: IdParam, body: body(z.object({ note: z.string().min(2).max(2000) })) },
  responses: { 200: json(MonitoringSchema, '已督促'), ...errors(400, 401, 403, 404) },
});

export const dashboard = createRoute({
  method: 'get',
  path: '/api/monitoring/dashboard',
  tags: [TAG],
  summary: '监控看板（财政局）',
  request: { query: z.object({ year: Year }) },
  responses: { 200: json(DashboardSchema, '看板'), ...errors(400, 401, 403) },
});
