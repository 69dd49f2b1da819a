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
  // 000 can be filed as it is.
  const seed0 = examples.find((e) => e.stem.startsWith('000_'))!;
  const one = path.join(tmp, 'one.docx');
  const r1 = cli('report', seed0.file, '--format', 'docx', '-o', one);
  assert.equal(r1.status, 0, r1.stderr);
  assert.match(r1.stderr, /已写入/);
  assert.equal(readFileSync(one).subarray(0, 2).toString(), 'PK');

  // The seeds with 待核实 indicators or 错误 findings go only as drafts.
  const zip = path.join(tmp, 'round.zip');
  const r2 = cli('report', path.join(PACKAGE_ROOT, 'examples', 'seeds'), '--format', 'html,xlsx', '--draft', '-o', zip);
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

test('jixiao report will not write what cannot be filed: the reasons on stderr, exit 1; --draft writes it marked', async () => {
  // 001 (晋中) has indicators the data cannot verify (待核实); missing data is a 警告, so 错误 only where the rules find one.
  const e = examples.find((x) => x.stem.startsWith('001_'))!;
  const errors = e.result.findings.filter((f) => f.severity === 'error').length;
  const out = path.join(tmp, 'jinzhong.docx');
  const r = cli('report', e.file, '--format', 'docx', '-o', out);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /不能报送：晋中市人民代表大会常务委员会办公室——\d+项指标待核实/);
  if (errors) assert.match(r.stderr, new RegExp(`${errors}项错误`));
  else assert.doesNotMatch(r.stderr, /项错误/);
  assert.match(r.stderr, /--draft/);
  assert.throws(() => readFileSync(out), 'nothing written');
  const d = cli('report', e.file, '--format', 'docx', '--draft', '-o', out);
  assert.equal(d.status, 0, d.stderr);
  assert.match(d.stderr, /草稿：/);
  const z = await JSZip.loadAsync(readFileSync(out));
  const header = Object.keys(z.files).find((n) => /^word\/header\d+\.xml$/.test(n))!;
  assert.match(await z.file(header)!.async('string'), /string="草稿"/);
});

test('jixiao report --review adds the bureau’s 审核意见 beside the unit’s documents', async () => {
  const e = examples.find((x) => x.stem.startsWith('000_'))!;
  const zip = path.join(tmp, 'review.zip');
  const r = cli('report', e.file, '--format', 'docx', '--review', '-o', zip);
  assert.equal(r.status, 0, r.stderr);
  const names = Object.keys((await JSZip.loadAsync(readFileSync(zip))).files).filter((n) => !n.endsWith('/'));
  assert.equal(names.length, 2);
  assert.ok(names.some((n) => n.endsWith('自评报告.docx')));
  assert.ok(names.some((n) => n.endsWith('审核意见.docx')));
});

test('the 审核意见 as XLSX: its borrowed summary keeps values where the 自评表 cells it read are absent', async () => {
  const e = examples.find((x) => x.stem.startsWith('000_'))!;
  const zip = path.join(tmp, 'review-xlsx.zip');
  const r = cli('report', e.file, '--format', 'xlsx', '--review', '-o', zip);
  assert.equal(r.status, 0, r.stderr);
  const z = await JSZip.loadAsync(readFileSync(zip));
  const names = Object.keys(z.files).filter((n) => !n.endsWith('/'));
  assert.deepEqual(
    names.filter((n) => n.endsWith('.txt')),
    [],
    'no file replaced by its error',
  );
  const review = names.find((n) => n.endsWith('审核意见.xlsx'));
  assert.ok(review, names.join(', '));
  const book = await JSZip.loadAsync(await z.file(review)!.async('uint8array'));
  const sheet = await book.file('xl/worksheets/sheet1.xml')!.async('string');
  assert.match(sheet, /<v>99\.77<\/v>/, 'the 核定总分 is in the summary sheet');
});

test('the unfinished parts of a report are named', () => {
  const e = examples.find((x) => x.stem === 'project-2020')!;
  const r = cli('report', e.file, '--format', 'html', '-o', path.join(tmp, 'p.html'));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /尚未填写：/);
  const missing = cli('report', path.join(tmp, 'nope.yaml'));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /文件不存在/);
});
