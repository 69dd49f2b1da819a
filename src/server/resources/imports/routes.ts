/** POST /api/import: a report file → a structured evaluation, parsed in the importers' sandbox. */
import { z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { audit } from '../../../core/audit/index.js';
import { builtinFrameworks } from '../../../load/frameworks.js';
import { ImportError, LIMITS } from '../../../importers/limits.js';
import { importBufferIsolated } from '../../../importers/sandbox.js';
import { type Api, actorOf, type ServerContext } from '../../context.js';
import { ApiError, badRequest } from '../../errors.js';
import { errors, json } from '../../contract.js';

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
  void ctx;
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
    bodyLimit({
      maxSize: LIMITS.maxFileBytes + 256 * 1024,
      onError: () => {
        throw new ApiError(413, 'too-large', `文件超过上限 ${LIMITS.maxFileBytes / 1048576} MB`, [
          { field: 'file', message: '文件过大' },
        ]);
      },
    }),
    async (c) => {
      actorOf(c);
      if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data'))
        throw badRequest([{ field: 'file', message: '请以 multipart/form-data 上传，文件放在 file 字段' }]);
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody();
      } catch {
        throw badRequest([{ field: 'file', message: '无法解析上传的表单' }]);
      }
      const file = form.file;
      if (!(file instanceof File)) throw badRequest([{ field: 'file', message: '缺少文件（字段名 file）' }]);
      const fwId = typeof form.framework === 'string' && form.framework ? form.framework : undefined;
      const framework = fwId ? builtinFrameworks().get(fwId) : undefined;
      if (fwId && !framework) throw badRequest([{ field: 'framework', message: `没有指标框架“${fwId}”` }]);
      const name = file.name.replace(/[\\/]/g, '_').slice(0, 200) || '上传文件';
      try {
        const r = await importBufferIsolated(new Uint8Array(await file.arrayBuffer()), {
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
