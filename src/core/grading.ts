import { type Dec, dec, roundHalfUp } from './decimal.js';
import type { Framework } from './framework/model.js';

/**
 * Grade of a total. Half-open bands: [90,100] 优, [80,90) 良, [60,80) 中, [0,60) 差.
 * Integer bands ("80-89分为良"): the total is first rounded half-up to a whole point, so 89.5 is 优
 * — the printed bands leave no room for 89.5 otherwise.
 */
export function gradeOf(total: Dec | number, grades: Framework['grades']): string {
  const t = grades.mode === 'integer' ? roundHalfUp(total, 0) : dec(total);
  const bands = [...grades.bands].sort((a, b) => b.min - a.min);
  for (const b of bands) if (t.gte(b.min)) return b.name;
  return bands[bands.length - 1]!.name;
}
