import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dec, fmt } from '../../src/core/decimal.js';
import {
  buildReport,
  cellsById,
  placeCells,
  type Block,
  type Cell,
  type ReportDocument,
} from '../../src/reports/model.js';
import { classifyNarrative, stripOrdinal } from '../../src/reports/text.js';
import { loadExamples, type Example } from './helpers.js';

const examples = loadExamples();
const docs = new Map<string, ReportDocument>(
  examples.map((e) => [e.stem, buildReport(e.framework, e.evaluation, e.result)]),
);
const doc = (e: Example) => docs.get(e.stem)!;
const allCells = (d: ReportDocument) => d.sheets.flatMap((t) => t.rows.flatMap((r) => r.cells));
const paragraphs = (d: ReportDocument) =>
  d.parts.flatMap((p) => p.blocks).filter((b): b is Extract<Block, { type: 'paragraph' }> => b.type === 'paragraph');

test('examples: every seed example present and the 10号 project example are covered', () => {
  assert.ok(examples.length >= 3, `examples: ${examples.map((e) => e.stem).join(', ')}`);
  assert.ok(examples.some((e) => e.stem === 'project-2020'));
  assert.ok(examples.some((e) => e.stem.startsWith('000_')));
});

for (const e of examples) {
  const d = doc(e);
  const label = `${e.stem} (${e.framework.layout ?? 'default'})`;

  test(`${label}: every table fills its grid exactly (merged cells do not overlap or leave gaps)`, () => {
    for (const t of d.sheets) placeCells(t);
  });

  test(`${label}: each leaf score appears once in the 自评表, equal to the core's`, () => {
    const main = d.sheets[0]!;
    const cells = main.rows.flatMap((r) => r.cells);
    for (const i of e.result.indicators) {
      const hits = cells.filter((c) => c.key === `score:${i.id}`);
      assert.equal(hits.length, 1, `${i.id}: ${hits.length} score cells`);
      assert.equal(hits[0]!.value, i.score, i.id);
      assert.ok(
        hits[0]!.text === fmt(i.score, e.framework.decimals) ||
          hits[0]!.text === fmt(i.score, e.framework.decimals, true),
        `${i.id}: “${hits[0]!.text}” vs ${i.score}`,
      );
      assert.equal(hits[0]!.id, `s:${i.id}`);
    }
  });

  test(`${label}: totals, subtotals and the grade are the core's, and their formulas add up to them`, () => {
    const byId = cellsById(d);
    const cells = allCells(d);
    const totals = cells.filter((c) => c.key === 'total');
    assert.ok(totals.length >= 2, 'a total in the 自评表 and in the summary');
    for (const c of totals) {
      assert.equal(c.value, e.result.total);
      assert.ok(c.text.startsWith(fmt(e.result.total, e.framework.decimals)));
    }
    for (const c of cells.filter((x) => x.key === 'grade')) assert.equal(c.value, e.result.grade);
    const nodes = new Map(e.result.nodes.map((n) => [n.id, n]));
    for (const c of cells.filter((x) => x.key?.startsWith('subtotal:'))) {
      const n = nodes.get(c.key!.slice('subtotal:'.length))!;
      assert.equal(c.value, n.score, c.key);
    }
    // Every formula's references exist, and the referenced values (recursively) add up to the cached value.
    const valueOf = (id: string): number => {
      const hit = byId.get(id);
      assert.ok(hit, `reference ${id} resolves`);
      const c = hit.cell;
      if (c.calc?.op === 'sum') return c.calc.refs.reduce((a, r) => a.plus(valueOf(r)), dec(0)).toNumber();
      assert.equal(typeof c.value, 'number', id);
      return c.value as number;
    };
    for (const c of cells.filter((x) => x.calc)) {
      if (c.calc!.op === 'sum')
        assert.equal(
          fmt(valueOf(c.id!), e.framework.decimals),
          fmt(c.value as number, e.framework.decimals),
          `${c.id} adds up`,
        );
      else assert.ok(byId.has(c.calc!.ref));
    }
  });

  test(`${label}: the summary table has a 一级 and 二级 subtotal for every non-leaf node`, () => {
    const sum = d.sheets.find((t) => t.id === 'sum')!;
    const keys = new Set(sum.rows.flatMap((r) => r.cells).map((c) => c.key));
    for (const n of e.result.nodes.filter((x) => x.level <= 2)) assert.ok(keys.has(`subtotal:${n.id}`), n.name);
  });

  test(`${label}: the unit's narrative paragraphs are in the report as written`, () => {
    const texts = new Set(
      paragraphs(d)
        .filter((p) => p.source === 'narrative')
        .map((p) => p.text),
    );
    const skip = new Set(['主管部门', '实施单位']);
    for (const [k, v] of Object.entries(e.evaluation.narrative ?? {})) {
      if (skip.has(k)) continue;
      for (const line of v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean))
        assert.ok(texts.has(line), `${k}: ${line.slice(0, 30)}…`);
    }
  });

  test(`${label}: every finding is listed in the 评分核查情况表`, () => {
    const f = d.sheets.find((t) => t.id === 'findings')!;
    const msgs = f.rows.flatMap((r) => r.cells.map((c) => c.text));
    for (const x of e.result.findings) assert.ok(msgs.includes(x.message), x.message);
    assert.equal(f.rows.length - 1, Math.max(1, e.result.findings.length));
  });

  test(`${label}: the report names the total and grade in a sentence and has the seven sections`, () => {
    const text = paragraphs(d)
      .map((p) => p.text)
      .join('\n');
    assert.ok(text.includes(`总分为${fmt(e.result.total, e.framework.decimals)}分，评价等级为“${e.result.grade}”`));
    const h1 = d.parts[0]!.blocks.filter(
      (b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading' && b.level === 1,
    ).map((b) => b.text);
    assert.deepEqual(h1.map(stripOrdinal), [
      '基本情况',
      '绩效自评工作开展情况',
      '综合评价结论',
      '绩效目标实现情况分析',
      '存在的问题和改进措施',
      '绩效自评结果应用和公开情况',
      '其他需要说明的问题',
    ]);
    for (const r of e.result.nodes.filter((n) => n.level === 1))
      assert.ok(text.includes(`一级指标${r.name}：`), r.name);
  });
}

