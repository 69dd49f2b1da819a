// Monthly execution uploaded into a monitoring report: the 一体化 system's XLSX read (bounded) and saved as 各月执行数.
import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { applyExecution, type MonthlyExecution, readExecutionXlsx } from '../../../importers/execution.js';
import { ImportError } from '../../../importers/limits.js';
import type { Actor } from '../../access.js';
import { type Api, actorOf, type ServerContext } from '../../context.js';
import { errors, Id, IdParam, json } from '../../contract.js';
import { ApiError, badRequest } from '../../errors.js';
import { uploadedFile, uploadLimit } from '../../upload.js';
import { type ExecutionImport, ExecutionImportSchema, type MonitoringView } from './contract.js';
import { getMonitoring, saveMonitoring } from './service.js';

/** A month-by-month table is a few KB; more is not such a table. */
const MAX_BYTES = 5 * 1024 * 1024;

/** Reads the file, puts months 1–N (and the 全年预算数, where the file has it) into the report, saves it as an edit. */
export async function importExecution(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  rawVersion: unknown,
  file: { name: string; bytes: Uint8Array },
): Promise<ExecutionImport> {
  // Found first: another unit's or region's report is 404 whatever was uploaded.
  const current = await getMonitoring(db, actor, id);
  const version = Id.safeParse(Number(rawVersion));
  if (!version.success) throw badRequest([{ field: 'version', message: '请提供监控表当前版本号（version）' }]);
  let ex: MonthlyExecution;
  let document;
  try {
    ex = await readExecutionXlsx(file.bytes, file.name);
    document = applyExecution(current.document, ex, file.name);
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    throw new ApiError(422, `import-${e.code}`, e.message, [{ field: 'file', message: e.detail }]);
  }
  const report: MonitoringView = await saveMonitoring(db, actor, id, version.data, document);
  return {
    report,
    imported: {
      sheet: ex.sheet,
      unit: ex.unit,
      months: document.budget.monthly?.length ?? 0,
      total: ex.total ?? null,
      notes: ex.notes,
    },
  };
}

export function registerExecutionImport(app: Api, ctx: ServerContext): void {
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/monitoring/{id}/execution',
    tags: ['绩效目标与运行监控'],
    summary: `导入一体化系统的月度预算执行表（multipart/form-data：file 为 XLSX，每月一行，含“月份”“执行数”列，可有“预算数”列；version 为监控表当前版本），写入本期1–N月各月执行数（及全年预算数），不超过 ${MAX_BYTES / 1048576} MB。文件有误时 422，说明工作表、行和列`,
    request: {
      params: IdParam,
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({ file: z.string().openapi({ type: 'string', format: 'binary' }), version: Id }),
          },
        },
      },
    },
    responses: {
      200: json(ExecutionImportSchema, '已导入并保存'),
      422: json(z.object({ error: z.record(z.string(), z.unknown()) }), '文件无法读取（中文说明，指明工作表、行和列）'),
      ...errors(400, 401, 403, 404, 409, 413),
    },
  });
  app.post(
    '/api/monitoring/:id/execution',
    uploadLimit(MAX_BYTES, { overhead: 64 * 1024, message: `文件超过上限 ${MAX_BYTES / 1048576} MB` }),
    async (c) => {
      const actor = actorOf(c);
      const id = IdParam.safeParse({ id: c.req.param('id') });
      if (!id.success) throw badRequest([{ field: '路径参数 id', message: '编号必须是不超过 2147483647 的正整数' }]);
      const { form, name, bytes } = await uploadedFile(c);
      return c.json(await importExecution(ctx.db, actor, id.data.id, form.version, { name, bytes }), 200);
    },
  );
}
