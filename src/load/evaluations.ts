import { readFileSync } from 'node:fs';
import { EvaluationError, type Evaluation } from '../core/evaluation.js';
import type { Framework } from '../core/framework/model.js';
import { fieldName, InputError } from '../core/input.js';
import { parseEvaluation } from '../core/parse-evaluation.js';
import { score, type ScoreResult } from '../core/scoring.js';
import { builtinFrameworks, type FrameworkCatalog } from './frameworks.js';

export interface ScoredFile {
  evaluation: Evaluation;
  framework: Framework;
  result: ScoreResult;
}

/** Reads an evaluation file, finds its framework and scores it; problems become InputError. */
export function scoreText(text: string, file: string, catalog: FrameworkCatalog = builtinFrameworks()): ScoredFile {
  const { evaluation, parsed } = parseEvaluation(text, file);
  const framework = catalog.get(evaluation.framework, evaluation.frameworkVersion);
  if (!framework) {
    const known = catalog
      .list()
      .map((f) => f.id)
      .join('、');
    throw new InputError(file, [
      {
        line: parsed.lineOf(['framework']),
        field: 'framework',
        message: `找不到指标框架“${evaluation.framework}”${evaluation.frameworkVersion ? `（第${evaluation.frameworkVersion}版）` : ''}。可用：${known}`,
      },
    ]);
  }
  try {
    return { evaluation, framework, result: score(framework, evaluation) };
  } catch (e) {
    if (e instanceof EvaluationError) {
      throw new InputError(
        file,
        e.issues.map((i) => ({ line: parsed.lineOf(i.src), field: fieldName(i.src), message: i.message })),
      );
    }
    throw e;
  }
}

export function scoreFile(file: string, catalog?: FrameworkCatalog): ScoredFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, [
      {
        field: '',
        message: `无法读取文件：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}`,
      },
    ]);
  }
  return scoreText(text, file, catalog);
}
