/**
 * POST /api/import: a report file → a structured evaluation, parsed in the importers' sandbox.
 * POST /api/import-jobs: many report files → a background job that imports and audits each.
 */
import { z } from '@hono/zod-openapi';
import { audit } from '../../../core/audit/index.js';
import { builtinFrameworks } from '../../../load/frameworks.js';
import { ImportError, LIMITS } from '../../../importers/limits.js';
import { importBufferIsolated } from '../../../importers/sandbox.js';
import { type Api, actorOf, type ServerContext } from '../../context.js';
import { ApiError, badRequest } from '../../errors.js';
import { uploadedFile, uploadLimit } from '../../upload.js';
import { errors, json } from '../../contract.js';
import { requireRole } from '../../access.js';
import { IMPORT_JOB_LIMITS, IMPORT_JOB_ROLES } from '../../jobs/import-audit.js';
import { ImportJobFields, startImportJob } from './contract.js';

const MB = 1048576;

/**
 * Nothing is stored: the answer is the imported evaluation (to copy into a workspace), the
 * framework recognised or rebuilt, the confidence notes and the audit's counts. Any signed-in user
 * may call it; it reads no one's rows. A file the importer refuses (hostile, broken, no score table)
 * is 422 (the upload itself over the size limit: 413) with the importer's Chinese message and, for a report without a score
 * table, what was found.
 */
const ImportAnswer = z.object({
  evaluation: z.record(z.string(), z.unknown()),
  framework: z.object({ id: z.string(), name: z.string(), recognised: z.boolean() }),
  confidence: z.array(z.object({ field: z.string(), note: z.string() })),
  audit: z.object({ findings: z.number(), error: z.number(), warning: z.number(), info: z.number() }),
});

export function registerImports(app: Api, ctx: ServerContext): void {
  registerImportJobs(app, ctx);
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/import',
    tags: ['导入'],
    summary: `导入一份报告（multipart/form-data：file，可选 framework 指标框架标识）：txt、md、html、docx、xlsx、pdf，不超过 ${LIMITS.maxFileBytes / 1048576} MB；在限定内存与时限的独立进程中解析，不保存`,
    request: {
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({
              file: z.string().openapi({ type: 'string', format: 'binary' }),
              framework: z.string().optional(),
            }),
          },
        },
      },
    },
    responses: {
      200: json(ImportAnswer, '导入结果'),
      422: json(
        z.object({ error: z.record(z.string(), z.unknown()) }),
        '文件无法导入（中文说明；无评分表时附已识别的内容）',
      ),
      ...errors(400, 401, 413),
    },
  });
  app.post(
    '/api/import',
    uploadLimit(LIMITS.maxFileBytes, { message: `文件超过上限 ${LIMITS.maxFileBytes / 1048576} MB` }),
    async (c) => {
      actorOf(c);
      const { form, name, bytes } = await uploadedFile(c);
      const fwId = typeof form.framework === 'string' && form.framework ? form.framework : undefined;
      const framework = fwId ? builtinFrameworks().get(fwId) : undefined;
      if (fwId && !framework) throw badRequest([{ field: 'framework', message: `没有指标框架“${fwId}”` }]);
      try {
        const r = await importBufferIsolated(bytes, {
          name,
          ...(framework && { framework }),
        });
        const a = audit(r.framework, r.evaluation, r.facts);
        return c.json(
          {
            evaluation: r.evaluation as Record<string, unknown>,
            framework: { id: r.framework.id, name: r.framework.name, recognised: r.recognised },
            confidence: r.confidence,
            audit: { findings: a.findings.length, ...a.summary.counts },
          },
          200,
        );
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        throw new ApiError(
          422,
          `import-${e.code}`,
          e.message,
          [{ field: 'file', message: e.detail }],
          e.found !== undefined ? { found: e.found } : undefined,
        );
      }
    },
  );
}

/** The batch: files checked here (count, sizes, framework), stored with the job, imported and audited by a worker. */
function registerImportJobs(app: Api, ctx: ServerContext): void {
  app.openAPIRegistry.registerPath(startImportJob);
  app.post(
    '/api/import-jobs',
    uploadLimit(IMPORT_JOB_LIMITS.maxTotalBytes, {
      overhead: 1024 * 1024,
      message: `上传的文件合计超过上限 ${IMPORT_JOB_LIMITS.maxTotalBytes / MB} MB`,
      fieldMessage: '文件合计过大，请分批上传',
    }),
    async (c) => {
      const actor = actorOf(c);
      requireRole(actor, IMPORT_JOB_ROLES, '批量导入与核查');
      if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data'))
        throw badRequest([{ field: 'file', message: '请以 multipart/form-data 上传，文件放在 file 字段（可重复）' }]);
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody({ all: true });
      } catch {
        throw badRequest([{ field: 'file', message: '无法解析上传的表单' }]);
      }
      const fields = ImportJobFields.safeParse({
        ...(typeof form.framework === 'string' && form.framework ? { framework: form.framework } : {}),
      });
      if (!fields.success || Array.isArray(form.framework))
        throw badRequest([{ field: 'framework', message: '指标框架标识须为一个不超过 100 字的字符串' }]);
      const fwId = fields.data.framework;
      if (fwId && !builtinFrameworks().get(fwId))
        throw badRequest([{ field: 'framework', message: `没有指标框架“${fwId}”` }]);
      const files = [form.file].flat().filter((f): f is File => f instanceof File);
      if (files.length === 0) throw badRequest([{ field: 'file', message: '缺少文件（字段名 file，可重复）' }]);
      if (files.length > IMPORT_JOB_LIMITS.maxFiles)
        throw badRequest([
          {
            field: 'file',
            message: `一次至多 ${IMPORT_JOB_LIMITS.maxFiles} 个文件（收到 ${files.length} 个），请分批上传`,
          },
        ]);
      const tooLarge = files.flatMap((f, i) =>
        f.size > LIMITS.maxFileBytes
          ? [{ field: `file[${i}]`, message: `“${f.name}”超过单个文件上限 ${LIMITS.maxFileBytes / MB} MB` }]
          : [],
      );
      if (tooLarge.length) throw new ApiError(413, 'too-large', '有文件超过单个文件的上限', tooLarge);
      const names = files.map((f, i) => f.name.replace(/[\\/]/g, '_').slice(0, 200) || `文件${i + 1}`);
      const job = await ctx.jobs.enqueue('import-audit', actor, fwId ? { framework: fwId } : {}, {
        total: files.length,
        fileName: '导入核查结果.zip',
        // One row a file, one at a time: a statement never holds more than one file.
        attach: async (db, jobId) => {
          for (const [i, f] of files.entries())
            await db
              .insertInto('job_inputs')
              .values({ job_id: jobId, ord: i, name: names[i]!, content: new Uint8Array(await f.arrayBuffer()) })
              .execute();
        },
      });
      return c.json(job, 202);
    },
  );
}
