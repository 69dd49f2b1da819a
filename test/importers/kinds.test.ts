import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { audit } from '../../src/core/audit/index.js';
import { score } from '../../src/core/scoring.js';
import { parseFramework } from '../../src/core/framework/parse.js';
import { stringify } from 'yaml';
import { ImportError, importBuffer, importText } from '../../src/importers/index.js';
import { htmlToDoc } from '../../src/importers/html.js';
import { layoutText } from '../../src/importers/document.js';
import { countyPageGbk, countyPageHtml } from './fixtures-web.js';
import { keyEvalMarkdown } from './fixtures-keyeval.js';
import { PROJECT_EXPECTED, projectFormDocx, projectFormXlsx } from './fixtures-project.js';

// Issue 17: what people actually have — web pages, Markdown with HTML tables, 项目支出 自评表 and
// third-party 重点评价 reports. Each fixture imports to an evaluation that scores; the audit finds
// what was planted in it and nothing in its consistent twin (hand-computed figures in the fixtures).
const serious = (a: ReturnType<typeof audit>) => a.findings.filter((f) => f.severity !== 'info');
const codes = (a: ReturnType<typeof audit>) =>
  serious(a)
    .map((f) => f.code)
    .sort();

test('a county site page in GBK: boilerplate apart, 索引号 block as page data, tables on a grid', async () => {
  const bytes = countyPageGbk();
  assert.ok(!bytes.includes(Buffer.from('某某县', 'utf8')), 'the fixture is GBK, not UTF-8');
  const r = await importBuffer(new Uint8Array(bytes), { name: 'county.html' });
  assert.equal(r.format, 'html');
  assert.equal(r.evaluation.unit, '某某县农业农村局');
  assert.equal(r.evaluation.year, 2022);
  assert.equal(r.recognised, false);
  assert.equal(r.framework.kind, 'department');
  assert.equal(r.stats.rows, 10);
  // The rowspan'd 一级/二级 cells give the tree: 4 一级, 10 三级, weights add to 100.
  assert.deepEqual(
    r.frameworkSource!.indicators.map((i) => [i.name, i.weight]),
    [
      ['决策', 20],
      ['过程', 30],
      ['产出', 30],
      ['效益', 20],
    ],
  );
  const s = score(r.framework, r.evaluation);
  assert.equal(s.total, 91.5);
  assert.equal(s.grade, '优');
  assert.equal(r.evaluation.indicators['绩效指标明确性']?.note, '部分指标未细化量化');
  const doc = htmlToDoc(countyPageHtml());
  assert.equal(doc.meta?.['索引号'], '11431003MB1C12345X/2023-00417');
  assert.equal(doc.meta?.['发布机构'], '某某县农业农村局');
  assert.equal(doc.meta?.['生成日期'], '2023-06-15');
  const text = doc.blocks.map((b) => (b.kind === 'p' ? b.text : b.cells.join('|'))).join('\n');
  for (const chrome of [
    '首页',
    '当前位置',
    '打印本页',
    '关闭窗口',
    '字体',
    '分享到',
    '版权所有',
    'ICP备',
    '索引号',
    '统计代码',
  ])
    assert.ok(!text.includes(chrome), `“${chrome}” left in the body`);
  assert.ok(doc.boilerplate.length >= 5);
  const a = audit(r.framework, r.evaluation, r.facts);
  assert.deepEqual(serious(a), []);
});

test('the county page with planted errors: every one found', async () => {
  const r = await importBuffer(new Uint8Array(countyPageGbk({ planted: true })), { name: 'county.html' });
  const a = audit(r.framework, r.evaluation, r.facts);
  assert.deepEqual(codes(a), ['narrative-score', 'narrative-total', 'rate-mismatch', 'sum-mismatch']);
  const by = (c: string) => a.findings.find((f) => f.code === c)!;
  assert.equal(by('narrative-total').stated, 92);
  assert.equal(by('narrative-total').expected, 91.5);
  assert.equal(by('narrative-score').stated, 19);
  assert.equal(by('narrative-score').expected, 18);
  assert.equal(by('rate-mismatch').expected, 95.12);
  assert.equal(by('sum-mismatch').expected, 2020);
});

test('encodings: the same page in UTF-8, GB18030 and Big5-declared pages decode alike', async () => {
  const html = countyPageHtml();
  const utf8 = await importBuffer(new TextEncoder().encode(html.replace('charset=gb2312', 'charset=utf-8')), {
    name: 'u.htm',
  });
  const gb18030 = await importBuffer(new Uint8Array(iconv.encode(html.replace('gb2312', 'gb18030'), 'gb18030')), {
    name: 'g.htm',
  });
  // No charset declared: valid UTF-8 is UTF-8, anything else GB18030.
  const undeclared = await importBuffer(new Uint8Array(iconv.encode(html.replace(/<meta[^>]*>/, ''), 'gbk')), {
    name: 'x.html',
  });
  for (const r of [utf8, gb18030, undeclared]) {
    assert.equal(r.evaluation.unit, '某某县农业农村局');
    assert.equal(r.evaluation.claimed?.total, 91.5);
  }
  const big5 = `<html><head><meta charset="big5"><title>測試</title></head><body><p>績效自評報告</p></body></html>`;
  await assert.rejects(importBuffer(new Uint8Array(iconv.encode(big5, 'big5')), { name: 'b.html' }), (e: ImportError) =>
    /評|评/.test(JSON.stringify(e.found)),
  );
});

