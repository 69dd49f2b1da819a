/** @module POST /api/rounds/unit-list: a list of units as XLSX or text, read with bounds and matched to the region. */
import { uploadLimit } from '../../upload.js';
import type { Kysely } from 'kysely';
import { matchUnitList, MAX_UNIT_LIST_LINES } from '../../../core/unit-list.js';
import type { DB } from '../../../db/schema.js';
import { ImportError } from '../../../importers/limits.js';
import { decodeText } from '../../../importers/index.js';
import { readXlsx } from '../../../importers/xlsx.js';
import { type Actor, requireRole } from '../../access.js';
import { type Api, actorOf, type ServerContext } from '../../context.js';
import { badRequest } from '../../errors.js';
import * as route from './contract.js';

export const UNIT_LIST_MAX_BYTES = 1024 * 1024;

/** The lines of a list file: an XLSX's rows (cells joined by tabs, every sheet) or a text file's lines. */
async function linesOf(bytes: Uint8Array, name: string): Promise<string[]> {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (zip || /\.xlsx$/i.test(name)) {
    try {
      // The importers' XLSX reader: bounded unzip, sheet size checked before exceljs parses it.
      const doc = await readXlsx(bytes, name);
      return doc.blocks.flatMap((b) => (b.kind === 'row' ? [b.cells.join('\t')] : []));
    } catch (e) {
      if (e instanceof ImportError) throw badRequest([{ field: 'file', message: e.message }]);
      throw e;
    }
  }
  if (bytes.includes(0)) throw badRequest([{ field: 'file', message: `“${name}”不是 XLSX 或文本文件` }]);
  return decodeText(bytes).split(/\r?\n/);
}

export async function readUnitList(db: Kysely<DB>, actor: Actor, req: Request): Promise<route.UnitListAnswer> {
  requireRole(actor, ['bureau_admin'], '读取单位清单');
  if (!(req.headers.get('content-type') ?? '').startsWith('multipart/form-data'))
    throw badRequest([{ field: 'file', message: '请以 multipart/form-data 上传，文件放在 file 字段' }]);
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw badRequest([{ field: 'file', message: '无法解析上传的表单' }]);
  }
  const file = form.get('file');
  if (!(file instanceof File)) throw badRequest([{ field: 'file', message: '缺少文件（字段名 file）' }]);
  const name = file.name.slice(0, 200) || '单位清单';
  const lines = (await linesOf(new Uint8Array(await file.arrayBuffer()), name))
    .map((l) => l.trim())
    .slice(0, MAX_UNIT_LIST_LINES);
  const orgs = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'code'])
    .where('region_id', '=', actor.regionId ?? -1)
    .where('kind', '<>', 'bureau')
    .execute();
  return { lines, ...matchUnitList(lines.join('\n'), orgs) };
}

export function registerUnitList(app: Api, ctx: ServerContext): void {
  app.openAPIRegistry.registerPath(route.unitList);
  app.post(
    '/api/rounds/unit-list',
    uploadLimit(UNIT_LIST_MAX_BYTES, { overhead: 64 * 1024, message: '单位清单文件超过上限 1 MB' }),
    async (c) => c.json(await readUnitList(ctx.db, actorOf(c), c.req.raw), 200),
  );
}
