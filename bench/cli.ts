/**
 * The CLI's start-up: `jixiao score <seed>` as a whole process (the built dist/, as users run it)
 * against `node -e 0`, both run here, several times each (median). CPU is user + system from GNU
 * time, peak RSS its maximum resident set. Usage: npm run bench:cli [-- --runs 7]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/load/paths.js';
import { type Figure, printFigures, writeSection } from './results.js';

const arg = process.argv.indexOf('--runs');
const RUNS = arg > 0 ? Number(process.argv[arg + 1]) : 7;
const TIME = '/usr/bin/time';
const BIN = path.join(PACKAGE_ROOT, 'bin', 'jixiao.js');
const SEED = path.join(PACKAGE_ROOT, 'examples', 'seeds', '000_6ca4beea76738c10.yaml');

if (!existsSync(TIME)) {
  process.stderr.write(`需要 GNU time（${TIME}，Debian 包 time）来量子进程的 CPU 和峰值内存\n`);
  process.exit(2);
}
// dist/bin: the bundled start that bin/jixiao.js runs (scripts/build-cli.mjs, a step of npm run build).
if (!existsSync(path.join(PACKAGE_ROOT, 'dist', 'bin', 'main.js'))) {
  process.stderr.write('请先 npm run build（本测量针对 dist/，即用户运行的代码）\n');
  process.exit(2);
}

interface Run {
  cpuMs: number;
  rssMiB: number;
  wallMs: number;
}

function once(args: string[]): Run {
  const r = spawnSync(TIME, ['-f', '%U %S %M %e', process.execPath, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const [u, s, m, e] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number, number];
  return { cpuMs: (u + s) * 1000, rssMiB: m / 1024, wallMs: e * 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function measure(args: string[]): Run {
  once(args); // warm the file cache
  const runs = Array.from({ length: RUNS }, () => once(args));
  return {
    cpuMs: median(runs.map((r) => r.cpuMs)),
    rssMiB: median(runs.map((r) => r.rssMiB)),
    wallMs: median(runs.map((r) => r.wallMs)),
  };
}

const node = measure(['-e', '0']);
const score = measure([BIN, 'score', SEED]);
const figures: Figure[] = [
  {
    name: 'jixiao score <seed 000> CPU',
    value: score.cpuMs,
    unit: 'ms',
    baseline: { name: 'node -e 0', value: node.cpuMs },
    ratio: score.cpuMs / node.cpuMs,
    target: '≤ 2× node -e 0',
    met: score.cpuMs <= 2 * node.cpuMs,
  },
  {
    name: 'jixiao score <seed 000> peak RSS',
    value: score.rssMiB,
    unit: 'MiB',
    baseline: { name: 'node -e 0', value: node.rssMiB },
    ratio: score.rssMiB / node.rssMiB,
    target: '≤ 80 MiB',
    met: score.rssMiB <= 80,
  },
  {
    name: 'jixiao score <seed 000> wall',
    value: score.wallMs,
    unit: 'ms',
    baseline: { name: 'node -e 0', value: node.wallMs },
    ratio: score.wallMs / node.wallMs,
  },
];
printFigures(figures);
writeSection('cli', figures, { runs: RUNS });
