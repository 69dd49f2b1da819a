import path from 'node:path';
import { scoreFile, type ScoredFile } from '../src/load/evaluations.js';
import { PACKAGE_ROOT } from '../src/load/paths.js';

export const SEEDS_DIR = path.join(PACKAGE_ROOT, 'examples', 'reports');
export const EXAMPLES_DIR = path.join(PACKAGE_ROOT, 'examples', 'seeds');

/** Scores examples/seeds/<stem>.yaml with the built-in frameworks. */
export function scoreSeed(stem: string): ScoredFile {
  return scoreFile(path.join(EXAMPLES_DIR, `${stem}.yaml`));
}

export function indicator(r: ScoredFile, key: string) {
  const hit = r.result.indicators.filter((i) => i.id === key || i.name === key);
  if (hit.length !== 1) throw new Error(`indicator ${key}: ${hit.length} matches`);
  return hit[0]!;
}

export function findingsFor(r: ScoredFile, name: string | undefined, code?: string) {
  return r.result.findings.filter((f) => f.indicator === name && (code === undefined || f.code === code));
}
