import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { PACKAGE_ROOT } from '../src/load/paths.js';

const CLI = path.join(PACKAGE_ROOT, 'src', 'cli', 'main.ts');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
const tmp = mkdtempSync(path.join(tmpdir(), 'jixiao-cli-'));
const write = (name: string, text: string) => {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const SEED0 = path.join(PACKAGE_ROOT, 'examples', 'seeds', '000_6ca4beea76738c10.yaml');

test('score --json prints one object with total, grade, indicators and findings', () => {
  const r = run('score', SEED0, '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.total, 99.77);
  assert.equal(out.grade, '优');
  assert.equal(out.indicators.length, 24);
  const first = out.indicators[0];
  assert.deepEqual(
    Object.keys(first)
      .filter((k) => ['name', 'path', 'weight', 'score', 'claimed', 'explanation'].includes(k))
      .sort(),
    ['claimed', 'explanation', 'name', 'path', 'score', 'weight'],
  );
  assert.equal(first.name, '预算执行率');
  assert.ok(out.indicators.some((i: { name: string }) => i.name === '区人大代表履职活动正常运转情况'));
  assert.ok(
    out.findings.every(
      (f: { severity: string; message: string }) =>
        ['error', 'warning', 'info'].includes(f.severity) && f.message.length > 0,
    ),
  );
  assert.ok(
    out.findings.some(
      (f: { indicator: string; message: string }) => f.indicator === '预算执行率' && /9\.8分.*9\.81分/.test(f.message),
    ),
  );
});

test('score without --json prints a Chinese table and the findings', () => {
  const r = run('score', SEED0);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^核定总分 99\.77分（优）$/m);
  assert.match(r.stdout, /核定得分\s+自评得分\s+核定/);
  assert.match(r.stdout, /预算执行率\s+10\.00\s+9\.81\s+9\.80\s+核增/);
  assert.match(r.stdout, /自评总分：98\.80分（优）/);
  assert.match(r.stdout, /发现问题 3 项/);
});

test('frameworks lists the built-ins and framework shows the tree', () => {
  const l = run('frameworks');
  assert.equal(l.status, 0, l.stderr);
  assert.match(l.stdout, /zhengzhou-shangjie-2021/);
  const f = run('framework', 'zhengzhou-shangjie-2021');
  assert.equal(f.status, 0, f.stderr);
  assert.match(f.stdout, /可持续性指标 {2}10\.00?分［可选］|可持续性指标 {2}10分［可选］/);
  assert.match(f.stdout, /预算执行率 {2}10分［分值固定］/);
});

test('a YAML syntax error names the file and the line, exit 2', () => {
  const p = write(
    'broken.yaml',
    'framework: zhengzhou-shangjie-2021\nunit: 某单位\nyear: 2021\nindicators:\n  预算执行率: { actual: 98%\n',
  );
  const r = run('score', p);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /broken\.yaml 第\d+行/);
  assert.match(r.stderr, /YAML 格式错误/);
});

test('a wrong field type names field and line in Chinese, exit 2', () => {
  const p = write(
    'badtype.yaml',
    'framework: zhengzhou-shangjie-2021\nunit: 某单位\nyear: 2021\nfigures:\n  budget:\n    initial: 八百万\n',
  );
  const r = run('score', p);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /badtype\.yaml 第6行：字段 figures\.budget\.initial：“八百万”不是数字/);
});

test('an unknown indicator is refused with its line, exit 2', () => {
  const p = write(
    'unknown.yaml',
    'framework: zhengzhou-shangjie-2021\nunit: 某单位\nyear: 2021\nindicators:\n  预算执行率: { actual: 98% }\n  不存在的指标: { actual: 1 }\n',
  );
  const r = run('score', p);
  assert.equal(r.status, 2);
  assert.match(
    r.stderr,
    /unknown\.yaml 第6行：字段 indicators\.不存在的指标：框架“上街区部门整体绩效自评指标体系”中没有指标“不存在的指标”/,
  );
});

test('an ambiguous indicator name asks for the id', () => {
  const p = write(
    'ambiguous.yaml',
    'framework: zhengzhou-shangjie-2021\nunit: 某单位\nyear: 2021\ntailoring: { drop: [可持续性指标], weights: { 投入管理指标: 40 } }\nindicators:\n  管理制度健全性: { tier: 达成 }\n',
  );
  const r = run('score', p);
  assert.equal(r.status, 0, r.stderr); // unique in this framework
});

test('dropping a mandatory indicator or changing a fixed weight is refused', () => {
  const p = write(
    'tailor.yaml',
    'framework: zhengzhou-shangjie-2021\nunit: 某单位\nyear: 2021\ntailoring:\n  drop: [产出指标]\n  weights: { 预算执行率: 15 }\n',
  );
  const r = run('score', p);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /tailor\.yaml 第5行：字段 tailoring\.drop\[0\]：指标“产出指标”不是可选指标，框架不允许删减/);
  assert.match(r.stderr, /第6行：字段 tailoring\.weights\.预算执行率：指标“预算执行率”分值固定为10分，不能调整为15分/);
  // Weights that do not add up after the unit's own setting are scored, and reported as findings.
  const r2 = run(
    'score',
    write(
      'tailor2.yaml',
      'framework: zhengzhou-shangjie-2021\nunit: 某单位\nyear: 2021\ntailoring:\n  drop: [可持续性指标]\n',
    ),
    '--json',
  );
  assert.equal(r2.status, 0, r2.stderr);
  const msgs = JSON.parse(r2.stdout)
    .findings.filter((f: { code: string }) => f.code === 'weights')
    .map((f: { message: string }) => f.message)
    .join('\n');
  assert.match(msgs, /按本单位设定分值：一级指标分值合计90分，应为总分100分/);
});

test('unknown framework and missing file exit 2 with a Chinese message', () => {
  const r = run('score', write('nofw.yaml', 'framework: nowhere-2099\nunit: 某单位\nyear: 2021\n'));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /第1行：字段 framework：找不到指标框架“nowhere-2099”/);
  const m = run('score', path.join(tmp, 'missing.yaml'));
  assert.equal(m.status, 2);
  assert.match(m.stderr, /文件不存在/);
});

test('score --framework-file scores against a framework of the user’s own; a missing one exits 2', () => {
  const fw = write(
    'own-fw.yaml',
    'id: my-custom\nname: 自建框架\nregion: 测试\nyear: 2024\nindicators:\n  - { name: 甲, weight: 60, rule: { kind: manual } }\n  - { name: 乙, weight: 40, target: "≥10", rule: { kind: target } }\n',
  );
  const ev = write(
    'own-ev.yaml',
    'framework: my-custom\nunit: 某单位\nyear: 2024\nindicators:\n  甲: { judged: 50, claimed: 60 }\n  乙: { actual: 8, claimed: 40, deviationReason: 延误 }\n',
  );
  const r = run('score', ev, '--framework-file', fw, '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.total, 82); // 50 judged + 8 ÷ 10 × 40 = 32
  assert.equal(run('score', ev).status, 2);
  const m = run('score', ev, '--framework-file', path.join(tmp, 'nope.yaml'));
  assert.equal(m.status, 2);
  assert.match(m.stderr, /nope\.yaml：无法读取指标框架文件：文件不存在/);
});
