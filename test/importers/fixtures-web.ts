import iconv from 'iconv-lite';

/**
 * A county government site's page carrying a 部门整体支出绩效自评报告 (issue 17): GBK-encoded, with a
 * navigation bar, the 当前位置 line, the 索引号 block of 政府信息公开, 字体大小 and 打印本页 tools, the
 * report body (a budget table and a score table whose 一级/二级 cells span rows) and a footer.
 * `planted` puts in the inconsistencies the audit must find; without it every figure holds.
 *
 * Hand-computed: weights 5+5+10+10+10+10+20+10+10+10 = 100; scores 5+4+9+9.5+10+9+18+10+8+9 = 91.5
 * (优, 90 and above); 基本支出 1200.00 + 项目支出 800.00 = 2000.00 = 全年预算数; 执行率 1902.40 ÷ 2000.00
 * = 95.12%. Planted: the text's total 92 (table 91.5), 决策 “19分” (table 5+4+9 = 18), 执行率 96.12%
 * (computed 95.12%), 项目支出 820.00 (1200.00 + 820.00 = 2020.00 ≠ 2000.00).
 */
export interface WebPageOptions {
  planted?: boolean;
}

const SCORE_ROWS: Array<[string, number, string, number, string, number, number, string]> = [
  // [一级, rowspan, 二级, rowspan, 三级, 分值, 得分, 评分依据]
  ['决策', 3, '目标设定', 2, '绩效目标合理性', 5, 5, '目标依据充分'],
  ['', 0, '', 0, '绩效指标明确性', 5, 4, '部分指标未细化量化'],
  ['', 0, '预算编制', 1, '预算编制科学性', 10, 9, '个别项目测算依据不足'],
  ['过程', 3, '资金管理', 2, '资金到位及时性', 10, 9.5, '一笔资金晚到位'],
  ['', 0, '', 0, '资金使用合规性', 10, 10, '无违规支出'],
  ['', 0, '组织实施', 1, '管理制度健全性', 10, 9, '制度执行记录不全'],
  ['产出', 2, '产出数量', 1, '年度任务完成率', 20, 18, '2项任务跨年'],
  ['', 0, '产出质量', 1, '任务验收合格率', 10, 10, '全部验收合格'],
  ['效益', 2, '社会效益', 1, '农业服务覆盖面', 10, 8, '边远村覆盖不足'],
  ['', 0, '满意度', 1, '服务对象满意度', 10, 9, '问卷满意度91%'],
];

export function countyPageHtml(opts: WebPageOptions = {}): string {
  const p = opts.planted === true;
  const rows = SCORE_ROWS.map(
    ([l1, s1, l2, s2, l3, w, sc, why]) =>
      `<tr>${s1 ? `<td rowspan="${s1}">${l1}</td>` : ''}${s2 ? `<td rowspan="${s2}">${l2}</td>` : ''}<td>${l3}</td><td>${w}</td><td>${sc}</td><td>${why}</td></tr>`,
  ).join('\n');
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>某某县农业农村局2022年度部门整体支出绩效自评报告_某某县人民政府</title>
<link rel="stylesheet" href="/css/style.css"><script type="text/javascript">var _hmt = _hmt || []; document.write("<p>统计代码</p>");</script>
</head><body>
<div class="top"><div class="logo"><img src="/images/logo.png" alt="某某县人民政府"></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjmy/">走进某某</a></li></ul></div></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/czxx/">财政信息</a></div>
<table class="xxgk_table" width="100%" border="1">
<tr><td>索引号：</td><td>11431003MB1C12345X/2023-00417</td><td>信息分类：</td><td>财政预决算</td></tr>
<tr><td>发布机构：</td><td>某某县农业农村局</td><td>生成日期：</td><td>2023-06-15</td></tr>
<tr><td>文号：</td><td></td><td>公开方式：</td><td>主动公开</td></tr>
</table>
<div class="article">
<h1 class="title">某某县农业农村局2022年度部门整体支出绩效自评报告</h1>
<div class="info">发布时间：2023-06-15 09:30　来源：某某县农业农村局　浏览次数：<span id="hits">132</span>　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="TRS_Editor" id="zoom">
<p>　　根据县财政局关于开展2022年度部门整体支出绩效自评工作的通知要求，我局对2022年度部门整体支出开展了绩效自评，现将有关情况报告如下。</p>
<p><strong>一、部门基本情况</strong></p>
<p>　　某某县农业农村局为县政府工作部门，内设股室8个，下属事业单位3个。</p>
<p><strong>二、部门预算执行情况</strong></p>
<p>　　2022年全年预算数为2000.00万元，预算执行数为1902.40万元。</p>
<table border="1" cellspacing="0" cellpadding="0" width="600">
<tr><td>项目</td><td>预算数（万元）</td><td>执行数（万元）</td><td>执行率</td></tr>
<tr><td>合计</td><td>2000.00</td><td>1902.40</td><td>${p ? '96.12%' : '95.12%'}</td></tr>
<tr><td>基本支出</td><td>1200.00</td><td>1180.00</td><td>98.33%</td></tr>
<tr><td>项目支出</td><td>${p ? '820.00' : '800.00'}</td><td>722.40</td><td>${p ? '88.10%' : '90.30%'}</td></tr>
</table>
<p><strong>三、绩效自评情况</strong></p>
<p>　　按照部门整体支出绩效评价指标体系，我局自评综合得分为${p ? '92' : '91.5'}分，评价等次为优。其中决策类指标得分为${p ? '19' : '18'}分。</p>
<p>附表：部门整体支出绩效评价指标评分表</p>
<table border="1" cellspacing="0" cellpadding="0" width="100%">
<tbody>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>分值</td><td>得分</td><td>评分依据</td></tr>
${rows}
<tr><td colspan="3">合计</td><td>100</td><td>91.5</td><td></td></tr>
</tbody></table>
<p><strong>四、存在的问题及改进措施</strong></p>
<p>　　部分绩效指标未细化量化，下一步将加强绩效目标管理。</p>
<p style="text-align:right">某某县农业农村局</p><p style="text-align:right">2023年6月12日</p>
</div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="footer"><p>主办单位：某某县人民政府办公室　版权所有 © 2023</p><p>湘ICP备12345678号　网站标识码：4310030001</p></div>
</body></html>`;
}

/** The page as the site serves it: GBK (GB2312 declared). */
export function countyPageGbk(opts: WebPageOptions = {}): Buffer {
  return iconv.encode(countyPageHtml(opts), 'gbk');
}
