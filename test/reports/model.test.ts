import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { dec, fmt } from '../../src/core/decimal.js';
import { parseFramework } from '../../src/core/framework/parse.js';
import { InputError } from '../../src/core/input.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { buildReport } from '../../src/reports/build.js';
import { LAYOUT_TABLES } from '../../src/reports/layouts/index.js';
import { cellsById, placeCells, type Block, type ReportDocument } from '../../src/reports/model.js';
import { builtinOutlines, parseOutline } from '../../src/reports/outline/catalog.js';
import { classifyNarrative, contactParts, stripOrdinal } from '../../src/reports/outline/render.js';
import { signatureIndents } from '../../src/reports/signature.js';
import { breakPoints, titleLines } from '../../src/reports/title-lines.js';
import { loadExamples, type Example, seedHeadings, documentText, INTERNAL_NOTES } from './helpers.js';

const examples = loadExamples();
const docs = new Map<string, ReportDocument>(
  examples.map((e) => [e.stem, buildReport(e.framework, e.evaluation, e.result)]),
);
const doc = (e: Example) => docs.get(e.stem)!;
const allCells = (d: ReportDocument) => d.sheets.flatMap((t) => t.rows.flatMap((r) => r.cells));
const h1 = (d: ReportDocument) =>
  d.parts[0]!.blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading' && b.level === 1).map(
    (b) => stripOrdinal(b.text),
  );

test('examples: every seed example present and the 10号 project example are covered', () => {
  assert.ok(examples.length >= 6, `examples: ${examples.map((e) => e.stem).join(', ')}`);
  assert.ok(examples.some((e) => e.stem === 'project-2020'));
});

