/**
 * 怀柔 (seed 004)《部门整体绩效评价指标体系评分表》in its blocks: 一、当年预算执行情况 (预算数, 执行数,
 * 预算执行率 of 资金总体 and 基本/项目/其他; 分值, 得分, 指标解释, 评分标准 merged over them), then one block
 * per further 一级 indicator with 三级指标, 指标值, 完成值, 分值, 得分, 指标解释, 评分标准 — a 二级
 * indicator's explanation printed once over the unit's own 三级 indicators — and, for 二级 indicators
 * measured year on year (结转结余率, 部门预决算差异率), the 指标 / 上年 / 本年 sub-block; a 小计 per block,
 * 合计, 评价等级. Each block's title and heading rows repeat on its pages. Landscape.
 */
import { budgetIndicator, budgetTotal, cn, type Ctx, type TreeItem, weightText } from '../context.js';
import type { Cell, Row, Table } from '../model.js';
import { fullName } from '../names.js';
import {
  base,
  cell,
  center,
  type Fmt,
  gradeCell,
  head,
  headRow,
  leafRows,
  moneyCell,
  nameCells,
  nameOnly,
  percentCell,
  rateCell,
  scoreCell,
  span,
  subtotalCell,
  targetText,
  totalCell,
  totalWeightCell,
  weightCell,
  withWeight,
  leafRefs,
} from './cells.js';
import { actualCell } from './scoring.js';

const std = (t: TreeItem | undefined, key: 'explanation' | 'standard') => (t?.node?.[key] ?? '').trim();

/** 上年 and 本年 of a year-on-year indicator: the entered values, else the figures' rates (numbers, in percent). */
function years(ctx: Ctx, l: TreeItem): [Cell, Cell] {
  const input = ctx.ev.indicators[l.id];
  const m = l.node?.metric ? ctx.res.metrics.find((x) => x.id === l.node!.metric) : undefined;
  const prevRate = l.node?.metric === 'carryOverRate' ? ctx.ev.figures.budget?.previousCarryOverRate : undefined;
  const prev =
    input?.previous !== undefined
      ? center(String(input.previous))
      : prevRate !== undefined
        ? percentCell(prevRate)
        : center('无');
  const now =
    input?.actual !== undefined
      ? actualCell(ctx, l)
      : m?.value !== undefined
        ? percentCell(m.value, { key: `actual:${l.id}` })
        : center('无', { key: `actual:${l.id}` });
  return [prev, now];
}

function budgetBlock(f: Fmt, r: TreeItem, leaf: TreeItem): Row[] {
  const { ctx } = f;
  const b = ctx.ev.figures.budget ?? {};
  const parts: Array<[string, { budget?: number; executed?: number } | undefined]> = [
    ['基本支出', b.basic],
    ['项目支出', b.project],
    ['其他', b.other],
  ];
  const shown = parts.filter(([, p]) => p !== undefined);
  const n = 1 + shown.length;
  const total = budgetTotal(ctx);
  const rows: Row[] = [
    headRow([
      '一级指标',
      '二级指标',
      '预算数（万元）',
      '执行数（万元）',
      '预算执行率',
      '分值',
      '得分',
      '指标解释',
      '评分标准',
    ]),
    {
      cells: [
        center(`${fullName(r)}（${weightText(r.score.weight, ctx.d)}）`, { rowSpan: n }),
        center(leaf === r ? '资金总体' : fullName(leaf)),
        moneyCell(total, { id: 'fig:budget.total', input: true }),
        moneyCell(b.executed, { id: 'fig:budget.executed', input: true }),
        rateCell(b.executed, total, { num: 'fig:budget.executed', den: 'fig:budget.total' }),
        weightCell(f, leaf, { rowSpan: n }),
        scoreCell(f, leaf, { rowSpan: n }),
        cell(std(leaf, 'explanation'), { rowSpan: n, align: 'justify' }),
        cell(std(leaf, 'standard'), { rowSpan: n, align: 'justify' }),
      ],
    },
  ];
  for (const [name, p] of shown)
    rows.push({
      cells: [
        center(name),
        moneyCell(p!.budget),
        moneyCell(p!.executed),
        p!.budget ? rateCell(p!.executed, p!.budget) : center('——'),
      ],
    });
  return rows;
}

