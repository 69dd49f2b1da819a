import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { transition } from '../../src/server/resources/evaluations/service.js';
import { addAttachment } from '../../src/server/resources/attachments/service.js';
import { createFrameworkVersion } from '../../src/server/resources/frameworks/editor.js';
import { backends, type Client, makeWorld, PDF, type Reply, seedDocument, type World } from './support.js';
import { CYCLE_CASES, CYCLE_SELF, setupCycle } from './tenancy-cycle.js';

/**
 * Tenancy: for every endpoint of the API, a caller outside the owner's scope neither reads nor
 * writes — a sibling unit, a sub-unit looking up, another region's admin and unit. Then roles.
 * The endpoint list is checked against /api/openapi.json, so a new endpoint without a case fails.
 */

interface Targets {
  org: number;
  orgParent: number;
  user: number;
  round: number;
  ev: number;
  att: number;
  /** A framework version region A made (its own, not built in). */
  fw: number;
  /** Ids that must not show up in lists. */
  hiddenOrgs: number[];
  hiddenEvs: number[];
}

type Expect = number | 'hidden-in-list';

interface Case {
  endpoint: string;
  run: (c: Client, t: Targets) => Promise<Reply>;
  /** What an outsider gets. 'hidden-in-list': 200 (or 403 by role) and none of the targets in the list. */
  outsider: Expect;
  /** The list field to look at for hidden-in-list. */
  list?: (body: unknown) => number[];
}

const ids = (b: unknown) => (b as Array<{ id: number }>).map((x) => x.id);

/** A built-in framework copied under a new id: what a region saves in the web editor. */
function regionFramework(id: string): Record<string, unknown> {
  const src = parseYaml(readFileSync(path.join(PACKAGE_ROOT, 'frameworks', 'yiyang-heshan-2021.yaml'), 'utf8'));
  return { ...src, id, name: `${id}（甲市自建）` };
}

