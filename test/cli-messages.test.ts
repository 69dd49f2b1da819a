// The command line's own messages in Chinese (issue 11): usage errors, help headings, a YAML syntax error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { zhCommanderError } from '../src/cli/zh-commander.js';
import { PACKAGE_ROOT } from '../src/load/paths.js';

const CLI = path.join(PACKAGE_ROOT, 'src', 'cli', 'main.ts');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
const SEED0 = path.join(PACKAGE_ROOT, 'examples', 'seeds', '000_6ca4beea76738c10.yaml');
/** An English word of four letters or more, once the names a user typed (options, commands, files) are taken out. */
const english = (text: string, ...typed: string[]) =>
  typed.reduce((t, w) => t.split(w).join(''), text).match(/[A-Za-z]{4,}/g) ?? [];

const USAGE: Array<[string[], RegExp, string[]]> = [
  [['score', SEED0, '--jsn'], /^错误：不认识的选项 --jsn（是否想用 --json？）$/, ['--jsn', '--json']],
  [['nosuch'], /^错误：不认识的命令 nosuch；加 --help 列出可用的命令$/, ['nosuch', '--help']],
  [['scor'], /^错误：不认识的命令 scor（是否想用 score？）/, ['scor', 'score', '--help']],
  [['score'], /^错误：缺少必填参数 <file>$/, ['file']],
  [['score', SEED0, 'extra'], /^错误：命令 score 参数过多：应为 1 个，收到 2 个$/, ['score']],
];

for (const [args, message, typed] of USAGE) {
  test(`jixiao ${args.map((a) => path.basename(a)).join(' ')}: a Chinese usage error, exit 1`, () => {
    const r = run(...args);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr.trim(), message);
    assert.deepEqual(english(r.stderr, ...typed), []);
  });
}

test('help: Chinese headings, the help and version options described in Chinese', () => {
  for (const args of [['--help'], ['score', '--help'], ['db', '--help']]) {
    const r = run(...args);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^用法： jixiao/);
    assert.match(r.stdout, /选项：\n/);
    assert.match(r.stdout, /-h, --help +显示帮助/);
    assert.doesNotMatch(r.stdout, /Usage:|Options:|Commands:|display help|output the version/);
  }
  assert.match(run('--help').stdout, /-V, --version +显示版本号/);
  assert.match(run('--help').stdout, /\n命令：\n/);
});

test('zhCommanderError: option values and choices in Chinese', () => {
  assert.equal(
    zhCommanderError("error: option '--kind <kind>' argument 'x' is invalid. Allowed choices are bureau, unit.\n"),
    '错误：选项 --kind <kind> 的取值“x”无效，可选：bureau、unit\n',
  );
  assert.equal(
    zhCommanderError("error: required option '--name <name>' not specified\n"),
    '错误：缺少必填选项 --name <name>\n',
  );
  assert.equal(zhCommanderError("error: option '--port <n>' argument missing\n"), '错误：选项 --port <n> 缺少取值\n');
});

test('a YAML syntax error names line and column in Chinese, without the library’s English; exit 2', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-msg-'));
  const file = path.join(dir, 'bad.yaml');
  writeFileSync(file, 'framework: zhengzhou-shangjie-2021\nfigures:\n  budget: { initial: 1\n');
  const r = run('score', file);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad\.yaml 第\d+行：YAML 格式错误（第\d+列）：/);
  assert.deepEqual(english(r.stderr, file, 'YAML'), []);
});
