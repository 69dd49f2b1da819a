import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { seedPath, STEMS } from './fixtures.js';

// `jixiao import` and `jixiao audit`, run as a user runs them.
const CLI = path.join(PACKAGE_ROOT, 'src', 'cli', 'main.ts');
const runIn = (cwd: string, ...args: string[]) =>
  spawnSync(
    process.execPath,
    ['--import', path.join(PACKAGE_ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs'), CLI, ...args],
    {
      cwd,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
const run = (...args: string[]) => runIn(PACKAGE_ROOT, ...args);
const tmp = mkdtempSync(path.join(tmpdir(), 'jixiao-import-cli-'));

test('import -o writes YAML with the notes on top; `jixiao score` runs on it', () => {
  const out = path.join(tmp, '000.yaml');
  const r = run('import', seedPath('000_6ca4beea76738c10'), '-o', out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /识别为“上街区部门整体绩效自评指标体系”；读入23个指标；自评总分98\.8分/);
  const text = readFileSync(out, 'utf8');
  assert.match(text, /^# 由 jixiao import 自 .*000_6ca4beea76738c10\.txt（TEXT）导入。/);
  assert.match(text, /# - tasks\[2\]：单元格“677\.5 676\.78”含两个数字/);
  assert.match(text, /\nframework: zhengzhou-shangjie-2021\n/);
  const s = run('score', out);
  assert.equal(s.status, 0, s.stderr);
  assert.match(s.stdout, /自评总分：98\.80分（优）/);
});

test('import without -o prints the YAML; --json prints evaluation, framework and notes', () => {
  const r = run('import', seedPath('004_570ec4bfa11b61a4'));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /unit: 北京市怀柔区人大常委会办公室/);
  const j = run('import', seedPath('003_a5aa38cac94662cb'), '--json');
  const out = JSON.parse(j.stdout);
  assert.equal(out.framework.id, 'shenzhen-longhua-2019');
  assert.equal(out.framework.recognised, true);
  assert.equal(out.stats.rows, 21);
  assert.ok(out.confidence.length > 0);
});

test('import of a missing or broken file: a Chinese message and exit code 2', () => {
  const r = run('import', path.join(tmp, 'nope.docx'));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /输入有误：[\s\S]*nope\.docx：文件不存在/);
  const bad = path.join(tmp, 'bad.docx');
  writeFileSync(bad, 'PK\u0003\u0004 not really a zip');
  const b = run('import', bad);
  assert.equal(b.status, 2);
  assert.match(b.stderr, /已损坏/);
});

test('audit prints the findings in Chinese, with the two numbers and the quoted text', () => {
  const r = run('audit', seedPath('000_6ca4beea76738c10'));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /自评总分98\.8分（优）；各项自评得分合计98\.8分；核定总分 99\.77分（优）$/m);
  assert.match(r.stdout, /\[警告\]〔投入管理指标 \/ 预算和财务管理 \/ 预算执行率〕自评得分1分，按评分规则应得1\.96分/);
  assert.match(r.stdout, /报告数 72，核算数 81\.3/);
  assert.match(r.stdout, /原文：“…成年度履职目标和主要任务，根据评价标准，该项得分为40分。”/);
  assert.match(r.stdout, /核对无误 \d+ 项/);
});

test('audit --json: one object per file with counts and findings', () => {
  const r = run('audit', seedPath('002_a0eb83d49e186f2c'), '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.unit, '益阳市赫山区人民政府办公室');
  assert.equal(out.statedTotal, 93);
  assert.equal(out.findings.length, out.counts.error + out.counts.warning + out.counts.info);
  assert.ok(
    out.findings.some(
      (f: { code: string; stated: number; expected: number }) =>
        f.code === 'sum-mismatch' && f.stated === 251.7 && f.expected === 143.7,
    ),
  );
  const two = JSON.parse(
    run('audit', seedPath('000_6ca4beea76738c10'), seedPath('004_570ec4bfa11b61a4'), '--json').stdout,
  );
  assert.equal(two.length, 2);
});

test('audit of a folder: every file in turn, a progress bar, a summary table as XLSX and CSV', async () => {
  const dir = path.join(tmp, 'batch');
  mkdirSync(path.join(dir, 'sub'), { recursive: true });
  for (const s of STEMS)
    copyFileSync(seedPath(s), path.join(dir, s === '004_570ec4bfa11b61a4' ? `sub/${s}.txt` : `${s}.txt`));
  copyFileSync(
    path.join(PACKAGE_ROOT, 'examples', 'seeds', '000_6ca4beea76738c10.yaml'),
    path.join(dir, 'hand-made-000.yaml'),
  );
  writeFileSync(path.join(dir, 'broken.pdf'), '%PDF-1.4 broken');
  // The summary goes to the current directory, never into the folder being audited.
  const cwd = path.join(tmp, 'work');
  mkdirSync(cwd, { recursive: true });
  const r = runIn(cwd, 'audit', dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /共7份，核查6份，未能核查1份/);
  assert.match(r.stderr, /\[█+░*\] 7\/7/);
  assert.ok(
    !existsSync(path.join(dir, 'jixiao-audit-summary.csv')) && !existsSync(path.join(dir, 'jixiao-audit-summary.xlsx')),
  );
  const csv = readFileSync(path.join(cwd, 'jixiao-audit-summary.csv'), 'utf8');
  assert.ok(
    csv.startsWith(
      '\ufeff文件,单位,年度,指标体系,自评总分,各项自评得分合计,核定总分,核定等级,待核实分,待核实项数,严格口径总分,可能影响等级,错误,警告,提示,状态',
    ),
  );
  const lines = csv.trim().split(/\r\n/);
  assert.equal(lines.length, 8);
  assert.ok(
    lines.some((l) =>
      /000_6ca4beea76738c10\.txt,郑州市上街区人民代表大会常务委员会办公室,2021,zhengzhou-shangjie-2021,98\.8,98\.8,99\.77,优,0,0,99\.77,否,0,7,11,已核查/.test(
        l,
      ),
    ),
  );
  assert.ok(lines.some((l) => /broken\.pdf.*未能核查/.test(l)));
  assert.ok(existsSync(path.join(cwd, 'jixiao-audit-summary.xlsx')));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(cwd, 'jixiao-audit-summary.xlsx'));
  const ws = wb.getWorksheet('核查汇总')!;
  assert.equal(ws.rowCount, 8);
  assert.equal(ws.getRow(1).getCell(7).value, '核定总分');
  // 001 (晋中): 核定 97.8 优 with 46.8 points 待核实 in 11 indicators; strict 51, which may change the grade —
  // in their own columns. No row reads 差: no unit's grade is 差 once its unchecked points are counted as claimed.
  assert.ok(lines.some((l) => /001_8c0df9642cd3f24a\.txt,.*,97\.8,97\.8,97\.8,优,46\.8,11,51,是,/.test(l)));
  assert.ok(!lines.some((l) => l.includes(',差,')), 'no 差 in the summary');
  ws.eachRow((row) => row.eachCell((c) => assert.notEqual(c.value, '差', 'no 差 in the XLSX')));
  // A second run does not overwrite the summary unasked; --force does.
  const refused = runIn(cwd, 'audit', dir);
  assert.equal(refused.status, 2);
  assert.match(
    refused.stderr,
    /jixiao-audit-summary\.xlsx、jixiao-audit-summary\.csv已存在，未覆盖。请用 -o 指定另一个路径，或加 --force 覆盖/,
  );
  const forced = runIn(cwd, 'audit', dir, '--force');
  assert.equal(forced.status, 0, forced.stderr);
  // -o names the summary; the summaries themselves are never audited.
  const again = run('audit', dir, '-o', path.join(tmp, 'out', 'summary'));
  assert.equal(again.status, 0, again.stderr);
  assert.ok(existsSync(path.join(tmp, 'out', 'summary.csv')) && existsSync(path.join(tmp, 'out', 'summary.xlsx')));
  assert.match(again.stdout, /共7份/);
  // -o a folder that does not exist yet (a trailing separator): made, the summary written in it.
  const fresh = run('audit', dir, '-o', path.join(tmp, 'new', 'folder') + path.sep);
  assert.equal(fresh.status, 0, fresh.stderr);
  assert.ok(existsSync(path.join(tmp, 'new', 'folder', 'jixiao-audit-summary.xlsx')));
});

test('import of a table no built-in framework knows writes the rebuilt framework beside the YAML', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('自评表');
  ws.addRow(['单位名称', '某某县文化馆']);
  ws.addRow(['评价年度', '2023年度']);
  ws.addRow(['一级指标', '三级指标', '分值', '得分']);
  ws.addRow(['产出', '展览场次', 60, 58]);
  ws.addRow(['效益', '观众满意度', 40, 40]);
  const file = path.join(tmp, 'museum.xlsx');
  await wb.xlsx.writeFile(file);
  const out = path.join(tmp, 'museum.yaml');
  const r = run('import', file, '-o', out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /未匹配内置指标框架，已按表重建/);
  assert.match(readFileSync(path.join(tmp, 'museum.framework.yaml'), 'utf8'), /kind: manual/);
  const a = run('audit', file);
  assert.equal(a.status, 0, a.stderr);
  assert.match(a.stdout, /［按表重建］/);
  assert.match(a.stdout, /各项自评得分合计98分/);
});

test('a county web page (GBK) through the CLI: YAML and the rebuilt framework, which `score --framework-file` uses', async () => {
  const { countyPageGbk } = await import('./fixtures-web.js');
  const page = path.join(tmp, 'county.html');
  writeFileSync(page, countyPageGbk());
  const out = path.join(tmp, 'county.yaml');
  const r = run('import', page, '-o', out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /某某县农业农村局　2022年度：未匹配内置指标框架，已按表重建；读入10个指标；自评总分91\.5分/);
  const s = run('score', out, '--framework-file', path.join(tmp, 'county.framework.yaml'));
  assert.equal(s.status, 0, s.stderr);
  assert.match(s.stdout, /^核定总分 91\.50分（优）$/m);
});

test('a file without a score table: exit 2, what was found and what is missing, also as --json', () => {
  const f = path.join(tmp, 'head.txt');
  writeFileSync(
    f,
    '2023年度某某县财政局部门整体支出绩效自评报告\n\n一、部门基本情况\n某某县财政局年初预算数为1,234.56万元。\n',
  );
  const r = run('import', f);
  assert.equal(r.status, 2);
  assert.match(
    r.stderr,
    /未识别出绩效指标评分表[\s\S]*已识别：[\s\S]*单位：某某县财政局[\s\S]*年度：2023[\s\S]*预算数字：年初预算数1234\.56万元[\s\S]*缺少：绩效指标评分表/,
  );
  const j = run('import', f, '--json');
  assert.equal(j.status, 2);
  const out = JSON.parse(j.stdout);
  assert.equal(out.error.code, 'no-table');
  assert.equal(out.found.unit, '某某县财政局');
  assert.deepEqual(out.found.missing, ['绩效指标评分表（需有表头：指标名称、分值、得分等）']);
  const a = run('audit', f, '--json');
  assert.equal(a.status, 2);
  assert.equal(JSON.parse(a.stdout).found.kind, '部门整体支出绩效自评报告');
});

test('a 重点评价 Markdown extraction through the CLI: import → rebuilt framework file → score --framework-file; audit -o a folder', async () => {
  const { keyEvalMarkdown } = await import('./fixtures-keyeval.js');
  const dir = path.join(tmp, 'key');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'key.md'), keyEvalMarkdown());
  writeFileSync(path.join(dir, 'key-planted.md'), keyEvalMarkdown({ planted: true }));
  const { countyPageGbk } = await import('./fixtures-web.js');
  writeFileSync(path.join(dir, 'county.shtml'), countyPageGbk());
  const out = path.join(tmp, 'key-out', 'key.yaml');
  const r = run('import', path.join(dir, 'key.md'), '-o', out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /未匹配内置指标框架，已按表重建；读入17个指标；自评总分85\.5分/);
  assert.match(r.stderr, /重建的指标体系写入 .*key\.framework\.yaml/);
  // Without -o the rebuilt framework has nowhere to go: the message says how to get it.
  const bare = run('import', path.join(dir, 'key.md'));
  assert.equal(bare.status, 0, bare.stderr);
  assert.match(bare.stderr, /重建的指标体系未写出，请用 -o 导入/);
  const fwFile = path.join(tmp, 'key-out', 'key.framework.yaml');
  assert.match(
    readFileSync(fwFile, 'utf8'),
    /- name: 立项依据充分性\n\s+weight: 3\n\s+explanation: 反映立项依据充分性情况。/,
  );
  const s = run('score', out, '--framework-file', fwFile);
  assert.equal(s.status, 0, s.stderr);
  assert.match(s.stdout, /^核定总分 85\.50分（良）$/m);
  const a = JSON.parse(run('audit', path.join(dir, 'key-planted.md'), '--json').stdout);
  assert.deepEqual(
    a.findings
      .filter((f: { severity: string }) => f.severity !== 'info')
      .map((f: { code: string }) => f.code)
      .sort(),
    [
      'narrative-grade',
      'narrative-rate',
      'narrative-total',
      'summary-rate',
      'summary-score',
      'total-differs',
      'total-mismatch',
    ],
  );
  // -o an existing folder: the summary is written in it, under its usual name.
  const sums = path.join(tmp, 'key-summaries');
  mkdirSync(sums, { recursive: true });
  const b = run('audit', dir, '-o', sums);
  assert.equal(b.status, 0, b.stderr);
  assert.ok(
    existsSync(path.join(sums, 'jixiao-audit-summary.xlsx')) && existsSync(path.join(sums, 'jixiao-audit-summary.csv')),
  );
  assert.ok(!existsSync(path.join(dir, 'jixiao-audit-summary.csv')));
  const csv = readFileSync(path.join(sums, 'jixiao-audit-summary.csv'), 'utf8');
  assert.match(csv, /key-planted\.md,某某县农村人居环境整治专项资金,2023,imported-[0-9a-z]+,86\.5,85\.5,85\.5,良,/);
  // A site's .shtml page is a web page too.
  assert.match(csv, /county\.shtml,某某县农业农村局,2022,imported-[0-9a-z]+,91\.5,91\.5,91\.5,优,/);
});
