import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { diffJson } from '../../src/db/audit.js';
import { MIGRATIONS, migrateToLatest } from '../../src/db/migrations.js';
import { backends } from '../server/support.js';

/** The database layer itself, on both databases: our PGlite dialect must behave as PostgreSQL does. */

interface T {
  t: { id: number; v: string };
}

describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`database layer (${backend.name})`, { concurrency: 1 }, () => {
      let database: Database;
      let db: Kysely<T>;
      before(async () => {
        database = await backend.open();
        db = database.db as unknown as Kysely<T>;
        await sql`create table t (id integer primary key, v text not null)`.execute(db);
      });
      after(async () => database?.close());

      test('a failed transaction leaves nothing behind', async () => {
        await assert.rejects(
          db.transaction().execute(async (trx) => {
            await trx.insertInto('t').values({ id: 1, v: 'a' }).execute();
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal((await db.selectFrom('t').selectAll().execute()).length, 0);
      });

      test('a transaction is isolated from statements outside it until it commits', async () => {
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        let inserted!: () => void;
        const didInsert = new Promise<void>((r) => (inserted = r));
        const tx = db.transaction().execute(async (trx) => {
          await trx.insertInto('t').values({ id: 2, v: 'in tx' }).execute();
          inserted();
          await gate;
          await trx.insertInto('t').values({ id: 3, v: 'in tx' }).execute();
        });
        await didInsert;
        // Outside: on PostgreSQL it does not see the uncommitted row; on PGlite it waits for the commit.
        const outside = db.selectFrom('t').select('id').execute();
        setTimeout(release, 50);
        await tx;
        const seen = (await outside).map((r) => r.id);
        assert.ok(seen.length === 0 || seen.length === 2, `saw ${seen} — never half a transaction`);
        assert.deepEqual(
          (await db.selectFrom('t').select('id').orderBy('id').execute()).map((r) => r.id),
          [2, 3],
        );
      });

      test('affected rows, returning, savepoints', async () => {
        const u = await db.updateTable('t').set({ v: 'x' }).where('id', '>', 0).executeTakeFirst();
        assert.equal(u.numUpdatedRows, 2n);
        const r = await db.insertInto('t').values({ id: 4, v: 'y' }).returning(['id', 'v']).executeTakeFirstOrThrow();
        assert.deepEqual(r, { id: 4, v: 'y' });
        const trx = await db.startTransaction().execute();
        const sp = await trx.savepoint('sp1').execute();
        await sp.insertInto('t').values({ id: 5, v: 'rolled back' }).execute();
        const back = await sp.rollbackToSavepoint('sp1').execute();
        await back.insertInto('t').values({ id: 6, v: 'kept' }).execute();
        await trx.commit().execute();
        assert.deepEqual(
          (await db.selectFrom('t').select('id').orderBy('id').execute()).map((x) => x.id),
          [2, 3, 4, 6],
        );
        const d = await db.deleteFrom('t').where('id', '=', 6).executeTakeFirst();
        assert.equal(d.numDeletedRows, 1n);
      });

      test('types come back the same: integers, counts, numeric as text, timestamps, jsonb, bytea', async () => {
        const row = await sql<{ i: number; c: number; n: string; ts: Date; j: { a: number[] }; b: Uint8Array }>`
          select 7::int as i, (select count(*) from t) as c, 1.50::numeric(6, 2) as n, now() as ts,
                 ${JSON.stringify({ a: [1, 2] })}::jsonb as j, '\\x0102'::bytea as b`.execute(db);
        const r = row.rows[0]!;
        assert.equal(r.i, 7);
        assert.equal(r.c, 3);
        assert.equal(r.n, '1.50');
        assert.ok(r.ts instanceof Date);
        assert.deepEqual(r.j, { a: [1, 2] });
        assert.deepEqual([...new Uint8Array(r.b)], [1, 2]);
      });

      test('migrations run once', async () => {
        assert.deepEqual(await migrateToLatest(database.db), Object.keys(MIGRATIONS).sort());
        assert.deepEqual(await migrateToLatest(database.db), []);
      });
    });
  }
});

test('audit diffs name each field with old → new', () => {
  assert.deepEqual(diffJson({ a: { b: 1, c: [1, 2] }, d: 'x' }, { a: { b: 2, c: [1] }, e: true }, 'document'), [
    { field: 'document.a.b', old: 1, new: 2 },
    { field: 'document.a.c[1]', old: 2, new: null },
    { field: 'document.d', old: 'x', new: null },
    { field: 'document.e', old: null, new: true },
  ]);
  assert.deepEqual(diffJson({ x: [1] }, { x: [1] }), []);
});
