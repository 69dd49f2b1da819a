/**
 * @module Where a finished job's file is kept: a row of job_files (default), or a file in a directory
 * that every instance mounts (JIXIAO_JOB_FILES_DIR) — written under a temporary name and renamed, so
 * a reader never sees half a file.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export class JobFiles {
  constructor(
    private readonly db: Kysely<DB>,
    readonly dir?: string,
  ) {}

  /** Stores the file; `path` is set when it went to the directory. */
  async put(jobId: string, data: Buffer): Promise<{ size: number; path: string | null }> {
    if (this.dir) {
      await mkdir(this.dir, { recursive: true });
      const file = path.join(this.dir, `${jobId}.bin`);
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, file);
      return { size: data.length, path: file };
    }
    await this.db
      .insertInto('job_files')
      .values({ job_id: jobId, content: data })
      .onConflict((oc) => oc.column('job_id').doUpdateSet({ content: data }))
      .execute();
    return { size: data.length, path: null };
  }

  async get(jobId: string, file: string | null): Promise<Buffer | undefined> {
    if (file) return readFile(file).catch(() => undefined);
    const r = await this.db.selectFrom('job_files').select('content').where('job_id', '=', jobId).executeTakeFirst();
    return r ? Buffer.from(r.content) : undefined;
  }

  /** A directory file of a deleted job (rows go with their job_runs row). */
  async remove(file: string | null): Promise<void> {
    if (file) await rm(file, { force: true });
  }
}
