/**
 * @module Backups of either database into one file: PGlite's data directory as a gzipped tar
 * (PGlite's dumpDataDir), PostgreSQL in pg_dump's custom format; restore brings a file back —
 * into an empty PGlite data directory, or over the PostgreSQL database (pg_restore --clean).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Database, DatabaseError } from './database.js';

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) =>
      reject(new DatabaseError('backup', `无法运行 ${cmd}：${e.message}（需要 PostgreSQL 客户端工具）`)),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new DatabaseError('backup', `${cmd} 失败（退出码 ${code}）：${err.trim().slice(0, 500)}`)),
    );
  });
}

/** Writes a backup of the open database to `file`. */
export async function backupDatabase(database: Database, file: string): Promise<void> {
  const out = path.resolve(file);
  if (database.pglite) {
    const blob = await database.pglite.dumpDataDir('gzip');
    writeFileSync(out, new Uint8Array(await blob.arrayBuffer()));
    return;
  }
  if (!database.url) throw new DatabaseError('backup', '无法备份：不知道数据库的连接串');
  await run('pg_dump', [
    '--format=custom',
    `--file=${out}`,
    ...(database.schema ? [`--schema=${database.schema}`] : []),
    `--dbname=${database.url}`,
  ]);
}

/** PostgreSQL: replaces the database's objects and rows with the backup's (one transaction). */
export async function restorePostgres(url: string, file: string): Promise<void> {
  if (!existsSync(file)) throw new DatabaseError('backup', `备份文件不存在：${file}`);
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${url}`, file]);
}

/** PGlite: creates the data directory's database from a backup; the directory must not hold one yet. */
export async function restorePGlite(dataDir: string, file: string): Promise<void> {
  if (!existsSync(file)) throw new DatabaseError('backup', `备份文件不存在：${file}`);
  const target = path.join(path.resolve(dataDir), 'pglite');
  if (existsSync(target))
    throw new DatabaseError('backup', `数据目录 ${dataDir} 中已有数据库：请先移走 ${target}，或恢复到新的数据目录`);
  mkdirSync(path.resolve(dataDir), { recursive: true });
  const pg = await PGlite.create(target, { loadDataDir: new Blob([readFileSync(file)]) });
  await pg.close();
}
