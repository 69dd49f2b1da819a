// `jixiao targets check|compare` and `jixiao monitor check`: output, exit codes (0 / 1 错误 / 2 bad input), Chinese messages.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/load/paths.js';

const CLI = path.join(PACKAGE_ROOT, 'src', 'cli', 'main.ts');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
const tmp = mkdtempSync(path.join(tmpdir(), 'jixiao-cycle-'));
const write = (name: string, text: string) => {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const T = 'examples/cycle/targets-2021.yaml';
const JUNE = 'examples/cycle/monitoring-2021-06.yaml';
const SEPT = 'examples/cycle/monitoring-2021-09.yaml';
const SEED0 = 'examples/seeds/000_6ca4beea76738c10.yaml';
const targetsText = readFileSync(path.join(PACKAGE_ROOT, T), 'utf8');

test('targets check: the example passes with one warning, named by file, line and field', () => {
  const r = run('targets', 'check', T);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stdout,
    /年度主要任务3项，预算资金合计830\.78万元；部门预算总额830\.78万元；绩效指标5项（计划标准3项、历史标准1项、行业标准1项）/,
  );
  assert.match(
    r.stdout,
    /1\. \[警告\]examples\/cycle\/targets-2021\.yaml 第22行：indicators\[3\]\.target：指标“区人大代表履职活动正常运转情况”的指标值“良好”没有数值/,
  );
  assert.equal(run('targets', 'check', T, '--strict').status, 1);
});

test('targets check: a 错误 exits 1; JSON input and --json output', () => {
  const doc = parse(targetsText);
  doc.tasks[2].budget = 600;
  const f = write('t.json', JSON.stringify(doc, null, 2));
  const r = run('targets', 'check', f);
  assert.equal(r.status, 1);
  assert.match(
    r.stdout,
    /\[错误\].*t\.json 第\d+行：tasks：年度主要任务的预算资金合计754\.00万元，与部门预算总额830\.78万元不符（相差76\.78万元）/,
  );
  const j = run('targets', 'check', f, '--json');
  assert.equal(j.status, 1);
  const out = JSON.parse(j.stdout);
  assert.deepEqual(
    out.findings.map((x: { code: string }) => x.code),
    ['target-no-number', 'tasks-budget-sum'],
  );
  assert.equal(typeof out.findings[1].line, 'number');
});

test('targets check --last-year: a 指标值 below last year’s actual', () => {
  const weak = write(
    'weak.yaml',
    targetsText.replace('target: "≥90%", source: 行业标准', 'target: "≥95%", source: 行业标准'),
  );
  const r = run('targets', 'check', weak, '--last-year', SEED0);
  assert.equal(r.status, 0, r.stderr);
  // seed 000's 满意度 was 99%: a ≥95% target for the next year asks less.
  assert.match(r.stdout, /指标“区人大代表满意度”的指标值“≥95%”低于上年实际完成值99%/);
});

test('bad input exits 2 with a Chinese message naming the line and the field', () => {
  const bad = write('bad.yaml', targetsText.replace('source: 行业标准', 'source: 国际标准'));
  const r = run('targets', 'check', bad);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad\.yaml 第\d+行：字段 indicators\[4\]\.source：应为“计划标准”、“行业标准”、“历史标准”之一/);
  const missing = run('targets', 'check', path.join(tmp, 'none.yaml'));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /无法读取文件：文件不存在/);
  const broken = run(
    'monitor',
    'check',
    write('m.yaml', 'unit: x\nyear: 2021\nmonth: 6\nbudget: { total: 10 }\nindicators: []\n'),
  );
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /字段 budget：请填写各月执行数（monthly）或累计执行数（executed）/);
  const th = run('monitor', 'check', JUNE, '--threshold', 'abc');
  assert.equal(th.status, 2);
  assert.match(th.stderr, /--threshold 应为0到100之间的百分点数/);
});

