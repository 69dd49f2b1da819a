/** `jixiao audit-log verify` and `jixiao db backup|restore` as an operator runs them on an embedded data directory (issue 15.6, 15.8). */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Command } from 'commander';
import { sql } from 'kysely';
import { registerServerCommands } from '../../src/cli/server-commands.js';
import { openDatabase } from '../../src/db/database.js';

const root = mkdtempSync(path.join(tmpdir(), 'jixiao-cli-audit-'));
after(() => rmSync(root, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command().exitOverride();
  let stdout = '';
  let stderr = '';
  registerServerCommands(program, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
  const saved = process.exitCode;
  const url = process.env.DATABASE_URL;
  process.exitCode = undefined;
  delete process.env.DATABASE_URL;
  try {
    await program.parseAsync(['node', 'jixiao', ...args]);
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    process.exitCode = saved;
    if (url !== undefined) process.env.DATABASE_URL = url;
  }
}

test('audit-log verify: intact after real work, names the entry an owner changed behind the trigger; backup and restore keep it', async () => {
  const dir = path.join(root, 'data');
  assert.equal((await cli(['db', 'migrate', '--data-dir', dir])).code, 0);
  for (const name of ['丁市财政局', '戊市财政局'])
    assert.equal((await cli(['admin', 'create-org', '--kind', 'bureau', '--name', name, '--data-dir', dir])).code, 0);

  const ok = await cli(['audit-log', 'verify', '--data-dir', dir]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /审计日志完好：\d+ 条记录/);

  // A backup of the intact directory, restored into a fresh one, verifies too and holds the same entries.
  const file = path.join(root, 'backup.tar.gz');
  const b = await cli(['db', 'backup', file, '--data-dir', dir]);
  assert.equal(b.code, 0, b.stderr);
  assert.ok(statSync(file).size > 0);
  const copy = path.join(root, 'restored');
  const r = await cli(['db', 'restore', file, '--data-dir', copy]);
  assert.equal(r.code, 0, r.stderr);
  const again = await cli(['audit-log', 'verify', '--data-dir', copy]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(/(\d+) 条记录/.exec(again.stdout)?.[1], /(\d+) 条记录/.exec(ok.stdout)?.[1]);

  // The embedded database's owner can switch the trigger off; the chain still tells.
  const db = await openDatabase({ dataDir: dir });
  let id: number;
  try {
    await sql.raw('alter table audit_log disable trigger audit_log_no_update').execute(db.db);
    const first = await db.db.selectFrom('audit_log').select('id').orderBy('id').executeTakeFirstOrThrow();
    id = first.id;
    await sql`update audit_log set action = 'tampered' where id = ${id}`.execute(db.db);
  } finally {
    await db.close();
  }
  const bad = await cli(['audit-log', 'verify', '--data-dir', dir]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, new RegExp(`审计日志的哈希链在编号 ${id} 的记录处断开`));
});

test('seed-demo --units: the province is announced with each status in Chinese, no workflow codes', async () => {
  const dir = path.join(root, 'province');
  const r = await cli(['seed-demo', '--units', '30', '--years', '1', '--data-dir', dir]);
  assert.equal(r.code, 0, r.stderr);
  const line = r.stdout.split('\n').find((l) => l.startsWith('全省演示数据已载入'));
  assert.ok(line, r.stdout);
  assert.match(line, /最新年度各状态：.*已通过 \d+/);
  assert.doesNotMatch(line, /submitted_|draft|approved|returned|locked/);
});
