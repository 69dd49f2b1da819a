// 部门整体支出绩效目标表 as an HTML page, in the Henan reference layout (年度总体目标、年度主要任务、预算情况、绩效指标).
import { TARGET_SOURCE_LABELS, type ApprovedTargets } from '../../core/cycle/index.js';
import { wan } from '../../core/decimal.js';

const esc = (s: unknown): string =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const STYLE = `body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.5rem;text-align:center}p.meta{text-align:center;color:#444}
table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #333;padding:.35rem .5rem;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right;white-space:nowrap}`;

/** The approved set, as the region publishes it: the version in force and its adjustments. */
export function targetsHtml(a: ApprovedTargets): string {
  const s = a.set;
  const b = s.budget;
  const row = (label: string, v: number | undefined) =>
    v === undefined ? '' : `<tr><td colspan="3">${esc(label)}</td><td class="num" colspan="2">${wan(v)}</td></tr>`;
  const lines = [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${esc(s.unit)}${s.year}年度部门整体支出绩效目标表</title><style>${STYLE}</style></head><body>`,
    `<h1>${s.year}年度部门整体支出绩效目标表</h1>`,
    `<p class="meta">单位：${esc(s.unit)}　　第${a.version}版，${esc(a.approvedAt.slice(0, 10))}批复　　金额单位：万元</p>`,
    '<table>',
    `<tr><th>年度总体目标</th><td colspan="4">${s.goals.map((g, i) => `目标${i + 1}：${esc(g)}`).join('<br>')}</td></tr>`,
    `<tr><th rowspan="${s.tasks.length + 1}">年度主要任务</th><th colspan="2">任务名称</th><th>主要内容</th><th>预算资金</th></tr>`,
    ...s.tasks.map(
      (t) =>
        `<tr><td colspan="2">${esc(t.name)}</td><td>${esc(t.content)}</td><td class="num">${wan(t.budget)}</td></tr>`,
    ),
    '</table><table>',
    `<tr><th colspan="5">预算情况</th></tr>`,
    row('部门预算总额', b.total),
    row('资金来源：政府预算资金', b.sources?.government),
    row('财政专户管理资金', b.sources?.specialAccount),
    row('单位资金', b.sources?.unitFunds),
    row('资金结构：基本支出', b.structure?.basic),
    row('项目支出', b.structure?.project),
    '</table><table>',
    '<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th><th>指标值来源及说明</th></tr>',
    ...s.indicators.map(
      (i) =>
        `<tr><td>${esc(i.level1)}</td><td>${esc(i.level2)}</td><td>${esc(i.name)}</td><td>${esc(i.target)}${esc(i.unit)}</td><td>${esc(i.source ? TARGET_SOURCE_LABELS[i.source] : '')}${i.explanation ? `；${esc(i.explanation)}` : ''}</td></tr>`,
    ),
    '</table>',
  ];
  if (a.adjustments.length)
    lines.push(
      '<h2 style="font-size:1.1rem">目标调整</h2><table><tr><th>版本</th><th>调整事项</th><th>原值</th><th>调整为</th><th>理由</th></tr>',
      ...a.adjustments.map(
        (x) =>
          `<tr><td>第${x.version}版（${esc(x.at.slice(0, 10))}）</td><td>${esc(x.indicator ?? x.task)}</td><td>${esc(x.from)}</td><td>${esc(x.indicator ? x.target : x.budget)}</td><td>${esc(x.reason)}</td></tr>`,
      ),
      '</table>',
    );
  lines.push('</body></html>');
  return lines.join('\n');
}
