import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { audit } from '../../src/core/audit/index.js';
import { score } from '../../src/core/scoring.js';
import { layoutText } from '../../src/importers/document.js';
import { htmlToDoc } from '../../src/importers/html.js';
import { importBuffer, importText, type ImportResult } from '../../src/importers/index.js';
import { countyPageHtml } from './fixtures-web.js';
import { KEY_EVAL_TREE, keyEvalMarkdown } from './fixtures-keyeval.js';

// Issue 17, the same reports as people's tools write them differently: another charset declaration,
// <th> headings, a table inside a cell, a page laid out in tables, Markdown tables with alignment
// colons or without outer pipes, a heading printed again in other words, labels repeated at the top
// of a page, codes in a column of their own. Each gives the evaluation the fixture's figures give.
const serious = (r: ImportResult) =>
  audit(r.framework, r.evaluation, r.facts)
    .findings.filter((f) => f.severity !== 'info')
    .map((f) => f.code);
const utf8 = (html: string) => new TextEncoder().encode(html.replace('charset=gb2312', 'charset=utf-8'));
const rowsOf = (text: string) =>
  layoutText(text)
    .blocks.filter((b) => b.kind === 'row')
    .map((b) => (b.kind === 'row' ? b.cells : []));

/** The county page's figures (fixtures-web.ts): 10 indicators, 91.5 of 100, 优, four 一级 of 20/30/30/20. */
function assertCounty(r: ImportResult): void {
  assert.equal(r.evaluation.unit, '某某县农业农村局');
  assert.equal(r.stats.rows, 10);
  assert.deepEqual(
    r.frameworkSource!.indicators.map((i) => [i.name, i.weight]),
    [
      ['决策', 20],
      ['过程', 30],
      ['产出', 30],
      ['效益', 20],
    ],
  );
  assert.equal(score(r.framework, r.evaluation).total, 91.5);
  assert.deepEqual(serious(r), []);
}

test('a page that says charset=gb2312 but was saved as UTF-8 is read as UTF-8; <meta charset="GBK"> as GBK', async () => {
  // Re-saved by an editor: the bytes are UTF-8, the old declaration stayed.
  assertCounty(await importBuffer(new TextEncoder().encode(countyPageHtml()), { name: 'resaved.html' }));
  const html5 = countyPageHtml().replace(/<meta http-equiv[^>]*>/, '<meta charset="GBK">');
  assertCounty(await importBuffer(new Uint8Array(iconv.encode(html5, 'gbk')), { name: 'html5.htm' }));
  const reversed = countyPageHtml().replace(
    /<meta http-equiv[^>]*>/,
    '<META content="text/html; charset=GBK" http-equiv=Content-Type>',
  );
  assertCounty(await importBuffer(new Uint8Array(iconv.encode(reversed, 'gbk')), { name: 'old.htm' }));
});

test('<th> headings in <thead>, unclosed cells and upper-case tags read as the browser reads them', async () => {
  const th = countyPageHtml().replace(
    '<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>分值</td><td>得分</td><td>评分依据</td></tr>',
    '<thead><tr><TH>一级指标<TH>二级指标<TH>三级指标<TH>分值<TH>得分<TH>评分依据</tr></thead>',
  );
  assert.notEqual(th, countyPageHtml());
  assertCounty(await importBuffer(utf8(th), { name: 'th.html' }));
  const sloppy = countyPageHtml()
    .replace(/<\/td>|<\/tr>/g, '')
    .replace(/<td/g, '<TD');
  assertCounty(await importBuffer(utf8(sloppy), { name: 'sloppy.html' }));
});

