import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { buildFramework, walk } from '../../src/core/framework/model.js';
import { FrameworkSchema } from '../../src/core/framework/schema.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { backends, makeWorld, type World } from './support.js';

/**
 * GET/POST /api/web/frameworks (the web app's framework browser and editor): built-ins for
 * everyone; a bureau admin saves an edited copy as its region's framework (versions counted up);
 * other regions neither see nor extend it; other roles may not save.
 */
const heshan = () =>
  parse(readFileSync(path.join(PACKAGE_ROOT, 'frameworks', 'yiyang-heshan-2021.yaml'), 'utf8')) as Record<
    string,
    unknown
  > & {
    indicators: Array<
      Record<string, unknown> & {
        weight: number;
        children: Array<Record<string, unknown> & { weight: number; children: Array<Record<string, unknown>> }>;
      }
    >;
  };

function copyA() {
  const s = heshan();
  s.id = 'yiyang-heshan-2021-a';
  s.name = '甲市部门整体支出绩效评价指标（据赫山表修改）';
  s.region = '甲市';
  // 个性指标 under 产出/职责履行, its points taken from 实际完成率 (8 → 5)
  const duties = s.indicators[2]!.children[0]!;
  duties.children[0]!.weight = 5;
  duties.children.push({ name: '政务信息报送及时率', weight: 3, target: '≥95%', rule: { kind: 'ratio' } });
  return s;
}

describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`framework catalogue and editor scoping (${backend.name})`, { concurrency: 1 }, () => {
      let w: World;
      let saved: { id: number; frameworkId: string; version: number };
      let heshanId: number;

      before(async () => {
        w = await makeWorld(backend);
      });
      after(async () => w?.close());

      test('everyone lists the built-ins, none of them editable', async () => {
        for (const who of ['a-admin', 'a-public', 'u1-filler', 'b-reviewer']) {
          const r = await (await w.as(who)).get('/api/web/frameworks');
          assert.equal(r.status, 200);
          assert.ok(r.body.length >= 7, who);
          assert.ok(r.body.every((f: { owner: string; editable: boolean }) => f.owner === 'builtin' && !f.editable));
        }
        const list = (await (await w.as('a-admin')).get('/api/web/frameworks')).body;
        heshanId = list.find((f: { frameworkId: string }) => f.frameworkId === 'yiyang-heshan-2021').id;
        assert.equal((await w.client().get('/api/web/frameworks')).status, 401);
      });

      test('weights that do not add up: 400 naming the indicator; nothing saved', async () => {
        const c = await w.as('a-admin');
        const s = copyA();
        s.indicators[2]!.children[0]!.children[0]!.weight = 6;
        const r = await c.post('/api/web/frameworks', { source: s, basedOn: heshanId });
        assert.equal(r.status, 400);
        assert.match(r.body.error.message, /“产出 \/ 职责履行”分值30分，下级指标分值合计31分，两者不等/);
        assert.equal(r.body.error.fields[0].field, 'source.indicators[2].children[0].weight');
        const list = (await c.get('/api/web/frameworks')).body;
        assert.ok(!list.some((f: { frameworkId: string }) => f.frameworkId === 'yiyang-heshan-2021-a'));
      });

      test('a quantitative 指标值 without a number (大约九成): 400 naming the field in Chinese; nothing saved', async () => {
        const c = await w.as('a-admin');
        const s = copyA();
        const duties = s.indicators[2]!.children[0]!.children;
        duties.at(-1)!.target = '大约九成'; // the 个性指标 政务信息报送及时率, a ratio
        const r = await c.post('/api/web/frameworks', { source: s, basedOn: heshanId });
        assert.equal(r.status, 400, JSON.stringify(r.body));
        const hit = r.body.error.fields.find((f: { field: string }) => f.field.endsWith('.target'));
        assert.ok(hit, JSON.stringify(r.body.error.fields));
        assert.equal(hit.field, `source.indicators[2].children[0].children[${duties.length - 1}].target`);
        assert.match(hit.message, /指标值“大约九成”中没有数值/);
        const list = (await c.get('/api/web/frameworks')).body;
        assert.ok(!list.some((f: { frameworkId: string }) => f.frameworkId === 'yiyang-heshan-2021-a'));
      });

      test('a bureau admin saves its copy; saving again makes version 2; it scores', async () => {
        const c = await w.as('a-admin');
        const r = await c.post('/api/web/frameworks', { source: copyA(), basedOn: heshanId });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        assert.deepEqual(
          [r.body.frameworkId, r.body.version, r.body.owner, r.body.editable, r.body.frozen],
          ['yiyang-heshan-2021-a', 1, 'region', true, false],
        );
        assert.deepEqual(r.body.basedOn, { id: heshanId, frameworkId: 'yiyang-heshan-2021', version: 1 });
        assert.equal(r.body.createdBy, 'a-admin（测试）');
        const again = await c.post('/api/web/frameworks', { source: { ...copyA(), version: 7 }, basedOn: r.body.id });
        assert.equal(again.status, 201);
        assert.equal(again.body.version, 2, 'versions are counted by the server');
        saved = again.body;
        const detail = await c.get(`/api/frameworks/${saved.id}`);
        assert.equal(detail.status, 200);
        assert.ok(detail.body.nodes.some((n: { name: string }) => n.name === '政务信息报送及时率'));
        assert.match(detail.body.sourceYaml, /^# .*复制自 yiyang-heshan-2021-a@1 并修改/);
        // The source as data, for the browser (no YAML parser there): the YAML's own content, and the
        // framework the web app builds from it (web/src/app/frameworks.ts) has the tree the server lists.
        assert.deepEqual(detail.body.source, parse(detail.body.sourceYaml));
        const built = buildFramework(FrameworkSchema.parse(detail.body.source));
        assert.deepEqual(built.issues, []);
        const ids: string[] = [];
        walk(built.framework.roots, (n) => ids.push(n.id));
        assert.deepEqual(
          ids,
          detail.body.nodes.map((n: { id: string }) => n.id),
        );
        // A round on it: its units score against the edited tree.
        const round = await c.post('/api/rounds', {
          name: '2021年度（修改框架）',
          year: 2021,
          frameworkVersionId: saved.id,
        });
        assert.equal(round.status, 201, JSON.stringify(round.body));
        const audit = await c.get(`/api/audit?entity=framework_version&entityId=${saved.id}`);
        assert.deepEqual(audit.body.map((a: { action: string }) => a.action).sort(), ['create', 'freeze']);
      });

      test('the region’s own bound on amounts (limits.moneyMax) refuses a larger figure in its rounds', async () => {
        const c = await w.as('a-admin');
        const s = { ...copyA(), id: 'yiyang-heshan-2021-limit', limits: { moneyMax: 1000 } };
        const fw = await c.post('/api/web/frameworks', { source: s, basedOn: heshanId });
        assert.equal(fw.status, 201, JSON.stringify(fw.body));
        const round = await c.post('/api/rounds', {
          name: '2021年度（金额上限）',
          year: 2021,
          frameworkVersionId: fw.body.id,
        });
        assert.equal(round.status, 201, JSON.stringify(round.body));
        const f = await w.as('u1-filler');
        const url = `/api/rounds/${round.body.id}/evaluations`;
        const big = await f.post(url, { document: { figures: { budget: { initial: 5000 } } } });
        assert.equal(big.status, 400, JSON.stringify(big.body));
        const hit = big.body.error.fields.find((x: { field: string }) => x.field === 'document.figures.budget.initial');
        assert.ok(hit, JSON.stringify(big.body.error.fields));
        assert.match(hit.message, /金额超出合理范围（不超过 1000 万元）/);
        const ok = await f.post(url, { document: { figures: { budget: { initial: 800 } } } });
        assert.equal(ok.status, 201, JSON.stringify(ok.body));
        assert.equal(ok.body.document.figures.budget.initial, 800);
      });

      test('the same region’s other roles see it, cannot save', async () => {
        for (const who of ['a-reviewer', 'a-public', 'u1-filler', 'u1-leader']) {
          const c = await w.as(who);
          const list = (await c.get('/api/web/frameworks')).body;
          const mine = list.find((f: { id: number }) => f.id === saved.id);
          assert.ok(mine, who);
          assert.equal(mine.editable, false);
          const r = await c.post('/api/web/frameworks', { source: copyA() });
          assert.equal(r.status, 403, who);
          assert.match(r.body.error.message, /仅限财政局管理员/);
        }
      });

      test('another region neither sees nor extends it', async () => {
        for (const who of ['b-admin', 'b-reviewer', 'v1-filler']) {
          const list = (await (await w.as(who)).get('/api/web/frameworks')).body;
          assert.ok(!list.some((f: { frameworkId: string }) => f.frameworkId === 'yiyang-heshan-2021-a'), who);
        }
        const b = await w.as('b-admin');
        const same = await b.post('/api/web/frameworks', { source: copyA() });
        assert.equal(same.status, 409);
        assert.match(same.body.error.message, /已被其他框架使用/);
        const based = await b.post('/api/web/frameworks', { source: { ...copyA(), id: 'b-copy' }, basedOn: saved.id });
        assert.equal(based.status, 404);
        const own = await b.post('/api/web/frameworks', { source: { ...copyA(), id: 'heshan-b' }, basedOn: heshanId });
        assert.equal(own.status, 201);
        const aList = (await (await w.as('a-admin')).get('/api/web/frameworks')).body;
        assert.ok(!aList.some((f: { frameworkId: string }) => f.frameworkId === 'heshan-b'), 'and A does not see B’s');
      });

      test('a built-in id is refused; bad requests are named; CSRF applies', async () => {
        const c = await w.as('a-admin');
        const r = await c.post('/api/web/frameworks', { source: { ...copyA(), id: 'yiyang-heshan-2021' } });
        assert.equal(r.status, 409);
        assert.match(r.body.error.message, /内置指标框架/);
        const bad = await c.post('/api/web/frameworks', { source: 'text' });
        assert.equal(bad.status, 400);
        assert.equal(bad.body.error.fields[0].field, 'source');
        const badId = await c.post('/api/web/frameworks', { source: { ...copyA(), id: 'Bad Id' } });
        assert.equal(badId.status, 400);
        assert.match(badId.body.error.message, /id 只能包含小写字母/);
        const noCsrf = await c.send('POST', '/api/web/frameworks', { source: copyA() }, { csrf: false });
        assert.equal(noCsrf.status, 403);
      });
    });
  }
});
