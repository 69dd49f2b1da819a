// The CLI imports only what the command being run needs (issue 16.3): which modules `score`, `framework` and `audit` load.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { PACKAGE_ROOT } from '../src/load/paths.js';

const CLI = path.join(PACKAGE_ROOT, 'src', 'cli', 'main.ts');
const SEED0 = path.join(PACKAGE_ROOT, 'examples', 'seeds', '000_6ca4beea76738c10.yaml');
// A module hook that prints every URL the process loads, one per line, to stderr.
const HOOK = `data:text/javascript,${encodeURIComponent(
  "import{writeSync}from'node:fs';export async function load(u,c,n){writeSync(2,'LOADED '+u+'\\n');return n(u,c)}",
)}`;
const REGISTER = `data:text/javascript,${encodeURIComponent(`import{register}from'node:module';register(${JSON.stringify(HOOK)});`)}`;

function loaded(...args: string[]): { status: number | null; urls: string[]; stdout: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', REGISTER, CLI, ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
  });
  const urls = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('LOADED '))
    .map((l) => l.slice(7));
  return { status: r.status, urls, stdout: r.stdout };
}

const HEAVY = [
  '@electric-sql/pglite',
  '/docx/',
  '/exceljs/',
  '/react/',
  '/react-dom/',
  'playwright-core',
  '/pg/',
  'src/reports/',
  'src/db/',
  'src/server/',
];
// Two small pure modules of the reports are fine: the table printer's text width, and the audit summary's rows
// (the CLI's and the import job's one definition; it loads exceljs only when an XLSX is written, which '/exceljs/'
// above still checks).
const LIGHT = ['src/reports/text-width.ts', 'src/reports/audit-summary.ts'];
const heavyIn = (urls: string[]) =>
  urls.filter((u) => HEAVY.some((h) => u.includes(h)) && !LIGHT.some((l) => u.endsWith(l)));

test('score loads no database, document, web or browser code', () => {
  const r = loaded('score', SEED0);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /(规则|核定)总分/);
  assert.ok(
    r.urls.some((u) => u.includes('src/core/scoring.ts')),
    'the hook saw the core load',
  );
  assert.deepEqual(heavyIn(r.urls), []);
});

test('framework loads no database, document, web or browser code', () => {
  const r = loaded('framework', 'zhengzhou-shangjie-2021');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /上街/);
  assert.deepEqual(heavyIn(r.urls), []);
});

test('audit of a text report loads no database, document, web or browser code in the CLI process', () => {
  const r = loaded('audit', path.join(PACKAGE_ROOT, 'examples', 'reports', '000_6ca4beea76738c10.txt'));
  assert.deepEqual(heavyIn(r.urls), []);
});

test('--version loads no command group', () => {
  const r = loaded('--version');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^\d+\.\d+\.\d+/);
  assert.deepEqual(heavyIn(r.urls), []);
  assert.ok(!r.urls.some((u) => u.includes('src/cli/score-commands.ts')));
});

test('help still lists every command group', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--help'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  for (const c of ['score', 'serve', 'report', 'import', 'audit', 'seed-demo'])
    assert.match(r.stdout, new RegExp(`\\b${c}\\b`));
});
