/**
 * 评分核查情况表 of the 审核意见: the core's findings on the unit's scores — where a printed score differs
 * from the rules, what could not be verified and why — each against the indicator's full name.
 */
import { type Finding, SEVERITIES, SEVERITY_ZH } from '../../core/findings.js';
import { type Ctx, scoreText } from '../context.js';
import type { Row, Table } from '../model.js';
import { distinctName } from '../names.js';
import { cell, center, headRow } from './cells.js';

export function findingsTable(ctx: Ctx): Table {
  const d = ctx.d;
  const rows: Row[] = [headRow(['序号', '类别', '指标', '说明', '规则得分', '自评得分'])];
  const byPath = new Map([...ctx.items.values()].map((t) => [t.score.path.join('/'), t]));
  const label = (x: Finding) => {
    if (x.indicator === undefined) return '总体';
    const t = x.path ? byPath.get(x.path.join('/')) : undefined;
    return t ? distinctName(ctx, t) : x.indicator;
  };
  const num = (v: number | undefined) =>
    v === undefined ? center('') : center(scoreText(v, d), { value: v, nowrap: true });
  ctx.res.findings.forEach((x, i) => {
    rows.push({
      cells: [
        center(String(i + 1), { value: i + 1, nowrap: true }),
        center(SEVERITY_ZH[x.severity], { nowrap: true }),
        cell(label(x)),
        cell(x.message, { align: 'justify' }),
        num(x.expected),
        num(x.stated),
      ],
    });
  });
  if (!ctx.res.findings.length)
    rows.push({
      cells: [center('—'), center(''), cell(''), cell('各项得分均符合评分规则，未发现问题。'), center(''), center('')],
    });
  const counts = SEVERITIES.map((s) => [s, ctx.res.findings.filter((x) => x.severity === s).length] as const).filter(
    ([, n]) => n,
  );
  return {
    id: 'findings',
    title: '评分核查情况表',
    titleStyle: 'document',
    sheetName: '评分核查',
    captions: [{ center: `（${ctx.ev.unit}　${ctx.ev.year}年度）` }],
    columns: [4, 5, 18, 50, 7, 7],
    rows,
    notes: [
      `共${ctx.res.findings.length}项${counts.length ? `（${counts.map(([s, n]) => `${SEVERITY_ZH[s]}${n}项`).join('，')}）` : ''}。“规则得分”为按评分规则计算的得分，“自评得分”为单位填报的得分。`,
    ],
    fontSize: 10.5,
    orientation: 'portrait',
  };
}
