/**
 * 龙华 (seed 003)《部门整体支出绩效自评表》: 评价指标 (一级/二级/三级 名称 + 分值, three heading rows),
 * 参考评分标准, 自评得分; 合计 and 评价等级 (the seed prints neither). Landscape.
 */
import type { TreeItem } from '../context.js';
import { fullName } from '../names.js';
import type { Cell, Row, Table } from '../model.js';
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
  totalWeightCell,
  weightCell,
} from './cells.js';

export function longhua(f: Fmt): Table {
  const { ctx } = f;
  const rows: Row[] = [
    {
      header: true,
      cells: [head('评价指标', { colSpan: 6 }), head('参考评分标准', { rowSpan: 3 }), head('自评得分', { rowSpan: 3 })],
    },
    {
      header: true,
      cells: [head('一级指标', { colSpan: 2 }), head('二级指标', { colSpan: 2 }), head('三级指标', { colSpan: 2 })],
    },
    headRow(['名称', '分值', '名称', '分值', '名称', '分值']),
  ];
  const cellsFor = (t: TreeItem, rowSpan: number, levels: number): Cell[] => [
    center(fullName(t), { rowSpan, colSpan: 2 * levels - 1 }),
    weightCell(f, t, { rowSpan }),
  ];
  for (const row of leafRows(ctx.roots)) {
    const l = row.leaf;
    rows.push({
      cells: [...nameCells(row, 3, cellsFor), cell(l.node?.standard ?? '', { align: 'justify' }), scoreCell(f, l)],
    });
  }
  rows.push({
    cells: [
      head('合计', { colSpan: 5 }),
      totalWeightCell(f, { bold: true }),
      center(''),
      totalCell(f, 'main', leafRefs(ctx.roots)),
    ],
  });
  rows.push({ cells: [head('评价等级', { colSpan: 7 }), gradeCell(f, 'main')] });
  return base(ctx, {
    title: ctx.outline.tableTitle ?? '部门整体支出绩效自评表',
    captions: [{ center: `（${ctx.ev.year}年）` }],
    columns: [7, 3, 7, 3, 10, 3, 56, 5],
    rows,
    fontSize: 9,
    orientation: 'landscape',
  });
}
