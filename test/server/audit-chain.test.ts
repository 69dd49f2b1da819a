// The tamper-evident audit log: a hash chain per region that names the first broken entry, and an app role that cannot change it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { appendAudit, verifyAuditChain } from '../../src/db/audit.js';
import { openDatabase } from '../../src/db/database.js';
import { backends, PG_URL, type World, makeWorld } from './support.js';

/** What the table's owner could do behind the app's back: the append-only trigger off, one statement, on again. */
async function asOwner(w: World, statement: string): Promise<void> {
  await sql.raw('alter table audit_log disable trigger audit_log_no_update').execute(w.database.db);
  await sql.raw(statement).execute(w.database.db);
  await sql.raw('alter table audit_log enable trigger audit_log_no_update').execute(w.database.db);
}

describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`audit hash chain (${backend.name})`, { concurrency: 1 }, () => {
      let w: World;
      before(async () => {
        w = await makeWorld(backend);
        // A refused request is logged with who, what and when.
        const b = await w.as('b-admin');
        assert.equal((await b.get(`/api/evaluations/${w.ev.U1}`)).status, 404);
      });
      after(async () => w?.close());

      test('every region has an unbroken chain; refusals are in it', async () => {
        const r = await verifyAuditChain(w.database.db);
        assert.equal(r.broken, undefined, JSON.stringify(r.broken));
        assert.ok(r.regions >= 2, `${r.regions} chains`);
        const denied = await w.database.db
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'denied')
          .where('actor_id', '=', w.users['b-admin']!.id)
          .executeTakeFirstOrThrow();
        assert.equal(denied.entity_id, `GET /api/evaluations/${w.ev.U1}`);
        assert.equal((denied.detail as { status: number }).status, 404);
        assert.equal(denied.region_id, w.org.B, 'in the caller’s own region’s chain');
        assert.ok(denied.hash && denied.seq! > 0);
      });

      test('a changed entry is named; so is the entry after a removed one', async () => {
        const rows = await w.database.db
          .selectFrom('audit_log')
          .select(['id', 'seq', 'region_id'])
          .where('region_id', '=', w.org.A)
          .orderBy('seq')
          .execute();
        assert.ok(rows.length >= 6);
        const victim = rows[2]!;
        await asOwner(w, `update audit_log set actor_name = '别人' where id = ${victim.id}`);
        let r = await verifyAuditChain(w.database.db);
        assert.equal(r.broken?.id, victim.id);
        assert.match(r.broken!.reason, /本条被改动/);
        await asOwner(w, `delete from audit_log where id = ${victim.id}`);
        r = await verifyAuditChain(w.database.db);
        assert.equal(r.broken?.id, rows[3]!.id, 'the entry after the removed one');
        assert.match(r.broken!.reason, /缺失 1 条/);
      });
    });
  }
});

describe('the app role (PostgreSQL)', { skip: process.env.JIXIAO_TEST_SKIP_PG === '1' }, () => {
  const role = `jx_app_${process.pid}`;
  let w: World;
  let admin: pg.Client;
  let schema: string;

  before(async () => {
    w = await makeWorld(backends().find((b) => b.name === 'postgres')!);
    schema = (await sql<{ s: string }>`select current_schema() as s`.execute(w.database.db)).rows[0]!.s;
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`drop role if exists ${role}`);
    await admin.query(`create role ${role} login`);
    await admin.query(`grant usage on schema ${schema} to ${role}`);
    await admin.query(`grant select, insert, update, delete on all tables in schema ${schema} to ${role}`);
    await admin.query(`revoke update, delete, truncate on ${schema}.audit_log from ${role}`);
    await admin.query(`grant usage, select on all sequences in schema ${schema} to ${role}`);
  });
  after(async () => {
    await w?.close();
    await admin?.query(`drop owned by ${role}`).catch(() => {});
    await admin?.query(`drop role if exists ${role}`).catch(() => {});
    await admin?.end();
  });

  test('appends and reads, but cannot change, remove, or switch off the log’s triggers', async () => {
    const url = new URL(PG_URL);
    url.username = role;
    const app = await openDatabase({ url: url.toString(), schema, poolSize: 2 });
    try {
      await appendAudit(app.db, {
        actorId: null,
        actorName: '应用角色',
        regionId: w.org.A,
        orgId: null,
        entity: 'round',
        entityId: 1,
        action: 'test',
      });
      assert.equal((await verifyAuditChain(app.db)).broken, undefined, 'its entry is chained');
      for (const attempt of [
        'update audit_log set actor_name = $$x$$',
        'delete from audit_log',
        'truncate audit_log',
        'alter table audit_log disable trigger audit_log_no_update',
        'drop trigger audit_log_chain on audit_log',
        'set session_replication_role = replica',
      ]) {
        await assert.rejects(sql.raw(attempt).execute(app.db), /permission denied|must be owner/, attempt);
      }
    } finally {
      await app.close();
    }
  });
});
