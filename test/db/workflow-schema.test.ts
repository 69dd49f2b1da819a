import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { ORG_KINDS, ROLES, STATUSES } from '../../src/core/workflow.js';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrations.js';
import { backends } from '../server/support.js';

/**
 * The database's check constraints on status, role and organisation kind accept exactly the core's
 * workflow table (src/core/workflow.ts): a status added there without a migration fails here.
 */
let database: Database;
before(async () => {
  database = await backends()[0]!.open();
  await migrateToLatest(database.db);
});
after(async () => database?.close());

async function checkValues(table: string, column: string): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`
    select pg_get_constraintdef(c.oid) as def from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    where t.relname = ${table} and c.contype = 'c' and pg_get_constraintdef(c.oid) like ${`%${column}%ANY%`}`.execute(
    database.db,
  );
  assert.equal(rows.length, 1, `one check constraint on ${table}.${column}`);
  return [...rows[0]!.def.matchAll(/'([^']+)'::text/g)].map((m) => m[1]!).sort();
}

test('evaluations.status, users.role and organisations.kind are the core workflow table', async () => {
  assert.deepEqual(await checkValues('evaluations', 'status'), [...STATUSES].sort());
  assert.deepEqual(await checkValues('users', 'role'), [...ROLES].sort());
  assert.deepEqual(await checkValues('organisations', 'kind'), [...ORG_KINDS].sort());
});
