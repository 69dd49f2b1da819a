/** PGlite's remembered read heads (src/db/pglite-dialect.ts WriteCount): a read after any write — to any table the head joins — shows it. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { writeCountOf } from '../../src/db/database.js';
import { backends, makeWorld, type World } from './support.js';

describe('PGlite: read heads remembered while nothing is written', { concurrency: 1 }, () => {
  let w: World;
  before(async () => {
    w = await makeWorld(backends()[0]!);
  });
  after(async () => w?.close());

  test('selects do not count as writes; updates, raw SQL, transactions and the job queue’s SQL do', async () => {
    const db = w.database.db;
    const count = writeCountOf(db)!;
    assert.ok(count, 'PGlite has a write count');
    const n = count.value;
    await db.selectFrom('rounds').select('id').execute();
    assert.equal(count.value, n);
    await db.updateTable('rounds').set({ name: '2021年度自评' }).where('id', '=', w.round.A).execute();
    assert.equal(count.value, n + 1);
    await sql`select 1`.execute(db);
    assert.equal(count.value, n + 2, 'raw SQL counts (it may write)');
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('rounds').select('id').execute();
    });
    assert.equal(count.value, n + 4, 'begin and commit');
    await w.database.executeSql('select 1');
    assert.equal(count.value, n + 5);
  });

  test('a change to the round, the unit or the caller’s visibility shows on the next read', async () => {
    const db = w.database.db;
    const filler = await w.as('u1-filler');
    const path = `/api/evaluations/${w.ev.U1}`;
    const first = await filler.get(path);
    assert.equal(first.status, 200);
    const n = writeCountOf(db)!.value;
    assert.deepEqual((await filler.get(path)).body, first.body, 'remembered: the same answer');
    assert.equal(writeCountOf(db)!.value, n, 'and no write in between');

    await db
      .updateTable('rounds')
      .set({ deadline: new Date('2030-01-02T00:00:00Z') })
      .where('id', '=', w.round.A)
      .execute();
    assert.equal((await filler.get(path)).body.deadline, '2030-01-02T00:00:00.000Z');
    await db.updateTable('organisations').set({ name: '甲市一号单位（改）' }).where('id', '=', w.org.U1).execute();
    assert.equal((await filler.get(path)).body.orgName, '甲市一号单位（改）');
    // Another region's admin never sees it, remembered or not.
    const b = await w.as('b-admin');
    assert.equal((await b.get(path)).status, 404);
    assert.equal((await b.get(path)).status, 404);
    await db.updateTable('organisations').set({ name: '甲市一号单位' }).where('id', '=', w.org.U1).execute();
  });
});
