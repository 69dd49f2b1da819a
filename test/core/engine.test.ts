// The compiled scoring engine (issue 16.2) against the reference `score` (src/core/scoring.ts): every seed, the national examples, random evaluations.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { engineStats, scoreCompiled, scoreTotals } from '../../src/core/engine/score.js';
import { EvaluationSchema, type Evaluation, type IndicatorInput } from '../../src/core/evaluation.js';
import { type Framework, leaves } from '../../src/core/framework/model.js';
import { score } from '../../src/core/scoring.js';
import { scoreFile } from '../../src/load/evaluations.js';
import { builtinFrameworks } from '../../src/load/frameworks.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { evaluation, framework, fwText } from './fixtures.js';

/** Same outcome: equal results (deep, strict: field for field, plain objects), or the same error. */
function same(fw: Framework, ev: Evaluation, label: string): void {
  let ref: ReturnType<typeof score> | Error;
  try {
    ref = score(fw, ev);
  } catch (e) {
    ref = e as Error;
  }
  if (ref instanceof Error) {
    assert.throws(() => scoreCompiled(fw, ev), { message: ref.message }, label);
    return;
  }
  const got = scoreCompiled(fw, ev);
  const totals = scoreTotals(fw, ev);
  assert.equal(totals.total, ref.total, `${label}: totals`);
  assert.equal(totals.grade, ref.grade, `${label}: grade`);
  assert.deepStrictEqual(got, ref, label);
  assert.equal(JSON.stringify(got), JSON.stringify(ref), `${label}: as JSON, field order included`);
}

const files = [
  ...readdirSync(path.join(PACKAGE_ROOT, 'examples', 'seeds')).map((f) =>
    path.join(PACKAGE_ROOT, 'examples', 'seeds', f),
  ),
  ...readdirSync(path.join(PACKAGE_ROOT, 'examples', 'national')).map((f) =>
    path.join(PACKAGE_ROOT, 'examples', 'national', f),
  ),
];

test('every seed and the national examples: the same result as the reference engine', () => {
  for (const f of files) {
    const { evaluation: ev, framework: fw } = scoreFile(f);
    same(fw, ev, path.basename(f));
  }
});

test('numbers come from the plan: reading totals and scores builds no sentences; the seeds of rule kinds it compiles are not deferred', () => {
  const { evaluation: ev, framework: fw } = scoreFile(files[0]!); // 上街: ratio, reverse, rate, qualitative …
  const before = { ...engineStats };
  const r = scoreCompiled(fw, ev);
  assert.equal(r.total, 99.77);
  assert.equal(r.indicators.reduce((a, i) => a + i.score, 0) > 0, true);
  assert.equal(engineStats.reference, before.reference, 'not handed to the reference');
  assert.equal(engineStats.lazyTexts, before.lazyTexts, 'no sentence built yet');
  assert.equal(r.indicators[0]!.explanation, '98.12%×10分=9.81分');
  assert.equal(engineStats.lazyTexts, before.lazyTexts + 1, 'the sentences, once, when read');
  assert.ok(r.findings.length > 0);
  assert.equal(engineStats.lazyTexts, before.lazyTexts + 1);
});

test('the score model from the plan: 晋中 (seed 001) — 待核实 counted at the self-score, the strict total, no sentence built', () => {
  const { evaluation: ev, framework: fw } = scoreFile(files.find((f) => path.basename(f).startsWith('001_'))!);
  const before = { ...engineStats };
  const r = scoreCompiled(fw, ev);
  assert.equal(r.total, 97.8);
  assert.equal(r.strictTotal, 51);
  assert.equal(r.unverifiable.count, 11);
  assert.equal(r.gradeMayChange, true);
  assert.equal(r.indicators.filter((i) => i.verification === 'unverifiable').length, 11);
  assert.ok(
    r.indicators.some((i) => i.adjustment !== undefined) || r.indicators.every((i) => i.adjustment === undefined),
  );
  assert.equal(engineStats.reference, before.reference, 'not handed to the reference');
  assert.equal(engineStats.lazyTexts, before.lazyTexts, 'no sentence built yet');
  const t = scoreTotals(fw, ev);
  assert.deepEqual([t.total, t.strictTotal, t.grade, t.strictGrade], [97.8, 51, r.grade, r.strictGrade]);
});

test('a value exactly on a rounding half after a division that does not terminate: decided by decimal.js, as the reference', () => {
  // 1 ÷ 3 × 0.015 = 0.005 exactly, but decimal.js divides first (0.3333…), so it rounds to 0.00.
  const fw = framework(
    fwText(['  - name: 比率指标', '    weight: 0.015', '    rule: { kind: ratio }', '    target: 3'], ['total: 0.015']),
  );
  const ev = evaluation(
    ['framework: unit-test', 'unit: 测试单位', 'year: 2021', 'indicators:', '  比率指标: { actual: 1 }'].join('\n'),
  );
  const before = engineStats.reference;
  same(fw, ev, 'half after 1÷3');
  assert.ok(engineStats.reference > before, 'handed to the reference');
});

