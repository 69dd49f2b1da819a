/** @module Documents (文档): an evaluation's 自评表/自评报告 as files, a round's as a zip job — shapes and routes. */
import { createRoute, z } from '@hono/zod-openapi';
import { REPORT_FORMATS } from '../../../reports/index.js';
import { binary, body, errors, IdParam, json } from '../../contract.js';

const TAG = '文档';
const FORMAT_LABELS = 'docx（Word）、xlsx（Excel，小计为公式）、pdf、html（网页预览）';

export const FormatParam = z.enum(REPORT_FORMATS).openapi({ param: { name: 'format', in: 'path' }, example: 'docx' });

export type ReportFormat = z.infer<typeof FormatParam>;

/** A round zip is a background job like any other (src/server/resources/jobs). */
export { JobParam, JobSchema as ReportJobSchema, type Job as ReportJob } from '../jobs/contract.js';
import { JobParam, JobSchema as ReportJobSchema } from '../jobs/contract.js';

export const ReportQuery = z.object({
  download: z.enum(['0', '1']).optional(),
  document: z.enum(['report', 'review']).optional().openapi({
    description: 'report（默认）：单位报送的自评表和自评报告；review：财政局的审核意见（仅财政局角色）',
  }),
});

export const file = createRoute({
  method: 'get',
  path: '/api/evaluations/{id}/report/{format}',
  tags: [TAG],
  summary: `一份评价的自评表和自评报告。格式：${FORMAT_LABELS}。html 默认在浏览器中打开（?download=1 则下载）；?document=review 为财政局的审核意见（得分对照表、评分核查情况表）`,
  request: { params: IdParam.extend({ format: FormatParam }), query: ReportQuery },
  responses: { 200: binary('application/octet-stream', '文件'), ...errors(400, 401, 404, 503) },
});

export const startJob = createRoute({
  method: 'post',
  path: '/api/rounds/{id}/report-jobs',
  tags: [TAG],
  summary: `批量导出：本轮次调用者可见的全部评价，每个单位一个文件夹，打包为 zip（后台生成，轮询进度）。格式：${FORMAT_LABELS}`,
  request: { params: IdParam, body: body(z.object({ formats: z.array(z.enum(REPORT_FORMATS)).min(1).max(4) })) },
  responses: { 202: json(ReportJobSchema, '已开始'), ...errors(400, 401, 404, 409) },
});

export const getJob = createRoute({
  method: 'get',
  path: '/api/report-jobs/{jobId}',
  tags: [TAG],
  summary: '批量导出的进度（只有发起人可见；同 GET /api/jobs/{jobId}）',
  request: { params: JobParam },
  responses: { 200: json(ReportJobSchema, '进度'), ...errors(400, 401, 404) },
});

export const downloadJob = createRoute({
  method: 'get',
  path: '/api/report-jobs/{jobId}/download',
  tags: [TAG],
  summary: '下载批量导出的 zip（完成后保留 30 分钟；未完成时 409；同 GET /api/jobs/{jobId}/download）',
  request: { params: JobParam },
  responses: { 200: binary('application/zip', 'zip 文件'), ...errors(400, 401, 404, 409, 410) },
});