test('a score table with a small table in a cell stays a data table; a page laid out in tables is read through', async () => {
  const nested = countyPageHtml().replace(
    '<td>目标依据充分</td>',
    '<td><table border="0"><tr><td>目标依据</td></tr><tr><td>充分</td></tr></table></td>',
  );
  const r = await importBuffer(utf8(nested), { name: 'nested.html' });
  assertCounty(r);
  assert.equal(r.evaluation.indicators['绩效目标合理性']?.note, '目标依据充分');
  // The old site style: the whole page one table, a column of links beside the article.
  const laidOut = countyPageHtml()
    .replace(
      '<div class="article">',
      '<table width="1000"><tr><td width="200"><a href="/1">机构概况</a><br><a href="/2">政策文件</a><br><a href="/3">财政预决算</a><br><a href="/4">通知公告</a></td><td><div class="article">',
    )
    .replace('<div class="share">', '</td></tr></table><div class="share">');
  const page = await importBuffer(utf8(laidOut), { name: 'layout.html' });
  assertCounty(page);
  const body = htmlToDoc(laidOut.replace('charset=gb2312', 'charset=utf-8'))
    .blocks.map((b) => (b.kind === 'p' ? b.text : b.cells.join('|')))
    .join('\n');
  assert.ok(!body.includes('财政预决算') && !body.includes('通知公告'), 'the link column is not the report');
});

test('Markdown pipe tables: alignment colons, one-dash delimiters, no outer pipes, an escaped pipe', () => {
  const expected = [
    ['一级指标', '分值', '得分', '得分率'],
    ['决策', '15', '13', '86.67%'],
    ['合计', '100', '85.5', '85.50%'],
  ];
  assert.deepEqual(
    rowsOf(
      '表1\n\n| 一级指标 | 分值 | 得分 | 得分率 |\n|:-|-:|:-:|--|\n| 决策 | 15 | 13 | 86.67% |\n| 合计 | 100 | 85.5 | 85.50% |\n',
    ),
    expected,
  );
  assert.deepEqual(
    rowsOf(
      '表1\n\n一级指标 | 分值 | 得分 | 得分率\n:--- | ---: | ---: | ---:\n决策 | 15 | 13 | 86.67%\n合计 | 100 | 85.5 | 85.50%\n\n说明',
    ),
    expected,
  );
  assert.deepEqual(rowsOf('| 指标 | 说明 |\n| --- | --- |\n| 甲 | 收入\\|支出 |\n'), [
    ['指标', '说明'],
    ['甲', '收入|支出'],
  ]);
  // A rule under a heading is not a table.
  assert.deepEqual(rowsOf('一、总体情况\n---\n正文'), []);
  // The 重点评价 report whose summary table is written in these styles: the summary is still checked.
  for (const restyle of [
    (md: string) => md.replace('| --- | --- | --- | --- |', '|:-|-:|-:|-:|'),
    (md: string) => md.replace(/^\| (.*) \|$/gm, '$1'),
  ]) {
    const r = importText(restyle(keyEvalMarkdown()), { name: 'key.md' });
    const a = audit(r.framework, r.evaluation, r.facts);
    assert.equal(a.checks.filter((c) => c.code.startsWith('summary-')).length, 15);
    const planted = importText(restyle(keyEvalMarkdown({ planted: true })), { name: 'key.md' });
    assert.ok(serious(planted).includes('summary-score') && serious(planted).includes('summary-rate'));
  }
});

const SPLIT_NOTE = '绩效目标与项目内容相关，但部分目标值设定偏低，未充分考虑上年完成情况，扣1分。';

/** The 重点评价 fixture's figures (fixtures-keyeval.ts): 17 indicators, 85.5, 良, the cut 评价意见 whole. */
function assertKeyEval(r: ImportResult): void {
  assert.equal(r.stats.rows, 17);
  assert.deepEqual(
    r.frameworkSource!.indicators.map((i) => [i.name, i.weight, i.children!.length]),
    [
      ['决策', 15, 2],
      ['过程', 25, 2],
      ['产出', 35, 4],
      ['效益', 25, 2],
    ],
  );
  assert.equal(score(r.framework, r.evaluation).total, 85.5);
  assert.equal(r.evaluation.indicators['绩效目标合理性']?.note, SPLIT_NOTE);
  assert.deepEqual(serious(r), []);
}