test('上街 (000): the score sentence reads as the seed report does, with the numbers from the core', () => {
  const e = examples.find((x) => x.stem.startsWith('000_'))!;
  const text = paragraphs(doc(e))
    .map((p) => p.text)
    .join('\n');
  assert.ok(text.includes('一级指标预算执行率：年初目标为100%，实际完成值为98.12%，得分9.81分。'), text.slice(0, 2000));
  assert.ok(
    text.includes(
      '一级指标投入管理指标：分值40分，得分39.96分，其中：工作目标管理6分，得分6分；预算和财务管理14分，得分13.96分；绩效管理20分，得分20分。',
    ),
  );
  assert.ok(text.includes('自评数据填报的总分为98.8分（“优”），按评分规则计算的总分高0.97分'));
  // The budget block of the 上街 table: 部门预算总额 830.78 / 815.13 / 98.12% and the 预算执行率 score.
  const main = doc(e).sheets[0]!;
  const budgetRow = main.rows.find((r) => r.cells.some((c) => c.text === '部门预算总额'))!;
  assert.deepEqual(
    budgetRow.cells.map((c) => c.text),
    ['部门预算总额', '830.78', '830.78', '815.13', '98.12%', '10', '9.81'],
  );
});

test('layouts: each framework layout builds its own table shape', () => {
  const titles = new Map(examples.map((e) => [e.framework.layout, doc(e).sheets[0]!.title]));
  const expect: Record<string, string> = {
    shangjie: '部门整体绩效自评表',
    jinzhong: '晋中市部门整体支出绩效自评表',
    heshan: '2021年度部门整体支出绩效自评指标计分表',
    longhua: '部门整体支出绩效自评表',
    huairou: '部门整体绩效评价指标体系评分表',
    'project-10': '项目支出绩效自评表',
  };
  for (const [layout, title] of titles) if (layout && expect[layout]) assert.equal(title, expect[layout], layout);
  const orientation = new Map(examples.map((e) => [e.framework.layout, doc(e).sheets[0]!.orientation]));
  if (orientation.has('huairou')) assert.equal(orientation.get('huairou'), 'landscape');
  if (orientation.has('shangjie')) assert.equal(orientation.get('shangjie'), 'portrait');
});

test('怀柔 (004): 产出 explanation printed once, merged over the unit’s own 三级 indicators', () => {
  const e = examples.find((x) => x.framework.layout === 'huairou');
  if (!e) return;
  const main = doc(e).sheets[0]!;
  const placed = placeCells(main);
  const out = placed.filter((p) => p.cell.text.startsWith('产出数量：计划完成率'));
  assert.equal(out.length, 1);
  assert.equal(out[0]!.rowSpan, 4);
  const block = placed.find((p) => p.cell.text === '整体绩效目标实现情况（60）')!;
  assert.equal(block.rowSpan, 8);
});

test('晋中 (001): 参考分值 and 设定分值 columns, two decimals, level-1 subtotal rows', () => {
  const e = examples.find((x) => x.framework.layout === 'jinzhong');
  if (!e) return;
  const main = doc(e).sheets[0]!;
  const cells = main.rows.flatMap((r) => r.cells);
  const sub: Cell | undefined = cells.find(
    (c) => c.key === `subtotal:${e.result.nodes.find((n) => n.level === 1)!.id}`,
  );
  assert.ok(sub);
  assert.match(sub.text, /^\d+\.\d\d$/);
  assert.ok(cells.some((c) => c.text === '参考分值') && cells.some((c) => c.text === '设定分值'));
});

test('narrative headings go to the report section they name', () => {
  assert.equal(classifyNarrative('部门概况'), 'basic');
  assert.equal(classifyNarrative('当年预算执行情况'), 'basic');
  assert.equal(classifyNarrative('存在的问题及原因分析'), 'problems');
  assert.equal(classifyNarrative('措施建议'), 'problems');
  assert.equal(classifyNarrative('九、其他需要说明的情况'), 'other');
  assert.equal(classifyNarrative('六、部门整体支出绩效情况'), 'analysis');
  assert.equal(classifyNarrative('二、部门主要履职绩效分析 / （一）主要履职目标'), 'analysis');
  assert.equal(classifyNarrative('三、总体评价和整改措施 / （一）预算绩效管理工作主要经验、做法'), 'problems');
  assert.equal(classifyNarrative('评价人员'), 'work');
  assert.equal(classifyNarrative('六、绩效自评结果拟应用和公开情况'), 'application');
  assert.equal(classifyNarrative('引言'), 'intro');
  assert.equal(stripOrdinal('（四）2021 年部门预算执行情况'), '2021 年部门预算执行情况');
  assert.equal(stripOrdinal('1. 资金管理'), '资金管理');
});

test('the findings appendix can be left out', () => {
  const e = examples[0]!;
  const d = buildReport(e.framework, e.evaluation, e.result, { findings: false });
  assert.ok(!d.sheets.some((t) => t.id === 'findings'));
  assert.equal(d.parts.length, 2);
});
