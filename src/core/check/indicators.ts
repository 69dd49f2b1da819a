/**
 * @module What a unit enters for an indicator, checked against the framework: 自评得分 between 0 and
 * the indicator's 分值, a 档次 that the indicator has (the message lists them), a quantitative 指标值
 * that holds a number, an 实际完成值 within the domain of the indicator's metric.
 */
import { fmt } from '../decimal.js';
import type { Evaluation, IndicatorInput } from '../evaluation.js';
import type { Framework, IndicatorNode, TreeIndex } from '../framework/model.js';
import { findIndicator } from '../framework/model.js';
import { METRIC_BY_ID } from '../metrics.js';
import { parseQuantity } from '../quantity.js';
import { pickByName } from '../rules/score.js';
import { MEASURED_KINDS, type Rule } from '../rules/schema.js';
import { checkDomain, type Domain, type Limits } from './domains.js';
import type { CheckIssue } from './issues.js';
import { targetProblem } from './targets.js';

type Path = Array<string | number>;

const METRIC_DOMAIN: Record<'ratio' | 'change' | 'absChange' | 'value', Domain> = {
  ratio: 'rate',
  change: 'change',
  absChange: 'change',
  value: 'percent',
};

/** 满意度 (or 满意率) named by an indicator without a metric: a survey share, 0–100%. */
const SATISFACTION = /满意[度率]/;

/** A number for a message: a huge one in exponent form (1e+308), not three hundred digits. */
const show = (v: number) => (Math.abs(v) >= 1e15 ? String(v) : fmt(v));

/** The names a 档次 may take under a rule, or undefined when the rule has no named tiers. */
function tierNames(rule: Rule | undefined, fw: Framework): string[] | undefined {
  if (rule?.kind === 'qualitative') return (rule.tiers ?? fw.tiers).map((t) => t.name);
  if (rule?.kind === 'levels') return rule.levels.map((l) => l.name);
  return undefined;
}

function checkInput(
  fw: Framework,
  name: string,
  rule: Rule | undefined,
  weight: number | undefined,
  metric: string | undefined,
  input: IndicatorInput,
  path: Path,
  limits: Limits,
  out: CheckIssue[],
): void {
  const add = (p: Path, message: string, level: CheckIssue['level'] = 'error') => out.push({ path: p, message, level });
  if (input.claimed !== undefined && weight !== undefined && input.claimed > weight + 1e-9)
    add(
      [...path, 'claimed'],
      `自评得分${show(input.claimed)}分超过该指标的分值${fmt(weight)}分（应在 0～${fmt(weight)} 分之间）`,
    );
  if (input.judged !== undefined && weight !== undefined && input.judged > weight + 1e-9)
    add([...path, 'judged'], `判断得分${show(input.judged)}分超过该指标的分值${fmt(weight)}分`);
  if (input.tier !== undefined) {
    const names = tierNames(rule, fw);
    if (
      names &&
      !pickByName(
        names.map((name) => ({ name })),
        input.tier,
        rule?.kind === 'qualitative',
      )
    )
      add([...path, 'tier'], `档次“${input.tier}”不是该指标的档次，可选：${names.join('、')}`);
  }
  const kind = rule?.kind;
  const measured = kind !== undefined && MEASURED_KINDS.has(kind);
  const badTarget = targetProblem(rule, input.target);
  if (badTarget) add([...path, 'target'], badTarget);
  const actual = input.actual;
  if (measured && typeof actual === 'string' && actual.trim() && !parseQuantity(actual))
    add([...path, 'actual'], `“${actual}”不是数值，按规则计分需要数值（例如 98.5%）`, 'warning');
  const def = metric ? METRIC_BY_ID.get(metric as never) : undefined;
  // The metric's domain; without one, a measured 满意度 is still a share of 100.
  const domain = def ? METRIC_DOMAIN[def.shape] : measured && SATISFACTION.test(name) ? 'percent' : undefined;
  if (domain && actual !== undefined) {
    const q = parseQuantity(actual);
    if (q && (q.unit === undefined || q.unit === '%'))
      for (const p of checkDomain(q.value, domain, limits))
        add([...path, 'actual'], `${def?.name ?? name}${p.message}`, p.level);
  }
  for (const [name, part] of Object.entries(input.parts ?? {})) {
    const spec = rule?.kind === 'composite' ? rule.parts.find((p) => p.name === name) : undefined;
    checkInput(fw, name, spec?.rule, spec?.points, spec?.metric, part, [...path, 'parts', name], limits, out);
  }
}

/** Every indicator input of a parsed document, against the unit's own tree (after tailoring). */
export function indicatorIssues(fw: Framework, index: TreeIndex, ev: Evaluation, limits: Limits): CheckIssue[] {
  const out: CheckIssue[] = [];
  for (const [key, input] of Object.entries(ev.indicators)) {
    const hit = findIndicator(index, key);
    if (!hit || Array.isArray(hit)) continue; // the scorer names unknown and ambiguous keys
    const n: IndicatorNode = hit;
    checkInput(fw, n.name, n.rule, n.weight?.toNumber(), n.metric, input, ['indicators', key], limits, out);
  }
  return out;
}
