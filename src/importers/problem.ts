/** @module The Chinese message of a bad input (a file the importer refuses, data that does not fit its framework); undefined for a program error. */
import { EvaluationError } from '../core/evaluation.js';
import { InputError } from '../core/input.js';
import { ImportError } from './limits.js';

export function inputProblem(e: unknown): string | undefined {
  if (e instanceof ImportError || e instanceof InputError) return e.message;
  if (e instanceof EvaluationError) return `自评数据与指标框架不符：${e.message}`;
  return undefined;
}
