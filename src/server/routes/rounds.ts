import { createRoute, z } from '@hono/zod-openapi';
import { STATUSES } from '../../db/schema.js';
import { type Api, actorOf, type ServerContext } from '../context.js';
import {
  body,
  DocumentSchema,
  errors,
  EvaluationDetailSchema,
  EvaluationSummarySchema,
  FrameworkDetailSchema,
  FrameworkVersionSchema,
  IdParam,
  json,
  RoundSchema,
} from '../schemas.js';
import { createEvaluation, listEvaluations } from '../services/evaluations.js';
import { getFrameworkVersion, listFrameworkVersions } from '../services/frameworks.js';
import { createRound, getRound, listRounds, updateRound } from '../services/rounds.js';

const listFw = createRoute({
  method: 'get',
  path: '/api/frameworks',
  tags: ['指标框架与评价轮次'],
  summary: '指标框架版本（内置框架复制入库；轮次使用后冻结）',
  responses: { 200: json(z.array(FrameworkVersionSchema), '框架版本列表'), ...errors(401) },
});

const getFw = createRoute({
  method: 'get',
  path: '/api/frameworks/{id}',
  tags: ['指标框架与评价轮次'],
  summary: '一个框架版本：指标树、分值、规则和源 YAML',
  request: { params: IdParam },
  responses: { 200: json(FrameworkDetailSchema, '框架版本'), ...errors(401, 404) },
});

const listRoundsRoute = createRoute({
  method: 'get',
  path: '/api/rounds',
  tags: ['指标框架与评价轮次'],
  summary: '本地区的评价轮次',
  responses: { 200: json(z.array(RoundSchema), '轮次列表'), ...errors(401) },
});

const createRoundRoute = createRoute({
  method: 'post',
  path: '/api/rounds',
  tags: ['指标框架与评价轮次'],
  summary: '新建评价轮次（财政局管理员）；所用框架版本随即冻结',
  request: {
    body: body(
      z.object({
        name: z.string().min(1).max(200).openapi({ example: '2025年度部门整体支出绩效自评' }),
        year: z.number().int().min(2000).max(2100),
        frameworkVersionId: z.number().int().positive(),
        deadline: z.string().nullable().optional().openapi({ example: '2026-03-31T18:00:00+08:00' }),
      }),
    ),
  },
  responses: { 201: json(RoundSchema, '已新建'), ...errors(400, 401, 403, 409) },
});

const getRoundRoute = createRoute({
  method: 'get',
  path: '/api/rounds/{id}',
  tags: ['指标框架与评价轮次'],
  summary: '一个评价轮次',
  request: { params: IdParam },
  responses: { 200: json(RoundSchema, '轮次'), ...errors(401, 404) },
});

const patchRoundRoute = createRoute({
  method: 'patch',
  path: '/api/rounds/{id}',
  tags: ['指标框架与评价轮次'],
  summary: '修改轮次名称或截止时间（财政局管理员；框架不可改）',
  request: {
    params: IdParam,
    body: body(z.object({ name: z.string().min(1).max(200).optional(), deadline: z.string().nullable().optional() })),
  },
  responses: { 200: json(RoundSchema, '已修改'), ...errors(400, 401, 403, 404, 409) },
});

const listRoundEvaluations = createRoute({
  method: 'get',
  path: '/api/rounds/{id}/evaluations',
  tags: ['评价'],
  summary: '本轮次中调用者可见的评价',
  request: { params: IdParam, query: z.object({ status: z.enum(STATUSES).optional() }) },
  responses: { 200: json(z.array(EvaluationSummarySchema), '评价列表'), ...errors(401, 404) },
});

const createEvaluationRoute = createRoute({
  method: 'post',
  path: '/api/rounds/{id}/evaluations',
  tags: ['评价'],
  summary: '本单位在本轮次新建评价（单位填报人；每单位每轮一份）',
  request: {
    params: IdParam,
    body: body(z.object({ document: DocumentSchema.optional() })),
  },
  responses: { 201: json(EvaluationDetailSchema, '已新建（草稿）'), ...errors(400, 401, 403, 404, 409) },
});

export function registerRoundRoutes(app: Api, ctx: ServerContext): void {
  app.openapi(listFw, async (c) => c.json(await listFrameworkVersions(ctx.db, actorOf(c)), 200));
  app.openapi(getFw, async (c) => c.json(await getFrameworkVersion(ctx.db, actorOf(c), c.req.valid('param').id), 200));

  app.openapi(listRoundsRoute, async (c) => c.json(await listRounds(ctx.db, actorOf(c)), 200));
  app.openapi(createRoundRoute, async (c) => {
    const b = c.req.valid('json');
    return c.json(
      await createRound(ctx.db, actorOf(c), {
        name: b.name,
        year: b.year,
        frameworkVersionId: b.frameworkVersionId,
        deadline: b.deadline ?? null,
      }),
      201,
    );
  });
  app.openapi(getRoundRoute, async (c) => c.json(await getRound(ctx.db, actorOf(c), c.req.valid('param').id), 200));
  app.openapi(patchRoundRoute, async (c) => {
    const b = c.req.valid('json');
    return c.json(
      await updateRound(ctx.db, actorOf(c), c.req.valid('param').id, {
        ...(b.name !== undefined ? { name: b.name } : {}),
        ...(b.deadline !== undefined ? { deadline: b.deadline } : {}),
      }),
      200,
    );
  });

  app.openapi(listRoundEvaluations, async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    await getRound(ctx.db, actor, id); // 404 outside the caller's region
    const { status } = c.req.valid('query');
    return c.json(await listEvaluations(ctx.db, actor, { roundId: id, ...(status ? { status } : {}) }), 200);
  });
  app.openapi(createEvaluationRoute, async (c) => {
    const b = c.req.valid('json');
    return c.json(await createEvaluation(ctx.db, actorOf(c), c.req.valid('param').id, { document: b.document }), 201);
  });
}
