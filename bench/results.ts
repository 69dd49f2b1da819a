/** bench-results.json: each bench script writes its own section (figures with their same-run baselines and ratios). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/load/paths.js';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the value is compared to, measured in the same run. */
  baseline?: { name: string; value: number };
  /** value ÷ baseline (or baseline ÷ value for rates, said in `name`). */
  ratio?: number;
  target?: string;
  met?: boolean;
}

export const RESULTS_FILE = path.join(PACKAGE_ROOT, 'bench-results.json');

/** The machine the figures ran on, with the load average at the time (the machine may be shared). */
export function machine(): Record<string, unknown> {
  return {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? '',
    node: process.version,
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** Replaces one section of bench-results.json, keeping the others. */
export function writeSection(section: string, figures: Figure[], extra: Record<string, unknown> = {}): void {
  let all: Record<string, unknown> = {};
  if (existsSync(RESULTS_FILE)) {
    try {
      all = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>;
    } catch {
      all = {};
    }
  }
  all[section] = { at: new Date().toISOString(), machine: machine(), ...extra, figures };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(all, null, 2)}\n`);
}

/** One printed line per figure: value, baseline, ratio, target. */
export function printFigures(figures: Figure[]): void {
  const n = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
  for (const f of figures) {
    const base = f.baseline ? `  vs ${f.baseline.name} ${n(f.baseline.value)} ${f.unit}` : '';
    const ratio = f.ratio !== undefined ? `  = ${n(f.ratio)}×` : '';
    const target = f.target ? `  (target ${f.target}${f.met === undefined ? '' : f.met ? ' ✓' : ' ✗'})` : '';
    process.stdout.write(`${f.name.padEnd(44)} ${n(f.value).padStart(12)} ${f.unit}${base}${ratio}${target}\n`);
  }
}
