/**
 * 上街 (seed 000)《部门整体绩效自评表》: 名称 / 自评得分 / 自评结果, 年度总体目标, 年度主要任务 with their
 * money and 执行率, the 预算情况 block (the 一级 预算执行率 indicator's 分值 and 得分 sit there, its rate a
 * formula of 执行数 ÷ 全年预算数), then 一级/二级/三级指标 with 指标值, 度量单位, 实际完成值, 分值, 得分,
 * 未完成原因分析 (its heading row repeated on every page); 合计; the region's 注.
 */
import { budgetIndicator, budgetTotal, type TreeItem, unitOf } from '../context.js';
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

/** The 预算情况 block: 部门预算总额 and 基本/项目/其他支出; the budget indicator's 分值 and 得分. */
export function budgetRows(f: Fmt, leaf: TreeItem | undefined, label: string): Row[] {
  const b = f.ctx.ev.figures.budget ?? {};
  const parts: Array<[string, { budget?: number; executed?: number } | undefined]> = [
    ['（1）基本支出', b.basic],
    ['（2）项目支出', b.project],
    ['（3）其他支出', b.other],
  ];
  const shown = parts.filter(([, p]) => p && (p.budget !== undefined || p.executed !== undefined));
  const total = budgetTotal(f.ctx);
  const rows: Row[] = [
    {
      cells: [
        head(label, { rowSpan: 2 + shown.length }),
        head('', { colSpan: 2 }),
        head('年初预算数'),
        head('全年预算数'),
        head('执行数'),
        head('预算执行率'),
        head('分值'),
        head('得分'),
      ],
    },
    {
      cells: [
        cell('部门预算总额', { colSpan: 2 }),
        moneyCell(b.initial),
        moneyCell(total, { id: 'fig:budget.total', input: true }),
        moneyCell(b.executed, { id: 'fig:budget.executed', input: true }),
        rateCell(b.executed, total, { num: 'fig:budget.executed', den: 'fig:budget.total' }),
        leaf ? weightCell(f, leaf) : center('—'),
        leaf ? scoreCell(f, leaf) : center('—'),
      ],
    },
  ];
  shown.forEach(([name, p], i) => {
    rows.push({
      cells: [
        cell(`${i === 0 ? '资金结构：' : ''}${name}`, { colSpan: 2 }),
        center(''),
        moneyCell(p!.budget),
        moneyCell(p!.executed),
        rateCell(p!.executed, p!.budget),
        center('—'),
        center('—'),
      ],
    });
  });
  return rows;
}

export function shangjie(f: Fmt): Table {
  const { ctx } = f;
  const ev = ctx.ev;
  const budgetLeaf = budgetIndicator(ctx);
  const inTable = ctx.roots.filter((r) => !budgetLeaf || (r !== budgetLeaf && !r.children.includes(budgetLeaf)));
  const rows: Row[] = [];
  rows.push({
    cells: [
      head('部门（单位）名称', { rowSpan: 2, colSpan: 2 }),
      center(ev.unit, { rowSpan: 2, colSpan: 4 }),
      head('自评得分', { colSpan: 2 }),
      totalCell(f, 'main-head', ['main:total']),
    ],
  });
  rows.push({ cells: [head('自评结果', { colSpan: 2 }), gradeCell(f, 'main')] });
  const missed = ctx.leaves.filter((l) => l.indicator?.missed).length;
  rows.push({
    cells: [
      head('年度总体目标', { colSpan: 2 }),
      cell(ev.goals ?? '', { colSpan: 4 }),
      head('年度总体目标完成情况', { colSpan: 2 }),
      center(missed ? `${missed}项指标未达到指标值` : '完成'),
    ],
  });
  const tasks = ev.tasks ?? [];
  if (tasks.length) {
    rows.push({
      cells: [
        head('年度主要任务', { rowSpan: tasks.length + 1 }),
        ...[
          '任务名称',
          '主要内容',
          '预算资金',
          '其中：财政资金',
          '任务完成情况',
          '预算执行数',
          '其中：财政资金',
          '预算执行率',
        ].map((t) => head(t)),
      ],
    });
    for (const t of tasks) {
      rows.push({
        cells: [
          cell(t.name),
          cell(t.content ?? ''),
          moneyCell(t.budget),
          moneyCell(t.fiscalBudget),
          center(t.status ?? ''),
          moneyCell(t.executed),
          moneyCell(t.fiscalExecuted),
          rateCell(t.executed, t.budget),
        ],
      });
    }
  }
  rows.push(...budgetRows(f, budgetLeaf, '预算情况'));
  rows.push(
    headRow(['一级指标', '二级指标', '三级指标', '指标值', '度量单位', '实际完成值', '分值', '得分', '未完成原因分析']),
  );
  for (const row of leafRows(inTable)) {
    const l = row.leaf;
    rows.push({
      cells: [
        ...nameCells(row, 3, nameOnly()),
        center(targetText(l)),
        center(unitOf(l)),
        actualCell(ctx, l),
        weightCell(f, l),
        scoreCell(f, l),
        cell(l.indicator?.deviationReason ?? ''),
      ],
    });
  }
  rows.push({
    cells: [
      head('合计', { colSpan: 6 }),
      totalWeightCell(f, { bold: true }),
      totalCell(f, 'main', leafRefs(ctx.roots)),
      cell(''),
    ],
  });
  return base(ctx, {
    title: '部门整体绩效自评表',
    captions: [
      { center: `（${ev.year}年度）` },
      { left: `填表人及联系方式：${ev.contact ?? ''}`, right: '单位：万元' },
    ],
    columns: [6, 10, 12, 8, 7, 8, 6, 6, 11],
    rows,
    orientation: 'portrait',
  });
}
