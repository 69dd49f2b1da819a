import { dec, fmt } from '../decimal.js';
import type { IndicatorNode } from '../framework/model.js';
import { parseTarget } from '../quantity.js';
import { scoreRule } from '../rules/score.js';
import { JUDGMENT_KINDS } from '../rules/schema.js';
import type { Framework } from '../framework/model.js';
import type { ScoreResult } from '../scoring.js';
import type { NarrativeSection } from './narrative.js';
import { around, keyOf, paragraphs, sentencesOf } from './text.js';
import type { AuditFinding } from './types.js';

/**
 * Score-inflation signals (自评不实、得分虚高): a self-score the report's own text argues against.
 * Only two kinds are raised, both stated with their evidence:
 * - a satisfaction indicator scored without a survey result entered, while the text gives one that
 *   the indicator's rule scores lower;
 * - full marks on an indicator the rules could not verify (a judgment, or data missing) while the
 *   text says, about that very indicator, that it fell short (偏差, 未完成, 滞后 …).
 */
const SHORTFALL =
  /(存在偏差|出现偏差|偏差较大|未完成|未达到|未达成|未能完成|不到位|滞后|进度较慢|较慢|偏慢|偏低|不足|超支|超预算|差距较大)/;

export function inflationSignals(
  fw: Framework,
  roots: IndicatorNode[],
  result: ScoreResult,
  sections: NarrativeSection[],
): AuditFinding[] {
  const out: AuditFinding[] = [];
  const byId = new Map<string, IndicatorNode>();
  const walk = (ns: IndicatorNode[]) => ns.forEach((n) => (byId.set(n.id, n), walk(n.children)));
  walk(roots);
  const unverified = new Set(
    result.findings
      .filter((f) => ['judged-by-claim', 'missing-input', 'missing-figures'].includes(f.code))
      .map((f) => (f.path ?? []).join('/') || f.indicator || ''),
  );
  for (const ind of result.indicators) {
    if (ind.claimed === undefined) continue;
    const node = byId.get(ind.id);
    if (!node?.rule) continue;
    // 1. Satisfaction: the text's survey result against the claimed score.
    if (/满意/.test(ind.name) && ind.actual === undefined && !JUDGMENT_KINDS.has(node.rule.kind)) {
      const ev = satisfactionEvidence(sections);
      if (ev) {
        const target = parseTarget(ind.target);
        const outcome = scoreRule(node.rule, {
          weight: dec(ind.weight),
          actual: { value: ev.value, unit: '%' },
          tiers: fw.tiers,
          ...(target && { target }),
        });
        const s = outcome.score.toDecimalPlaces(fw.decimals).toNumber();
        if (s < ind.claimed) {
          out.push({
            severity: 'warning',
            code: 'inflation-signal',
            indicator: ind.name,
            path: ind.path,
            section: ev.section,
            quote: ev.quote,
            stated: ind.claimed,
            expected: s,
            message: `自评${fmt(ind.claimed)}分（分值${fmt(ind.weight)}分），但报告未填满意度结果；正文唯一的满意度数据为${fmt(ev.value)}${ev.unit}（“${ev.quote}”），按本指标评分标准只得${fmt(s)}分：${outcome.explanation}`,
          });
        }
      }
    }
    // 2. Full marks the rules could not verify, while the text admits a shortfall.
    if (ind.claimed < ind.weight || ind.weight <= 0) continue;
    if (!unverified.has(ind.path.join('/')) && !unverified.has(ind.name)) continue;
    const term = keyOf(ind.name).replace(/(率|情况|性|度)$/, '');
    if (term.length < 3) continue;
    const hit = admission(sections, term);
    if (hit) {
      out.push({
        severity: 'warning',
        code: 'inflation-signal',
        indicator: ind.name,
        path: ind.path,
        section: hit.section,
        quote: hit.quote,
        stated: ind.claimed,
        message: `自评满分${fmt(ind.claimed)}分，评分所需数据报告未给出、无法按规则核实；而正文写“${hit.quote}”，所述情况与满分不符，得分可能虚高`,
      });
    }
  }
  return out;
}

function satisfactionEvidence(
  sections: NarrativeSection[],
): { value: number; unit: string; section: string; quote: string } | undefined {
  const res: Array<[RegExp, string]> = [
    [/满意度调查[^。；]{0,40}?(?:综合)?(?:评分|得分)(?:为)?\s*(\d+(?:\.\d+)?)\s*分/, '分（百分制）'],
    [/满意度[^。；]{0,20}?(?:综合)?(?:评分|得分)(?:为)?\s*(\d+(?:\.\d+)?)\s*分/, '分（百分制）'],
    [/满意(?:度|率)(?:为|达到|达)\s*(\d+(?:\.\d+)?)\s*%/, '%'],
  ];
  for (const [re, unit] of res) {
    for (const s of sections) {
      const m = re.exec(s.text);
      if (m)
        return { value: Number(m[1]), unit, section: s.key, quote: around(s.text, m.index, m.index + m[0].length, 0) };
    }
  }
  return undefined;
}

function admission(sections: NarrativeSection[], term: string): { section: string; quote: string } | undefined {
  // The shortfall must be said of the indicator itself: the cue right after its name (“预算执行存在偏差”).
  const re = new RegExp(
    `${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:工作|情况)?(?:[^，,。；;、和及与]{0,3}?)${SHORTFALL.source}`,
  );
  for (const s of sections) {
    for (const p of paragraphs(s.text)) {
      for (const sent of sentencesOf(p)) {
        const k = keyOf(sent);
        if (/偏差原因/.test(k)) continue;
        if (re.test(k)) return { section: s.key, quote: sent.trim() };
      }
    }
  }
  return undefined;
}