test('targets compare: a lowered 指标值 and full marks against 完全不可能', () => {
  const r = run('targets', 'compare', T, SEED0, '--monitoring', JUNE, SEPT);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /发现问题 2 项（警告2项）/);
  assert.match(
    r.stdout,
    /〔区人大代表履职活动完成率〕自评所用指标值“≥90%”与批复的绩效目标“≥95%”（第1版）不一致，自评降低了目标/,
  );
  assert.match(
    r.stdout,
    /〔区人大代表履职活动完成率〕自评满分10分，但单位在1–9月绩效监控中报告该指标“完全不可能”完成目标/,
  );
  assert.equal(run('targets', 'compare', T, SEED0, '--strict').status, 1);
  const j = JSON.parse(run('targets', 'compare', T, SEED0, '--json').stdout);
  assert.deepEqual(
    j.findings.map((f: { code: string }) => f.code),
    ['target-changed'],
  );
  const other = write('other.yaml', targetsText.replace('year: 2021', 'year: 2022'));
  const m = run('targets', 'compare', other, SEED0);
  assert.equal(m.status, 2);
  assert.match(m.stderr, /与目标表不是同一单位同一年度：年度（目标表2022，自评2021）/);
});

test('monitor check: execution against 序时进度 and the threshold', () => {
  const r = run('monitor', 'check', JUNE, '--targets', T);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /执行率39\.51%；序时进度50%；落后10\.49个百分点，超过预警阈值10个百分点/);
  assert.match(r.stdout, /完成目标有风险的指标：区人大代表履职活动完成率（有可能）/);
  const calm = JSON.parse(run('monitor', 'check', JUNE, '--threshold', '11', '--json').stdout);
  assert.equal(calm.progress.lagging, false);
  assert.deepEqual(calm.findings, []);
  const noFix = write(
    'nofix.yaml',
    readFileSync(path.join(PACKAGE_ROOT, SEPT), 'utf8').replace(/\n {4}correction: .*\n/, '\n'),
  );
  const e = run('monitor', 'check', noFix);
  assert.equal(e.status, 1);
  assert.match(
    e.stdout,
    /\[错误\].*nofix\.yaml 第\d+行：indicators\[1\]\.correction：指标“区人大代表履职活动完成率”完成目标可能性为“完全不可能”，须填写纠偏措施/,
  );
});

test('targets export and monitor export: XLSX files that open with the table’s cells (format from the extension)', async () => {
  const { default: ExcelJS } = await import('exceljs');
  const t = path.join(tmp, '目标表.xlsx');
  const r = run('targets', 'export', T, t);
  assert.equal(r.status, 0, r.stderr);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(t);
  const ws = wb.getWorksheet('绩效目标表')!;
  const cells: unknown[] = [];
  ws.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
  assert.ok(cells.includes('2021年度部门整体支出绩效目标表'));
  assert.ok(cells.some((c) => String(c).includes('目标2：组织区人大代表开展履职活动')));
  assert.ok(cells.includes(676.78));
  assert.ok(cells.includes(830.78));
  assert.ok(cells.includes('≥95%'));
  assert.ok(cells.includes('历史标准'));
  const m = path.join(tmp, '监控表.xlsx');
  assert.equal(run('monitor', 'export', JUNE, m, '--targets', T).status, 0);
  const wm = new ExcelJS.Workbook();
  await wm.xlsx.readFile(m);
  const mc: string[] = [];
  for (const sheet of wm.worksheets) sheet.eachRow((row) => row.eachCell((c) => mc.push(String(c.value))));
  assert.ok(mc.includes('39.51%'));
  assert.ok(mc.includes('执行率落后序时进度10.49个百分点，超过预警阈值10个百分点'));
  assert.ok(mc.includes('有可能'));
  assert.ok(mc.includes('≥95%'));
  assert.ok(mc.includes('其他：受疫情影响，上半年集中视察活动暂停'));
  const html = path.join(tmp, '目标表.html');
  assert.equal(run('targets', 'export', T, html).status, 0);
  assert.match(readFileSync(html, 'utf8'), /区人大代表履职活动完成率/);
  const bad = run('targets', 'export', path.join(tmp, 'none.yaml'), t);
  assert.equal(bad.status, 2);
  const ext = run('targets', 'export', T, path.join(tmp, '目标表.txt'));
  assert.equal(ext.status, 2);
  assert.match(ext.stderr, /输出文件的扩展名须为 \.docx、\.xlsx、\.pdf、\.html 之一/);
});

