// The public page of a region (/public/{code}): published 自评 with search by unit and year, readable without login.
import type { PublicList } from './contract.js';

const esc = (s: unknown): string =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const STYLE = `body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;max-width:64rem;margin:0 auto;padding:1.5rem;color:#1f1f1f}
h1{font-size:1.4rem;margin:0 0 .25rem}p.lead{color:#555;margin:0 0 1rem}form{display:flex;gap:.5rem;flex-wrap:wrap;margin:1rem 0}
input{padding:.4rem .6rem;border:1px solid #bbb;border-radius:4px}button{padding:.4rem 1rem;border:0;border-radius:4px;background:#1677ff;color:#fff}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e5e5;padding:.5rem;text-align:left;vertical-align:top}
th{background:#fafafa}td.num{text-align:right}a{color:#1677ff}p.empty{color:#777}`;

export function publicPage(list: PublicList, q: { unit?: string; year?: number }): string {
  const rows = list.items
    .map(
      (i) =>
        `<tr><td>${esc(i.unit)}</td><td>${i.year}</td><td class="num">${i.total === null ? '' : i.total.toFixed(2)}</td><td>${esc(i.grade)}</td><td>${esc(i.publishedAt.slice(0, 10))}</td><td>${i.files.map((f) => `<a href="${esc(f.href)}">${esc(f.label)}</a>`).join('<br>')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(list.region)} 部门整体支出绩效自评公开</title><style>${STYLE}</style></head><body>
<h1>${esc(list.region)} 部门整体支出绩效自评公开</h1>
<p class="lead">经财政局审核通过并公开的部门整体支出绩效自评表和自评报告。</p>
<form method="get"><label>单位 <input name="unit" value="${esc(q.unit)}" placeholder="单位名称"></label>
<label>年度 <input name="year" value="${esc(q.year)}" size="6" inputmode="numeric"></label><button type="submit">检索</button></form>
${
  list.items.length
    ? `<table><thead><tr><th>单位</th><th>年度</th><th>规则总分</th><th>等级</th><th>公开日期</th><th>文件</th></tr></thead><tbody>
${rows}
</tbody></table>`
    : '<p class="empty">没有符合条件的公开自评。</p>'
}
</body></html>`;
}
