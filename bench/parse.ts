/**
 * Reading and checking one evaluation (src/core/input.ts parseWith: text → data → EvaluationSchema),
 * as YAML and as JSON, for synthetic units of the 上街 framework and the seeds, against the reader
 * as it was (the YAML document with line positions, then zod's safeParse) run here on the same texts.
 * Rates are per second of this process's CPU time (process.cpuUsage), so that a shared machine's
 * other work does not count. Writes the `parse` section of bench-results.json.
 * Usage: node --import tsx bench/parse.ts [--units 4000]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { EvaluationSchema } from '../src/core/evaluation.js';
import { parseEvaluation } from '../src/core/parse-evaluation.js';
import { builtinFrameworks } from '../src/load/frameworks.js';
import { PACKAGE_ROOT } from '../src/load/paths.js';
import { type Figure, printFigures, writeSection } from './results.js';
import { unitTexts } from './units.js';

const arg = process.argv.indexOf('--units');
const UNITS = arg > 0 ? Number(process.argv[arg + 1]) : 4_000;

/** The reader before this change: the whole YAML document with its line counter, toJS, zod. */
function before(text: string): unknown {
  const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) throw new Error('bad input');
  const r = EvaluationSchema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!r.success) throw new Error('bad input');
  return r.data;
}
/** The JSON baseline of the table: JSON.parse and zod. */
function jsonBefore(text: string): unknown {
  const r = EvaluationSchema.safeParse(JSON.parse(text));
  if (!r.success) throw new Error('bad input');
  return r.data;
}
const after = (text: string) => parseEvaluation(text, 'unit.yaml').evaluation;

const fw = builtinFrameworks().get('zhengzhou-shangjie-2021')!;
const unit = unitTexts(fw);
const seedsDir = path.join(PACKAGE_ROOT, 'examples', 'seeds');
const seeds = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(path.join(seedsDir, f), 'utf8'));
const yaml = [...Array.from({ length: UNITS }, (_, k) => unit(k)), ...seeds];
const json = yaml.map((t) => JSON.stringify(after(t)));

/** Per second of CPU time, over every text, after one warm-up pass; the check that both read alike. */
function rate(read: (t: string) => unknown, texts: string[]): number {
  for (const t of texts.slice(0, 500)) read(t);
  const c0 = process.cpuUsage();
  for (const t of texts) read(t);
  const c = process.cpuUsage(c0);
  return texts.length / ((c.user + c.system) / 1e6);
}

for (let k = 0; k < yaml.length; k += 97)
  if (
    JSON.stringify(before(yaml[k]!)) !== JSON.stringify(after(yaml[k]!)) ||
    json[k] !== JSON.stringify(after(json[k]!))
  )
    throw new Error(`unit ${k}: the readers differ`);

// Interleaved, twice, best of each: the machine may be shared.
const runs = { yamlBefore: 0, yamlAfter: 0, jsonBefore: 0, jsonZod: 0, jsonAfter: 0 };
for (let r = 0; r < 2; r++) {
  runs.yamlBefore = Math.max(runs.yamlBefore, rate(before, yaml));
  runs.yamlAfter = Math.max(runs.yamlAfter, rate(after, yaml));
  runs.jsonBefore = Math.max(runs.jsonBefore, rate(before, json));
  runs.jsonZod = Math.max(runs.jsonZod, rate(jsonBefore, json));
  runs.jsonAfter = Math.max(runs.jsonAfter, rate(after, json));
}
console.log(`${yaml.length.toLocaleString('en-US')} evaluations (上街 framework units and the seeds), per CPU second`);
const figures: Figure[] = [
  {
    name: 'parse + validate YAML, per s',
    value: runs.yamlAfter,
    unit: '/s',
    baseline: { name: 'the reader before (YAML document + zod)', value: runs.yamlBefore },
    ratio: runs.yamlAfter / runs.yamlBefore,
    target: 'YAML ≥ 5,000/s',
    met: runs.yamlAfter >= 5000,
  },
  {
    name: 'parse + validate JSON, per s',
    value: runs.jsonAfter,
    unit: '/s',
    baseline: { name: 'JSON.parse + zod', value: runs.jsonZod },
    ratio: runs.jsonAfter / runs.jsonZod,
    target: 'JSON ≥ 20,000/s',
    met: runs.jsonAfter >= 20_000,
  },
  {
    name: 'parse + validate JSON text, the reader',
    value: runs.jsonAfter,
    unit: '/s',
    baseline: { name: 'the reader before on JSON (YAML document + zod)', value: runs.jsonBefore },
    ratio: runs.jsonAfter / runs.jsonBefore,
  },
];
printFigures(figures);
writeSection('parse', figures, { evaluations: yaml.length, clock: 'process CPU time' });