for (const e of examples) {
  const d = doc(e);
  const label = `${e.stem} (${e.framework.layout ?? 'generic'})`;
  const seed = seedHeadings(e.stem);

  test(`${label}: every table fills its grid exactly (merged cells do not overlap or leave gaps)`, () => {
    for (const t of d.sheets) placeCells(t);
  });

  if (seed)
    test(`${label}: the report's top-level headings are the seed's, in order, with their wording`, () => {
      assert.equal(d.meta.kind, 'report');
      assert.deepEqual(h1(d), seed);
    });

  test(`${label}: each leaf score appears once in the 自评表, equal to the core's, from its 指标计分 row`, () => {
    const main = d.sheets[0]!;
    const cells = main.rows.flatMap((r) => r.cells);
    const byId = cellsById(d);
    for (const i of e.result.indicators) {
      const hits = cells.filter((c) => c.key === `score:${i.id}`);
      assert.equal(hits.length, 1, `${i.id}: ${hits.length} score cells`);
      assert.equal(hits[0]!.value, i.score, i.id);
      assert.ok(hits[0]!.text.startsWith(fmt(i.score, e.framework.decimals, e.framework.layout === 'jinzhong')), i.id);
      assert.deepEqual(hits[0]!.calc, { op: 'ref', ref: `rs:${i.id}` });
      assert.equal(byId.get(`rs:${i.id}`)?.cell.value, i.score, `${i.id}: the 指标计分 row`);
    }
  });

  test(`${label}: totals, subtotals and the grade are the core's, and their sums add up to them`, () => {
    const byId = cellsById(d);
    const cells = allCells(d);
    const totals = cells.filter((c) => c.key === 'total');
    assert.ok(totals.length >= 1);
    for (const c of totals) assert.equal(c.value, e.result.total);
    for (const c of cells.filter((x) => x.key === 'grade')) assert.equal(c.value, e.result.grade);
    const nodes = new Map(e.result.nodes.map((n) => [n.id, n]));
    for (const c of cells.filter((x) => x.key?.startsWith('subtotal:')))
      assert.equal(c.value, nodes.get(c.key!.slice('subtotal:'.length))!.score, c.key);
    const valueOf = (id: string): number => {
      const hit = byId.get(id);
      assert.ok(hit, `reference ${id} resolves`);
      const c = hit.cell;
      if (c.calc?.op === 'sum') return c.calc.refs.reduce((a, r) => a.plus(valueOf(r)), dec(0)).toNumber();
      if (c.calc?.op === 'ref') return valueOf(c.calc.ref);
      assert.equal(typeof c.value, 'number', id);
      return c.value as number;
    };
    for (const c of cells.filter((x) => x.calc?.op === 'sum'))
      assert.equal(fmt(valueOf(c.id!), e.framework.decimals), fmt(c.value as number, e.framework.decimals), c.id);
  });

  test(`${label}: full indicator names, repeated names told apart, nothing internal printed`, () => {
    const text = documentText(d);
    const cells = allCells(d).map((c) => c.text);
    for (const t of e.framework.roots.flatMap(function all(n): typeof e.framework.roots {
      return [n, ...n.children.flatMap(all)];
    })) {
      if (t.fullName && t.fullName !== t.name) {
        assert.ok(!cells.includes(t.name), `truncated “${t.name}” printed`);
        assert.ok(text.includes(t.fullName), `“${t.fullName}” printed`);
      }
    }
    for (const re of INTERNAL_NOTES) assert.ok(!re.test(text), `internal note ${re} in ${e.stem}`);
    // The framework's notes that are ours (modelling choices) are not printed.
    for (const n of e.framework.notes.filter((x) => INTERNAL_NOTES.some((re) => re.test(x))))
      assert.ok(!text.includes(n), n.slice(0, 30));
  });

  test(`${label}: the unit's narrative is in the document as written, and the document states the score`, () => {
    const text = documentText(d);
    for (const [k, v] of Object.entries(e.evaluation.narrative ?? {})) {
      if (k === '主管部门' || k === '实施单位' || k === '评价人员') continue;
      for (const line of v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean))
        assert.ok(text.includes(line), `${k}: ${line.slice(0, 30)}…`);
    }
    if (d.meta.kind === 'report')
      assert.ok(
        text.includes(`自评得分${fmt(e.result.total, e.framework.decimals)}分，评价等级为“${e.result.grade}”`),
        'the score sentence',
      );
    // The 核定分's grade is the one the document states; 待核实 points are said honestly, never hidden.
    if (e.result.grade !== e.result.strictGrade)
      assert.ok(!text.includes(`评价等级为“${e.result.strictGrade}”`), 'the strict grade is not the stated one');
    const u = e.result.unverifiable;
    if (d.meta.kind === 'report' && u.count)
      assert.ok(text.includes(`其中${u.count}项指标的得分待核实`), '待核实 indicator');
    assert.equal(d.meta.statement.total, e.result.total);
    assert.deepEqual(
      [d.meta.statement.strictTotal, d.meta.statement.unverified.count, d.meta.statement.gradeMayChange],
      [e.result.strictTotal, u.count, e.result.gradeMayChange],
    );
  });

  test(`${label}: the 审核意见 is its own document: every finding, the rule total against the stated one`, () => {
    const r = buildReport(e.framework, e.evaluation, e.result, { document: 'review' });
    assert.equal(r.meta.kind, 'review');
    const text = documentText(r);
    for (const x of e.result.findings) assert.ok(text.includes(x.message), x.message);
    assert.ok(text.includes(`核定总分为${fmt(e.result.total, e.framework.decimals)}分`));
    if (e.result.unverifiable.count)
      assert.ok(text.includes(`严格口径总分为${fmt(e.result.strictTotal, e.framework.decimals)}分`));
    assert.ok(!/评分核查|审核意见/.test(documentText(d)), 'the unit’s document does not mention the review');
  });
}

test('晋中 (001) files its 自评表 alone, with the 评价人员 table and the 单位负责人（签章） line', () => {
  const e = examples.find((x) => x.framework.layout === 'jinzhong')!;
  const d = doc(e);
  assert.equal(d.meta.kind, 'table');
  assert.equal(d.parts.length, 1);
  const main = d.sheets[0]!;
  assert.equal(main.title, '晋中市部门整体支出绩效自评表');
  const cells = main.rows.flatMap((r) => r.cells.map((c) => c.text));
  for (const t of [
    '评价人员',
    '姓名',
    '职称/职务',
    '科室',
    '联系电话',
    '王双寿',
    '贺向军',
    '王琰',
    '参考分值',
    '设定分值',
  ])
    assert.ok(cells.includes(t), t);
  assert.equal(main.footer?.[0]?.left, '单位负责人（签章）：');
  assert.deepEqual(d.unfinished, []);
});

test('上街 (000): the 预算执行率 rate is 执行数 ÷ 全年预算数 in the spreadsheet, its score a rule formula', () => {
  const e = examples.find((x) => x.stem.startsWith('000_'))!;
  const d = doc(e);
  const main = d.sheets[0]!;
  const budgetRow = main.rows.find((r) => r.cells.some((c) => c.text === '部门预算总额'))!;
  assert.deepEqual(
    budgetRow.cells.map((c) => c.text),
    ['部门预算总额', '830.78', '830.78', '815.13', '98.12%', '10', '9.81'],
  );
  const rate = budgetRow.cells[4]!;
  assert.deepEqual(rate.calc, { op: 'ratio', num: 'fig:budget.executed', den: 'fig:budget.total' });
  assert.equal(rate.numFmt, '0.00%');
  const byId = cellsById(d);
  assert.equal(byId.get('rs:预算执行率')!.cell.calc?.op, 'score');
  const text = documentText(d);
  // The two 预算执行率 are told apart by their parent.
  assert.ok(text.includes('预算执行率（预算和财务管理）'));
});

