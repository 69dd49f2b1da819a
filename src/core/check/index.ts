/**
 * @module One check of an evaluation document, used by the file loader (src/load/evaluations.ts),
 * the API (src/server/resources/evaluations) and the web form (web/src/workspace/check.ts):
 * numbers normalised and checked against their domains, the shape parsed, the inputs checked
 * against the framework, plausibility 提示, and the score — only when nothing is refused.
 */
import './zod-messages.js';
import { effectiveTree, type Evaluation, EvaluationError, EvaluationSchema } from '../evaluation.js';
import { fastSafeParse } from '../fast-parse.js';
import { type Framework, indexTree, type TreeIndex } from '../framework/model.js';
import { score, type ScoreResult } from '../scoring.js';
import { DEFAULT_LIMITS, type Limits } from './domains.js';
import { normaliseDocument } from './document.js';
import { indicatorIssues } from './indicators.js';
import { type CheckIssue, labelIssues, type LabelledIssue, MAX_ISSUES } from './issues.js';
import { plausibilityIssues } from './plausibility.js';

export { DEFAULT_LIMITS, DOMAINS, type Domain, FIGURE_FIELDS, type FigureKey, type Limits } from './domains.js';
export { type CheckIssue, type CheckLevel, type LabelledIssue, MAX_ISSUES } from './issues.js';
export { fieldKey, fieldLabel, INPUT_LABELS, TASK_LABELS } from './labels.js';
export { halfWidth, readNumber } from './normalise.js';
export { submissionGaps } from './gate.js';

export interface Checked {
  /** The normalised, parsed document (what is stored), when its shape is right. */
  document?: Evaluation;
  /** The score, when nothing is refused. */
  result?: ScoreResult;
  /** Every problem, errors first, at most MAX_ISSUES, each naming its field. */
  issues: LabelledIssue[];
  /** Errors in `issues` (the input is refused when > 0). */
  errors: number;
  /** The unit's own tree (after tailoring), indexed: for labels and links. */
  index: TreeIndex;
}

export interface CheckOptions {
  /** Bounds for money; default: the framework's, else DEFAULT_LIMITS. */
  limits?: Partial<Limits>;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keeps one problem per field where the domain pass already spoke (a text in a number field). */
function merge(first: CheckIssue[], later: CheckIssue[]): CheckIssue[] {
  const refused = new Set(first.filter((i) => i.level === 'error').map((i) => i.path.join('\u0000')));
  const covered = (p: CheckIssue['path']) => p.some((_, n) => refused.has(p.slice(0, p.length - n).join('\u0000')));
  return [...first, ...later.filter((i) => !covered(i.path))];
}

export function checkEvaluation(fw: Framework, raw: unknown, opts: CheckOptions = {}): Checked {
  const limits: Limits = { ...DEFAULT_LIMITS, ...fw.limits, ...opts.limits };
  let index = indexTree(fw.roots);
  const done = (issues: CheckIssue[], document?: Evaluation, result?: ScoreResult): Checked => {
    const sorted = [...issues].sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
    const labelled = labelIssues(sorted, index).slice(0, MAX_ISSUES);
    const errors = issues.filter((i) => i.level === 'error').length;
    return { ...(document && { document }), ...(result && { result }), issues: labelled, errors, index };
  };
  if (!isObj(raw)) return done([{ path: [], message: '评价文档必须是一个对象（键值对）', level: 'error' }]);
  const pass = { issues: [] as CheckIssue[], limits };
  const normal = normaliseDocument(raw, pass);
  const parsed = fastSafeParse(EvaluationSchema, normal);
  if (!parsed.success) {
    const shape = parsed.error.issues.map((i): CheckIssue => ({
      path: i.path as Array<string | number>,
      message: i.message,
      level: 'error',
    }));
    return done(merge(pass.issues, shape));
  }
  const document = parsed.data;
  const tree = effectiveTree(fw, document);
  index = indexTree(tree.roots);
  const issues = merge(pass.issues, [...indicatorIssues(fw, index, document, limits), ...plausibilityIssues(document)]);
  if (issues.some((i) => i.level === 'error')) return done(issues, document);
  try {
    return done(issues, document, score(fw, document));
  } catch (e) {
    if (!(e instanceof EvaluationError)) throw e;
    return done(
      [...issues, ...e.issues.map((i): CheckIssue => ({ path: i.src, message: i.message, level: 'error' }))],
      document,
    );
  }
}
