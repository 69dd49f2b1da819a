/** Synthetic evaluations of a framework (a province's units), the same every run: the inputs of bench/scoring.ts and bench/parse.ts. */
import { stringify } from 'yaml';
import { type Framework, leaves } from '../src/core/framework/model.js';

/** unit k's evaluation as YAML text; a small deterministic PRNG so every run reads the same province. */
export function unitTexts(fw: Framework): (k: number) => string {
  let seed = 20211231;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const ls = leaves(fw.roots);
  return (k: number): string => {
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
  };
}
