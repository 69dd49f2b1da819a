import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dec } from '../../src/core/decimal.js';
import { gradeOf } from '../../src/core/grading.js';
import { headline, pointKind, POINT_KIND_ZH, type PointKind } from '../../src/core/verification.js';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { buildReport } from '../../src/reports/build.js';
import { EXAMPLES_DIR, scoreSeed } from '../helpers.js';
import { documentText } from '../reports/helpers.js';

/** 差 as a grade (（差）, “差”, 等级为差, a CSV cell): not 差异 or 差额. */
const GRADE_BAD = /（差）|“差”|等级[为是：:]?\s*差(?![异额距])|(^|,)差(,|$)/m;

// The three kinds of points (核实 / 待核实 / 核减·核增) on every seed example: the totals the issue
// expects, how many indicators of each kind, and the rules that tie them together.
const SEEDS: Array<{
  stem: string;
  total: number;
  strictTotal: number;
  kinds: Partial<Record<PointKind, number>>;
  why: string;
}> = [
  {
    stem: '000_6ca4beea76738c10',
    total: 99.77,
    strictTotal: 99.77,
    kinds: { verified: 22, raised: 2 },
    why: '上街: every figure printed; two 预算执行率 self-scores below the rule (9.8 → 9.81, 1 → 1.96)',
  },
  {
    stem: '001_8c0df9642cd3f24a',
    total: 97.8,
    strictTotal: 51,
    kinds: { verified: 15, unverifiable: 11 },
    why: '晋中: 11 indicators without data carry 46.80 self-scored points',
  },
  {
    stem: '002_a0eb83d49e186f2c',
    total: 93,
    strictTotal: 31,
    kinds: { verified: 12, unverifiable: 16 },
    why: '赫山: 16 indicators without data carry 62 self-scored points',
  },
  {
    stem: '003_a5aa38cac94662cb',
    total: 93.96,
    strictTotal: 93.96,
    kinds: { verified: 19, reduced: 2 },
    why: '龙华: all verifiable; the quarterly rule and 满意度 lower two self-scores',
  },
  {
    stem: '004_570ec4bfa11b61a4',
    total: 98.5,
    strictTotal: 98.5,
    kinds: { verified: 15, reduced: 1 },
    why: '怀柔: all verifiable; 开展会议、培训 16 of 20 批次 lowers 5 to 4',
  },
];

for (const s of SEEDS) {
  test(`${s.stem}: ${s.why}`, () => {
    const { result: r, framework: fw } = scoreSeed(s.stem);
    assert.deepEqual([r.total, r.strictTotal], [s.total, s.strictTotal]);
    const counts: Partial<Record<PointKind, number>> = {};
    for (const i of r.indicators) counts[pointKind(i)] = (counts[pointKind(i)] ?? 0) + 1;
    assert.deepEqual(counts, s.kinds);

    for (const i of r.indicators) {
      const k = pointKind(i);
      if (k === 'unverifiable') {
        // 待核实: no rule score, the self-score carried, what is missing named.
        assert.equal(i.ruleScore, undefined, i.id);
        assert.equal(i.score, Math.min(i.claimed ?? 0, i.weight), i.id);
        assert.ok(i.missing.length > 0, i.id);
        assert.equal(i.adjustment, undefined, i.id);
      } else {
        assert.equal(i.score, i.ruleScore, i.id);
        assert.deepEqual(i.missing, [], i.id);
      }
      if (k === 'reduced' || k === 'raised') {
        assert.equal(i.adjustment!.kind, k === 'reduced' ? '核减' : '核增', i.id);
        assert.equal(dec(i.ruleScore!).minus(i.claimed!).toNumber(), i.adjustment!.delta, i.id);
        assert.equal(i.adjustment!.delta < 0, k === 'reduced', i.id);
      }
      assert.equal(i.incomplete, k === 'unverifiable', i.id);
    }

    // total = Σ counted; strict = Σ verified; the difference is the 待核实 points.
    const sum = (f: (i: (typeof r.indicators)[number]) => number) =>
      r.indicators.reduce((a, i) => a.plus(f(i)), dec(0)).toNumber();
    assert.equal(
      r.total,
      sum((i) => i.score),
    );
    assert.equal(
      r.strictTotal,
      sum((i) => (i.verification === 'verified' ? i.score : 0)),
    );
    assert.equal(r.unverifiable.points, dec(r.total).minus(r.strictTotal).toNumber());
    assert.equal(r.unverifiable.count, s.kinds.unverifiable ?? 0);
    assert.equal(r.grade, gradeOf(r.total, fw.grades));
    assert.equal(r.strictGrade, gradeOf(r.strictTotal, fw.grades));
    assert.equal(r.gradeMayChange, r.grade !== r.strictGrade);
    // No surface leads with 差 for these published reports: the headline's grade is the 核定 one.
    assert.notEqual(r.grade, '差');
    const h = headline(r, fw.decimals);
    assert.ok(h.startsWith(`核定总分 ${r.total.toFixed(fw.decimals)}分（${r.grade}）`), h);
    if (r.unverifiable.count)
      assert.match(
        h,
        new RegExp(`待核实 ${r.unverifiable.points.toFixed(fw.decimals)}分（${r.unverifiable.count}项）`),
      );
    else assert.doesNotMatch(h, new RegExp(POINT_KIND_ZH.unverifiable));
  });

  test(`${s.stem}: no surface names 差 as its grade — headline, findings, jixiao score and audit, 自评报告 and 审核意见`, () => {
    const { result: r, framework: fw, evaluation: ev } = scoreSeed(s.stem);
    const texts: Array<[string, string]> = [
      ['headline', headline(r, fw.decimals)],
      ...r.findings.map((f, n): [string, string] => [`finding ${n + 1}`, f.message]),
      ['自评报告', documentText(buildReport(fw, ev, r))],
      ['审核意见', documentText(buildReport(fw, ev, r, { document: 'review' }))],
    ];
    const cli = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(PACKAGE_ROOT, 'src', 'cli', 'main.ts'),
        'score',
        path.join(EXAMPLES_DIR, `${s.stem}.yaml`),
      ],
      { cwd: PACKAGE_ROOT, encoding: 'utf8' },
    );
    assert.equal(cli.status, 0, cli.stderr);
    texts.push(['jixiao score', cli.stdout]);
    // The published report itself, audited: its text output too.
    const audit = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(PACKAGE_ROOT, 'src', 'cli', 'main.ts'),
        'audit',
        path.join(PACKAGE_ROOT, 'examples', 'reports', `${s.stem}.txt`),
      ],
      { cwd: PACKAGE_ROOT, encoding: 'utf8' },
    );
    assert.match(audit.stdout, /核定总分/, audit.stderr);
    texts.push(['jixiao audit', audit.stdout]);
    for (const [where, text] of texts) assert.doesNotMatch(text, GRADE_BAD, `${where}: ${text.slice(0, 200)}`);
    if (r.unverifiable.count) assert.match(cli.stdout, /可能影响等级；严格口径 \d+\.\d{2}分\n/);
  });
}
