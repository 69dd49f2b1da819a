import { type Evaluation, EvaluationSchema } from './evaluation.js';
import { parseWith, type ParsedYaml } from './input.js';

export function parseEvaluation(text: string, file: string): { evaluation: Evaluation; parsed: ParsedYaml } {
  const { value, parsed } = parseWith(EvaluationSchema, text, file);
  return { evaluation: value, parsed };
}
