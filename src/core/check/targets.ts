/**
 * @module A quantitative 指标值 must hold a number: one rule for framework files, the framework
 * editor (via buildFramework) and the targets a unit writes in its evaluation.
 */
import { parseQuantity } from '../quantity.js';
import { MEASURED_KINDS, type Rule } from '../rules/schema.js';

/** The problem with a 指标值 under a rule, or undefined. `rate` (×分值) needs no 指标值 of its own. */
export function targetProblem(rule: Rule | undefined, target: unknown): string | undefined {
  if (!rule || !MEASURED_KINDS.has(rule.kind) || rule.kind === 'rate') return undefined;
  if (typeof target !== 'string' || !target.trim() || parseQuantity(target)) return undefined;
  return `指标值“${target}”中没有数值，定量指标的指标值须写明数值（例如 ≥95%）`;
}
