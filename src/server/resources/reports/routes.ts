/** @module Documents: file downloads and round zip jobs, bound to the report service. */
import { REPORT_FORMATS } from '../../../reports/index.js';
import { type Api, actorOf, type ServerContext } from '../../context.js';
import { IdParam } from '../../contract.js';
import { contentDisposition } from '../../download.js';
import { badRequest } from '../../errors.js';
import { requireRole } from '../../access.js';
import * as route from './contract.js';

export function registerReports(app: Api, ctx: ServerContext): void {
  // Files are not JSON: plain routes, described in the registry from the contract.
  app.openAPIRegistry.registerPath(route.file);
  app.get('/api/evaluations/:id/report/:format', async (c) => {
    const actor = actorOf(c);
    const id = IdParam.safeParse({ id: c.req.param('id') });
    if (!id.success) throw badRequest([{ field: '路径参数 id', message: '评价编号必须是不超过 2147483647 的正整数' }]);
    const format = route.FormatParam.safeParse(c.req.param('format'));
    if (!format.success)
      throw badRequest([{ field: '路径参数 format', message: `格式须为 ${REPORT_FORMATS.join('、')} 之一` }]);
    const query = route.ReportQuery.safeParse(c.req.query());
    if (!query.success)
      throw badRequest([
        { field: '查询参数 document', message: 'document 须为 report（自评报告）或 review（审核意见）' },
      ]);
    const document = query.data.document ?? 'report';
    // The 审核意见 is the bureau's check of the unit's scores: never the unit's to download.
    if (document === 'review') requireRole(actor, ['bureau_admin', 'bureau_reviewer'], '审核意见');
    const file = await ctx.reports.render(ctx.db, actor, id.data.id, format.data, { document });
    const inline = format.data === 'html' && c.req.query('download') !== '1';
    c.header('Content-Type', file.contentType);
    c.header('Content-Disposition', contentDisposition(file.fileName, inline ? 'inline' : 'attachment'));
    c.header('Cache-Control', 'private, no-store');
    return c.body(new Uint8Array(file.data), 200);
  });

  app.openapi(route.startJob, async (c) => {
    const job = await ctx.reports.startRoundZip(ctx.jobs, ctx.db, actorOf(c), c.req.valid('param').id, [
      ...new Set(c.req.valid('json').formats),
    ]);
    return c.json(job, 202);
  });
  app.openapi(route.getJob, async (c) => c.json(await ctx.jobs.view(actorOf(c), c.req.valid('param').jobId), 200));

  app.openAPIRegistry.registerPath(route.downloadJob);
  app.get('/api/report-jobs/:jobId/download', async (c) => {
    const p = route.JobParam.safeParse({ jobId: c.req.param('jobId') });
    if (!p.success) throw badRequest([{ field: '路径参数 jobId', message: '任务编号格式不对' }]);
    const z = await ctx.jobs.download(actorOf(c), p.data.jobId);
    c.header('Content-Type', 'application/zip');
    c.header('Content-Disposition', contentDisposition(z.fileName));
    c.header('Cache-Control', 'private, no-store');
    return c.body(new Uint8Array(z.data), 200);
  });
}
