/**
 * The 自评表 of a framework without a region layout: 一级/二级/三级, 指标值, 实际完成值, 分值, 得分, 偏差原因;
 * 合计; 评价等级.
 */
import type { Row, Table } from '../model.js';
import {
  base,
  cell,
  center,
  type Fmt,
  gradeCell,
  head,
  headRow,
  leafRefs,
  leafRows,
  nameCells,
  nameOnly,
  scoreCell,
  targetText,
  totalCell,
  totalWeightCell,
  weightCell,
} from './cells.js';
import { actualCell } from './scoring.js';

export function generic(f: Fmt): Table {
  const { ctx } = f;
  const rows: Row[] = [
    headRow(['一级指标', '二级指标', '三级指标', '指标值', '实际完成值', '分值', '得分', '偏差原因']),
  ];
  for (const row of leafRows(ctx.roots)) {
    const l = row.leaf;
    rows.push({
      cells: [
        ...nameCells(row, 3, nameOnly()),
        center(targetText(l)),
        actualCell(ctx, l),
        weightCell(f, l),
        scoreCell(f, l),
        cell(l.indicator?.deviationReason ?? ''),
      ],
    });
  }
  rows.push({
    cells: [
      head('合计', { colSpan: 5 }),
      totalWeightCell(f, { bold: true }),
      totalCell(f, 'main', leafRefs(ctx.roots)),
      center(''),
    ],
  });
  rows.push({ cells: [head('评价等级', { colSpan: 6 }), gradeCell(f, 'main'), center('')] });
  return base(ctx, {
    title: ctx.outline.tableTitle ?? (ctx.fw.kind === 'project' ? '项目支出绩效自评表' : '部门整体支出绩效自评表'),
    captions: [{ center: `（${ctx.ev.year}年度）` }],
    columns: [10, 11, 16, 10, 10, 6, 6, 16],
    rows,
    orientation: 'portrait',
  });
}
