/**
 * 赫山 (seed 002)《部门整体支出绩效自评指标计分表》: 一级/二级/三级 “名称（N分）”, 自评分, 指标解释,
 * 指标说明; 总分; 评价等级. Landscape.
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
  scoreCell,
  totalCell,
  withWeight,
} from './cells.js';

export function heshan(f: Fmt): Table {
  const { ctx } = f;
  const rows: Row[] = [headRow(['一级指标', '二级指标', '三级指标', '自评分', '指标解释', '指标说明'])];
  for (const row of leafRows(ctx.roots)) {
    const l = row.leaf;
    rows.push({
      cells: [
        ...nameCells(row, 3, withWeight(f)),
        scoreCell(f, l),
        cell(l.node?.explanation ?? '', { align: 'justify' }),
        cell(l.node?.standard ?? '', { align: 'justify' }),
      ],
    });
  }
  rows.push({
    cells: [head('总分', { colSpan: 3 }), totalCell(f, 'main', leafRefs(ctx.roots)), center(''), center('')],
  });
  rows.push({ cells: [head('评价等级', { colSpan: 3 }), gradeCell(f, 'main'), center(''), center('')] });
  return base(ctx, {
    title:
      ctx.outline.tableTitle?.replaceAll('{year}', String(ctx.ev.year)) ??
      `${ctx.ev.year}年度部门整体支出绩效自评指标计分表`,
    columns: [8, 9, 11, 5, 33, 34],
    rows,
    fontSize: 9,
    orientation: 'landscape',
  });
}
