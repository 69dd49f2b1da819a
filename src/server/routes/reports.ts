import { createRoute, z } from '@hono/zod-openapi';
import { REPORT_FORMATS } from '../../reports/index.js';
import { type Api, actorOf, type ServerContext } from '../context.js';
import { contentDisposition } from '../download.js';
import { badRequest } from '../errors.js';
import { body, errors, IdParam, json } from '../schemas.js';

/** Downloads of the 自评表/自评报告 (DOCX, XLSX, PDF, HTML preview) and a round's reports as a zip. */

const FORMAT_LABELS = 'docx（Word）、xlsx（Excel，小计为公式）、pdf、html（网页预览）';

const FormatParam = z.enum(REPORT_FORMATS).openapi({ param: { name: 'format', in: 'path' }, example: 'docx' });

const JobSchema = z
  .object({
    id: z.string(),
    state: z.enum(['running', 'done', 'failed']),
    done: z.number().int(),
    total: z.number().int(),
    name: z.string(),
    errors: z.array(z.object({ name: z.string(), message: z.string() })),
    message: z.string().nullable(),
    fileName: z.string(),
    size: z.number().int().nullable(),
  })
  .openapi('ReportJob');

const JobParam = z.object({
  jobId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'jobId', in: 'path' } }),
});

const startJob = createRoute({
  method: 'post',
  path: '/api/rounds/{id}/report-jobs',
  tags: ['文档'],
  summary: `批量导出：本轮次调用者可见的全部评价，每个单位一个文件夹，打包为 zip（后台生成，轮询进度）。格式：${FORMAT_LABELS}`,
  request: { params: IdParam, body: body(z.object({ formats: z.array(z.enum(REPORT_FORMATS)).min(1).max(4) })) },
  responses: { 202: json(JobSchema, '已开始'), ...errors(400, 401, 404, 409) },
});

const getJob = createRoute({
  method: 'get',
  path: '/api/report-jobs/{jobId}',
  tags: ['文档'],
  summary: '批量导出的进度（只有发起人可见）',
  request: { params: JobParam },
  responses: { 200: json(JobSchema, '进度'), ...errors(401, 404) },
});

const binary = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
});

export function registerReportRoutes(app: Api, ctx: ServerContext): void {
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/evaluations/{id}/report/{format}',
    tags: ['文档'],
    summary: `一份评价的自评表和自评报告。格式：${FORMAT_LABELS}。html 默认在浏览器中打开（?download=1 则下载）；?findings=0 不附评分核查情况表`,
    request: {
      params: IdParam.extend({ format: FormatParam }),
      query: z.object({ download: z.enum(['0', '1']).optional(), findings: z.enum(['0', '1']).optional() }),
    },
    responses: {
      200: binary('application/octet-stream', '文件'),
      ...errors(400, 401, 404),
      503: { description: '本机无法生成 PDF（缺少 Chromium）' },
    },
  });
  app.get('/api/evaluations/:id/report/:format', async (c) => {
    const actor = actorOf(c);
    const id = IdParam.safeParse({ id: c.req.param('id') });
    if (!id.success) throw badRequest([{ field: 'id', message: '评价编号必须是正整数' }]);
    const format = FormatParam.safeParse(c.req.param('format'));
    if (!format.success) throw badRequest([{ field: 'format', message: `格式须为 ${REPORT_FORMATS.join('、')} 之一` }]);
    const file = await ctx.reports.render(ctx.db, actor, id.data.id, format.data, {
      findings: c.req.query('findings') !== '0',
    });
    const inline = format.data === 'html' && c.req.query('download') !== '1';
    c.header('Content-Type', file.contentType);
    c.header('Content-Disposition', contentDisposition(file.fileName, inline ? 'inline' : 'attachment'));
    c.header('Cache-Control', 'private, no-store');
    return c.body(new Uint8Array(file.data), 200);
  });

  app.openapi(startJob, async (c) => {
    const job = await ctx.reports.startRoundZip(ctx.db, actorOf(c), c.req.valid('param').id, [
      ...new Set(c.req.valid('json').formats),
    ]);
    return c.json(job, 202);
  });
  app.openapi(getJob, async (c) => c.json(ctx.reports.jobs.get(actorOf(c), c.req.valid('param').jobId), 200));

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/report-jobs/{jobId}/download',
    tags: ['文档'],
    summary: '下载批量导出的 zip（完成后保留 30 分钟；未完成时 409）',
    request: { params: JobParam },
    responses: { 200: binary('application/zip', 'zip 文件'), ...errors(401, 404, 409) },
  });
  app.get('/api/report-jobs/:jobId/download', async (c) => {
    const p = JobParam.safeParse({ jobId: c.req.param('jobId') });
    if (!p.success) throw badRequest([{ field: 'jobId', message: '任务编号格式不对' }]);
    const z = ctx.reports.jobs.download(actorOf(c), p.data.jobId);
    c.header('Content-Type', 'application/zip');
    c.header('Content-Disposition', contentDisposition(z.fileName));
    c.header('Cache-Control', 'private, no-store');
    return c.body(new Uint8Array(z.data), 200);
  });
}
