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
  /** How it was recognised, when not by scored indicators (项目支出 自评表). */
  why?: string;
}

/**
 * 项目支出 自评表 (财预〔2020〕10号 附1 and the 101号 form): their 三级 indicators are the unit's own, so
 * they are recognised by the 一级/二级 names they print (产出指标/数量指标/质量指标/…/服务对象满意度指标),
 * at least four of them. 101号 is chosen where the text cites it or prints its 成本指标 (经济成本指标 …),
 * else 10号.
 */
export function recogniseProject(nameCells: string[], text: string, frameworks: Framework[]): Recognition | undefined {
  const keys = new Set(nameCells.map((c) => normName(cellText(c))));
  const found = (fw: Framework) => {
    let nodes = 0;
    let hits = 0;
    walk(fw.roots, (n) => {
      if (isLeaf(n)) return;
      nodes++;
      if (keys.has(normName(n.name))) hits++;
    });
    return { nodes, hits };
  };
  const cands = frameworks.filter((f) => f.kind === 'project').map((fw) => ({ fw, ...found(fw) }));
  const ok = cands.filter((c) => c.hits >= 4);
  if (!ok.length) return undefined;
  const t = text.replace(/\s+/g, '');
  const says2021 =
    /财预〔2021〕101号|101号/.test(t) || ['经济成本指标', '社会成本指标', '生态环境成本指标'].some((k) => keys.has(k));
  const says2020 = /财预〔2020〕10号/.test(t);
  const pick =
    ok.find((c) => (says2021 && !says2020 ? c.fw.year >= 2021 : c.fw.year === 2020)) ??
    ok.sort((a, b) => b.hits - a.hits)[0]!;
  return {
    framework: pick.fw,
    recall: pick.hits / pick.nodes,
    found: pick.hits,
    leaves: pick.nodes,
    why: `表中印有项目支出绩效自评表的${pick.hits}个一级/二级指标名称（产出指标、数量指标等），${says2021 && !says2020 ? '且引用或采用财预〔2021〕101号的指标设置' : '按财预〔2020〕10号附1'}，识别为“${pick.fw.name}”；三级指标为单位自设，作为个性指标导入`,
  };
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
