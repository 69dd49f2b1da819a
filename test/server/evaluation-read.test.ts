// The read path of GET /api/evaluations/:id (issue 16.1): served from what the save stored, ETag / If-None-Match.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { backfillResultColumns } from '../../src/db/migrations/0090_engine_result_columns.js';
import { getEvaluation } from '../../src/server/resources/evaluations/service.js';
import { backends, makeWorld, type World } from './support.js';

describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`evaluation reads (${backend.name})`, { concurrency: 1 }, () => {
      let w: World;
      before(async () => {
        w = await makeWorld(backend);
      });
      after(async () => w?.close());

      test('the body is the same detail as before, with an ETag; If-None-Match gives 304 until something changes', async () => {
        const id = w.ev.U1;
        const filler = await w.as('u1-filler');
        const r = await filler.get(`/api/evaluations/${id}`);
        assert.equal(r.status, 200);
        const etag = r.headers.get('etag');
        assert.match(etag ?? '', /^W\/"[\w-]{20}"$/);
        assert.equal(r.headers.get('cache-control'), 'private, no-cache');
        const expected = JSON.parse(JSON.stringify(await getEvaluation(w.database.db, w.actors['u1-filler']!, id)));
        assert.deepEqual(r.body, expected);
        assert.equal(typeof r.body.result.total, 'number');

        const again = await filler.send('GET', `/api/evaluations/${id}`, undefined, {
          headers: { 'if-none-match': etag! },
        });
        assert.equal(again.status, 304);
        assert.equal(again.headers.get('etag'), etag);
        const other = await filler.send('GET', `/api/evaluations/${id}`, undefined, {
          headers: { 'if-none-match': 'W/"something-else"' },
        });
        assert.equal(other.status, 200);

        // A save: a new version, a new result, a new ETag, and the old one no longer matches.
        const doc = { ...r.body.document, narrative: { 说明: '第二次保存' } };
        const saved = await filler.put(`/api/evaluations/${id}`, { version: r.body.version, document: doc });
        assert.equal(saved.status, 200, JSON.stringify(saved.body));
        const after = await filler.send('GET', `/api/evaluations/${id}`, undefined, {
          headers: { 'if-none-match': etag! },
        });
        assert.equal(after.status, 200);
        assert.notEqual(after.headers.get('etag'), etag);
        assert.equal(after.body.version, r.body.version + 1);
        assert.deepEqual(after.body.document.narrative, { 说明: '第二次保存' });
        assert.deepEqual(after.body.result, saved.body.result);
      });

      test('what is stored is what is served: a write by anyone else (any process) is seen at once', async () => {
        const id = w.ev.U2;
        const filler = await w.as('u2-filler');
        const first = await filler.get(`/api/evaluations/${id}`);
        // Out of band, as another server process would: the row changes, the cache must not hide it.
        await sql`update evaluations set result = jsonb_set(result, '{grade}', '"标记"') where id = ${id}`.execute(
          w.database.db,
        );
        const second = await filler.get(`/api/evaluations/${id}`);
        assert.equal(second.body.result.grade, '标记');
        assert.notEqual(second.headers.get('etag'), first.headers.get('etag'));
      });

      test('the ETag depends on who asks: a leader gets other actions, and another view', async () => {
        const id = w.ev.U1;
        const filler = await w.as('u1-filler');
        const leader = await w.as('u1-leader');
        const a = await filler.get(`/api/evaluations/${id}`);
        const b = await leader.send('GET', `/api/evaluations/${id}`, undefined, {
          headers: { 'if-none-match': a.headers.get('etag')! },
        });
        assert.equal(b.status, 200);
        assert.notDeepEqual(b.body.editable, a.body.editable);
      });

      test('comments come with the version that added them; outside the region it is still 404', async () => {
        const id = w.ev.U1S;
        const filler = await w.as('u1s-filler');
        const leader = await w.as('u1s-leader');
        const ev = (await filler.get(`/api/evaluations/${id}`)).body;
        const sub = await filler.post(`/api/evaluations/${id}/transitions`, { action: 'submit', version: ev.version });
        assert.equal(sub.status, 200, JSON.stringify(sub.body));
        const ret = await leader.post(`/api/evaluations/${id}/transitions`, {
          action: 'leader-return',
          version: sub.body.version,
          comment: '请补充偏差原因',
        });
        assert.equal(ret.status, 200, JSON.stringify(ret.body));
        const seen = await filler.get(`/api/evaluations/${id}`);
        assert.deepEqual(
          seen.body.comments.map((c: { body: string; action: string }) => [c.action, c.body]),
          [['leader-return', '请补充偏差原因']],
        );
        assert.match(seen.body.comments[0].createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        assert.deepEqual(seen.body.comments, ret.body.comments);
        const outsider = await w.as('b-admin');
        assert.equal((await outsider.get(`/api/evaluations/${id}`)).status, 404);
      });

      test('the summary figures are columns written with the result (migration 0090), and the backfill gives the same', async () => {
        const db = w.database.db;
        const filler = await w.as('u1-filler');
        const list = (await filler.get('/api/evaluations')).body as Array<Record<string, unknown>>;
        const mine = list.find((e) => e.id === w.ev.U1)!;
        const detail = (await filler.get(`/api/evaluations/${w.ev.U1}`)).body;
        const r = detail.result;
        assert.equal(mine.strictTotal, r.strictTotal);
        assert.equal(mine.strictGrade, r.strictGrade);
        assert.equal(mine.gradeMayChange, r.gradeMayChange);
        assert.deepEqual(mine.unverifiable, { count: r.unverifiable.count, points: r.unverifiable.points });
        assert.equal(mine.claimedTotal, r.statedTotal ?? r.claimedTotal ?? null);
        const cols = async () =>
          (
            await sql<Record<string, unknown>>`select id, strict_total::text, strict_grade, claimed_total::text,
              unverifiable_count, unverifiable_points::text, grade_may_change from evaluations order by id`.execute(db)
          ).rows;
        const written = await cols();
        assert.ok(written.every((c) => c.strict_grade !== null && c.grade_may_change !== null));
        await sql`update evaluations set strict_total = null, strict_grade = null, claimed_total = null,
          unverifiable_count = null, unverifiable_points = null, grade_may_change = null`.execute(db);
        await backfillResultColumns(db);
        assert.deepEqual(await cols(), written);
      });
    });
  }
});
