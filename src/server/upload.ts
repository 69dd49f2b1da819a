// One uploaded file from a multipart form (field `file`), refused in Chinese when the request is not one.
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { badRequest, tooLarge } from './errors.js';

export interface Upload {
  /** Every field of the form (the file's companions: version, indicator, framework …). */
  form: Record<string, unknown>;
  /** The file's name, without path separators, at most 200 characters. */
  name: string;
  /** The file as sent (its name unchanged, for callers with their own file-name rules). */
  file: File;
  bytes: Uint8Array;
}

/** The request's form and its `file`; 400 naming the field when it is not a multipart form with a file. */
export async function uploadedFile(c: Context): Promise<Upload> {
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
  const name = file.name.replace(/[\\/]/g, '_').slice(0, 200) || '上传文件';
  return { form, name, file, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/**
 * The body limit of an upload route: the file's own limit plus room for the form around it (`overhead`), a 413
 * naming the field past it. `message` defaults to “文件超过上限 N MB”.
 */
export function uploadLimit(
  fileBytes: number,
  opts: { overhead?: number; message?: string; fieldMessage?: string } = {},
) {
  const message = opts.message ?? `文件超过上限 ${+(fileBytes / 1048576).toFixed(1)} MB`;
  return bodyLimit({
    maxSize: fileBytes + (opts.overhead ?? 256 * 1024),
    onError: () => {
      throw tooLarge(message, [{ field: 'file', message: opts.fieldMessage ?? '文件过大' }]);
    },
  });
}