test('a heading row printed again in other words (分值（分）, 评分依据) still joins the pages and the cut cell', () => {
  let n = 0;
  const md = keyEvalMarkdown().replace(/<td>分值<\/td>(.*?)<td>评价意见<\/td>/g, (m, mid: string) =>
    n++ ? `<td>分值（分）</td>${mid}<td>评分依据</td>` : m,
  );
  assert.equal(n, 3);
  const r = importText(md, { name: 'key.md' });
  assertKeyEval(r);
  assert.ok(r.confidence.some((c) => /跨页的单元格已与上一页连接/.test(c.note)));
});

test('the cut 评价意见 continues on a row that prints the 一级/二级 labels again: joined, the labels not appended', () => {
  const md = keyEvalMarkdown().replace(
    /<table>(<tr><td>一级指标<\/td>.*?<\/tr>)<tr><td><\/td><td><\/td>(.*?)<\/tr><tr><td rowspan="\d+">A决策（15分）<\/td><td rowspan="\d+">A2绩效目标（9分）<\/td>/,
    (_m, head: string, rest: string) =>
      `<table>${head}<tr><td rowspan="2">A决策（15分）</td><td rowspan="2">A2绩效目标（9分）</td>${rest}</tr><tr>`,
  );
  assert.notEqual(md, keyEvalMarkdown());
  assertKeyEval(importText(md, { name: 'key.md' }));
});

test('each page table wrapped in <html><body> (as some extraction tools write it), or spread over indented lines', () => {
  const wrapped = keyEvalMarkdown()
    .replace(/<table>/g, '<html><body><table>')
    .replace(/<\/table>/g, '</table></body></html>');
  const r = importText(wrapped, { name: 'key.md' });
  assertKeyEval(r);
  assert.ok(r.confidence.some((c) => /跨页的表格已拼接/.test(c.note)));
  const doc = layoutText(wrapped);
  assert.deepEqual(
    doc.blocks.filter((b) => b.kind === 'p' && /[<>]/.test(b.text)),
    [],
    'no markup left as paragraphs',
  );
  const spread = keyEvalMarkdown()
    .replace(/<tr>/g, '\n  <tr>\n    ')
    .replace(/<\/td><td/g, '</td>\n    <td');
  assertKeyEval(importText(spread, { name: 'key.md' }));
});

/** The fixture's tree as one flat table: a row per 一级, 二级 and 三级, each with its code and score. */
function flatTable(opts: { codeColumn: boolean; wrongSubtotal?: boolean }): string {
  const lines = opts.codeColumn
    ? ['| 指标编号 | 指标名称 | 分值 | 得分 | 评价意见 |', '| :-: | :-- | --: | --: | --- |']
    : ['| 指标 | 分值 | 得分 | 评价意见 |', '| --- | --- | --- | --- |'];
  const row = (code: string, name: string, w: number, s: number, why = '') =>
    lines.push(
      opts.codeColumn ? `| ${code} | ${name} | ${w} | ${s} | ${why} |` : `| ${code}${name} | ${w} | ${s} | ${why} |`,
    );
  for (const [c1, n1, w1, seconds] of KEY_EVAL_TREE) {
    const s1 = seconds.flatMap((s) => s[3]).reduce((a, l) => a + l[3], 0);
    row(c1, n1, w1, opts.wrongSubtotal && c1 === 'B' ? s1 + 1 : s1);
    for (const [c2, n2, w2, leaves] of seconds) {
      row(
        c2,
        n2,
        w2,
        leaves.reduce((a, l) => a + l[3], 0),
      );
      for (const [c3, n3, w3, s3, why] of leaves) row(c3, n3, w3, s3, why);
    }
  }
  lines.push(opts.codeColumn ? '| | 合计 | 100 | 85.5 | |' : '| 合计 | 100 | 85.5 | |');
  return `# 某某县2023年度农村人居环境整治专项资金重点绩效评价报告\n\n附件：绩效评价评分表\n\n${lines.join('\n')}\n`;
}

