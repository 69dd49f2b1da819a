import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import JSZip from 'jszip';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { renderReport, roundEntries } from '../../src/reports/index.js';
import { safeFileName, zipReports, type ZipProgress } from '../../src/reports/zip.js';
import { loadExamples } from './helpers.js';

const examples = loadExamples();
const tmp = mkdtempSync(path.join(tmpdir(), 'jixiao-report-cli-'));
const CLI = path.join(PACKAGE_ROOT, 'src', 'cli', 'main.ts');
after(() => rmSync(tmp, { recursive: true, force: true }));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });

test('a round zips with a progress report per file, in the order given, one folder per unit', async () => {
  const entries = roundEntries(examples, ['docx', 'xlsx', 'html']);
  const seen: ZipProgress[] = [];
  const zip = await zipReports(entries, { onProgress: (p) => seen.push(p) });
  assert.equal(seen.length, entries.length);
  assert.deepEqual(
    seen.map((p) => p.done),
    entries.map((_, i) => i + 1),
  );
  assert.ok(seen.every((p) => p.total === entries.length && !p.error));
  const z = await JSZip.loadAsync(zip);
  const names = Object.values(z.files)
    .filter((f) => !f.dir)
    .map((f) => f.name);
  assert.equal(names.length, entries.length);
  assert.equal(new Set(names).size, names.length, 'names are unique');
  const first = examples[0]!;
  assert.ok(names[0]!.startsWith(`${safeFileName(first.evaluation.unit)}/`), names[0]);
  assert.ok(names[0]!.endsWith('.docx'));
  // DOCX/XLSX are stored, not compressed twice.
  const docx = await z.file(names[0]!)!.async('nodebuffer');
  assert.equal(docx.subarray(0, 2).toString(), 'PK');
});

test('a failing entry is reported and written as a note, the others still go into the zip', async () => {
  const seen: ZipProgress[] = [];
  const zip = await zipReports(
    [
      { name: 'a.html', render: async () => 'ok' },
      { name: 'b.html', render: async () => Promise.reject(new Error('boom')) },
    ],
    { onProgress: (p) => seen.push(p) },
  );
  const z = await JSZip.loadAsync(zip);
  assert.ok(z.file('a.html'));
  assert.match(await z.file('b.html.错误.txt')!.async('string'), /boom/);
  assert.equal(seen.find((p) => p.name === 'b.html')?.error, 'boom');
});

test('renderReport gives the bytes, the content type and a Chinese file name without path characters', async () => {
  const e = examples[0]!;
  const r = await renderReport(e, 'xlsx');
  assert.equal(r.contentType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.ok(r.fileName.endsWith('.xlsx') && !/[\\/:*?"<>|]/.test(r.fileName), r.fileName);
  assert.ok(r.fileName.includes(e.evaluation.unit));
  assert.equal(r.data.subarray(0, 2).toString(), 'PK');
});

test('jixiao report writes one file; several evaluations go into a zip with a progress bar', () => {
  const one = path.join(tmp, 'one.docx');
  const r1 = cli('report', examples[0]!.file, '--format', 'docx', '-o', one);
  assert.equal(r1.status, 0, r1.stderr);
  assert.match(r1.stderr, /已写入/);
  assert.equal(readFileSync(one).subarray(0, 2).toString(), 'PK');

  const zip = path.join(tmp, 'round.zip');
  const r2 = cli('report', path.join(PACKAGE_ROOT, 'examples', 'seeds'), '--format', 'html,xlsx', '-o', zip);
  assert.equal(r2.status, 0, r2.stderr);
  assert.match(r2.stderr, /\[█+\] \d+\/\d+ /);
  assert.equal(readFileSync(zip).subarray(0, 2).toString(), 'PK');

  const bad = cli('report', examples[0]!.file, '--format', 'odt');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /不支持的格式：odt/);
  const missing = cli('report', path.join(tmp, 'nope.yaml'));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /文件不存在/);
});