test('monitor import: the monthly execution XLSX into the report, comments kept; a bad cell named, exit 2', async () => {
  const { default: ExcelJS } = await import('exceljs');
  const xlsx = async (name: string, rows: Array<Array<string | number>>) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('执行进度');
    for (const r of rows) ws.addRow(r);
    const p = path.join(tmp, name);
    await wb.xlsx.writeFile(p);
    return p;
  };
  const months = [40.12, 52.3, 61.2, 58.4, 55.9, 60.3, 80, 90, 120];
  const good = await xlsx('exec.xlsx', [
    ['单位：元'],
    ['月份', '全年预算数', '当月支出数'],
    ...months.map((v, i) => [`${i + 1}月`, 9000000, Math.round(v * 10000)]),
  ]);
  const out = path.join(tmp, 'june-imported.yaml');
  const r = run('monitor', 'import', JUNE, good, '-o', out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /工作表“执行进度”读入1–6月执行数和全年预算数900\.00万元（元已换算为万元）/);
  assert.match(r.stderr, /执行328\.22万元，执行率36\.47%，序时进度50%，落后13\.53个百分点，超过预警阈值/);
  const text = readFileSync(out, 'utf8');
  assert.match(text, /^# 绩效监控表（示例）/);
  const y = parse(text);
  assert.deepEqual(y.budget, { total: 900, monthly: months.slice(0, 6) });
  assert.equal(run('monitor', 'check', out).status, 0);
  const broken = await xlsx('broken.xlsx', [
    ['月份', '执行数'],
    ['1月', 10],
    ['2月', '待补'],
  ]);
  const e = run('monitor', 'import', JUNE, broken);
  assert.equal(e.status, 2);
  assert.match(e.stderr, /broken\.xlsx：工作表“执行进度”第3行B列（执行数）：“待补”不是金额/);
});

test('audit --targets: a 指标值 lowered from the approved one is a 警告 in the audit, beside its own findings', () => {
  const plain = JSON.parse(run('audit', SEED0, '--json').stdout);
  assert.ok(!plain.findings.some((f: { code: string }) => f.code === 'target-changed'));
  const r = run('audit', SEED0, '--targets', T, '--monitoring', JUNE, SEPT, '--json');
  assert.equal(r.status, 0, r.stderr);
  const a = JSON.parse(r.stdout);
  const lowered = a.findings.find((f: { code: string }) => f.code === 'target-changed');
  assert.equal(lowered.severity, 'warning');
  assert.equal(lowered.indicator, '区人大代表履职活动完成率');
  assert.match(lowered.message, /自评所用指标值“≥90%”与批复的绩效目标“≥95%”（第1版）不一致，自评降低了目标/);
  assert.ok(a.findings.some((f: { code: string }) => f.code === 'impossible-full-marks'));
  // The audit's own findings stay, and the counts include the new ones.
  assert.equal(a.findings.length, plain.findings.length + 2);
  assert.equal(a.counts.warning, plain.counts.warning + 2);
  const text = run('audit', SEED0, '--targets', T);
  assert.match(text.stdout, /\[警告\]〔区人大代表履职活动完成率〕自评所用指标值“≥90%”与批复的绩效目标“≥95%”/);
  // Another unit's targets, or a folder: refused, exit 2.
  const other = write('other.yaml', targetsText.replace(/^unit: .*$/m, 'unit: 别的单位'));
  const o = run('audit', SEED0, '--targets', other);
  assert.equal(o.status, 2);
  assert.match(o.stderr, /与绩效目标表.*other\.yaml不是同一单位同一年度：单位（目标表“别的单位”/);
  assert.equal(run('audit', 'examples/seeds', '--targets', T).status, 2);
});