function indicatorBlock(f: Fmt, r: TreeItem): Row[] {
  const { ctx } = f;
  const rows: Row[] = [];
  const nested = r.children.filter((c) => c.children.length);
  const flat = r.children.length ? r.children.filter((c) => !c.children.length) : [r];
  if (nested.length) {
    rows.push(
      headRow(['一级指标', '二级指标', '三级指标', '指标值', '完成值', '分值', '得分', '指标解释', '评分标准']),
    );
    // The 一级 cell spans the nested part only; the year-on-year 二级 indicators follow in their own sub-block.
    const root: TreeItem = { ...r, children: nested };
    // 指标解释 / 评分标准 printed once for a 二级 indicator whose 三级 indicators (the unit's own) have none.
    const merged = (l: TreeItem) => {
      const p = l.parent;
      return p &&
        p.level >= 2 &&
        !std(l, 'explanation') &&
        !std(l, 'standard') &&
        (std(p, 'explanation') || std(p, 'standard'))
        ? p
        : undefined;
    };
    for (const row of leafRows([root])) {
      const l = row.leaf;
      const m = merged(l);
      const texts: Cell[] = [];
      if (!m)
        texts.push(cell(std(l, 'explanation'), { align: 'justify' }), cell(std(l, 'standard'), { align: 'justify' }));
      else if (m.children[0] === l)
        texts.push(
          cell(std(m, 'explanation'), { rowSpan: span(m), align: 'justify' }),
          cell(std(m, 'standard'), { rowSpan: span(m), align: 'justify' }),
        );
      // 一级、二级 names carry their weight, “产出（30）”; the 三级 indicator has its own 分值 column.
      const names = (t: TreeItem, rowSpan: number, levels: number) =>
        t === l ? nameOnly()(t, rowSpan, levels) : withWeight(f, '')(t, rowSpan, levels);
      rows.push({
        cells: [
          ...nameCells(row, 3, names),
          center(targetText(l)),
          actualCell(ctx, l),
          weightCell(f, l),
          scoreCell(f, l),
          ...texts,
        ],
      });
    }
  }
  if (flat.length) {
    rows.push(
      headRow(['指标', '', '', `${ctx.ev.year - 1}年`, `${ctx.ev.year}年`, '分值', '得分', '指标解释', '评分标准']),
    );
    // “指标” spans the three name columns.
    rows[rows.length - 1]!.cells.splice(0, 3, head('指标', { colSpan: 3 }));
    for (const l of flat) {
      const [prev, now] = years(ctx, l);
      rows.push({
        cells: [
          center(`${fullName(l)}（${weightText(l.score.weight, ctx.d)}）`, { colSpan: 3 }),
          prev,
          now,
          weightCell(f, l),
          scoreCell(f, l),
          cell(std(l, 'explanation'), { align: 'justify' }),
          cell(std(l, 'standard'), { align: 'justify' }),
        ],
      });
    }
  }
  return rows;
}

export function huairou(f: Fmt): Table {
  const { ctx } = f;
  const budgetLeaf = budgetIndicator(ctx);
  const rows: Row[] = [];
  const blockCells: string[] = [];
  ctx.roots.forEach((r, i) => {
    // The block's title row repeats with its heading rows on the block's later pages.
    rows.push({
      header: true,
      cells: [
        cell(`${cn(i + 1)}、${fullName(r)}（${weightText(r.score.weight, ctx.d)}分）`, { colSpan: 9, bold: true }),
      ],
    });
    const isBudget = budgetLeaf && (r === budgetLeaf || r.children.includes(budgetLeaf));
    const block = isBudget ? budgetBlock(f, r, budgetLeaf) : indicatorBlock(f, r);
    // Only the block's first heading row repeats (with the title row).
    block[0]!.header = true;
    for (const row of block.slice(1)) if (row.header) row.header = false;
    rows.push(...block);
    rows.push({
      cells: [
        head('小计', { colSpan: 5 }),
        weightCell(f, r, { bold: true }),
        subtotalCell(f, 'main', r, leafRefs([r])),
        center('', { colSpan: 2 }),
      ],
    });
    blockCells.push(`main:sub:${r.id}`);
  });
  rows.push({
    cells: [
      head('合计', { colSpan: 5 }),
      totalWeightCell(f, { bold: true }),
      totalCell(f, 'main', blockCells),
      center('', { colSpan: 2 }),
    ],
  });
  rows.push({ cells: [head('评价等级', { colSpan: 6 }), gradeCell(f, 'main'), center('', { colSpan: 2 })] });
  return base(ctx, {
    title: ctx.outline.tableTitle ?? '部门整体绩效评价指标体系评分表',
    captions: [{ center: `（${ctx.ev.year}年度）` }],
    columns: [8, 8, 12, 10, 8, 4, 4, 22, 24],
    rows,
    fontSize: 9,
    orientation: 'landscape',
  });
}
