/** Rounds for chosen units: who is asked, who sees the round, withdrawal keeps the draft, lists matched by code or name. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { backends, makeWorld, seedDocument, type World } from './support.js';

async function xlsx(rows: string[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位清单');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`round units (${backend.name})`, { concurrency: 1 }, () => {
      let w: World;
      let fv: number;
      before(async () => {
        w = await makeWorld(backend);
        fv = (await (await w.as('a-admin')).get(`/api/rounds/${w.round.A}`)).body.frameworkVersionId;
      });
      after(async () => w?.close());

      test('a round made without a selection asks every unit and sub-unit of the region', async () => {
        const admin = await w.as('a-admin');
        const units = await admin.get(`/api/rounds/${w.round.A}/units`);
        assert.equal(units.status, 200);
        assert.deepEqual(
          units.body.map((u: { orgId: number }) => u.orgId).sort(),
          [w.org.U1, w.org.U2, w.org.U1S].sort(),
        );
        assert.equal((await admin.get(`/api/rounds/${w.round.A}`)).body.unitCount, 3);
      });

      test('a round for one chosen unit: only that unit sees it and may start; the others get 403', async () => {
        const admin = await w.as('a-admin');
        const r = await admin.post('/api/rounds', {
          name: '只问二号单位',
          year: 2021,
          frameworkVersionId: fv,
          units: { orgIds: [w.org.U2] },
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        assert.equal(r.body.unitCount, 1);
        const u2 = await w.as('u2-filler');
        const u1 = await w.as('u1-filler');
        assert.ok((await u2.get('/api/rounds')).body.some((x: { id: number }) => x.id === r.body.id));
        assert.ok(!(await u1.get('/api/rounds')).body.some((x: { id: number }) => x.id === r.body.id));
        const refused = await u1.post(`/api/rounds/${r.body.id}/evaluations`, {});
        assert.equal(refused.status, 403);
        assert.match(refused.body.error.message, /不在评价轮次“只问二号单位”的评价范围内/);
        const started = await u2.post(`/api/rounds/${r.body.id}/evaluations`, { document: seedDocument() });
        assert.equal(started.status, 201, JSON.stringify(started.body));

        // Withdrawn: the draft stays, the round leaves the unit's list, submitting is refused; all logged.
        const wd = await admin.del(`/api/rounds/${r.body.id}/units/${w.org.U2}`);
        assert.equal(wd.status, 200);
        assert.equal(wd.body[0].active, false);
        assert.equal(wd.body[0].evaluationId, started.body.id);
        assert.ok(!(await u2.get('/api/rounds')).body.some((x: { id: number }) => x.id === r.body.id));
        // The dashboard's progress and the 催办 progress both leave the withdrawn unit's draft out.
        for (const url of [`/api/web/rounds/${r.body.id}/progress`, `/api/rounds/${r.body.id}/progress`]) {
          const p = await admin.get(url);
          assert.equal(p.status, 200, `${url} ${JSON.stringify(p.body)}`);
          assert.equal(p.body.units, 0, url);
          assert.equal(
            p.body.byStatus.reduce((a: number, s: { count: number }) => a + s.count, 0),
            0,
            `${url}: ${JSON.stringify(p.body.byStatus)}`,
          );
        }
        const kept = await u2.get(`/api/evaluations/${started.body.id}`);
        assert.equal(kept.status, 200);
        assert.equal(kept.body.status, 'draft');
        const submit = await u2.post(`/api/evaluations/${started.body.id}/transitions`, {
          action: 'submit',
          version: kept.body.version,
        });
        assert.equal(submit.status, 409);
        assert.match(submit.body.error.message, /撤出/);
        const log = await w.database.db
          .selectFrom('audit_log')
          .select(['entity', 'action'])
          .where('action', 'in', ['units-withdraw', 'withdrawn'])
          .execute();
        assert.deepEqual(log.map((l) => `${l.entity}:${l.action}`).sort(), [
          'evaluation:withdrawn',
          'round:units-withdraw',
        ]);
        assert.equal((await admin.del(`/api/rounds/${r.body.id}/units/${w.org.U2}`)).status, 404, 'already out');

        // Added back (with U1 by its pasted name): both see it again.
        const back = await admin.post(`/api/rounds/${r.body.id}/units`, { list: '甲市一号单位\na-u2' });
        assert.equal(back.status, 200, JSON.stringify(back.body));
        assert.deepEqual(
          back.body.map((u: { active: boolean }) => u.active),
          [true, true],
        );
        assert.ok((await u1.get('/api/rounds')).body.some((x: { id: number }) => x.id === r.body.id));
        assert.equal((await u1.post(`/api/rounds/${r.body.id}/units`, { orgIds: [w.org.U1] })).status, 403);
      });

      test('“all sub-units” and a pasted list; a line naming no unit is a 400 naming the line', async () => {
        const admin = await w.as('a-admin');
        const r = await admin.post('/api/rounds', {
          name: '下属单位轮次',
          year: 2021,
          frameworkVersionId: fv,
          units: { kinds: ['subunit'] },
        });
        assert.equal(r.status, 201);
        const units = (await admin.get(`/api/rounds/${r.body.id}/units`)).body;
        assert.deepEqual(
          units.map((u: { orgId: number }) => u.orgId),
          [w.org.U1S],
        );
        const bad = await admin.post('/api/rounds', {
          name: '清单有误',
          year: 2021,
          frameworkVersionId: fv,
          units: { list: '单位名称\na-u1\n乙市一号单位' },
        });
        assert.equal(bad.status, 400);
        assert.deepEqual(bad.body.error.fields, [
          { field: 'units.list 第3行', message: '“乙市一号单位”不是本地区任何单位的代码或全称' },
        ]);
        assert.equal(
          (await admin.get('/api/rounds')).body.filter((x: { name: string }) => x.name === '清单有误').length,
          0,
        );
        const other = await admin.post('/api/rounds', {
          name: '别区单位',
          year: 2021,
          frameworkVersionId: fv,
          units: { orgIds: [w.org.V1] },
        });
        assert.equal(other.status, 400);
      });

      test('an XLSX list is read and matched to the caller’s region only', async () => {
        const file = await xlsx([
          ['序号', '单位名称'],
          ['1', '甲市二号单位'],
          ['2', 'a-u1-s'],
          ['3', '乙市一号单位'],
        ]);
        const a = await (await w.as('a-admin')).upload('/api/rounds/unit-list', '清单.xlsx', file);
        assert.equal(a.status, 200, JSON.stringify(a.body));
        assert.deepEqual(
          a.body.matched.map((m: { orgId: number }) => m.orgId),
          [w.org.U2, w.org.U1S],
        );
        assert.deepEqual(
          a.body.unmatched.map((m: { text: string }) => m.text),
          ['3\t乙市一号单位'],
        );
        const b = await (await w.as('b-admin')).upload('/api/rounds/unit-list', '清单.xlsx', file);
        assert.deepEqual(
          b.body.matched.map((m: { orgId: number }) => m.orgId),
          [w.org.V1],
        );
        const bin = await (
          await w.as('a-admin')
        ).upload('/api/rounds/unit-list', '坏.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 0]));
        assert.equal(bin.status, 400);
        assert.match(bin.body.error.fields[0].message, /[\u4e00-\u9fff]/);
        assert.equal((await (await w.as('u1-filler')).upload('/api/rounds/unit-list', 'x.txt', file)).status, 403);
      });
    });
  }
});