test('codes alone give the tree: a flat table (指标编号 column, or the code before the name) with its 合计 row', () => {
  for (const codeColumn of [true, false]) {
    const r = importText(flatTable({ codeColumn }), { name: 'flat.md' });
    assert.equal(r.stats.rows, 17, '一级/二级 rows and 合计 are not indicators');
    assert.deepEqual(
      r.frameworkSource!.indicators.map((i) => [i.name, i.weight, i.children!.map((c) => c.name).join('、')]),
      [
        ['决策', 15, '项目立项、绩效目标'],
        ['过程', 25, '资金管理、组织实施'],
        ['产出', 35, '产出数量、产出质量、产出时效、产出成本'],
        ['效益', 25, '项目效益、满意度'],
      ],
    );
    const s = score(r.framework, r.evaluation);
    assert.equal(s.total, 85.5);
    assert.equal(r.evaluation.claimed?.total, 85.5);
    assert.equal(r.evaluation.indicators['立项程序规范性']?.note, '立项未经集体决策程序，扣1分。');
    assert.deepEqual(serious(r), []);
    // The 一级 row's printed score is checked against the scores under it.
    const wrong = importText(flatTable({ codeColumn, wrongSubtotal: true }), { name: 'flat.md' });
    const a = audit(wrong.framework, wrong.evaluation, wrong.facts);
    const f = a.findings.find((x) => x.code === 'subtotal-mismatch');
    assert.ok(f, 'the wrong 过程 subtotal is found');
    assert.deepEqual([f.indicator, f.stated, f.expected], ['过程', 23, 22]);
  }
});

/**
 * A 101号 项目支出绩效自评表 as an extraction tool writes it (an HTML table in text): the unit set
 * 成本指标, so 成本20 / 产出40 / 效益20 / 满意度10 with 预算执行率 10 (财预〔2021〕101号（六）).
 * Hand-computed: every 三级 indicator meets its 指标值 (1450 ≤ 1500元, 10000 ≥ 10000亩, 100%, 100%,
 * 55 ≥ 50公斤, 95% ≥ 90%) → 20 + 20 + 10 + 10 + 20 + 10 = 90; 预算执行率 1000 ÷ 1000 = 100% → 10; total
 * 100. Planted: 全年执行数 950 (95%: the 80%–100% band, 7 of 10 under 101号) self-scored 9 as 10号's
 * 执行率 × 分值 would give, 总分 99 (rules: 97).
 */
function form2021(planted: boolean): string {
  const exe = planted ? '950.00' : '1000.00';
  const row = (l1: string, l2: string, l3: string, t: string, a: string, w: number) =>
    `<tr>${l1}<td>${l2}</td><td colspan="2">${l3}</td><td>${t}</td><td>${a}</td><td>${w}</td><td>${w}</td><td></td></tr>`;
  return `项目支出绩效自评表

（2023年度）

<table>
<tr><td colspan="2">项目名称</td><td colspan="8">某某县高标准农田建设项目</td></tr>
<tr><td colspan="2">主管部门</td><td colspan="3">某某县农业农村局</td><td colspan="2">实施单位</td><td colspan="3">某某县农田建设服务中心</td></tr>
<tr><td rowspan="5">项目资金（万元）</td><td colspan="2"></td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td><td>分值</td><td>执行率</td><td>得分</td></tr>
<tr><td colspan="2">年度资金总额</td><td>1000.00</td><td>1000.00</td><td>${exe}</td><td>10</td><td>${planted ? '95.00%' : '100.00%'}</td><td>${planted ? 9 : 10}</td></tr>
<tr><td colspan="2">其中：当年财政拨款</td><td>1000.00</td><td>1000.00</td><td>${exe}</td><td>—</td><td>—</td><td>—</td></tr>
<tr><td colspan="2">上年结转资金</td><td>0.00</td><td>0.00</td><td>0.00</td><td>—</td><td>—</td><td>—</td></tr>
<tr><td colspan="2">其他资金</td><td>0.00</td><td>0.00</td><td>0.00</td><td>—</td><td>—</td><td>—</td></tr>
<tr><td rowspan="2">年度总体目标</td><td colspan="4">预期目标</td><td colspan="5">实际完成情况</td></tr>
<tr><td colspan="4">建成高标准农田1万亩。</td><td colspan="5">建成高标准农田1万亩，全部验收合格。</td></tr>
<tr><td rowspan="7">绩效指标</td><td>一级指标</td><td>二级指标</td><td colspan="2">三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td><td>偏差原因分析及改进措施</td></tr>
${row('<td>成本指标</td>', '经济成本指标', '亩均建设成本', '≤1500元', '1450元', 20)}
${row('<td rowspan="3">产出指标</td>', '数量指标', '新建高标准农田面积', '≥10000亩', '10000亩', 20)}
${row('', '质量指标', '工程验收合格率', '100%', '100%', 10)}
${row('', '时效指标', '按期完工率', '100%', '100%', 10)}
${row('<td>效益指标</td>', '经济效益指标', '亩均增产粮食', '≥50公斤', '55公斤', 20)}
${row('<td>满意度指标</td>', '服务对象满意度指标', '农户满意度', '≥90%', '95%', 10)}
<tr><td colspan="8">总分</td><td>${planted ? 99 : 100}</td><td></td></tr>
</table>
`;
}