const CASES: Case[] = [
  {
    endpoint: 'GET /api/organisations',
    run: (c) => c.get('/api/organisations'),
    outsider: 'hidden-in-list',
    list: ids,
  },
  {
    endpoint: 'POST /api/organisations',
    run: (c, t) => c.post('/api/organisations', { kind: 'subunit', name: '越权下属单位', parentId: t.org }),
    outsider: 404,
  },
  { endpoint: 'GET /api/organisations/{id}', run: (c, t) => c.get(`/api/organisations/${t.org}`), outsider: 404 },
  {
    endpoint: 'PATCH /api/organisations/{id}',
    run: (c, t) => c.patch(`/api/organisations/${t.org}`, { name: '被改名' }),
    outsider: 404,
  },
  {
    endpoint: 'GET /api/users',
    run: (c) => c.get('/api/users'),
    outsider: 'hidden-in-list',
    list: (b) => (b as Array<{ orgId: number }>).map((u) => u.orgId),
  },
  {
    endpoint: 'POST /api/users',
    run: (c, t) =>
      c.post('/api/users', {
        orgId: t.org,
        username: `intruder${Math.random().toString(36).slice(2, 8)}`,
        displayName: '越权',
        role: 'unit_filler',
        password: 'longenough1',
      }),
    outsider: 404,
  },
  {
    endpoint: 'PATCH /api/users/{id}',
    run: (c, t) => c.patch(`/api/users/${t.user}`, { disabled: true }),
    outsider: 404,
  },
  {
    endpoint: 'GET /api/rounds/{id}/evaluations',
    run: (c, t) => c.get(`/api/rounds/${t.round}/evaluations`),
    outsider: 'hidden-in-list',
    list: ids,
  },
  { endpoint: 'GET /api/evaluations', run: (c) => c.get('/api/evaluations'), outsider: 'hidden-in-list', list: ids },
  { endpoint: 'GET /api/evaluations/{id}', run: (c, t) => c.get(`/api/evaluations/${t.ev}`), outsider: 404 },
  {
    endpoint: 'PUT /api/evaluations/{id}',
    run: (c, t) => c.put(`/api/evaluations/${t.ev}`, { version: 1, document: { narrative: { x: '越权写入' } } }),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/evaluations/{id}/transitions',
    run: (c, t) => c.post(`/api/evaluations/${t.ev}/transitions`, { action: 'submit', version: 1 }),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/evaluations/{id}/confirm',
    run: (c, t) => c.post(`/api/evaluations/${t.ev}/confirm`, { version: 1 }),
    outsider: 404,
  },
  {
    endpoint: 'GET /api/evaluations/{id}/history',
    run: (c, t) => c.get(`/api/evaluations/${t.ev}/history`),
    outsider: 404,
  },
  {
    endpoint: 'GET /api/evaluations/{id}/attachments',
    run: (c, t) => c.get(`/api/evaluations/${t.ev}/attachments`),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/evaluations/{id}/attachments',
    run: (c, t) => c.upload(`/api/evaluations/${t.ev}/attachments`, '越权.pdf', PDF),
    outsider: 404,
  },
  {
    endpoint: 'GET /api/evaluations/{id}/report/{format}',
    run: (c, t) => c.get(`/api/evaluations/${t.ev}/report/html`),
    outsider: 404,
  },
  { endpoint: 'GET /api/attachments/{id}', run: (c, t) => c.get(`/api/attachments/${t.att}`), outsider: 404 },
  { endpoint: 'DELETE /api/attachments/{id}', run: (c, t) => c.del(`/api/attachments/${t.att}`), outsider: 404 },
  {
    endpoint: 'GET /api/web/rounds/{id}/dashboard',
    run: (c, t) => c.get(`/api/web/rounds/${t.round}/dashboard?scope=all`),
    outsider: 'hidden-in-list',
    list: (b) => (b as { ranking: Array<{ orgId: number }> }).ranking.map((r) => r.orgId),
  },
  {
    endpoint: 'GET /api/review/evaluations',
    run: (c) => c.get('/api/review/evaluations?pageSize=200'),
    outsider: 'hidden-in-list',
    list: (b) => (b as { items: Array<{ id: number }> }).items.map((x) => x.id),
  },
  {
    endpoint: 'GET /api/review/evaluations.xlsx',
    // The workbook's first column is the evaluation's id: read it back as the list.
    run: async (c) => {
      const r = await c.get('/api/review/evaluations.xlsx');
      if (r.status !== 200) return r;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(r.body as Uint8Array) as never);
      const out: number[] = [];
      wb.worksheets[0]!.eachRow((row, n) => void (n > 2 && out.push(Number(row.getCell(1).value))));
      return { ...r, body: out };
    },
    outsider: 'hidden-in-list',
    list: (b) => b as number[],
  },
  {
    endpoint: 'POST /api/review/batch',
    run: (c, t) => c.post('/api/review/batch', { action: 'approve', ids: [t.ev] }),
    outsider: 'hidden-in-list',
    list: (b) => (b as { results: Array<{ id: number; ok: boolean }> }).results.filter((x) => x.ok).map((x) => x.id),
  },
  {
    endpoint: 'GET /api/evaluations/{id}/since-submission',
    run: (c, t) => c.get(`/api/evaluations/${t.ev}/since-submission`),
    outsider: 404,
  },
  {
    endpoint: 'GET /api/rounds/{id}/progress',
    run: (c, t) => c.get(`/api/rounds/${t.round}/progress`),
    outsider: 'hidden-in-list',
    list: (b) => (b as { notStartedUnits: Array<{ orgId: number }> }).notStartedUnits.map((u) => u.orgId),
  },
  {
    endpoint: 'POST /api/rounds/{id}/reminders',
    run: (c, t) => c.post(`/api/rounds/${t.round}/reminders`, { orgIds: [t.org > 0 ? t.org : t.orgParent] }),
    outsider: 404,
  },
  {
    endpoint: 'GET /api/notifications',
    run: (c) => c.get('/api/notifications'),
    outsider: 'hidden-in-list',
    list: (b) => (b as Array<{ orgId: number }>).map((x) => x.orgId),
  },
  {
    endpoint: 'GET /api/rounds/{id}/units',
    run: (c, t) => c.get(`/api/rounds/${t.round}/units`),
    outsider: 'hidden-in-list',
    list: (b) => (b as Array<{ orgId: number }>).map((u) => u.orgId),
  },
  {
    endpoint: 'GET /api/audit',
    run: (c) => c.get('/api/audit?limit=1000'),
    outsider: 'hidden-in-list',
    list: (b) => (b as Array<{ orgId: number | null }>).map((e) => e.orgId ?? -1),
  },
  ...CYCLE_CASES,
];

