/**
 * Small builders shared by the table-driven unit tests in test/core. Not a test file itself.
 * Frameworks and evaluations are written inline as YAML, the way users write them.
 */
import assert from 'node:assert/strict';
import { D, type Dec } from '../../src/core/decimal.js';
import { EvaluationSchema, type Evaluation } from '../../src/core/evaluation.js';
import type { Framework } from '../../src/core/framework/model.js';
import { parseFramework } from '../../src/core/framework/parse.js';
import { InputError, type InputProblem } from '../../src/core/input.js';
import { parseEvaluation } from '../../src/core/parse-evaluation.js';

/** The five header lines every inline framework starts with; indicators begin on line 6. */
export const FW_HEADER = ['id: unit-test', 'name: 单元测试框架', 'region: 测试区', 'year: 2021', 'indicators:'].join(
  '\n',
);

/** A framework from its indicator lines (and optional lines after them, e.g. grades). */
export function fwText(indicatorLines: string[], after: string[] = []): string {
  return [FW_HEADER, ...indicatorLines, ...after].join('\n') + '\n';
}

export function framework(text: string, file = 'framework.yaml'): Framework {
  return parseFramework(text, file);
}

export function evaluation(text: string, file = 'evaluation.yaml'): Evaluation {
  return parseEvaluation(text, file).evaluation;
}

export function evaluationOf(obj: unknown): Evaluation {
  return EvaluationSchema.parse(obj);
}

/** Runs fn, which must throw InputError; returns its problems. */
export function inputProblems(fn: () => unknown): { file: string; problems: InputProblem[]; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return { file: e.file, problems: e.problems, message: e.message };
    throw e;
  }
  assert.fail('expected an InputError, nothing was thrown');
}

/** Exact decimal equality with a readable failure message. */
export function assertDec(actual: Dec, expected: string | number, what = 'value'): void {
  assert.ok(actual.eq(new D(expected)), `${what}: got ${actual.toString()}, expected ${expected}`);
}