test('a 101号 自评表 with 成本指标: national-project-2021, 成本20/产出40/效益20, the 成本 indicator kept; planted 10号 scoring found', () => {
  const r = importText(form2021(false), { name: 'p2021.md' });
  assert.equal(r.framework.id, 'national-project-2021');
  assert.equal(r.evaluation.unit, '某某县高标准农田建设项目');
  assert.equal(r.evaluation.year, 2023);
  assert.deepEqual(r.evaluation.tailoring?.weights, { 成本指标: 20, 产出指标: 40, 效益指标: 20 });
  assert.deepEqual(r.evaluation.tailoring?.drop, undefined);
  assert.equal(r.evaluation.tailoring?.add?.length, 6);
  const s = score(r.framework, r.evaluation);
  assert.deepEqual(
    s.nodes.filter((n) => n.level === 1).map((n) => [n.name, n.weight]),
    [
      ['预算执行率', 10],
      ['成本指标', 20],
      ['产出指标', 40],
      ['效益指标', 20],
      ['满意度指标', 10],
    ],
  );
  assert.equal(s.total, 100);
  assert.deepEqual(serious(r), []);
  const p = importText(form2021(true), { name: 'p2021.md' });
  const a = audit(p.framework, p.evaluation, p.facts);
  assert.equal(a.summary.recomputedTotal, 97);
  const f = a.findings.find((x) => x.code === 'claimed-differs')!;
  assert.deepEqual([f.indicator, f.stated, f.expected], ['预算执行率', 9, 7]);
  assert.ok(a.findings.some((x) => x.code === 'total-differs' && x.stated === 99 && x.expected === 97));
});

test('a row at the top of a page with a name of its own and “—” for its score is not joined to the row above', () => {
  const head =
    '| 一级指标 | 二级指标 | 三级指标 | 评分标准 | 分值 | 得分 | 评价意见 |\n| --- | --- | --- | --- | --- | --- | --- |';
  const md = `# 某某县2023年度文化惠民工程重点绩效评价报告

附件：评分表

${head}
| 决策 | 项目立项 | 立项依据充分性 | 依据充分得满分 | 50 | 50 | 依据充分。 |

- 7 -

${head}
|  |  | 立项程序规范性 | 程序规范得满分 | — | — | 本项目不涉及。 |
| 效益 | 满意度 | 群众满意度 | 90%以上得满分 | 50 | 45 | 问卷满意度88%。 |
`;
  const r = importText(md, { name: 'na.md' });
  assert.equal(r.evaluation.indicators['立项依据充分性']?.note, '依据充分。');
  assert.deepEqual(
    r.frameworkSource!.indicators.map((i) => [i.name, i.weight]),
    [
      ['决策', 50],
      ['效益', 50],
    ],
  );
  assert.equal(score(r.framework, r.evaluation).total, 95);
  assert.ok(!r.confidence.some((c) => /跨页的单元格/.test(c.note)));
});
