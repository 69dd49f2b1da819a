// Downloads of the cycle's tables: 绩效目标表 and 绩效监控表 as DOCX, XLSX, PDF or HTML, scoped like the rows they come from.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { executionProgress } from '../../../core/cycle/index.js';
import { monitoringDocument, targetsDocument } from '../../../reports/cycle/document.js';
import type { ReportDocument } from '../../../reports/model.js';
import { CONTENT_TYPES, renderDocument, REPORT_FORMATS, reportFileName } from '../../../reports/index.js';
import { type Api, actorOf, type ServerContext } from '../../context.js';
import { binary, errors, IdParam } from '../../contract.js';
import { contentDisposition } from '../../download.js';
import { badRequest } from '../../errors.js';
import { getMonitoring } from '../monitoring/service.js';
import { getTargets } from './service.js';
import { approvedTargetsOf, cdb } from './shared.js';

const TAG = '绩效目标与运行监控';
const FORMATS = 'docx（Word）、xlsx（Excel）、pdf、html（网页，默认在浏览器中打开；download=1 则下载）';

export const DocumentQuery = z.object({
  format: z.enum(REPORT_FORMATS).openapi({ example: 'docx' }),
  download: z.enum(['0', '1']).optional(),
});

export const targetsFile = createRoute({
  method: 'get',
  path: '/api/targets/{id}/document',
  tags: [TAG],
  summary: `部门整体支出绩效目标表（河南参考格式，金额万元）。已批复的为现行版本及目标调整记录，未批复的每页有“草稿”字样。格式：${FORMATS}`,
  request: { params: IdParam, query: DocumentQuery },
  responses: { 200: binary('application/octet-stream', '文件'), ...errors(400, 401, 404, 503) },
});

export const monitoringFile = createRoute({
  method: 'get',
  path: '/api/monitoring/{id}/document',
  tags: [TAG],
  summary: `绩效监控表：各月执行数、累计执行率与序时进度、预警，各指标1–N月实际完成值、全年预计完成值、完成目标可能性、偏差原因和纠偏措施（未填指标值的取批复的目标表）。格式：${FORMATS}`,
  request: { params: IdParam, query: DocumentQuery },
  responses: { 200: binary('application/octet-stream', '文件'), ...errors(400, 401, 404, 503) },
});

function params(c: Context) {
  const id = IdParam.safeParse({ id: c.req.param('id') });
  if (!id.success) throw badRequest([{ field: '路径参数 id', message: '编号必须是不超过 2147483647 的正整数' }]);
  const q = DocumentQuery.safeParse(c.req.query());
  if (!q.success)
    throw badRequest([{ field: '查询参数 format', message: `格式须为 ${REPORT_FORMATS.join('、')} 之一` }]);
  return { id: id.data.id, ...q.data };
}

async function send(c: Context, ctx: ServerContext, doc: ReportDocument, format: (typeof REPORT_FORMATS)[number]) {
  const data = await renderDocument(doc, format, format === 'pdf' ? { pdf: await ctx.reports.pdf() } : {});
  const inline = format === 'html' && c.req.query('download') !== '1';
  c.header('Content-Type', CONTENT_TYPES[format]);
  c.header('Content-Disposition', contentDisposition(reportFileName(doc, format), inline ? 'inline' : 'attachment'));
  c.header('Cache-Control', 'private, no-store');
  return c.body(new Uint8Array(data), 200);
}

export function registerCycleDocuments(app: Api, ctx: ServerContext): void {
  // Files are not JSON: plain routes, described in the registry from the contract.
  app.openAPIRegistry.registerPath(targetsFile);
  app.get('/api/targets/:id/document', async (c) => {
    const p = params(c);
    const t = await getTargets(ctx.db, actorOf(c), p.id);
    const doc = t.approved
      ? targetsDocument(t.approved.set, { approved: t.approved })
      : targetsDocument(t.document, { draft: true });
    return send(c, ctx, doc, p.format);
  });
  app.openAPIRegistry.registerPath(monitoringFile);
  app.get('/api/monitoring/:id/document', async (c) => {
    const p = params(c);
    const m = await getMonitoring(ctx.db, actorOf(c), p.id);
    const approved = await approvedTargetsOf(cdb(ctx.db), m.orgId, m.year);
    const doc = monitoringDocument(m.document, executionProgress(m.document, m.threshold), {
      threshold: m.threshold,
      ...(approved && { targets: approved.approved.set }),
    });
    return send(c, ctx, doc, p.format);
  });
}
