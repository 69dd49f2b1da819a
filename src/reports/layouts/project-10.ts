/**
 * 财预〔2020〕10号 附1 (also 101号)《项目支出绩效自评表》: 项目名称, 主管部门 / 实施单位, the 项目资金 block
 * (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 — the 预算执行率 indicator), 年度总体目标
 * (预期目标 / 实际完成情况), 绩效指标 (一级/二级/三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及
 * 改进措施, its heading row repeated on every page), 总分, 评价等级.
 */
import { budgetIndicator, budgetTotal } from '../context.js';
import type { Row, Table } from '../model.js';
import { distinctName } from '../names.js';
import {
  base,
  cell,
  center,
  type Fmt,
  gradeCell,
  head,
  leafRefs,
  leafRows,
  moneyCell,
  nameCells,
  nameOnly,
  rateCell,
  scoreCell,
  targetText,
  totalCell,
  totalWeightCell,
  weightCell,
} from './cells.js';
import { actualCell } from './scoring.js';

export function project10(f: Fmt): Table {
  const { ctx } = f;
  const ev = ctx.ev;
  const b = ev.figures.budget ?? {};
  const n = ev.narrative ?? {};
  const budgetLeaf = budgetIndicator(ctx);
  const inTable = ctx.roots.filter((r) => !budgetLeaf || (r !== budgetLeaf && !r.children.includes(budgetLeaf)));
  const total = budgetTotal(ctx);
  const rows: Row[] = [];
  rows.push({ cells: [head('项目名称', { colSpan: 2 }), cell(ev.unit, { colSpan: 7 })] });
  rows.push({
    cells: [
      head('主管部门', { colSpan: 2 }),
      cell(n['主管部门'] ?? '', { colSpan: 3 }),
      head('实施单位', { colSpan: 2 }),
      cell(n['实施单位'] ?? '', { colSpan: 2 }),
    ],
  });
  rows.push({
    cells: [
      head('项目资金（万元）', { rowSpan: 5 }),
      head('', { colSpan: 2 }),
      ...['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].map((t) => head(t)),
    ],
  });
  rows.push({
    cells: [
      cell('年度资金总额', { colSpan: 2 }),
      moneyCell(b.initial),
      moneyCell(total, { id: 'fig:budget.total', input: true }),
      moneyCell(b.executed, { id: 'fig:budget.executed', input: true }),
      budgetLeaf ? weightCell(f, budgetLeaf) : center('—'),
      rateCell(b.executed, total, { num: 'fig:budget.executed', den: 'fig:budget.total' }),
      budgetLeaf ? scoreCell(f, budgetLeaf) : center('—'),
    ],
  });
  for (const [label, v] of [
    ['其中：当年财政拨款', undefined],
    ['上年结转资金', b.carryOver],
    ['其他资金', undefined],
  ] as const) {
    rows.push({
      cells: [cell(label, { colSpan: 2 }), moneyCell(v), center(''), center(''), center('—'), center(''), center('—')],
    });
  }
  const leaves = leafRows(inTable);
  const missed = ctx.leaves.filter((l) => l.indicator?.missed);
  const done =
    n['实际完成情况'] ??
    `${ctx.leaves.length}项绩效指标中${ctx.leaves.length - missed.length}项达到年度指标值${missed.length ? `，${missed.map((l) => distinctName(ctx, l)).join('、')}未达到` : ''}。`;
  rows.push({
    cells: [
      head('年度总体目标', { rowSpan: 2 }),
      head('预期目标', { colSpan: 4 }),
      head('实际完成情况', { colSpan: 4 }),
    ],
  });
  rows.push({ cells: [cell(ev.goals ?? '', { colSpan: 4 }), cell(done, { colSpan: 4 })] });
  rows.push({
    header: true,
    cells: [
      head('绩效指标', { rowSpan: leaves.length + 1 }),
      ...['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'].map(
        (t) => head(t),
      ),
    ],
  });
  for (const row of leaves) {
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
      head('总分', { colSpan: 6 }),
      totalWeightCell(f, { bold: true }),
      totalCell(f, 'main', leafRefs(ctx.roots)),
      center(''),
    ],
  });
  rows.push({ cells: [head('评价等级', { colSpan: 7 }), gradeCell(f, 'main'), center('')] });
  return base(ctx, {
    title: ctx.outline.tableTitle ?? '项目支出绩效自评表',
    captions: [{ center: `（${ev.year}年度）` }],
    columns: [7, 9, 9, 14, 10, 10, 7, 8, 14],
    rows,
    orientation: 'portrait',
  });
}
