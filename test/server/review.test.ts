import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { backends, type Client, makeWorld, seedDocument, type World } from './support.js';

/**
 * Review at scale (issue 14.4): the paged list with filters and sorting, batch approve/return with
 * per-item results, the XLSX export, a round's progress with 催办 reminders and the unit's
 * notification, and "since the last submission".
 */
describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`review at scale (${backend.name})`, { concurrency: 1 }, () => {
      let w: World;
      before(async () => {
        w = await makeWorld(backend);
      });
      after(async () => w?.close());

      const ids = (b: { items: Array<{ id: number }> }) => b.items.map((x) => x.id);
      const version = async (c: Client, id: number) => (await c.get(`/api/evaluations/${id}`)).body.version as number;
      const act = async (c: Client, id: number, action: string, comment?: string) => {
        const r = await c.post(`/api/evaluations/${id}/transitions`, {
          action,
          version: await version(c, id),
          ...(comment ? { comment } : {}),
        });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body;
      };

      test('list: scoped, searched, filtered, sorted, paged; bad filters are 400 in Chinese', async () => {
        const r = await w.as('a-reviewer');
        const all = await r.get(`/api/review/evaluations?roundId=${w.round.A}`);
        assert.equal(all.status, 200);
        assert.equal(all.body.total, 3);
        assert.deepEqual(ids(all.body).sort(), [w.ev.U1, w.ev.U2, w.ev.U1S].sort());
        const row = all.body.items.find((x: { id: number }) => x.id === w.ev.U1);
        assert.equal(row.orgKindLabel, '部门（单位）');
        assert.equal(typeof row.total, 'number');

        const q = await r.get(`/api/review/evaluations?q=${encodeURIComponent('二号')}`);
        assert.deepEqual(ids(q.body), [w.ev.U2]);
        const kind = await r.get('/api/review/evaluations?orgKind=subunit');
        assert.deepEqual(ids(kind.body), [w.ev.U1S]);
        const none = await r.get('/api/review/evaluations?status=approved,locked');
        assert.equal(none.body.total, 0);

        const p1 = await r.get('/api/review/evaluations?pageSize=2&page=1&sortField=orgName&sortOrder=ascend');
        const p2 = await r.get('/api/review/evaluations?pageSize=2&page=2&sortField=orgName&sortOrder=ascend');
        assert.equal(p1.body.items.length, 2);
        assert.equal(p2.body.items.length, 1);
        assert.equal(p1.body.total, 3);
        assert.equal(new Set([...ids(p1.body), ...ids(p2.body)]).size, 3, 'pages do not overlap');

        // 自评分 vs 核定分: U2 claims 60 while the rules give its real total.
        const filler = await w.as('u2-filler');
        const doc = { ...seedDocument(), claimed: { total: 60 } };
        const put = await filler.put(`/api/evaluations/${w.ev.U2}`, {
          version: await version(filler, w.ev.U2),
          document: doc,
        });
        assert.equal(put.status, 200, JSON.stringify(put.body));
        const diff = await r.get('/api/review/evaluations?diffMin=5&sortField=diff&sortOrder=descend');
        assert.deepEqual(ids(diff.body), [w.ev.U2]);
        const d = diff.body.items[0];
        assert.equal(d.claimedTotal, 60);
        assert.equal(Math.round((d.claimedTotal - d.total) * 100) / 100, Math.round(d.diff * 100) / 100);

        const bad = await r.get('/api/review/evaluations?status=nonsense&pageSize=1000');
        assert.equal(bad.status, 400);
        assert.match(bad.body.error.message, /[\u4e00-\u9fff]/);
        assert.ok(JSON.stringify(bad.body.error.fields).includes('nonsense'));

        const unit = await w.as('u1-filler');
        const mine = await unit.get('/api/review/evaluations');
        assert.deepEqual(ids(mine.body).sort(), [w.ev.U1, w.ev.U1S].sort());
      });

      test('batch: approves two, reports the one it may not touch, returns with one comment', async () => {
        for (const id of [w.ev.U1, w.ev.U1S]) {
          const f = await w.as(id === w.ev.U1 ? 'u1-filler' : 'u1s-filler');
          await act(f, id, 'submit');
          await act(await w.as(id === w.ev.U1 ? 'u1-leader' : 'u1s-leader'), id, 'leader-approve');
        }
        const r = await w.as('a-reviewer');
        const res = await r.post('/api/review/batch', { action: 'approve', ids: [w.ev.U1, w.ev.V1, w.ev.U1S] });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.succeeded, 2);
        assert.equal(res.body.failed, 1);
        const v1 = res.body.results.find((x: { id: number }) => x.id === w.ev.V1);
        assert.equal(v1.ok, false);
        assert.equal(v1.orgName, null, 'nothing about another region leaks');
        assert.match(v1.message, /不存在，或您无权查看/);
        assert.equal((await r.get(`/api/evaluations/${w.ev.U1}`)).body.status, 'approved');

        // A return needs its comment; each item reports the workflow's own refusal.
        const noComment = await r.post('/api/review/batch', { action: 'return', ids: [w.ev.U1, w.ev.U2] });
        assert.equal(noComment.status, 200);
        assert.equal(noComment.body.succeeded, 0);
        for (const x of noComment.body.results) assert.match(x.message, /[\u4e00-\u9fff]/);
        const filler = await w.as('u2-filler');
        await act(filler, w.ev.U2, 'submit');
        await act(await w.as('u2-leader'), w.ev.U2, 'leader-approve');
        const back = await r.post('/api/review/batch', { action: 'return', ids: [w.ev.U2], comment: '请补充偏差原因' });
        assert.equal(back.body.succeeded, 1);
        const ev = await filler.get(`/api/evaluations/${w.ev.U2}`);
        assert.equal(ev.body.status, 'returned');
        assert.equal(ev.body.comments.at(-1).body, '请补充偏差原因');

        const f = await w.as('u1-filler');
        assert.equal((await f.post('/api/review/batch', { action: 'approve', ids: [w.ev.U1] })).status, 403);
        const tooMany = await r.post('/api/review/batch', { action: 'approve', ids: [] });
        assert.equal(tooMany.status, 400);
      });

      test('export: the filtered list as XLSX, every page; a filler may not export', async () => {
        const r = await w.as('a-reviewer');
        const res = await r.get(`/api/review/evaluations.xlsx?roundId=${w.round.A}&sortField=orgName&sortOrder=ascend`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type')!, /spreadsheetml/);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(Buffer.from(res.body as Uint8Array) as never);
        const ws = wb.worksheets[0]!;
        assert.equal(ws.getRow(2).getCell(4).value, '单位');
        const rowIds: number[] = [];
        ws.eachRow((row, n) => {
          if (n > 2) rowIds.push(Number(row.getCell(1).value));
        });
        const list = await r.get(`/api/review/evaluations?roundId=${w.round.A}&sortField=orgName&sortOrder=ascend`);
        assert.deepEqual(rowIds, ids(list.body));
        assert.equal((await (await w.as('u1-filler')).get('/api/review/evaluations.xlsx')).status, 403);
      });

      test('progress and 催办: units not started, reminded with the date, the unit sees the notification', async () => {
        const admin = await w.as('a-admin');
        const org = await admin.post('/api/organisations', { kind: 'unit', name: '甲市三号单位', parentId: w.org.A });
        assert.equal(org.status, 201, JSON.stringify(org.body));
        const user = await admin.post('/api/users', {
          orgId: org.body.id,
          username: 'u3-filler',
          displayName: '三号填报人',
          role: 'unit_filler',
          password: 'correct horse battery',
        });
        assert.equal(user.status, 201, JSON.stringify(user.body));
        const r = await w.as('a-reviewer');
        // A unit made after the round is not asked by it: not counted, not remindable (it would not see the round).
        const outside = await r.get(`/api/rounds/${w.round.A}/progress`);
        assert.equal(outside.body.units, 3);
        assert.equal(outside.body.notStarted, 0);
        const refused = await r.post(`/api/rounds/${w.round.A}/reminders`, { orgIds: [org.body.id] });
        assert.equal(refused.status, 400);
        assert.match(refused.body.error.fields[0].message, /不是本轮次尚未开始填报的单位/);
        // Added to the round (评价范围), it is one of its units that has not started.
        const added = await admin.post(`/api/rounds/${w.round.A}/units`, { orgIds: [org.body.id] });
        assert.equal(added.status, 200, JSON.stringify(added.body));
        const p = await r.get(`/api/rounds/${w.round.A}/progress`);
        assert.equal(p.status, 200);
        assert.equal(p.body.units, 4);
        assert.equal(p.body.notStarted, 1);
        assert.deepEqual(
          p.body.notStartedUnits.map((u: { orgName: string; reminders: number }) => [u.orgName, u.reminders]),
          [['甲市三号单位', 0]],
        );
        assert.equal(
          p.body.byStatus.reduce((s: number, x: { count: number }) => s + x.count, 0),
          3,
        );

        const sent = await r.post(`/api/rounds/${w.round.A}/reminders`, { orgIds: [org.body.id] });
        assert.equal(sent.status, 201, JSON.stringify(sent.body));
        const again = await r.get(`/api/rounds/${w.round.A}/progress`);
        assert.equal(again.body.notStartedUnits[0].reminders, 1);
        assert.equal(again.body.notStartedUnits[0].lastRemindedAt, sent.body.at);

        const u3 = await w.as('u3-filler');
        const n = await u3.get('/api/notifications');
        assert.equal(n.status, 200);
        assert.equal(n.body.length, 1);
        assert.match(n.body[0].message, /请尽快开始填报/);
        assert.equal(n.body[0].roundId, w.round.A);
        assert.deepEqual((await (await w.as('u1-filler')).get('/api/notifications')).body, []);

        const started = await r.post(`/api/rounds/${w.round.A}/reminders`, { orgIds: [w.org.U1] });
        assert.equal(started.status, 400);
        assert.match(started.body.error.fields[0].message, /尚未开始填报/);
        assert.equal((await (await w.as('b-admin')).get(`/api/rounds/${w.round.A}/progress`)).status, 404);
        assert.equal((await (await w.as('u1-leader')).get(`/api/rounds/${w.round.A}/progress`)).status, 403);

        // Withdrawn again: out of the progress and the 催办 list; its notification stays where it was.
        assert.equal((await admin.del(`/api/rounds/${w.round.A}/units/${org.body.id}`)).status, 200);
        const gone = await r.get(`/api/rounds/${w.round.A}/progress`);
        assert.equal(gone.body.units, 3);
        assert.deepEqual(gone.body.notStartedUnits, []);
        assert.equal((await r.post(`/api/rounds/${w.round.A}/reminders`, { orgIds: [org.body.id] })).status, 400);
      });

      test('since the last submission: the figures and narrative changed between two submissions', async () => {
        // U2 was returned above; its filler changes a figure and the narrative, then submits again.
        const filler = await w.as('u2-filler');
        const before = await filler.get(`/api/evaluations/${w.ev.U2}/since-submission`);
        assert.equal(before.status, 200);
        assert.ok(before.body.baseline, 'compared with the submission that was returned');
        assert.equal(before.body.until, null);
        const ev = (await filler.get(`/api/evaluations/${w.ev.U2}`)).body;
        const doc = structuredClone(ev.document);
        const old = doc.figures.budget.initial;
        doc.figures.budget.initial = Number((old + 10).toFixed(2));
        doc.narrative = { ...doc.narrative, 绩效目标完成情况: '补充了偏差原因。' };
        // An indicator is saved as one field; the changes name what changed inside it.
        const indicator = Object.keys(doc.indicators)[0]!;
        doc.indicators[indicator] = { ...doc.indicators[indicator], deviationReason: '工作不可预见。' };
        const put = await filler.put(`/api/evaluations/${w.ev.U2}`, { version: ev.version, document: doc });
        assert.equal(put.status, 200, JSON.stringify(put.body));
        await act(filler, w.ev.U2, 'submit');
        const leader = await w.as('u2-leader');
        const d = await leader.get(`/api/evaluations/${w.ev.U2}/since-submission`);
        assert.equal(d.status, 200);
        assert.ok(d.body.until, 'up to the latest submission');
        const fig = d.body.figures.find((c: { field: string }) => c.field === 'figures.budget.initial');
        assert.deepEqual([fig.old, fig.new], [old, doc.figures.budget.initial]);
        assert.ok(d.body.narrative.some((c: { field: string }) => c.field.startsWith('narrative.')));
        assert.deepEqual(
          d.body.indicators.map((c: { field: string; new: unknown }) => [c.field, c.new]),
          [[`indicators.${indicator}.deviationReason`, '工作不可预见。']],
        );
        assert.equal((await (await w.as('v1-filler')).get(`/api/evaluations/${w.ev.U2}/since-submission`)).status, 404);
      });
    });
  }
});
