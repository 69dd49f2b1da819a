import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { syncFrameworkVersions } from '../../src/db/frameworks.js';
import { LATEST_MIGRATION } from '../../src/db/migrations.js';
import { createApp } from '../../src/server/app.js';
import { FAST_SCRYPT } from '../../src/server/passwords.js';
import { FRAMEWORKS_DIR } from '../../src/load/paths.js';
import { backends, Client, makeWorld, PDF, seedDocument, type World } from './support.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

// PGlite and PostgreSQL side by side: each has its own world.
describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`documents, rounds, frameworks, evidence (${backend.name})`, { concurrency: 1 }, () => {
      let w: World;
      let u3: number;
      let filler3: Client;
      before(async () => {
        w = await makeWorld(backend);
        const admin = await w.as('a-admin');
        u3 = (
          await admin.post('/api/organisations', {
            kind: 'unit',
            name: '甲市三号单位',
            parentId: w.org.A,
            code: 'a-u3',
          })
        ).body.id;
        assert.equal(
          (
            await admin.post('/api/users', {
              orgId: u3,
              username: 'u3-filler',
              displayName: '三号填报人',
              role: 'unit_filler',
              password: 'long enough 1',
            })
          ).status,
          201,
        );
        // A unit created after the round is not in it until the bureau adds it (评价范围).
        assert.equal((await admin.post(`/api/rounds/${w.round.A}/units`, { orgIds: [u3] })).status, 200);
        filler3 = w.client();
        assert.equal((await filler3.login('u3-filler', 'long enough 1')).status, 200);
      });
      after(async () => w?.close());

      test('a unit opens its evaluation once per round; the document is checked field by field', async () => {
        const bad = async (document: unknown) => filler3.post(`/api/rounds/${w.round.A}/evaluations`, { document });
        const cases: Array<[unknown, string, RegExp]> = [
          [{ figures: { budget: { initial: 'abc' } } }, 'document.figures.budget.initial', /“abc”不是数字/],
          [
            { figures: { budget: { initial: 830.785 } } },
            'document.figures.budget.initial',
            /金额以万元为单位，最多保留两位小数/,
          ],
          [{ tasks: [{ name: '会议', budget: 1.001 }] }, 'document.tasks[0].budget', /万元/],
          [{ year: 2020 }, 'document.year', /年度须与评价轮次和本单位一致/],
          [{ unit: '别的单位' }, 'document.unit', /单位名称须与评价轮次和本单位一致（应为“甲市三号单位”/],
          [{ framework: 'national-project-2020' }, 'document.framework', /指标框架须与评价轮次/],
          [
            { indicators: { 不存在的指标: { actual: '1%' } } },
            'document.indicators.不存在的指标',
            /框架“.*”中没有指标“不存在的指标”/,
          ],
          [
            { indicators: { 预算执行率: { actual: 1, colour: 'red' } } },
            'document.indicators.预算执行率',
            /colour|未知|无法识别/,
          ],
          [{ tailoring: { drop: ['预算执行率'] } }, 'document.tailoring.drop[0]', /不是可选指标，框架不允许删减/],
          [{ hello: 1 }, 'document', /hello|未知|无法识别/],
        ];
        for (const [doc, field, message] of cases) {
          const r = await bad(doc);
          assert.equal(r.status, 400, `${JSON.stringify(doc)} → ${r.status}`);
          assert.equal(r.body.error.code, 'bad-request');
          assert.ok(
            r.body.error.fields.some((f: { field: string }) => f.field === field),
            `${JSON.stringify(doc)}: fields ${JSON.stringify(r.body.error.fields)}`,
          );
          assert.match(r.body.error.message, message);
          assert.match(r.body.error.message, /^输入有误：字段 /);
        }
        const notObject = await filler3.post(`/api/rounds/${w.round.A}/evaluations`, { document: [1, 2] });
        assert.equal(notObject.status, 400);

        const ok = await filler3.post(`/api/rounds/${w.round.A}/evaluations`, {
          document: { ...seedDocument(), figures: { budget: { initial: '1,586.78', executed: 1500 } } },
        });
        assert.equal(ok.status, 201, JSON.stringify(ok.body));
        assert.equal(ok.body.status, 'draft');
        assert.equal(ok.body.version, 1);
        assert.equal(ok.body.document.unit, '甲市三号单位');
        assert.equal(ok.body.document.frameworkVersion, 1);
        assert.equal(ok.body.document.figures.budget.initial, 1586.78, 'stored as the core parses it');
        assert.ok(typeof ok.body.result.total === 'number');
        assert.ok(Array.isArray(ok.body.result.findings));
        const again = await filler3.post(`/api/rounds/${w.round.A}/evaluations`, {});
        assert.equal(again.status, 409);
        assert.match(again.body.error.message, /每个单位每轮只有一份/);
        const empty = w.client();
        await empty.login('u3-filler', 'long enough 1');
        const list = await empty.get(`/api/rounds/${w.round.A}/evaluations`);
        assert.deepEqual(
          list.body.map((e: { orgId: number }) => e.orgId),
          [u3],
        );
      });

      test('a save with bad input is refused and changes nothing', async () => {
        const f = await w.as('u1-filler');
        const ev = (await f.get(`/api/evaluations/${w.ev.U1}`)).body;
        const doc = structuredClone(ev.document);
        doc.figures.budget.executed = 'lots';
        const r = await f.put(`/api/evaluations/${w.ev.U1}`, { version: ev.version, document: doc });
        assert.equal(r.status, 400);
        assert.equal(r.body.error.fields[0].field, 'document.figures.budget.executed');
        const now = (await f.get(`/api/evaluations/${w.ev.U1}`)).body;
        assert.equal(now.version, ev.version);
        assert.deepEqual(now.document, ev.document);
        const notJson = await f.send('PUT', `/api/evaluations/${w.ev.U1}`, undefined, {
          raw: '{"version": 1,',
          headers: { 'content-type': 'application/json' },
        });
        assert.equal(notJson.status, 400);
        assert.match(notJson.body.error.message, /不是合法的 JSON/);
        const notFound = await f.get('/api/evaluations/abc');
        assert.equal(notFound.status, 400);
        assert.match(notFound.body.error.message, /路径参数 id/);
        const noRoute = await f.get('/api/nothing-here');
        assert.equal(noRoute.status, 404);
        assert.match(noRoute.body.error.message, /没有这个接口/);
      });

      test('a round pins a framework version and freezes it; the database refuses to change it', async () => {
        const admin = await w.as('a-admin');
        const fws = (await admin.get('/api/frameworks')).body as Array<{
          id: number;
          frameworkId: string;
          frozen: boolean;
        }>;
        const used = fws.find((f) => f.frameworkId === 'zhengzhou-shangjie-2021')!;
        assert.equal(used.frozen, true);
        const free = fws.find((f) => f.frameworkId === 'national-project-2021')!;
        assert.equal(free.frozen, false);
        const detail = (await admin.get(`/api/frameworks/${free.id}`)).body;
        assert.ok(detail.nodes.length > 5);
        assert.match(detail.sourceYaml, /national-project-2021/);
        const r = await admin.post('/api/rounds', {
          name: '2021年度项目支出自评',
          year: 2021,
          frameworkVersionId: free.id,
          deadline: '2022-06-30T18:00:00+08:00',
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        assert.equal(r.body.frameworkId, 'national-project-2021');
        assert.equal(r.body.regionId, w.org.A);
        assert.equal((await admin.get(`/api/frameworks/${free.id}`)).body.frozen, true);
        const dup = await admin.post('/api/rounds', {
          name: '2021年度项目支出自评',
          year: 2021,
          frameworkVersionId: free.id,
        });
        assert.equal(dup.status, 409);
        const noFw = await admin.post('/api/rounds', { name: 'x', year: 2021, frameworkVersionId: 99999 });
        assert.equal(noFw.status, 404, "a missing framework answers like another region's");
        assert.equal(noFw.body.error.fields[0].field, 'frameworkVersionId');
        const b = await w.as('b-admin');
        assert.ok(!(await b.get('/api/rounds')).body.some((x: { id: number }) => x.id === r.body.id));

        const db = w.database.db;
        await assert.rejects(
          db.updateTable('framework_versions').set({ source_yaml: 'changed' }).where('id', '=', used.id).execute(),
          /已被评价轮次使用并冻结，不能修改/,
        );
        await assert.rejects(db.deleteFrom('framework_versions').where('id', '=', used.id).execute(), /冻结，不能删除/);
        await assert.rejects(
          db.updateTable('framework_versions').set({ frozen_at: null }).where('id', '=', used.id).execute(),
          /冻结/,
        );

        // A later edit of the file: a frozen version keeps its copy, an unused one follows the file.
        const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-fw-'));
        try {
          cpSync(FRAMEWORKS_DIR, dir, { recursive: true });
          for (const f of ['zhengzhou-shangjie-2021.yaml', 'national-project-2020.yaml']) {
            const p = path.join(dir, f);
            writeFileSync(p, `${readFileSync(p, 'utf8')}\n# 注释改动\n`);
          }
          const rep = await syncFrameworkVersions(db, dir);
          assert.deepEqual(rep.keptFrozen, ['zhengzhou-shangjie-2021@1']);
          assert.deepEqual(rep.updated, ['national-project-2020@1']);
          const row = await db
            .selectFrom('framework_versions')
            .select('source_yaml')
            .where('id', '=', used.id)
            .executeTakeFirstOrThrow();
          assert.ok(!row.source_yaml.includes('注释改动'));
          await syncFrameworkVersions(db); // back to the real files
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      test('evidence: type and size checked, stored, downloaded as uploaded, audited', async () => {
        const f = await w.as('u1-filler');
        const up = await f.upload(
          `/api/evaluations/${w.ev.U1}/attachments`,
          '2021年度预算执行情况.pdf',
          PDF,
          '预算执行率',
        );
        assert.equal(up.status, 201, JSON.stringify(up.body));
        assert.equal(up.body.contentType, 'application/pdf');
        assert.equal(up.body.size, PDF.length);
        assert.equal(up.body.indicator, '预算执行率');
        assert.match(up.body.sha256, /^[0-9a-f]{64}$/);
        const png = await f.upload(`/api/evaluations/${w.ev.U1}/attachments`, '照片.png', PNG);
        assert.equal(png.status, 201);
        const fake = await f.upload(`/api/evaluations/${w.ev.U1}/attachments`, '伪装.pdf', PNG);
        assert.equal(fake.status, 415);
        assert.match(fake.body.error.message, /内容不是PDF，与扩展名 .pdf 不符/);
        const exe = await f.upload(
          `/api/evaluations/${w.ev.U1}/attachments`,
          'setup.exe',
          new Uint8Array([0x4d, 0x5a, 0, 0]),
        );
        assert.equal(exe.status, 415);
        assert.match(exe.body.error.message, /不支持的文件类型“\.exe”/);
        const emptyFile = await f.upload(`/api/evaluations/${w.ev.U1}/attachments`, '空.pdf', new Uint8Array());
        assert.equal(emptyFile.status, 400);
        const noFile = await f.send('POST', `/api/evaluations/${w.ev.U1}/attachments`, { file: 'x' });
        assert.equal(noFile.status, 400);
        assert.equal(noFile.body.error.fields[0].field, 'file');

        const list = await f.get(`/api/evaluations/${w.ev.U1}/attachments`);
        assert.deepEqual(
          list.body.map((a: { filename: string }) => a.filename),
          ['2021年度预算执行情况.pdf', '照片.png'],
        );
        const reviewer = await w.as('a-reviewer');
        const dl = await reviewer.get(`/api/attachments/${up.body.id}`);
        assert.equal(dl.status, 200);
        assert.deepEqual(Buffer.from(dl.body), Buffer.from(PDF));
        assert.equal(dl.headers.get('content-type'), 'application/pdf');
        assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
        assert.match(
          dl.headers.get('content-disposition')!,
          /^attachment; filename=".*\.pdf"; filename\*=UTF-8''2021%E5%B9%B4/,
        );

        assert.equal((await f.del(`/api/attachments/${png.body.id}`)).status, 200);
        assert.equal((await f.get(`/api/attachments/${png.body.id}`)).status, 404);
        const hist = (await f.get(`/api/evaluations/${w.ev.U1}/history`)).body as Array<{
          entity: string;
          action: string;
          changes: Array<{ old: unknown; new: unknown }>;
        }>;
        const ev = hist
          .filter((h) => h.entity === 'attachment')
          .map((h) => `${h.action}:${h.changes[0]!.old}→${h.changes[0]!.new}`);
        assert.deepEqual(ev, ['create:null→2021年度预算执行情况.pdf', 'create:null→照片.png', 'delete:照片.png→null']);
      });

      test('size and count limits', async () => {
        const app = createApp({
          database: w.database,
          scrypt: FAST_SCRYPT,
          attachments: { maxBytes: 1024, maxPerEvaluation: 2 },
        });
        const c = new Client(app);
        await c.login('u2-filler');
        const big = new Uint8Array(5000);
        big.set(PDF);
        const r = await c.upload(`/api/evaluations/${w.ev.U2}/attachments`, '大文件.pdf', big);
        assert.equal(r.status, 413);
        assert.match(r.body.error.message, /超过上限 0 MB|超过上限/);
        assert.equal((await c.upload(`/api/evaluations/${w.ev.U2}/attachments`, 'a.pdf', PDF)).status, 201);
        assert.equal((await c.upload(`/api/evaluations/${w.ev.U2}/attachments`, 'b.pdf', PDF)).status, 201);
        const third = await c.upload(`/api/evaluations/${w.ev.U2}/attachments`, 'c.pdf', PDF);
        assert.equal(third.status, 409);
        assert.match(third.body.error.message, /最多 2 个佐证材料/);
      });

      test('evidence cannot change once submitted', async () => {
        const f = await w.as('u1s-filler');
        const ev = (await f.get(`/api/evaluations/${w.ev.U1S}`)).body;
        const a = await f.upload(`/api/evaluations/${w.ev.U1S}/attachments`, 'x.pdf', PDF);
        assert.equal(a.status, 201);
        assert.equal(
          (await f.post(`/api/evaluations/${w.ev.U1S}/transitions`, { action: 'submit', version: ev.version })).status,
          200,
        );
        const late = await f.upload(`/api/evaluations/${w.ev.U1S}/attachments`, 'y.pdf', PDF);
        assert.equal(late.status, 409);
        assert.equal(late.body.error.code, 'not-editable');
        assert.equal((await f.del(`/api/attachments/${a.body.id}`)).status, 409);
      });

      test('health and the OpenAPI document', async () => {
        const c = w.client();
        const h = await c.get('/api/health');
        assert.equal(h.status, 200);
        assert.deepEqual(h.body, { status: 'ok', database: backend.name, schema: LATEST_MIGRATION, version: '0.1.0' });
        const doc = (await c.get('/api/openapi.json')).body;
        assert.equal(doc.openapi, '3.1.0');
        assert.ok(doc.components.schemas.EvaluationDetail);
        assert.ok(doc.components.securitySchemes.csrf);
        assert.ok(doc.paths['/api/evaluations/{id}'].put.requestBody);
        // `/` belongs to the web app (issue 4): its page, or a page saying it is not built yet.
        const home = await w.app.request('http://localhost/');
        assert.ok([200, 503].includes(home.status), String(home.status));
        assert.match(home.headers.get('content-type') ?? '', /text\/html/);
      });
    });
  }
});
