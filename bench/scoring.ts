/**
 * Scores a synthetic province: 20,000 units, each a full evaluation of the 上街 framework
 * (25 scored indicators, 32 nodes), with the compiled engine (src/core/engine) and — on the first
 * 2,000 — the reference engine (src/core/scoring.ts) as the same-run baseline. Reading and checking
 * the inputs is measured by bench/parse.ts. Writes the `scoring` section of bench-results.json.
 * Usage: node --import tsx bench/scoring.ts [--units 20000] [--reference-units 2000]
 */
import { performance } from 'node:perf_hooks';
import { leaves } from '../src/core/framework/model.js';
import { engineStats, scoreCompiled, scoreTotals } from '../src/core/engine/score.js';
import { parseEvaluation } from '../src/core/parse-evaluation.js';
import { score } from '../src/core/scoring.js';
import { builtinFrameworks } from '../src/load/frameworks.js';
import { type Figure, printFigures, writeSection } from './results.js';
import { unitTexts } from './units.js';

const arg = process.argv.indexOf('--units');
const UNITS = arg > 0 ? Number(process.argv[arg + 1]) : 20_000;

const fw = builtinFrameworks().get('zhengzhou-shangjie-2021')!;
const ls = leaves(fw.roots);
const unitText = unitTexts(fw);

const REF_ARG = process.argv.indexOf('--reference-units');
// The reference engine is slow: by default it scores the first 2,000 units (a rate is a rate).
const REF_UNITS = Math.min(UNITS, REF_ARG > 0 ? Number(process.argv[REF_ARG + 1]) : 2_000);

const t0 = performance.now();
const texts = Array.from({ length: UNITS }, (_, k) => unitText(k));
const t1 = performance.now();
const parsed = texts.map((t, k) => parseEvaluation(t, `unit-${k}.yaml`).evaluation);
texts.length = 0; // keep the heap to what scoring needs

// The reference engine (src/core/scoring.ts), findings and explanations included, as the API stores them.
let refScorings = 0;
let findings = 0;
const refTotals: number[] = [];
const r0 = performance.now();
for (let k = 0; k < REF_UNITS; k++) {
  const r = score(fw, parsed[k]!);
  refScorings += r.indicators.length;
  findings += r.findings.length;
  refTotals.push(r.total);
}
const r1 = performance.now();

// The compiled engine: the first pass compiles the plan; the figures are from the second.
for (let k = 0; k < Math.min(UNITS, 200); k++) scoreCompiled(fw, parsed[k]!);
const stats0 = { ...engineStats };
let scorings = 0;
let mismatches = 0;
const c0 = performance.now();
for (let k = 0; k < UNITS; k++) {
  const r = scoreCompiled(fw, parsed[k]!);
  scorings += r.indicators.length;
  if (k < REF_UNITS && r.total !== refTotals[k]) mismatches++;
}
const c1 = performance.now();
const fellBack = engineStats.reference - stats0.reference;
// Totals only (what a dashboard over the province reads): no per-indicator objects.
let totalsMismatch = 0;
const s0 = performance.now();
for (let k = 0; k < UNITS; k++) {
  const t = scoreTotals(fw, parsed[k]!);
  if (k < REF_UNITS && t.total !== refTotals[k]) totalsMismatch++;
}
const s1 = performance.now();

const refMs = r1 - r0;
const compMs = c1 - c0;
const refRate = refScorings / (refMs / 1000);
const compRate = scorings / (compMs / 1000);
const mem = process.memoryUsage();
const n = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(
  `units ${n(UNITS)} (上街 framework, ${n(ls.length)} indicators each); reference engine on the first ${n(REF_UNITS)}`,
);
console.log(`generate inputs ${n(t1 - t0)} ms; findings (reference) ${n(findings)}`);
console.log(
  `compiled results equal to the reference's totals: ${mismatches === 0 ? 'all' : `${mismatches} differ`}; scored by the reference (plan not sure): ${n(fellBack)}`,
);
const figures: Figure[] = [
  {
    name: 'indicator scorings / s, compiled engine',
    value: compRate,
    unit: '/s',
    baseline: { name: 'reference engine', value: refRate },
    ratio: compRate / refRate,
    target: '≥ 1,000,000 /s',
    met: compRate >= 1_000_000,
  },
  {
    name: 'indicator scorings / s, compiled, totals only',
    value: scorings / ((s1 - s0) / 1000),
    unit: '/s',
    baseline: { name: 'reference engine', value: refRate },
    ratio: scorings / ((s1 - s0) / 1000) / refRate,
    target: '≥ 1,000,000 /s',
    met: scorings / ((s1 - s0) / 1000) >= 1_000_000,
  },
  {
    name: `${n(UNITS)} units scored, compiled engine`,
    value: compMs,
    unit: 'ms',
    baseline: { name: 'reference engine (extrapolated)', value: (refMs / REF_UNITS) * UNITS },
    ratio: compMs / ((refMs / REF_UNITS) * UNITS),
    target: '20,000 units < 1,000 ms',
    met: (compMs / UNITS) * 20_000 < 1000,
  },
];
printFigures(figures);
console.log(`heap used ${n(mem.heapUsed / 2 ** 20)} MiB (rss ${n(mem.rss / 2 ** 20)} MiB)`);
writeSection('scoring', figures, {
  units: UNITS,
  referenceUnits: REF_UNITS,
  fellBack,
  mismatches: mismatches + totalsMismatch,
});
