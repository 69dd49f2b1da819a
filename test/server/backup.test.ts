// Backup and restore of both databases compared table by table; PGlite durable (fsync on) unless opted out.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { backupDatabase, restorePGlite, restorePostgres } from '../../src/db/backup.js';
import { openDatabase } from '../../src/db/database.js';
import { backends, makeWorld } from './support.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'jixiao-backup-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function snapshot(db: Kysely<any>): Promise<Record<string, unknown[]>> {
  const { rows } = await sql<{ t: string }>`select table_name as t from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db);
  const out: Record<string, unknown[]> = {};
  for (const { t } of rows) {
    const r = await sql.raw(`select * from "${t}" order by 1, 2`).execute(db);
    out[t] = JSON.parse(
      JSON.stringify(r.rows, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)),
    );
  }
  return out;
}

describe('backup and restore', { concurrency: true }, () => {
  test('PGlite: a restored data directory holds every table as backed up', async () => {
    const w = await makeWorld(backends()[0]!);
    const file = path.join(tmp, 'pglite.tar.gz');
    try {
      await (await w.as('a-admin')).patch(`/api/rounds/${w.round.A}`, { name: '备份前改名' });
      const before = await snapshot(w.database.db);
      assert.ok(Object.keys(before).length >= 10, Object.keys(before).join(','));
      assert.ok(before.evaluations!.length === 4 && before.audit_log!.length > 10);
      await backupDatabase(w.database, file);
      assert.ok(statSync(file).size > 1000);
      const dir = path.join(tmp, 'restored');
      await restorePGlite(dir, file);
      await assert.rejects(restorePGlite(dir, file), /已有数据库/, 'never over an existing database');
      const restored = await openDatabase({ dataDir: dir });
      try {
        assert.deepEqual(await snapshot(restored.db), before);
        const fsync = await sql<{ fsync: string }>`show fsync`.execute(restored.db);
        assert.equal(fsync.rows[0]!.fsync, 'on', 'durable writes by default');
      } finally {
        await restored.close();
      }
      const fast = await openDatabase({ dataDir: dir, durable: false });
      try {
        assert.equal((await sql<{ fsync: string }>`show fsync`.execute(fast.db)).rows[0]!.fsync, 'off', 'opted out');
      } finally {
        await fast.close();
      }
    } finally {
      await w.close();
    }
  });

  test(
    'PostgreSQL: pg_dump, changes, pg_restore — every table as backed up',
    { skip: process.env.JIXIAO_TEST_SKIP_PG === '1' },
    async () => {
      const w = await makeWorld(backends().find((b) => b.name === 'postgres')!);
      const file = path.join(tmp, 'pg.dump');
      try {
        const before = await snapshot(w.database.db);
        await backupDatabase(w.database, file);
        // Changes after the backup: a round renamed, a save, a new organisation.
        await (await w.as('a-admin')).patch(`/api/rounds/${w.round.A}`, { name: '备份后改名' });
        await (
          await w.as('a-admin')
        ).post('/api/organisations', { kind: 'unit', name: '备份后新建', parentId: w.org.A });
        assert.notDeepEqual(await snapshot(w.database.db), before);
        await restorePostgres(w.database.url!, file);
        assert.deepEqual(await snapshot(w.database.db), before);
      } finally {
        await w.close();
      }
    },
  );
});