/** Region-level endpoints: a unit of the same region reads them; another region does not. */
const REGION_CASES: Case[] = [
  { endpoint: 'GET /api/frameworks', run: (c) => c.get('/api/frameworks'), outsider: 'hidden-in-list', list: ids },
  { endpoint: 'GET /api/frameworks/{id}', run: (c, t) => c.get(`/api/frameworks/${t.fw}`), outsider: 404 },
  {
    endpoint: 'GET /api/web/frameworks',
    run: (c) => c.get('/api/web/frameworks'),
    outsider: 'hidden-in-list',
    list: ids,
  },
  {
    endpoint: 'POST /api/web/frameworks',
    run: (c, t) => c.post('/api/web/frameworks', { source: regionFramework('b-copy-of-a'), basedOn: t.fw }),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/rounds',
    run: (c, t) => c.post('/api/rounds', { name: '用别区框架的轮次', year: 2021, frameworkVersionId: t.fw }),
    outsider: 404,
  },
  { endpoint: 'GET /api/rounds', run: (c) => c.get('/api/rounds'), outsider: 'hidden-in-list', list: ids },
  { endpoint: 'GET /api/rounds/{id}', run: (c, t) => c.get(`/api/rounds/${t.round}`), outsider: 404 },
  {
    endpoint: 'PATCH /api/rounds/{id}',
    run: (c, t) => c.patch(`/api/rounds/${t.round}`, { name: '被改名的轮次' }),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/rounds/{id}/evaluations',
    run: (c, t) => c.post(`/api/rounds/${t.round}/evaluations`, {}),
    outsider: 404,
  },
  { endpoint: 'GET /api/rounds/{id}/template', run: (c, t) => c.get(`/api/rounds/${t.round}/template`), outsider: 404 },
  {
    endpoint: 'POST /api/rounds/{id}/evaluations/import',
    run: (c, t) => c.upload(`/api/rounds/${t.round}/evaluations/import`, '越权.txt', new TextEncoder().encode('x')),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/rounds/{id}/units',
    run: (c, t) => c.post(`/api/rounds/${t.round}/units`, { orgIds: [t.org] }),
    outsider: 404,
  },
  {
    endpoint: 'DELETE /api/rounds/{id}/units/{orgId}',
    run: (c, t) => c.del(`/api/rounds/${t.round}/units/${t.org}`),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/rounds/{id}/report-jobs',
    run: (c, t) => c.post(`/api/rounds/${t.round}/report-jobs`, { formats: ['html'] }),
    outsider: 404,
  },
  {
    endpoint: 'GET /api/web/rounds/{id}/progress',
    run: (c, t) => c.get(`/api/web/rounds/${t.round}/progress`),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/rounds/{id}/rescore-jobs',
    run: (c, t) => c.post(`/api/rounds/${t.round}/rescore-jobs`),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/rounds/{id}/reminder-jobs',
    run: (c, t) => c.post(`/api/rounds/${t.round}/reminder-jobs`),
    outsider: 404,
  },
];

/** Endpoints that only touch the caller's own session, or shared read-only catalog data. */
const SELF_OR_SHARED = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'GET /api/auth/session',
  'POST /api/auth/password',
  // A report job is its starter's alone (anyone else gets 404: test/server/reports.test.ts); what
  // goes into it is scoped by POST /api/rounds/{id}/report-jobs above.
  'GET /api/report-jobs/{jobId}',
  'GET /api/report-jobs/{jobId}/download',
  // Matches an uploaded list against the caller's own region only (test/server/round-units.test.ts).
  'POST /api/rounds/unit-list',
  // Any background job likewise (test/server/jobs.test.ts: another user's job is 404).
  'GET /api/jobs/{jobId}',
  'POST /api/jobs/{jobId}/cancel',
  'GET /api/jobs/{jobId}/download',
  'GET /api/ready',
  'POST /api/import', // parses the caller's own upload; stores and reads nothing (test/importers/hostile.test.ts)
  // Imports and audits the caller's own uploads, reads no one's rows; the job is the starter's alone
  // (test/server/import-audit-job.test.ts: anyone else's view, download and cancel are 404).
  'POST /api/import-jobs',
  ...CYCLE_SELF,
]);