test('layouts: a closed table of builders; a misspelt layout is an error when the framework is read', () => {
  assert.deepEqual(Object.keys(LAYOUT_TABLES).sort(), [
    'heshan',
    'huairou',
    'jinzhong',
    'longhua',
    'project-10',
    'shangjie',
  ]);
  const text = readFileSync(path.join(PACKAGE_ROOT, 'frameworks', 'zhengzhou-shangjie-2021.yaml'), 'utf8').replace(
    'layout: shangjie',
    'layout: shangjei',
  );
  assert.throws(
    () => parseFramework(text, 'x.yaml'),
    (err: unknown) => err instanceof InputError && /layout/.test(err.message) && /shangjie/.test(err.message),
  );
});

test('outlines: one per seed framework, the generic one for any other; a broken file names its field', () => {
  const cat = builtinOutlines();
  for (const e of examples) assert.ok(cat.for(e.framework), e.stem);
  assert.equal(cat.for({ id: 'national-project-2020', layout: 'project-10' }).key, 'caiyu-2020-10');
  assert.equal(cat.for({ id: 'a-copy-of-shangjie', layout: 'shangjie' }).key, 'zhengzhou-shangjie');
  assert.throws(
    () => parseOutline('name: x\ntitle: y\nsections:\n  - title: 一\n    content: [nonsense]\n', 'o.yaml'),
    (err: unknown) => err instanceof InputError && /sections/.test(err.message),
  );
});

test('narrative headings go to the section of their kind when the outline has no such heading', () => {
  assert.equal(classifyNarrative('部门概况'), 'basic');
  assert.equal(classifyNarrative('当年预算执行情况'), 'budget');
  assert.equal(classifyNarrative('存在的问题及原因分析'), 'problems');
  assert.equal(classifyNarrative('措施建议'), 'advice');
  assert.equal(classifyNarrative('九、其他需要说明的情况'), 'other');
  assert.equal(classifyNarrative('引言'), 'intro');
  assert.equal(stripOrdinal('（四）2021 年部门预算执行情况'), '2021 年部门预算执行情况');
  assert.deepEqual(contactParts('单位负责人 王双寿；单位联系电话 2638304'), { name: '王双寿', phone: '2638304' });
  assert.deepEqual(contactParts('骆彬 23338013'), { name: '骆彬', phone: '23338013' });
});

test('titles break at word boundaries, evenly, never inside a word', () => {
  assert.deepEqual(titleLines('2021年度郑州市上街区人民代表大会常务委员会办公室部门整体绩效自评报告', 20), [
    '2021年度郑州市上街区人民代表大会',
    '常务委员会办公室部门整体绩效自评报告',
  ]);
  const t = '益阳市赫山区人民政府办公室2021年度部门整体支出绩效评价报告';
  const lines = titleLines(t, 20);
  assert.equal(lines.join(''), t);
  for (const l of lines) assert.ok([...l].length <= 20, l);
  assert.ok(!breakPoints('常务委员会').includes(3), 'not 常务委/员会');
});

test('署名 two characters in, the date stepping two characters right of its first character', () => {
  // 20-character 署名, 11-character date: the date starts two characters right of the 署名's start.
  const [name, date] = signatureIndents(['郑州市上街区人民代表大会常务委员会办公室', '　　　　年　　月　　日']);
  assert.equal(name, 2);
  assert.equal(date, 2 + 20 - 2 - 11);
  assert.deepEqual(signatureIndents(['某局', '　　　　年　　月　　日']), [13, 2]);
});

test('a draft carries its mark in the model; parts left unwritten are listed', () => {
  const e = examples.find((x) => x.stem === 'project-2020')!;
  const d = buildReport(e.framework, e.evaluation, e.result, { draft: true });
  assert.equal(d.meta.draft, true);
  assert.ok(d.unfinished.length > 0, 'the 10号 example has sections left to write');
  assert.ok(
    d.unfinished.every((u) => /^[一二三四五六七八九十]、/.test(u)),
    d.unfinished.join('；'),
  );
});
