/** @module Background jobs: progress, download, cancel, and the round jobs that have no resource of their own. */
import { type Api, actorOf, type ServerContext } from '../../context.js';
import { contentDisposition } from '../../download.js';
import { badRequest } from '../../errors.js';
import { requireRole } from '../../access.js';
import { getRound } from '../rounds/service.js';
import * as route from './contract.js';

export function registerJobs(app: Api, ctx: ServerContext): void {
  app.openapi(route.getJob, async (c) => c.json(await ctx.jobs.view(actorOf(c), c.req.valid('param').jobId), 200));
  app.openapi(route.cancelJob, async (c) => c.json(await ctx.jobs.cancel(actorOf(c), c.req.valid('param').jobId), 200));

  app.openAPIRegistry.registerPath(route.downloadJob);
  app.get('/api/jobs/:jobId/download', async (c) => {
    const p = route.JobParam.safeParse({ jobId: c.req.param('jobId') });
    if (!p.success) throw badRequest([{ field: '路径参数 jobId', message: '任务编号格式不对' }]);
    const f = await ctx.jobs.download(actorOf(c), p.data.jobId);
    c.header('Content-Type', f.fileName.endsWith('.zip') ? 'application/zip' : 'application/octet-stream');
    c.header('Content-Disposition', contentDisposition(f.fileName));
    c.header('Cache-Control', 'private, no-store');
    return c.body(new Uint8Array(f.data), 200);
  });

  app.openapi(route.startRescore, async (c) => {
    const actor = actorOf(c);
    const round = await getRound(ctx.db, actor, c.req.valid('param').id);
    requireRole(actor, ['bureau_admin'], '重新计分');
    const job = await ctx.jobs.enqueue(
      'round-rescore',
      actor,
      { roundId: round.id },
      { total: 0, regionId: round.regionId },
    );
    return c.json(job, 202);
  });

  app.openapi(route.startReminders, async (c) => {
    const actor = actorOf(c);
    const round = await getRound(ctx.db, actor, c.req.valid('param').id);
    requireRole(actor, ['bureau_admin', 'bureau_reviewer'], '发送截止日期提醒');
    const job = await ctx.jobs.enqueue(
      'round-reminders',
      actor,
      { roundId: round.id },
      { total: 1, regionId: round.regionId },
    );
    return c.json(job, 202);
  });
}
