import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { EvaluationSchema } from '../../src/core/evaluation.js';
import { score } from '../../src/core/scoring.js';
import { builtinFrameworks } from '../../src/load/frameworks.js';
import { backends, type Client, makeWorld, type World } from './support.js';

// PGlite and PostgreSQL side by side: each has its own world.
describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`workflow, optimistic locking, audit log (${backend.name})`, { concurrency: 1 }, () => {
      let w: World;
      before(async () => {
        w = await makeWorld(backend);
      });
      after(async () => w?.close());

      const act = (c: Client, id: number, action: string, version: number, comment?: string) =>
        c.post(`/api/evaluations/${id}/transitions`, {
          action,
          version,
          ...(comment !== undefined ? { comment } : {}),
        });

      test('the whole path: draft → leader → bureau → returned → … → approved → locked → reopened', async () => {
        const id = w.ev.U2;
        const filler = await w.as('u2-filler');
        const leader = await w.as('u2-leader');
        const reviewer = await w.as('a-reviewer');
        const admin = await w.as('a-admin');

        let ev = (await filler.get(`/api/evaluations/${id}`)).body;
        assert.equal(ev.status, 'draft');
        assert.equal(ev.statusLabel, '草稿');
        assert.equal(ev.editable, true);
        assert.deepEqual(ev.actions, ['submit']);

        let r = await act(filler, id, 'submit', ev.version);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.equal(r.body.status, 'submitted_leader');
        assert.equal(r.body.version, ev.version + 1);
        assert.equal(r.body.editable, false);

        // Illegal ones on the way are refused with 409 and say why.
        const twice = await act(filler, id, 'submit', r.body.version);
        assert.equal(twice.status, 409);
        assert.equal(twice.body.error.code, 'illegal-transition');
        assert.match(twice.body.error.message, /当前状态为“待单位负责人审核”，不能“提交单位负责人审核”/);
        const early = await act(reviewer, id, 'approve', r.body.version);
        assert.equal(early.status, 409);
        const editLocked = await filler.put(`/api/evaluations/${id}`, {
          version: r.body.version,
          document: r.body.document,
        });
        assert.equal(editLocked.status, 409);
        assert.equal(editLocked.body.error.code, 'not-editable');
        const noComment = await act(leader, id, 'leader-return', r.body.version);
        assert.equal(noComment.status, 400);
        assert.equal(noComment.body.error.fields[0].field, 'comment');
        assert.match(noComment.body.error.message, /必须填写意见/);

        ev = (await leader.get(`/api/evaluations/${id}`)).body;
        assert.deepEqual(ev.actions.sort(), ['leader-approve', 'leader-return']);
        r = await act(leader, id, 'leader-approve', ev.version, '同意报送');
        assert.equal(r.body.status, 'submitted_bureau');

        const lockEarly = await act(admin, id, 'lock', r.body.version);
        assert.equal(lockEarly.status, 409);
        const reviewerLock = await act(reviewer, id, 'lock', r.body.version);
        assert.equal(reviewerLock.status, 403, 'only the admin locks');

        r = await act(reviewer, id, 'return', r.body.version, '预算执行率的偏差原因请写具体');
        assert.equal(r.status, 200);
        assert.equal(r.body.status, 'returned');
        assert.equal(r.body.statusLabel, '已退回');
        const fillerView = (await filler.get(`/api/evaluations/${id}`)).body;
        assert.equal(fillerView.editable, true, 'a returned evaluation can be edited');
        assert.equal(fillerView.comments.at(-1).body, '预算执行率的偏差原因请写具体');
        assert.equal(fillerView.comments.at(-1).author, 'a-reviewer（测试）');

        const doc = structuredClone(fillerView.document);
        doc.indicators['预算执行率'].deviationReason = '年中压减一般性支出 15.65 万元，按财政要求收回。';
        r = await filler.put(`/api/evaluations/${id}`, { version: fillerView.version, document: doc });
        assert.equal(r.status, 200);
        r = await act(filler, id, 'submit', r.body.version);
        r = await act(leader, id, 'leader-approve', r.body.version);
        r = await act(reviewer, id, 'approve', r.body.version);
        assert.equal(r.body.status, 'approved');
        assert.equal(
          (await filler.put(`/api/evaluations/${id}`, { version: r.body.version, document: doc })).status,
          409,
        );
        r = await act(admin, id, 'lock', r.body.version);
        assert.equal(r.body.status, 'locked');
        assert.equal(r.body.statusLabel, '已锁定');
        const reviewerReopen = await act(reviewer, id, 'reopen', r.body.version, '复核');
        assert.equal(reviewerReopen.status, 403);
        r = await act(admin, id, 'reopen', r.body.version, '审计发现三公经费数据有误，请核对后重报');
        assert.equal(r.body.status, 'returned');
        assert.deepEqual((await filler.get(`/api/evaluations/${id}`)).body.actions, ['submit']);

        // Every transition is in the log: who, old → new.
        const hist = (await admin.get(`/api/evaluations/${id}/history`)).body as Array<{
          action: string;
          actor: string;
          changes: Array<{ field: string; old: unknown; new: unknown }>;
        }>;
        const steps = hist
          .filter((h) => h.action.startsWith('transition:'))
          .map((h) => `${h.action.slice(11)}:${h.changes[0]!.old}→${h.changes[0]!.new}`);
        assert.deepEqual(steps, [
          'submit:draft→submitted_leader',
          'leader-approve:submitted_leader→submitted_bureau',
          'return:submitted_bureau→returned',
          'submit:returned→submitted_leader',
          'leader-approve:submitted_leader→submitted_bureau',
          'approve:submitted_bureau→approved',
          'lock:approved→locked',
          'reopen:locked→returned',
        ]);
        const actors = hist
          .filter((h) => h.action.startsWith('transition:'))
          .map((h) => h.actor.replace('（测试）', ''));
        assert.deepEqual(actors, [
          'u2-filler',
          'u2-leader',
          'a-reviewer',
          'u2-filler',
          'u2-leader',
          'a-reviewer',
          'a-admin',
          'a-admin',
        ]);
        const edit = hist.find((h) => h.action === 'update')!;
        assert.deepEqual(
          edit.changes.find((c) => c.field === 'document.indicators.预算执行率.deviationReason'),
          {
            field: 'document.indicators.预算执行率.deviationReason',
            old: '财力紧张，压减支出。严格按照年初预算计划，合理安排支出。',
            new: '年中压减一般性支出 15.65 万元，按财政要求收回。',
          },
        );
      });

      test('unknown actions and bad versions are 400 naming the field', async () => {
        const f = await w.as('u1-filler');
        const r = await f.post(`/api/evaluations/${w.ev.U1}/transitions`, { action: 'publish', version: 1 });
        assert.equal(r.status, 400);
        assert.equal(r.body.error.fields[0].field, 'action');
        const v = await f.post(`/api/evaluations/${w.ev.U1}/transitions`, { action: 'submit' });
        assert.equal(v.status, 400);
        assert.equal(v.body.error.fields[0].field, 'version');
      });

      test('after the deadline a draft cannot be submitted', async () => {
        const admin = await w.as('a-admin');
        const past = await admin.patch(`/api/rounds/${w.round.A}`, { deadline: '2022-03-31T18:00:00+08:00' });
        assert.equal(past.status, 200);
        assert.equal(past.body.deadline, '2022-03-31T10:00:00.000Z');
        const f = await w.as('u1s-filler');
        const ev = (await f.get(`/api/evaluations/${w.ev.U1S}`)).body;
        const r = await f.post(`/api/evaluations/${w.ev.U1S}/transitions`, { action: 'submit', version: ev.version });
        assert.equal(r.status, 403);
        assert.match(r.body.error.message, /已于 .* 截止，不能再提交/);
        const bad = await admin.patch(`/api/rounds/${w.round.A}`, { deadline: '明年三月' });
        assert.equal(bad.status, 400);
        assert.equal(bad.body.error.fields[0].field, 'deadline');
        assert.equal((await admin.patch(`/api/rounds/${w.round.A}`, { deadline: null })).status, 200);
        assert.equal(
          (await f.post(`/api/evaluations/${w.ev.U1S}/transitions`, { action: 'submit', version: ev.version })).status,
          200,
        );
        const log = (await admin.get(`/api/audit?entity=round&entityId=${w.round.A}`)).body;
        assert.ok(
          log.some((e: { changes: Array<{ field: string; old: unknown; new: unknown }> }) =>
            e.changes.some((c) => c.field === 'deadline' && c.old === '2022-03-31T10:00:00.000Z' && c.new === null),
          ),
        );
      });

      test('two people save the same version: one wins, the other gets 409 in Chinese, nothing is overwritten', async () => {
        const a = await w.as('u1-filler');
        const b = await w.as('u1-filler');
        const ea = (await a.get(`/api/evaluations/${w.ev.U1}`)).body;
        const eb = (await b.get(`/api/evaluations/${w.ev.U1}`)).body;
        assert.equal(ea.version, eb.version);
        const docA = structuredClone(ea.document);
        docA.indicators['预算执行率'].actual = '99%';
        const docB = structuredClone(eb.document);
        docB.contact = '李四 13800000000';
        const ra = await a.put(`/api/evaluations/${w.ev.U1}`, { version: ea.version, document: docA });
        assert.equal(ra.status, 200);
        assert.equal(ra.body.version, ea.version + 1);
        const rb = await b.put(`/api/evaluations/${w.ev.U1}`, { version: eb.version, document: docB });
        assert.equal(rb.status, 409);
        assert.equal(rb.body.error.code, 'version-conflict');
        assert.match(
          rb.body.error.message,
          /保存冲突：这份评价已被“u1-filler（测试）”修改（当前版本 \d+，您提交时基于版本 \d+）/,
        );
        assert.equal(rb.body.error.currentVersion, ea.version + 1);
        const now = (await b.get(`/api/evaluations/${w.ev.U1}`)).body;
        assert.equal(now.document.indicators['预算执行率'].actual, '99%', 'the first save stands');
        assert.notEqual(now.document.contact, '李四 13800000000', 'the second did not overwrite');
        // Stale transitions are refused the same way.
        const st = await a.post(`/api/evaluations/${w.ev.U1}/transitions`, { action: 'submit', version: ea.version });
        assert.equal(st.status, 409);
        assert.equal(st.body.error.code, 'version-conflict');
      });

      test('concurrent saves of one version: exactly one is acknowledged', async () => {
        const clients = await Promise.all([1, 2, 3, 4, 5, 6].map(() => w.as('u1-filler')));
        const base = (await clients[0]!.get(`/api/evaluations/${w.ev.U1}`)).body;
        const results = await Promise.all(
          clients.map((c, i) => {
            const doc = structuredClone(base.document);
            doc.narrative = { ...(doc.narrative ?? {}), 并发: `第${i}人` };
            return c.put(`/api/evaluations/${w.ev.U1}`, { version: base.version, document: doc });
          }),
        );
        const codes = results.map((r) => r.status).sort();
        assert.deepEqual(codes, [200, 409, 409, 409, 409, 409]);
        const winner = results.findIndex((r) => r.status === 200);
        const now = (await clients[0]!.get(`/api/evaluations/${w.ev.U1}`)).body;
        assert.equal(now.version, base.version + 1);
        assert.equal(now.document.narrative['并发'], `第${winner}人`);
        const saves = await w.database.db
          .selectFrom('audit_log')
          .select('detail')
          .where('entity', '=', 'evaluation')
          .where('entity_id', '=', String(w.ev.U1))
          .where('action', '=', 'update')
          .execute();
        assert.equal(
          saves.filter((s) => (s.detail as { version: number }).version === base.version + 1).length,
          1,
          'one audit entry for the one save',
        );
      });

      test('scoring is the core’s, recomputed on every save', async () => {
        const f = await w.as('u1-filler');
        const ev = (await f.get(`/api/evaluations/${w.ev.U1}`)).body;
        const doc = structuredClone(ev.document);
        doc.indicators['区人大代表履职活动完成率'].actual = '80%';
        const r = await f.put(`/api/evaluations/${w.ev.U1}`, { version: ev.version, document: doc });
        assert.equal(r.status, 200);
        const expected = score(
          builtinFrameworks().get('zhengzhou-shangjie-2021')!,
          EvaluationSchema.parse(r.body.document),
        );
        assert.equal(r.body.result.total, expected.total);
        assert.equal(r.body.total, expected.total);
        assert.equal(r.body.grade, expected.grade);
        assert.deepEqual(r.body.result.findings, JSON.parse(JSON.stringify(expected.findings)));
        assert.ok(r.body.total < ev.total, `${r.body.total} < ${ev.total}`);
        const ind = r.body.result.indicators.find((i: { name: string }) => i.name === '区人大代表履职活动完成率');
        assert.equal(ind.actual, '80%');
        const hist = (await f.get(`/api/evaluations/${w.ev.U1}/history`)).body;
        const last = hist.at(-1);
        assert.deepEqual(
          last.changes.find((c: { field: string }) => c.field === '核定总分'),
          { field: '核定总分', old: ev.total, new: r.body.total },
        );
        assert.deepEqual(
          last.changes.find(
            (c: { field: string }) => c.field === 'document.indicators.区人大代表履职活动完成率.actual',
          ),
          {
            field: 'document.indicators.区人大代表履职活动完成率.actual',
            old: ev.document.indicators['区人大代表履职活动完成率'].actual,
            new: '80%',
          },
        );
        // Saving the same document again changes nothing: no new version, no entry.
        const same = await f.put(`/api/evaluations/${w.ev.U1}`, { version: r.body.version, document: doc });
        assert.equal(same.status, 200);
        assert.equal(same.body.version, r.body.version);
        assert.equal((await f.get(`/api/evaluations/${w.ev.U1}/history`)).body.length, hist.length);
      });

      test('the audit log is append-only in the database itself', async () => {
        const db = w.database.db;
        const n = await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        assert.ok(Number(n.n) > 10);
        await assert.rejects(db.updateTable('audit_log').set({ actor_name: '篡改' }).execute(), /审计日志只能追加/);
        await assert.rejects(db.deleteFrom('audit_log').execute(), /审计日志只能追加/);
        await assert.rejects(sql`truncate audit_log`.execute(db), /审计日志只能追加/);
        const m = await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        assert.equal(Number(m.n), Number(n.n));
      });

      test('a unit reads the log of its own evaluations only; the bureau the region’s', async () => {
        const u1 = await w.as('u1-filler');
        const mine = (await u1.get('/api/audit?limit=1000')).body as Array<{ orgId: number; entity: string }>;
        assert.ok(mine.length > 0);
        assert.ok(
          mine.every((e) => [w.org.U1, w.org.U1S].includes(e.orgId) && ['evaluation', 'attachment'].includes(e.entity)),
        );
        const admin = await w.as('a-admin');
        const all = (await admin.get('/api/audit?limit=1000')).body as Array<{ orgId: number; id: number }>;
        assert.ok(all.some((e) => e.orgId === w.org.U2));
        assert.ok(!all.some((e) => e.orgId === w.org.V1 || e.orgId === w.org.B));
        const page = (await admin.get(`/api/audit?limit=2&beforeId=${all[0]!.id}`)).body as Array<{ id: number }>;
        assert.equal(page.length, 2);
        assert.ok(page.every((e) => e.id < all[0]!.id));
        assert.equal((await admin.get('/api/audit?limit=5000')).status, 400);
      });
    });
  }
});
