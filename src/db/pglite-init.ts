/** @module A new PGlite data directory created (initdb) in a short-lived child process. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Why a child process: PGlite runs initdb in a second WASM instance (and the initdb module) beside the
 * one it keeps. Measured on this machine, a process that created a directory stays about 170 MiB above one
 * that opened an existing directory, even after every collection (docs/performance.md, "Server memory").
 * A child's memory all goes back to the system when it exits, so the server only ever opens an existing one.
 */
const CHILD = `
const [url, dir, params] = process.argv.slice(1);
const { PGlite } = await import(url);
const pg = await PGlite.create(dir, { startParams: JSON.parse(params) });
await pg.query('select 1');
await pg.close();
`;

/** Whether `dir` (PGlite's own directory, <dataDir>/pglite) already holds a database. */
export function pgliteDirExists(dir: string): boolean {
  return existsSync(path.join(dir, 'PG_VERSION'));
}

/** Creates PGlite's database in `dir` in a child process; rejects with the child's own words on failure. */
export function initPGliteDir(dir: string, startParams: string[]): Promise<void> {
  const url = import.meta.resolve('@electric-sql/pglite');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', CHILD, url, dir, JSON.stringify(startParams)],
      { maxBuffer: 1 << 20, timeout: 300_000 },
      (err, _out, stderr) => {
        if (!err) return resolve();
        const why = stderr.trim().split('\n').filter(Boolean).slice(-3).join(' ') || err.message;
        reject(new Error(`初始化数据库失败：${why}`));
      },
    );
  });
}