test('HTML tables: rowspan and colspan laid on a grid, covered positions empty', () => {
  const doc = layoutText(
    '前言\n<table><tr><td rowspan="2">A</td><td colspan="2">B</td></tr><tr><td>c</td><td>d</td></tr><tr><td>e</td><td>f</td><td>g</td></tr></table>\n后记',
  );
  const rows = doc.blocks.filter((b) => b.kind === 'row').map((b) => (b.kind === 'row' ? b.cells : []));
  assert.deepEqual(rows, [
    ['A', 'B'],
    ['', 'c', 'd'],
    ['e', 'f', 'g'],
  ]);
  assert.deepEqual(
    doc.blocks.filter((b) => b.kind === 'p').map((b) => (b.kind === 'p' ? b.text : '')),
    ['前言', '后记'],
  );
});

test('Markdown pipe tables are read by the same reader', () => {
  const doc = layoutText(
    '## 表1\n\n| 一级指标 | 分值 | 得分 |\n| --- | ---: | --- |\n| 决策 | 15 | 13 |\n| 合计 | 100 | 85.5 |\n',
  );
  const rows = doc.blocks.filter((b) => b.kind === 'row').map((b) => (b.kind === 'row' ? b.cells : []));
  assert.deepEqual(rows, [
    ['一级指标', '分值', '得分'],
    ['决策', '15', '13'],
    ['合计', '100', '85.5'],
  ]);
  assert.equal(doc.blocks[0]!.kind === 'p' && doc.blocks[0]!.text, '表1');
});

test('a 重点评价 report extracted to Markdown: three page tables stitched, codes give the tree, 评价意见 the notes', () => {
  const r = importText(keyEvalMarkdown(), { name: 'key.md' });
  assert.equal(r.evaluation.unit, '某某县农村人居环境整治专项资金');
  assert.equal(r.evaluation.year, 2023);
  assert.equal(r.recognised, false);
  assert.equal(r.framework.kind, 'project', 'a report on a fund rebuilds a 项目支出 framework');
  assert.equal(r.stats.rows, 17);
  const src = r.frameworkSource!;
  assert.deepEqual(
    src.indicators.map((i) => [i.name, i.weight, i.children!.map((c) => [c.name, c.weight])]),
    [
      [
        '决策',
        15,
        [
          ['项目立项', 6],
          ['绩效目标', 9],
        ],
      ],
      [
        '过程',
        25,
        [
          ['资金管理', 15],
          ['组织实施', 10],
        ],
      ],
      [
        '产出',
        35,
        [
          ['产出数量', 15],
          ['产出质量', 10],
          ['产出时效', 5],
          ['产出成本', 5],
        ],
      ],
      [
        '效益',
        25,
        [
          ['项目效益', 20],
          ['满意度', 5],
        ],
      ],
    ],
  );
  // Criteria text travels with the rebuilt framework; the grading bands are the report's.
  const leaf = src.indicators[0]!.children![0]!.children![0]!;
  assert.equal(leaf.name, '立项依据充分性');
  assert.equal(leaf.standard, '符合要求得满分，否则酌情扣分。');
  assert.deepEqual(
    src.grades?.bands.map((b) => [b.name, b.min]),
    [
      ['优', 90],
      ['良', 80],
      ['中', 60],
      ['差', 0],
    ],
  );
  // The 评价意见 cut by the page break is whole again.
  assert.equal(
    r.evaluation.indicators['绩效目标合理性']?.note,
    '绩效目标与项目内容相关，但部分目标值设定偏低，未充分考虑上年完成情况，扣1分。',
  );
  assert.ok(r.confidence.some((c) => /跨页的表格已拼接/.test(c.note)));
  const s = score(r.framework, r.evaluation);
  assert.equal(s.total, 85.5);
  assert.equal(s.grade, '良');
  const a = audit(r.framework, r.evaluation, r.facts);
  assert.deepEqual(serious(a), []);
  assert.ok(a.checks.filter((c) => c.code.startsWith('summary-')).length >= 12);
  // The rebuilt framework is a framework file `jixiao score --framework-file` reads.
  const fw = parseFramework(stringify(src), 'key.framework.yaml');
  assert.equal(score(fw, r.evaluation).total, 85.5);
});

