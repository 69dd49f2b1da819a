import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse as parseYaml } from 'yaml';
import { auditBatch } from '../../src/cli/import-audit-commands.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { JobQueue } from '../../src/server/jobs/queue.js';
import { summaryCsv } from '../../src/reports/audit-summary.js';
import { backends, type Client, makeWorld, type Reply, type World } from './support.js';

/**
 * The batch import-and-audit job (POST /api/import-jobs) on both databases: the files are stored
 * with the job and a worker imports and audits each as `jixiao audit` does — the same summary rows —
 * with a bad file reported by name in Chinese and the others done; the job is its starter's alone
 * (another unit, another region's admin, the same region's bureau: 404), the public may not start
 * one, and bad requests are 400s naming the field.
 */

const REPORTS = path.join(PACKAGE_ROOT, 'examples', 'reports');
const GOOD = ['000_6ca4beea76738c10.txt', '001_8c0df9642cd3f24a.txt'];
const BROKEN = { name: '损坏的报告.docx', bytes: new TextEncoder().encode('这不是一个 DOCX 文件') };

async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}
const finished = (j: Reply['body']): boolean => ['done', 'failed', 'cancelled'].includes(j.state);

function upload(c: Client, files: Array<{ name: string; bytes: Uint8Array }>, framework?: string): Promise<Reply> {
  const form = new FormData();
  for (const f of files) form.append('file', new File([f.bytes as Uint8Array<ArrayBuffer>], f.name));
  if (framework !== undefined) form.append('framework', framework);
  return c.send('POST', '/api/import-jobs', undefined, { raw: form });
}

const goodFiles = () => GOOD.map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(REPORTS, name))) }));

describe('import-and-audit jobs', { concurrency: true, timeout: 300_000 }, () => {
  for (const backend of backends()) {
    describe(backend.name, { concurrency: 1 }, () => {
      let w: World;
      let worker: JobQueue;
      let jobId: string;
      before(async () => {
        w = await makeWorld(backend);
        worker = new JobQueue(w.database, { work: true, pollSeconds: 0.5 });
        await worker.start();
      });
      after(async () => {
        await worker?.stop();
        await w?.close();
      });

      test('each file imported and audited; the summary as jixiao audit writes it; a bad file named', async () => {
        const u1 = await w.as('u1-filler');
        const start = await upload(u1, [...goodFiles(), BROKEN]);
        assert.equal(start.status, 202, JSON.stringify(start.body));
        assert.equal(start.body.kind, 'import-audit');
        assert.equal(start.body.total, 3);
        jobId = start.body.id;
        const done = await until(async () => (await u1.get(`/api/jobs/${jobId}`)).body, finished);
        assert.equal(done.state, 'done', JSON.stringify(done));
        assert.equal(done.done, 3);
        assert.match(done.message, /^共3份，核查2份，未能核查1份；发现错误\d+项、警告\d+项、提示\d+项。$/);
        assert.deepEqual(
          done.errors.map((e: { name: string }) => e.name),
          [BROKEN.name],
        );
        assert.match(done.errors[0].message, /[\u4e00-\u9fff]/, 'a Chinese reason');

        const z = await u1.get(`/api/jobs/${jobId}/download`);
        assert.equal(z.status, 200);
        assert.equal(z.headers.get('content-type'), 'application/zip');
        const zip = await JSZip.loadAsync(z.body as Uint8Array);
        const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
        assert.ok(names.includes('核查汇总.xlsx') && names.includes('核查汇总.csv'), names.join(', '));
        const yamls = names.filter((n) => n.startsWith('导入结果/') && n.endsWith('.yaml'));
        assert.deepEqual(yamls, ['导入结果/001_000_6ca4beea76738c10.yaml', '导入结果/002_001_8c0df9642cd3f24a.yaml']);
        const imported = parseYaml(await zip.file(yamls[0]!)!.async('string')) as { unit: string; year: number };
        assert.ok(imported.unit && imported.year > 2000, JSON.stringify(imported).slice(0, 200));

        // The rows jixiao audit writes for the same files (its rows name the path it was given).
        const cli = await auditBatch(GOOD.map((n) => path.join(REPORTS, n)));
        const csv = await zip.file('核查汇总.csv')!.async('string');
        const lines = csv.split('\r\n').filter(Boolean);
        assert.equal(lines.length, 4, 'header and three files');
        assert.deepEqual(
          lines.slice(0, 3),
          summaryCsv(cli.map((r) => ({ ...r, file: path.basename(r.file) })))
            .split('\r\n')
            .filter(Boolean),
        );
        assert.match(lines[3]!, new RegExp(`^${BROKEN.name},.*未能核查：`));
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load((await zip.file('核查汇总.xlsx')!.async('nodebuffer')) as unknown as ArrayBuffer);
        assert.equal(wb.getWorksheet('核查汇总')?.rowCount, 4);

        const left = await w.database.db.selectFrom('job_inputs').select('ord').where('job_id', '=', jobId).execute();
        assert.equal(left.length, 0, 'the uploads go once the job has ended');
      });

      test('the job is its starter’s alone; the public may not start one', async () => {
        for (const who of ['u2-filler', 'u1-leader', 'a-admin', 'b-admin', 'v1-filler']) {
          const c = await w.as(who);
          assert.equal((await c.get(`/api/jobs/${jobId}`)).status, 404, `${who} reads`);
          assert.equal((await c.get(`/api/jobs/${jobId}/download`)).status, 404, `${who} downloads`);
          assert.equal((await c.post(`/api/jobs/${jobId}/cancel`)).status, 404, `${who} cancels`);
        }
        const pub = await w.as('a-public');
        assert.equal((await upload(pub, goodFiles())).status, 403);
        assert.equal((await w.client().send('POST', '/api/import-jobs')).status, 401);
        const rows = await w.database.db.selectFrom('job_runs').select(['user_id', 'region_id']).execute();
        assert.deepEqual(rows, [{ user_id: w.users['u1-filler']!.id, region_id: w.org.A }]);
      });

      test('bad requests name the field', async () => {
        const a = await w.as('a-reviewer');
        const none = await a.send('POST', '/api/import-jobs', undefined, { raw: new FormData() });
        assert.equal(none.status, 400);
        assert.equal(none.body.error.fields[0].field, 'file');
        const fw = await upload(a, goodFiles(), '没有这个框架');
        assert.equal(fw.status, 400);
        assert.match(fw.body.error.fields[0].message, /没有指标框架“没有这个框架”/);
        const many = Array.from({ length: 201 }, (_, i) => ({ name: `${i}.txt`, bytes: new Uint8Array([0x41]) }));
        const tooMany = await upload(a, many);
        assert.equal(tooMany.status, 400);
        assert.match(tooMany.body.error.fields[0].message, /至多 200 个文件/);
        const json = await a.post('/api/import-jobs', {});
        assert.equal(json.status, 400);
      });
    });
  }
});
