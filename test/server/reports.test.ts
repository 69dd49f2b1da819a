import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { JobQueue } from '../../src/server/jobs/queue.js';
import { ReportService } from '../../src/server/resources/reports/service.js';
import { backends, type Client, makeWorld, type World } from './support.js';

/**
 * Report downloads over HTTP (issue 5): each format opened and its numbers compared with the
 * evaluation's stored score; tenancy; the round zip with progress, owned by whoever started it.
 */

const fileNameOf = (disposition: string | null) =>
  decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition ?? '')?.[1] ?? '');
const text = (xml: string) => xml.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, '');

async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('report downloads and round zips', { timeout: 180_000 }, () => {
  let w: World;
  let reports: ReportService;
  let worker: JobQueue;
  let u1: Client;
  let total: number;
  let tmp: string;
  before(async () => {
    reports = new ReportService(1);
    w = await makeWorld(backends()[0]!, { reports });
    // The app only queues; a worker on the same database runs the jobs (as `jixiao worker` would).
    worker = new JobQueue(w.database, { work: true, reports, pollSeconds: 0.5 });
    await worker.start();
    u1 = await w.as('u1-filler');
    total = (await u1.get(`/api/evaluations/${w.ev.U1}`)).body.result.total;
    tmp = mkdtempSync(path.join(tmpdir(), 'jixiao-report-http-'));
  });
  after(async () => {
    await worker?.stop();
    await reports?.close();
    await w?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('DOCX: a Word file named after the report, with the unit and its rule total inside', async () => {
    const r = await u1.get(`/api/evaluations/${w.ev.U1}/report/docx`);
    assert.equal(r.status, 200);
    assert.equal(
      r.headers.get('content-type'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const name = fileNameOf(r.headers.get('content-disposition'));
    assert.match(r.headers.get('content-disposition')!, /^attachment;/);
    assert.match(name, /^2021年度甲市一号单位.*自评报告\.docx$/);
    const zip = await JSZip.loadAsync(r.body as Uint8Array);
    const body = text(await zip.file('word/document.xml')!.async('string'));
    assert.ok(body.includes('甲市一号单位'));
    assert.ok(
      body.includes(`${total.toFixed(2).replace(/\.?0+$/, '')}分`) || body.includes(`${total.toFixed(2)}分`),
      `the total ${total} is in the report`,
    );
  });

  test('XLSX: opens in exceljs; the total cell is a formula whose cached value is the rule total', async () => {
    const r = await u1.get(`/api/evaluations/${w.ev.U1}/report/xlsx`);
    assert.equal(r.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.body as Uint8Array) as never);
    const values: unknown[] = [];
    let formulas = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as { formula?: string; result?: unknown } | null;
          if (v && typeof v === 'object' && 'formula' in v) {
            formulas++;
            values.push(v.result);
          } else values.push(cell.value);
        }),
      ),
    );
    assert.ok(values.some((v) => typeof v === 'string' && v.includes('甲市一号单位')));
    assert.ok(formulas > 0, 'subtotals are formulas');
    assert.ok(
      values.some((v) => v === total),
      `the total ${total} is in the workbook`,
    );
  });

  test('HTML: the preview opens in the browser; ?download=1 downloads it', async () => {
    const r = await u1.get(`/api/evaluations/${w.ev.U1}/report/html`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type')!, /^text\/html/);
    assert.match(r.headers.get('content-disposition')!, /^inline;/);
    const html = new TextDecoder().decode(r.body as Uint8Array);
    assert.ok(html.includes('甲市一号单位') && html.includes('综合评价结论'));
    const d = await u1.get(`/api/evaluations/${w.ev.U1}/report/html?download=1`);
    assert.match(d.headers.get('content-disposition')!, /^attachment;/);
  });

  test('PDF: printed by the server’s Chromium; pdftotext finds the unit and the total', async () => {
    const r = await u1.get(`/api/evaluations/${w.ev.U1}/report/pdf`);
    assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 300));
    assert.equal(r.headers.get('content-type'), 'application/pdf');
    const file = path.join(tmp, 'u1.pdf');
    writeFileSync(file, r.body as Uint8Array);
    const t = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    assert.ok(t.includes('甲市一号单位'));
    assert.ok(t.includes('综合评价结论'));
    // A second PDF reuses the same browser.
    assert.equal(
      (await u1.get(`/api/evaluations/${w.ev.U2}/report/pdf`)).status,
      404,
      'another unit’s report is not found',
    );
  });

  test('only who may read the evaluation gets its report', async () => {
    const cases: Array<[string | null, number, number]> = [
      ['u1-filler', w.ev.U1, 200],
      ['u1-leader', w.ev.U1, 200],
      ['u1-filler', w.ev.U1S, 200], // a unit sees its 下属单位
      ['a-reviewer', w.ev.U2, 200],
      ['u2-filler', w.ev.U1, 404],
      ['u1s-filler', w.ev.U1, 404],
      ['b-admin', w.ev.U1, 404],
      ['v1-filler', w.ev.U1, 404],
      ['a-public', w.ev.U1, 404], // a draft is not public
      [null, w.ev.U1, 401],
    ];
    for (const [who, ev, status] of cases) {
      const c = who ? await w.as(who) : w.client();
      const r = await c.get(`/api/evaluations/${ev}/report/docx`);
      assert.equal(r.status, status, `${who ?? '(anonymous)'} → evaluation ${ev}`);
    }
    const bad = await u1.get(`/api/evaluations/${w.ev.U1}/report/doc`);
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /格式须为 docx、xlsx、pdf、html/);
  });

  test('the 审核意见 is the bureau’s: ?document=review for its reviewers only, the unit’s report never mentions it', async () => {
    const reviewer = await w.as('a-reviewer');
    const r = await reviewer.get(`/api/evaluations/${w.ev.U1}/report/docx?document=review`);
    assert.equal(r.status, 200);
    const name = fileNameOf(r.headers.get('content-disposition'));
    assert.match(name, /审核意见\.docx$/);
    const review = text(await (await JSZip.loadAsync(r.body as Uint8Array)).file('word/document.xml')!.async('string'));
    assert.ok(review.includes('审核意见') && review.includes('甲市一号单位'));
    const own = await u1.get(`/api/evaluations/${w.ev.U1}/report/docx`);
    const report = text(
      await (await JSZip.loadAsync(own.body as Uint8Array)).file('word/document.xml')!.async('string'),
    );
    assert.ok(
      !report.includes('审核意见') && !report.includes('评分核查'),
      'the unit’s report holds nothing of our check',
    );
    for (const [who, status] of [
      ['u1-filler', 403],
      ['u1-leader', 403],
      ['b-admin', 404],
    ] as const) {
      const c = await w.as(who);
      const x = await c.get(`/api/evaluations/${w.ev.U1}/report/docx?document=review`);
      assert.equal(x.status, status, `${who} → 审核意见`);
    }
    const bad = await reviewer.get(`/api/evaluations/${w.ev.U1}/report/docx?document=audit`);
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message ?? JSON.stringify(bad.body), /document/);
  });

  test('a round as a zip: progress to the end, one folder per unit, only what the caller may read', async () => {
    const reviewer = await w.as('a-reviewer');
    const start = await reviewer.post(`/api/rounds/${w.round.A}/report-jobs`, { formats: ['docx', 'xlsx'] });
    assert.equal(start.status, 202, JSON.stringify(start.body));
    assert.equal(start.body.total, 6, 'three evaluations × two formats');
    const seen = new Set<number>();
    const done = await until(
      async () => (await reviewer.get(`/api/report-jobs/${start.body.id}`)).body,
      (j) => {
        seen.add(j.done);
        return j.state === 'done' || j.state === 'failed';
      },
    );
    assert.equal(done.state, 'done', JSON.stringify(done));
    assert.equal(done.done, 6);
    assert.deepEqual(done.errors, []);
    assert.equal((await u1.get(`/api/report-jobs/${start.body.id}`)).status, 404, 'someone else’s job is not found');
    assert.equal((await u1.get(`/api/report-jobs/${start.body.id}/download`)).status, 404);
    const z = await reviewer.get(`/api/report-jobs/${start.body.id}/download`);
    assert.equal(z.status, 200);
    assert.equal(fileNameOf(z.headers.get('content-disposition')), '2021年度自评.zip');
    const zip = await JSZip.loadAsync(z.body as Uint8Array);
    const names = Object.keys(zip.files)
      .filter((n) => !zip.files[n]!.dir)
      .sort();
    assert.equal(names.length, 6);
    assert.deepEqual([...new Set(names.map((n) => n.split('/')[0]))].sort(), [
      '甲市一号单位',
      '甲市一号单位下属中心',
      '甲市二号单位',
    ]);
    assert.ok(names.every((n) => /\.(docx|xlsx)$/.test(n)));

    // A unit's filler gets its own unit and its 下属单位, not the neighbour.
    const mine = await u1.post(`/api/rounds/${w.round.A}/report-jobs`, { formats: ['html'] });
    assert.equal(mine.status, 202);
    const end = await until(
      async () => (await u1.get(`/api/report-jobs/${mine.body.id}`)).body,
      (j) => j.state === 'done' || j.state === 'failed',
    );
    assert.equal(end.state, 'done');
    const zip2 = await JSZip.loadAsync((await u1.get(`/api/report-jobs/${mine.body.id}/download`)).body as Uint8Array);
    assert.deepEqual(
      [
        ...new Set(
          Object.keys(zip2.files)
            .filter((n) => !zip2.files[n]!.dir)
            .map((n) => n.split('/')[0]),
        ),
      ].sort(),
      ['甲市一号单位', '甲市一号单位下属中心'],
    );

    const other = await u1.post(`/api/rounds/${w.round.B}/report-jobs`, { formats: ['docx'] });
    assert.equal(other.status, 404, 'another region’s round');
    const empty = await u1.post(`/api/rounds/${w.round.A}/report-jobs`, { formats: [] });
    assert.equal(empty.status, 400);
  });

  test('one round zip at a time per user: a second one while the first is queued is a 409', async () => {
    await worker.stop(); // nothing runs: the first stays queued
    try {
      const c = await w.as('a-admin');
      const first = await c.post(`/api/rounds/${w.round.A}/report-jobs`, { formats: ['html'] });
      assert.equal(first.status, 202);
      assert.equal(first.body.state, 'queued');
      const second = await c.post(`/api/rounds/${w.round.A}/report-jobs`, { formats: ['docx'] });
      assert.equal(second.status, 409);
      assert.match(second.body.error.message, /已有一个“批量导出自评表和报告”任务正在进行/);
      assert.equal((await c.get(`/api/report-jobs/${first.body.id}/download`)).status, 409, 'not finished yet');
      const cancelled = await c.post(`/api/jobs/${first.body.id}/cancel`);
      assert.equal(cancelled.body.state, 'cancelled');
      assert.equal((await c.get(`/api/report-jobs/${first.body.id}/download`)).status, 410);
    } finally {
      await worker.start();
    }
  });
});
