/** @module Importing reports: the batch import-and-audit job's route (the single-file POST /api/import is described in routes.ts). */
import { createRoute, z } from '@hono/zod-openapi';
import { LIMITS } from '../../../importers/limits.js';
import { IMPORT_JOB_LIMITS } from '../../jobs/import-audit.js';
import { errors, json } from '../../contract.js';
import { JobSchema } from '../jobs/contract.js';

const MB = 1048576;

/** The form's fields other than the files (checked with zod; the files are checked one by one). */
export const ImportJobFields = z.object({
  framework: z.string().min(1).max(100).optional().openapi({ description: '指标框架标识（默认按表中指标名称识别）' }),
});

export const startImportJob = createRoute({
  method: 'post',
  path: '/api/import-jobs',
  tags: ['导入'],
  summary: `批量导入并核查报告（后台任务；multipart/form-data：file 可重复，可选 framework）：至多 ${IMPORT_JOB_LIMITS.maxFiles} 个文件、每个不超过 ${LIMITS.maxFileBytes / MB} MB、合计不超过 ${IMPORT_JOB_LIMITS.maxTotalBytes / MB} MB；逐个在独立进程中解析并核查，进度见 GET /api/jobs/{jobId}，结果为 zip（核查汇总.xlsx、核查汇总.csv、各文件导入的 YAML），无法核查的文件列入汇总表与任务错误；不保存为评价。公众账号不可用`,
  request: {
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: ImportJobFields.extend({
            file: z
              .array(z.string().openapi({ type: 'string', format: 'binary' }))
              .openapi({ description: '报告文件：txt、md、html、docx、xlsx、pdf' }),
          }),
        },
      },
    },
  },
  responses: { 202: json(JobSchema, '已排队'), ...errors(400, 401, 403, 409, 413, 503) },
});
