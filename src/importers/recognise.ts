import type { Framework } from '../core/framework/model.js';
import { normName, TARGET_RE, cellText } from './text-util.js';
import { isLeaf } from './resolver.js';
import { walk } from '../core/framework/model.js';

export interface Recognition {
  framework: Framework;
  /** Share of the framework's scored indicators found in the tables (0–1). */
  recall: number;
  found: number;
  leaves: number;
}

/**
 * Recognises a report's framework by the indicator names its tables print: the built-in framework
 * whose scored indicators are found most completely (at least half of them, and at least three).
 */
export function recognise(nameCells: string[], frameworks: Framework[], year?: number): Recognition | undefined {
  const keys = new Set<string>();
  for (const c of nameCells) {
    const t = cellText(c);
    keys.add(normName(t));
    const m = TARGET_RE.exec(t);
    if (m && m.index > 1) keys.add(normName(t.slice(0, m.index)));
  }
  const keyList = [...keys].filter((k) => k.length >= 2);
  let best: Recognition | undefined;
  for (const fw of frameworks) {
    let leaves = 0;
    let found = 0;
    walk(fw.roots, (n) => {
      if (!isLeaf(n) || !n.rule) return;
      leaves++;
      const names = [normName(n.name), ...(n.fullName ? [normName(n.fullName)] : [])];
      const hit = names.some(
        (k) =>
          keys.has(k) ||
          (k.length >= 5 &&
            keyList.some(
              (c) => c.length >= 5 && (k.startsWith(c) || c.startsWith(k)) && Math.abs(c.length - k.length) <= 3,
            )),
      );
      if (hit) found++;
    });
    if (!leaves) continue;
    const recall = found / leaves;
    if (found < 3 || recall < 0.5) continue;
    const better =
      !best ||
      recall > best.recall + 1e-9 ||
      (Math.abs(recall - best.recall) < 1e-9 &&
        (found > best.found ||
          (found === best.found &&
            year !== undefined &&
            Math.abs(fw.year - year) < Math.abs(best.framework.year - year))));
    if (better) best = { framework: fw, recall, found, leaves };
  }
  return best;
}