// PGlite and PostgreSQL side by side: each has its own world.
describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`tenancy and roles (${backend.name})`, { concurrency: 1 }, () => {
      let w: World;
      let att1: number;
      let att2: number;
      let att1s: number;
      let fwA: number;

      before(async () => {
        w = await makeWorld(backend);
        const db = w.database.db;
        att1 = (await addAttachment(db, w.actors['u1-filler']!, w.ev.U1, { filename: '一号.pdf', bytes: PDF })).id;
        att2 = (await addAttachment(db, w.actors['u2-filler']!, w.ev.U2, { filename: '二号.pdf', bytes: PDF })).id;
        att1s = (await addAttachment(db, w.actors['u1s-filler']!, w.ev.U1S, { filename: '下属.pdf', bytes: PDF })).id;
        // U2's evaluation goes all the way to approved: the only one the public may read.
        let e = await transition(db, w.actors['u2-filler']!, w.ev.U2, 'submit', 1);
        e = await transition(db, w.actors['u2-leader']!, w.ev.U2, 'leader-approve', e.version);
        await transition(db, w.actors['a-reviewer']!, w.ev.U2, 'approve', e.version);
        // Region A's own framework: only region A sees it, uses it or copies it.
        fwA = (await createFrameworkVersion(db, w.actors['a-admin']!, { source: regionFramework('a-own-framework') }))
          .id;
        await setupCycle(w);
      });
      after(async () => w?.close());

      test('every endpoint in /api/openapi.json has a tenancy case', async () => {
        const r = await w.client().get('/api/openapi.json');
        assert.equal(r.status, 200);
        const all = Object.entries(r.body.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
          Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
        );
        const covered = new Set([...CASES, ...REGION_CASES].map((c) => c.endpoint));
        const missing = all.filter((e) => !covered.has(e) && !SELF_OR_SHARED.has(e));
        assert.deepEqual(missing, [], `endpoints without a tenancy case: ${missing.join(', ')}`);
        assert.ok(all.length >= 30, `only ${all.length} operations`);
      });

      const outsiders = (): Array<{ who: string; target: () => Targets; cases: Case[] }> => [
        {
          who: 'u1-filler → sibling unit U2',
          target: () => ({
            org: w.org.U2,
            orgParent: w.org.A,
            user: w.users['u2-filler']!.id,
            round: w.round.A,
            ev: w.ev.U2,
            att: att2,
            fw: fwA,
            hiddenOrgs: [w.org.U2],
            hiddenEvs: [w.ev.U2],
          }),
          cases: CASES,
        },
        {
          who: 'u1-leader → sibling unit U2',
          target: () => ({
            org: w.org.U2,
            orgParent: w.org.A,
            user: w.users['u2-leader']!.id,
            round: w.round.A,
            ev: w.ev.U2,
            att: att2,
            fw: fwA,
            hiddenOrgs: [w.org.U2],
            hiddenEvs: [w.ev.U2],
          }),
          cases: CASES,
        },
        {
          who: 'u1s-filler (sub-unit) → its parent unit U1',
          target: () => ({
            org: w.org.U1,
            orgParent: w.org.A,
            user: w.users['u1-filler']!.id,
            round: w.round.A,
            ev: w.ev.U1,
            att: att1,
            fw: fwA,
            hiddenOrgs: [w.org.U1, w.org.A, w.org.U2],
            hiddenEvs: [w.ev.U1, w.ev.U2],
          }),
          cases: CASES,
        },
        {
          who: 'b-admin → region A',
          target: () => ({
            org: w.org.U1,
            orgParent: w.org.A,
            user: w.users['u1-filler']!.id,
            round: w.round.A,
            ev: w.ev.U1,
            att: att1,
            fw: fwA,
            hiddenOrgs: [w.org.A, w.org.U1, w.org.U2, w.org.U1S],
            hiddenEvs: [w.ev.U1, w.ev.U2, w.ev.U1S],
          }),
          cases: [...CASES, ...REGION_CASES],
        },
        {
          who: 'b-reviewer → region A',
          target: () => ({
            org: w.org.U2,
            orgParent: w.org.A,
            user: w.users['a-admin']!.id,
            round: w.round.A,
            ev: w.ev.U2,
            att: att2,
            fw: fwA,
            hiddenOrgs: [w.org.A, w.org.U1, w.org.U2, w.org.U1S],
            hiddenEvs: [w.ev.U1, w.ev.U2, w.ev.U1S],
          }),
          cases: [...CASES, ...REGION_CASES],
        },
        {
          who: 'v1-filler → region A',
          target: () => ({
            org: w.org.U1,
            orgParent: w.org.A,
            user: w.users['u1-filler']!.id,
            round: w.round.A,
            ev: w.ev.U1,
            att: att1,
            fw: fwA,
            hiddenOrgs: [w.org.A, w.org.U1, w.org.U2, w.org.U1S],
            hiddenEvs: [w.ev.U1, w.ev.U2, w.ev.U1S],
          }),
          cases: [...CASES, ...REGION_CASES],
        },
        {
          who: 'a-public → drafts of region A',
          target: () => ({
            org: -1,
            orgParent: w.org.A,
            user: w.users['u1-filler']!.id,
            round: w.round.A,
            ev: w.ev.U1,
            att: att1,
            fw: fwA,
            hiddenOrgs: [],
            hiddenEvs: [w.ev.U1, w.ev.U1S],
          }),
          cases: CASES.filter((c) => /evaluations|attachments/.test(c.endpoint)),
        },
      ];

      for (const o of outsiders()) {
        test(`outsider ${o.who}: nothing read, nothing written, on every endpoint`, async () => {
          const username = o.who.split(' ')[0]!;
          const c = await w.as(username);
          const t = o.target();
          const db = w.database.db;
          const before = await db.selectFrom('evaluations').select(['id', 'version', 'status']).orderBy('id').execute();
          const auditBefore = await db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('entity', 'not in', ['session', 'request'])
            .executeTakeFirstOrThrow();
          const deniedBefore = await db
            .selectFrom('audit_log')
            .select('id')
            .where('action', '=', 'denied')
            .orderBy('id', 'desc')
            .limit(1)
            .executeTakeFirst();
          for (const k of o.cases) {
            const r = await k.run(c, t);
            if (k.outsider === 'hidden-in-list') {
              // The role may not list at all (403), or the list's container is out of reach (404): nothing leaks either.
              if (r.status === 403 || (r.status === 404 && k.endpoint.includes('{id}'))) continue;
              assert.equal(r.status, 200, `${k.endpoint}: ${r.status} ${JSON.stringify(r.body)}`);
              const seen = k.list!(r.body);
              const hidden = k.endpoint.includes('evaluations')
                ? t.hiddenEvs
                : k.endpoint === 'GET /api/rounds'
                  ? [w.round.A]
                  : k.endpoint.includes('frameworks')
                    ? [t.fw]
                    : t.hiddenOrgs;
              for (const h of hidden) assert.ok(!seen.includes(h), `${k.endpoint} shows ${h} to ${username}`);
            } else {
              // 404, or 403 when the role forbids the operation outright before anything is looked up
              const ok =
                r.status === k.outsider ||
                (r.status === 403 && k.endpoint !== 'GET /api/evaluations/{id}' && !k.endpoint.startsWith('GET'));
              assert.ok(ok, `${k.endpoint} as ${username}: ${r.status} ${JSON.stringify(r.body)}`);
              assert.ok(r.body.error?.message, `${k.endpoint}: a Chinese message`);
              assert.match(r.body.error.message, /[\u4e00-\u9fff]/);
            }
          }
          const afterRows = await db
            .selectFrom('evaluations')
            .select(['id', 'version', 'status'])
            .orderBy('id')
            .execute();
          assert.deepEqual(afterRows, before, 'no evaluation changed');
          const auditAfter = await db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('entity', 'not in', ['session', 'request'])
            .executeTakeFirstOrThrow();
          assert.equal(Number(auditAfter.n), Number(auditBefore.n), 'nothing was written (no audit entries)');
          // Every refusal left a trace: who, what, when.
          const denied = await db
            .selectFrom('audit_log')
            .select(['actor_id', 'entity_id', 'detail', 'at'])
            .where('action', '=', 'denied')
            .where('id', '>', deniedBefore?.id ?? 0)
            .execute();
          const refused = o.cases.filter((k) => k.outsider !== 'hidden-in-list').length;
          assert.ok(denied.length >= refused, `${denied.length} denied entries for ${refused} refusals`);
          assert.ok(
            denied.every(
              (d) => d.actor_id === w.users[username]!.id && /^(GET|POST|PUT|PATCH|DELETE) \/api\//.test(d.entity_id),
            ),
          );
          assert.ok(
            denied.every(
              (d) => [403, 404, 409].includes((d.detail as { status: number }).status) && d.at instanceof Date,
            ),
          );
          const atts = await db.selectFrom('attachments').select('id').orderBy('id').execute();
          assert.deepEqual(
            atts.map((a) => a.id),
            [att1, att2, att1s],
          );
          const orgs = await db.selectFrom('organisations').select(['id', 'name']).orderBy('id').execute();
          assert.equal(orgs.length, 6);
          assert.ok(!orgs.some((x) => x.name === '被改名'));
        });
      }

      test('a unit reads its own and its sub-units’ evaluations, writes only its own', async () => {
        const c = await w.as('u1-filler');
        const list = await c.get('/api/evaluations');
        assert.deepEqual(ids(list.body).sort(), [w.ev.U1, w.ev.U1S].sort());
        assert.equal((await c.get(`/api/evaluations/${w.ev.U1S}`)).status, 200);
        const put = await c.put(`/api/evaluations/${w.ev.U1S}`, { version: 1, document: seedDocument() });
        assert.equal(put.status, 403);
        assert.match(put.body.error.message, /只能修改本单位的评价/);
        const up = await c.upload(`/api/evaluations/${w.ev.U1S}/attachments`, 'x.pdf', PDF);
        assert.equal(up.status, 403);
        const tr = await c.post(`/api/evaluations/${w.ev.U1S}/transitions`, { action: 'submit', version: 1 });
        assert.equal(tr.status, 403);
        const leader = await w.as('u1-leader');
        assert.equal(
          (await leader.get(`/api/attachments/${att1s}`)).status,
          200,
          'a unit reads its sub-unit’s evidence',
        );
        assert.equal((await leader.del(`/api/attachments/${att1s}`)).status, 403);
        const orgs = await c.get('/api/organisations');
        assert.deepEqual(ids(orgs.body).sort(), [w.org.U1, w.org.U1S].sort());
      });

      test('bureau staff read the whole region; a reviewer cannot edit', async () => {
        const r = await w.as('a-reviewer');
        const list = await r.get('/api/evaluations');
        assert.deepEqual(ids(list.body).sort(), [w.ev.U1, w.ev.U2, w.ev.U1S].sort());
        const ev = await r.get(`/api/evaluations/${w.ev.U1}`);
        assert.equal(ev.status, 200);
        assert.equal(ev.body.editable, false);
        const put = await r.put(`/api/evaluations/${w.ev.U1}`, { version: ev.body.version, document: seedDocument() });
        assert.equal(put.status, 403);
        assert.match(put.body.error.message, /单位填报人/);
        assert.equal((await r.upload(`/api/evaluations/${w.ev.U1}/attachments`, 'x.pdf', PDF)).status, 403);
        assert.equal((await r.del(`/api/attachments/${att1}`)).status, 403);
        assert.equal(
          (await r.post(`/api/evaluations/${w.ev.U1}/transitions`, { action: 'submit', version: ev.body.version }))
            .status,
          403,
        );
        assert.equal(
          (await r.post('/api/organisations', { kind: 'unit', name: '审核员建的', parentId: w.org.A })).status,
          403,
        );
        assert.equal((await r.get('/api/users')).status, 403);
        assert.equal((await r.post('/api/rounds', { name: 'x', year: 2021, frameworkVersionId: 1 })).status, 403);
        assert.equal((await r.get(`/api/attachments/${att2}`)).status, 200);
        const audit = await r.get('/api/audit');
        assert.equal(audit.status, 200);
        const admin = await w.as('a-admin');
        const aput = await admin.put(`/api/evaluations/${w.ev.U1}`, {
          version: ev.body.version,
          document: seedDocument(),
        });
        assert.equal(aput.status, 403, 'the bureau returns an evaluation, it does not rewrite it');
      });

      test('unit leader approves but does not edit; filler does not approve', async () => {
        const l = await w.as('u1-leader');
        const ev = await l.get(`/api/evaluations/${w.ev.U1}`);
        assert.equal(
          (await l.put(`/api/evaluations/${w.ev.U1}`, { version: ev.body.version, document: seedDocument() })).status,
          403,
        );
        assert.equal((await l.post(`/api/rounds/${w.round.A}/evaluations`, {})).status, 403);
        const f = await w.as('u1-filler');
        const r = await f.post(`/api/evaluations/${w.ev.U1}/transitions`, {
          action: 'approve',
          version: ev.body.version,
        });
        assert.equal(r.status, 403);
        assert.match(r.body.error.message, /财政局审核人员/);
        assert.equal((await f.get('/api/users')).status, 403);
        assert.equal((await f.patch(`/api/organisations/${w.org.U1}`, { name: '自己改名' })).status, 403);
      });

      test('public: read-only, approved evaluations only, no evidence, no audit', async () => {
        const p = await w.as('a-public');
        const list = await p.get('/api/evaluations');
        assert.deepEqual(ids(list.body), [w.ev.U2]);
        const ev = await p.get(`/api/evaluations/${w.ev.U2}`);
        assert.equal(ev.status, 200);
        assert.equal(ev.body.status, 'approved');
        assert.deepEqual(ev.body.comments, []);
        assert.deepEqual(ev.body.actions, []);
        assert.equal((await p.get(`/api/evaluations/${w.ev.U1}`)).status, 404);
        assert.equal(
          (await p.put(`/api/evaluations/${w.ev.U2}`, { version: ev.body.version, document: seedDocument() })).status,
          403,
        );
        assert.equal(
          (await p.post(`/api/evaluations/${w.ev.U2}/transitions`, { action: 'lock', version: ev.body.version }))
            .status,
          403,
        );
        assert.equal((await p.get(`/api/evaluations/${w.ev.U2}/attachments`)).status, 403);
        assert.equal((await p.get(`/api/attachments/${att2}`)).status, 403);
        assert.equal((await p.get(`/api/evaluations/${w.ev.U2}/history`)).status, 403);
        assert.equal((await p.get('/api/audit')).status, 403);
        assert.equal((await p.get('/api/users')).status, 403);
        assert.equal((await p.post(`/api/rounds/${w.round.A}/evaluations`, {})).status, 403);
        assert.equal((await p.get('/api/rounds')).status, 200);
        assert.equal((await p.get('/api/frameworks')).status, 200);
      });

      test('not signed in: 401 everywhere but health, openapi and login', async () => {
        const c = w.client();
        assert.equal((await c.get('/api/health')).status, 200);
        assert.equal((await c.get('/api/openapi.json')).status, 200);
        for (const p of [
          '/api/organisations',
          '/api/users',
          '/api/rounds',
          '/api/frameworks',
          '/api/evaluations',
          `/api/evaluations/${w.ev.U1}`,
          `/api/attachments/${att1}`,
          '/api/audit',
          '/api/auth/me',
        ]) {
          const r = await c.get(p);
          assert.equal(r.status, 401, p);
          assert.equal(r.body.error.message, '请先登录');
        }
        assert.equal((await c.put(`/api/evaluations/${w.ev.U1}`, { version: 1, document: {} })).status, 401);
      });
    });
  }
});
