/** Reads an evaluation file (YAML), checks it with the core's one check and scores it. */
import { readFileSync } from 'node:fs';
import { checkEvaluation, type LabelledIssue } from '../core/check/index.js';
import type { Evaluation } from '../core/evaluation.js';
import type { Framework } from '../core/framework/model.js';
import { fieldName, InputError, parseYamlText } from '../core/input.js';
import { parseEvaluation } from '../core/parse-evaluation.js';
import type { ScoreResult } from '../core/scoring.js';
import { builtinFrameworks, type FrameworkCatalog } from './frameworks.js';

export interface ScoredFile {
  evaluation: Evaluation;
  framework: Framework;
  result: ScoreResult;
  /** 提示 about the inputs (plausibility, execution over 100% …): the file is scored regardless. */
  warnings: LabelledIssue[];
}

/**
 * Reads an evaluation file, finds its framework, checks and scores it. Every refusal is an
 * InputError naming the file, the line and the field (the CLI exits 2).
 */
export function scoreText(text: string, file: string, catalog: FrameworkCatalog = builtinFrameworks()): ScoredFile {
  const parsed = parseYamlText(text, file);
  const data = parsed.data as Record<string, unknown> | null;
  const id = data && typeof data === 'object' ? data.framework : undefined;
  const version = data && typeof data === 'object' ? data.frameworkVersion : undefined;
  // Without a framework name the schema says what is wrong with the file as a whole.
  if (typeof id !== 'string' || (version !== undefined && typeof version !== 'number')) parseEvaluation(text, file);
  const framework = catalog.get(id as string, version as number | undefined);
  if (!framework) {
    const known = catalog
      .list()
      .map((f) => f.id)
      .join('、');
    throw new InputError(file, [
      {
        line: parsed.lineOf(['framework']),
        field: 'framework',
        message: `找不到指标框架“${String(id)}”${version ? `（第${String(version)}版）` : ''}。可用：${known}`,
      },
    ]);
  }
  const checked = checkEvaluation(framework, parsed.data);
  if (checked.errors || !checked.document || !checked.result) {
    throw new InputError(
      file,
      checked.issues
        .filter((i) => i.level === 'error')
        .map((i) => ({
          line: parsed.lineOf(i.path),
          field: fieldName(i.path),
          message: i.message,
        })),
    );
  }
  return {
    evaluation: checked.document,
    framework,
    result: checked.result,
    warnings: checked.issues.filter((i) => i.level === 'warning'),
  };
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
