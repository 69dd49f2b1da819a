/**
 * 各级指标得分汇总表: per 一级 and 二级 indicator its 分值 and its 得分 as a formula over the leaf cells of
 * the 自评表 (cached value: the core's subtotal). The 审核意见's version adds the self-scores the unit
 * printed beside them.
 */
import { scoreText, type TreeItem } from '../context.js';
import type { Row, Table } from '../model.js';
import { fullName } from '../names.js';
import {
  cell,
  center,
  type Fmt,
  gradeCell,
  head,
  headRow,
  leafRefs,
  subtotalCell,
  totalCell,
  totalWeightCell,
  weightCell,
} from './cells.js';

export function summaryTable(f0: Fmt['ctx'], opts: { claimed?: boolean } = {}): Table {
  const ctx = f0;
  const f: Fmt = { ctx, fixed: false };
  const id = opts.claimed ? 'rsum' : 'sum';
  const hasClaims = !!opts.claimed && ctx.res.indicators.some((i) => i.claimed !== undefined);
  const claimed = (t: TreeItem) =>
    t.score.claimed === undefined
      ? center('')
      : center(scoreText(t.score.claimed, ctx.d), { value: t.score.claimed, nowrap: true });
  const rows: Row[] = [
    headRow(
      hasClaims ? ['一级指标', '二级指标', '分值', '得分', '自评表填报得分'] : ['一级指标', '二级指标', '分值', '得分'],
    ),
  ];
  const tail = (t: TreeItem) => (hasClaims ? [claimed(t)] : []);
  const levelOne: string[] = [];
  for (const r of ctx.roots) {
    if (!r.children.length) {
      rows.push({
        cells: [
          cell(fullName(r), { colSpan: 2 }),
          weightCell(f, r),
          subtotalCell(f, id, r, [`s:${r.id}`], { bold: false }),
          ...tail(r),
        ],
      });
      levelOne.push(`${id}:sub:${r.id}`);
      continue;
    }
    r.children.forEach((ch, i) => {
      rows.push({
        cells: [
          ...(i === 0 ? [center(fullName(r), { rowSpan: r.children.length + 1 })] : []),
          cell(fullName(ch)),
          weightCell(f, ch),
          subtotalCell(f, id, ch, leafRefs([ch]), { bold: false }),
          ...tail(ch),
        ],
      });
    });
    rows.push({
      cells: [
        head('小计'),
        weightCell(f, r, { bold: true }),
        subtotalCell(
          f,
          id,
          r,
          r.children.map((c) => `${id}:sub:${c.id}`),
        ),
        ...tail(r),
      ],
    });
    levelOne.push(`${id}:sub:${r.id}`);
  }
  const claimedTotal = ctx.res.claimedTotal;
  rows.push({
    cells: [
      head('合计', { colSpan: 2 }),
      totalWeightCell(f, { bold: true }),
      totalCell(f, id, levelOne),
      ...(hasClaims
        ? [
            center(
              claimedTotal === undefined ? '' : scoreText(claimedTotal, ctx.d),
              claimedTotal === undefined ? {} : { value: claimedTotal, nowrap: true },
            ),
          ]
        : []),
    ],
  });
  rows.push({
    cells: [
      head('评价等级', { colSpan: 3 }),
      gradeCell(f, id),
      ...(hasClaims ? [center(ctx.res.statedGrade ?? '')] : []),
    ],
  });
  return {
    id,
    title: '各级指标得分汇总表',
    titleStyle: 'caption',
    sheetName: opts.claimed ? '得分对照' : '得分汇总',
    captions: [],
    columns: hasClaims ? [14, 26, 8, 8, 12] : [16, 30, 10, 10],
    rows,
    notes: hasClaims ? ['“得分”按评分规则计算；“自评表填报得分”为单位填报的得分。'] : [],
    fontSize: 12,
    orientation: 'portrait',
  };
}