test('the 重点评价 report with planted errors: summary against detail, rates, total and grade', () => {
  const r = importText(keyEvalMarkdown({ planted: true }), { name: 'key.md' });
  const a = audit(r.framework, r.evaluation, r.facts);
  assert.deepEqual(codes(a), [
    'narrative-grade',
    'narrative-rate',
    'summary-rate',
    'summary-score',
    'total-differs',
    'total-mismatch',
  ]);
  const by = (c: string) => a.findings.find((f) => f.code === c)!;
  assert.equal(by('summary-score').indicator, '过程');
  assert.deepEqual([by('summary-score').stated, by('summary-score').expected], [23, 22]);
  assert.deepEqual([by('summary-rate').stated, by('summary-rate').expected], [85.29, 84.29]);
  assert.deepEqual([by('narrative-rate').stated, by('narrative-rate').expected], [88.67, 86.67]);
  assert.deepEqual([by('total-mismatch').stated, by('total-mismatch').expected], [86.5, 85.5]);
});

for (const kind of ['xlsx', 'docx'] as const) {
  const make = kind === 'xlsx' ? projectFormXlsx : projectFormDocx;
  test(`a 10号 项目支出 自评表 as ${kind.toUpperCase()}: national-project-2020, the unit's indicators added, scored by the rules`, async () => {
    const r = await importBuffer(new Uint8Array(await make()), { name: `project.${kind}` });
    assert.equal(r.framework.id, PROJECT_EXPECTED.framework);
    assert.equal(r.recognised, true);
    assert.equal(r.evaluation.unit, PROJECT_EXPECTED.unit);
    assert.equal(r.evaluation.year, PROJECT_EXPECTED.year);
    assert.deepEqual(r.evaluation.figures.budget, { initial: 300, carryOver: 50, total: 320, executed: 320 });
    assert.equal(r.evaluation.tailoring?.add?.length, 7);
    assert.equal(r.evaluation.narrative?.['主管部门'], '某某县水利局');
    assert.equal(r.evaluation.narrative?.['实施单位'], '某某县农村供水管理站');
    assert.match(r.evaluation.goals ?? '', /^完成3个村集中供水工程建设/);
    const s = score(r.framework, r.evaluation);
    assert.equal(s.total, PROJECT_EXPECTED.total);
    assert.equal(s.grade, PROJECT_EXPECTED.grade);
    const by = (name: string) => s.indicators.find((i) => i.name === name)!;
    assert.equal(by('新增受益人口').score, 14.4);
    assert.equal(by('工程按期完工率').score, 9.47);
    assert.equal(by('预算执行率').score, 10);
    assert.deepEqual(serious(audit(r.framework, r.evaluation, r.facts)), []);
  });

  test(`the ${kind.toUpperCase()} 自评表 with planted errors: every one found`, async () => {
    const r = await importBuffer(new Uint8Array(await make({ planted: true })), { name: `project.${kind}` });
    const a = audit(r.framework, r.evaluation, r.facts);
    // The printed 执行率 98% is the unit's stated 实际完成值: the rule scores it (9.8), and the audit says
    // it contradicts the amounts (320 ÷ 320 = 100%) — in the table and against the figures.
    assert.deepEqual(codes(a), [
      'actual-vs-figures',
      'claimed-differs',
      'claimed-differs',
      'claimed-differs',
      'missing-deviation-reason',
      'missing-deviation-reason',
      'rate-mismatch',
      'sum-mismatch',
      'total-differs',
      'total-mismatch',
    ]);
    assert.equal(a.summary.statedTotal, PROJECT_EXPECTED.plantedTotal);
    assert.equal(a.summary.claimedTotal, PROJECT_EXPECTED.plantedClaimed);
    assert.equal(a.summary.recomputedTotal, PROJECT_EXPECTED.plantedRecomputed);
  });
}

test('a page with only the head of a report: what was found and what is missing', async () => {
  const html = `<html><head><meta charset="utf-8"><title>某某县教育局2023年度部门整体支出绩效自评报告</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/a">机构</a><a href="/b">公开</a></div>
<h1>某某县教育局2023年度部门整体支出绩效自评报告</h1><p>预算单位编码：301001</p>
<p>一、部门基本情况</p><p>2023年年初预算数为1,234.56万元。</p><p>二、绩效自评结论</p><p>详见附件。</p></body></html>`;
  await assert.rejects(importBuffer(new TextEncoder().encode(html), { name: 'head.html' }), (e: ImportError) => {
    assert.equal(e.code, 'no-table');
    const f = e.found as Record<string, unknown>;
    assert.equal(f.unit, '某某县教育局');
    assert.equal(f.year, 2023);
    assert.equal(f.kind, '部门整体支出绩效自评报告');
    assert.equal(f.budgetCode, '301001');
    assert.deepEqual(f.figures, [{ label: '年初预算数', value: 1234.56 }]);
    assert.deepEqual(f.sections, ['一、部门基本情况', '二、绩效自评结论']);
    assert.deepEqual(f.missing, ['绩效指标评分表（需有表头：指标名称、分值、得分等）']);
    return true;
  });
});
