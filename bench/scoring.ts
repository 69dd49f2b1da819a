/**
 * Scores a synthetic province: 20,000 units, each a full evaluation of the 上街 framework
 * (25 scored indicators, 32 nodes). Prints indicator scorings per second and the ratio of
 * scoring time to the time it takes just to parse and validate the same inputs.
 * Usage: npm run bench [-- --units 20000]
 */
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { leaves } from '../src/core/framework/model.js';
import { parseEvaluation } from '../src/core/parse-evaluation.js';
import { score } from '../src/core/scoring.js';
import { builtinFrameworks } from '../src/load/frameworks.js';

const arg = process.argv.indexOf('--units');
const UNITS = arg > 0 ? Number(process.argv[arg + 1]) : 20_000;

// A small deterministic PRNG so every run scores the same province.
let seed = 20211231;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const r2 = (x: number) => Math.round(x * 100) / 100;

const fw = builtinFrameworks().get('zhengzhou-shangjie-2021')!;
const ls = leaves(fw.roots);

function unitText(k: number): string {
  const initial = r2(300 + rand() * 3000);
  const indicators: Record<string, unknown> = {};
  for (const l of ls) {
    if (l.id === '可持续影响') continue;
    const w = l.weight?.toNumber() ?? 1;
    if (l.rule?.kind === 'qualitative')
      indicators[l.id] = { tier: rand() < 0.9 ? '达成' : '部分达成', value: rand() < 0.9 ? 100 : 70, claimed: w };
    else
      indicators[l.id] = {
        actual: `${r2(80 + rand() * 25)}%`,
        claimed: w,
        ...(rand() < 0.5 && { deviationReason: '受财力影响压减支出' }),
      };
  }
  return stringify({
    framework: fw.id,
    unit: `第${k + 1}号预算单位`,
    year: 2021,
    figures: {
      budget: {
        initial,
        executed: r2(initial * (0.85 + rand() * 0.15)),
        basic: { budget: r2(initial * 0.8), executed: r2(initial * 0.78) },
      },
      threePublic: { budget: 12.4, actual: r2(6 + rand() * 8) },
      procurement: { budget: 100, actual: r2(80 + rand() * 20) },
    },
    tailoring: { drop: ['可持续性指标'], weights: { 投入管理指标: 40 } },
    indicators,
    claimed: { total: 100, grade: '优' },
  });
}

const t0 = performance.now();
const texts = Array.from({ length: UNITS }, (_, k) => unitText(k));
const t1 = performance.now();
const parsed = texts.map((t, k) => parseEvaluation(t, `unit-${k}.yaml`).evaluation);
const t2 = performance.now();
let scorings = 0;
let findings = 0;
for (const ev of parsed) {
  const r = score(fw, ev);
  scorings += r.indicators.length;
  findings += r.findings.length;
}
const t3 = performance.now();
const parseMs = t2 - t1;
const scoreMs = t3 - t2;
const mem = process.memoryUsage();
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`units                       ${fmt(UNITS)}`);
console.log(`indicator scorings          ${fmt(scorings)} (findings ${fmt(findings)})`);
console.log(`generate inputs             ${fmt(t1 - t0)} ms`);
console.log(`parse + validate (YAML+zod) ${fmt(parseMs)} ms`);
console.log(`score                       ${fmt(scoreMs)} ms`);
console.log(`indicator scorings / s      ${fmt(scorings / (scoreMs / 1000))}`);
console.log(`units scored / s            ${fmt(UNITS / (scoreMs / 1000))}`);
console.log(`score time ÷ parse time     ${fmt(scoreMs / parseMs, 2)}`);
console.log(`heap used                   ${fmt(mem.heapUsed / 2 ** 20)} MiB (rss ${fmt(mem.rss / 2 ** 20)} MiB)`);