// ---------- random evaluations ----------

const FRAMEWORKS = builtinFrameworks()
  .list()
  .filter((f) => f.kind === 'department' || f.id.startsWith('national'));

function randomInput(rand: () => number, leaf: ReturnType<typeof leaves>[number]): IndicatorInput {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const w = leaf.weight?.toNumber() ?? 5;
  const dec = (max: number, places: number) => Math.round(rand() * max * 10 ** places) / 10 ** places;
  const input: IndicatorInput = {};
  const kind = leaf.rule?.kind;
  // Values near targets and halves are where engines part: draw from both ends and the middle.
  if (rand() < 0.85) {
    const v = pick([dec(120, 2), dec(100, 0), dec(100, 1), pick([95, 90, 100, 98.5, 0, 33.33, 66.67]), dec(10, 4)]);
    input.actual = rand() < 0.5 ? v : `${v}%`;
  }
  if (rand() < 0.15) input.target = pick(['≥95%', '≤5%', '=100%', 90, '≥3', '不低于80%', `≥${dec(100, 1)}%`]);
  if (rand() < 0.8) input.claimed = pick([w, dec(w, 2), dec(w, 1), 0]);
  if (kind === 'qualitative' || kind === 'levels') {
    const names =
      kind === 'levels' && leaf.rule?.kind === 'levels'
        ? leaf.rule.levels.map((l) => l.name)
        : ['达成', '部分达成', '未达成', '达成预期指标', '基本达成'];
    if (rand() < 0.8) input.tier = pick([...names, '不存在的档']);
    if (rand() < 0.5) input.value = pick([100, 80, 70, dec(100, 0), dec(100, 2)]);
  }
  if (kind === 'checklist' && leaf.rule?.kind === 'checklist' && rand() < 0.8) {
    input.checks = leaf.rule.items.map((it) => pick<boolean | number>([true, false, dec(it.points, 1)]));
    if (rand() < 0.1) input.vetoed = true;
  }
  if (kind === 'deduction' && rand() < 0.7) input.count = Math.floor(rand() * 4);
  if (kind === 'yesno' && rand() < 0.8) input.met = rand() < 0.7;
  if (rand() < 0.1) input.judged = dec(w * 1.2, 2);
  if (rand() < 0.3) input.deviationReason = '受财力影响压减支出';
  return input;
}

function randomEvaluation(fw: Framework, seed: number): Evaluation {
  let s = seed >>> 0 || 1;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const initial = r2(100 + rand() * 5000);
  const indicators: Record<string, IndicatorInput> = {};
  for (const l of leaves(fw.roots)) if (l.rule && rand() < 0.95) indicators[l.id] = randomInput(rand, l);
  const doc: Record<string, unknown> = {
    framework: fw.id,
    frameworkVersion: fw.version,
    unit: `随机单位${seed}`,
    year: fw.year,
    figures: {
      budget: {
        initial,
        ...(rand() < 0.9 && { executed: r2(initial * (0.7 + rand() * 0.35)) }),
        ...(rand() < 0.5 && { adjustment: r2(rand() * 300) }),
        ...(rand() < 0.5 && { balance: r2(rand() * 200), previousBalance: r2(rand() * 200) }),
        ...(rand() < 0.3 && { finalAccounts: r2(initial * (0.9 + rand() * 0.2)) }),
      },
      ...(rand() < 0.8 && {
        threePublic: { budget: r2(5 + rand() * 20), actual: r2(rand() * 25), previousBudget: 12.4 },
      }),
      ...(rand() < 0.6 && { procurement: { budget: 100, actual: r2(rand() * 110) } }),
      ...(rand() < 0.6 && { publicFunds: { budget: r2(50 + rand() * 50), actual: r2(rand() * 100) } }),
    },
    indicators,
  };
  if (rand() < 0.6) doc.claimed = { total: r2(60 + rand() * 40), ...(rand() < 0.5 && { grade: '优' }) };
  return EvaluationSchema.parse(doc);
}

test('random evaluations on every built-in framework: the same result as the reference engine', () => {
  const before = { ...engineStats };
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: FRAMEWORKS.length - 1 }),
      fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      (f, seed) => {
        const fw = FRAMEWORKS[f]!;
        same(fw, randomEvaluation(fw, seed), `${fw.id} seed ${seed}`);
      },
    ),
    { numRuns: 1000 },
  );
  // The property is about the compiled path: most of these must not have been handed to the reference.
  const compiled = engineStats.compiled - before.compiled;
  assert.ok(compiled > 200, `compiled ${compiled}, deferred ${engineStats.reference - before.reference}`);
  process.stdout.write(`# compiled ${compiled}, deferred ${engineStats.reference - before.reference}\n`);
});
