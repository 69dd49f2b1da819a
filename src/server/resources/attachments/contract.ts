/** @module Evidence (佐证材料): files attached to an evaluation — shapes and routes. */
import { createRoute, z } from '@hono/zod-openapi';
import { binary, errors, IdParam, json, OkSchema } from '../../contract.js';

const TAG = '佐证材料';

export const AttachmentSchema = z
  .object({
    id: z.number().int(),
    evaluationId: z.number().int(),
    indicator: z.string().nullable(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    uploadedBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Attachment', { description: '佐证材料' });
export type Attachment = z.infer<typeof AttachmentSchema>;

export const list = createRoute({
  method: 'get',
  path: '/api/evaluations/{id}/attachments',
  tags: [TAG],
  summary: '一份评价的佐证材料',
  request: { params: IdParam },
  responses: { 200: json(z.array(AttachmentSchema), '佐证材料列表'), ...errors(400, 401, 403, 404) },
});

export const remove = createRoute({
  method: 'delete',
  path: '/api/attachments/{id}',
  tags: [TAG],
  summary: '删除佐证材料（本单位填报人；草稿或已退回状态）',
  request: { params: IdParam },
  responses: { 200: json(OkSchema, '已删除'), ...errors(400, 401, 403, 404, 409) },
});

/** Multipart upload: validated by hand in routes.ts (the form is not JSON), described here. */
export const upload = (types: string, maxMb: number, maxPerEvaluation: number) =>
  createRoute({
    method: 'post',
    path: '/api/evaluations/{id}/attachments',
    tags: [TAG],
    summary: `上传佐证材料（multipart/form-data：file，可选 indicator 指标名）。类型：${types}；单个文件不超过 ${maxMb} MB，每份评价不超过 ${maxPerEvaluation} 个`,
    request: {
      params: IdParam,
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({
              file: z.string().openapi({ type: 'string', format: 'binary' }),
              indicator: z.string().max(200).optional(),
            }),
          },
        },
      },
    },
    responses: { 201: json(AttachmentSchema, '已上传'), ...errors(400, 401, 403, 404, 409, 413, 415) },
  });

/** A download: the file's own bytes, not JSON. */
export const download = createRoute({
  method: 'get',
  path: '/api/attachments/{id}',
  tags: [TAG],
  summary: '下载佐证材料',
  request: { params: IdParam },
  responses: { 200: binary('application/octet-stream', '文件内容'), ...errors(400, 401, 403, 404) },
});
