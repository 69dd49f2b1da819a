import { dec, fmt } from '../core/decimal.js';
import type { Finding } from '../core/scoring.js';
import {
  budgetIndicator,
  budgetTotal,
  cn,
  type Ctx,
  leavesOf,
  money,
  ratioText,
  scoreText,
  type TreeItem,
  unitOf,
  weightText,
} from './context.js';
import type { Cell, Row, Table } from './model.js';

/**
 * The 自评表 in each region's layout (the framework's `layout`), the 得分汇总表 and the 核查情况表.
 * Rows list their cells left to right, skipping columns covered by row spans from above.
 * Every leaf's score appears exactly once, in a cell with id `s:<indicator id>`; subtotal and total
 * cells carry `calc` (which cells add up to them) and the core's value as the cached result.
 */

const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;

const cell = (text: string, o: Partial<Cell> = {}): Cell => ({ text, ...o });
const head = (text: string, o: Partial<Cell> = {}): Cell => ({ text, head: true, bold: true, align: 'center', ...o });
const center = (text: string, o: Partial<Cell> = {}): Cell => ({ text, align: 'center', ...o });

interface Fmt {
  ctx: Ctx;
  /** Print scores and weights with all decimals (晋中: 3.00). */
  fixed: boolean;
}

const numFmt = (f: Fmt) => (f.fixed ? `0.${'0'.repeat(f.ctx.d)}` : 'General');

function scoreCell(f: Fmt, t: TreeItem, o: Partial<Cell> = {}): Cell {
  const v = t.score.score;
  return center(scoreText(v, f.ctx.d, f.fixed), {
    value: v,
    numFmt: numFmt(f),
    id: `s:${t.id}`,
    key: `score:${t.id}`,
    ...o,
  });
}

function weightCell(f: Fmt, t: TreeItem, o: Partial<Cell> = {}): Cell {
  const v = t.score.weight;
  return center(weightText(v, f.ctx.d, f.fixed), { value: v, numFmt: numFmt(f), key: `weight:${t.id}`, ...o });
}

function refWeightCell(f: Fmt, t: TreeItem, o: Partial<Cell> = {}): Cell {
  const rw = t.node?.referenceWeight;
  if (rw === undefined) return center('', o);
  return center(fmt(rw), { value: rw.toNumber(), ...o });
}

/** A subtotal: the sum of its leaves' score cells (or of other subtotal cells); the value is the core's. */
function subtotalCell(f: Fmt, tableId: string, t: TreeItem, refs: string[], o: Partial<Cell> = {}): Cell {
  const v = t.score.score;
  return center(scoreText(v, f.ctx.d, f.fixed), {
    value: v,
    numFmt: numFmt(f),
    id: `${tableId}:sub:${t.id}`,
    key: `subtotal:${t.id}`,
    calc: { op: 'sum', refs },
    bold: true,
    ...o,
  });
}

function totalCell(f: Fmt, tableId: string, refs: string[], o: Partial<Cell> = {}): Cell {
  const v = f.ctx.res.total;
  return center(scoreText(v, f.ctx.d, f.fixed), {
    value: v,
    numFmt: numFmt(f),
    id: `${tableId}:total`,
    key: 'total',
    calc: { op: 'sum', refs },
    bold: true,
    ...o,
  });
}

function gradeCell(f: Fmt, tableId: string, o: Partial<Cell> = {}): Cell {
  const g = f.ctx.fw.grades;
  return center(f.ctx.res.grade, {
    value: f.ctx.res.grade,
    key: 'grade',
    calc: {
      op: 'grade',
      ref: `${tableId}:total`,
      bands: [...g.bands].sort((a, b) => b.min - a.min).map((b) => ({ name: b.name, min: b.min })),
      integer: g.mode === 'integer',
    },
    bold: true,
    ...o,
  });
}

/** 分值 of the whole table: Σ of the 一级 weights the unit's tree carries (the framework's total when they add up). */
function totalWeightCell(f: Fmt, o: Partial<Cell> = {}): Cell {
  const total = f.ctx.roots.reduce((a, r) => a.plus(r.score.weight), dec(0)).toNumber();
  return center(weightText(total, f.ctx.d, f.fixed), { value: total, numFmt: numFmt(f), key: 'weight:total', ...o });
}

/** Money in 万元: the unit's figure, two decimals, a number in the spreadsheet. */
const moneyCell = (v: number | undefined, o: Partial<Cell> = {}): Cell =>
  center(money(v), v === undefined ? o : { value: v, numFmt: '0.00', ...o });

const leafRefs = (items: TreeItem[]) => items.flatMap(leavesOf).map((l) => `s:${l.id}`);

interface LeafRow {
  leaf: TreeItem;
  /** From the 一级 indicator down to the leaf. */
  path: TreeItem[];
  /** The ancestors whose first leaf this is (their merged cells start on this row). */
  starts: Set<TreeItem>;
}

function leafRows(items: TreeItem[]): LeafRow[] {
  const out: LeafRow[] = [];
  const visit = (t: TreeItem, path: TreeItem[], starting: TreeItem[]) => {
    const p = [...path, t];
    if (!t.children.length) {
      out.push({ leaf: t, path: p, starts: new Set(starting) });
      return;
    }
    t.children.forEach((ch, i) => visit(ch, p, i === 0 ? [...starting, t] : []));
  };
  for (const t of items) visit(t, [], []);
  return out;
}

const span = (t: TreeItem) => leavesOf(t).length;

/**
 * The name columns of a leaf row, `depth` levels deep: an ancestor's cells (rowSpan over its leaves)
 * where its first leaf starts; the leaf's own cells span the levels below it.
 */
function nameCells(
  row: LeafRow,
  depth: number,
  cellsFor: (t: TreeItem, rowSpan: number, levels: number) => Cell[],
): Cell[] {
  const out: Cell[] = [];
  for (let lv = 1; lv <= depth; lv++) {
    const t = row.path[lv - 1];
    if (!t) break;
    if (t === row.leaf) {
      out.push(...cellsFor(t, 1, depth - lv + 1));
      break;
    }
    if (lv === depth) {
      // A tree deeper than the printed columns: the leaf takes the last column.
      out.push(...cellsFor(row.leaf, 1, 1));
      break;
    }
    if (row.starts.has(t)) out.push(...cellsFor(t, span(t), 1));
  }
  return out;
}

const nameOnly =
  (o: Partial<Cell> = {}) =>
  (t: TreeItem, rowSpan: number, levels: number): Cell[] => [
    cell(t.name, { rowSpan, colSpan: levels, align: 'center', ...o }),
  ];

/** 赫山 “绩效目标合理性（2分）”, 怀柔 “产出（30）”: the name with its weight. */
const withWeight =
  (f: Fmt, unit = '分') =>
  (t: TreeItem, rowSpan: number, levels: number): Cell[] => [
    center(`${t.name}（${weightText(t.score.weight, f.ctx.d)}${unit}）`, { rowSpan, colSpan: levels }),
  ];

function notes(ctx: Ctx): string[] {
  return ctx.fw.notes.length ? ctx.fw.notes.map((n, i) => `${i === 0 ? '注：' : '　　'}${i + 1}. ${n}`) : [];
}

function base(ctx: Ctx, o: Pick<Table, 'title' | 'columns' | 'rows' | 'orientation'> & Partial<Table>): Table {
  return {
    id: 'main',
    titleStyle: 'document',
    sheetName: '自评表',
    captions: [],
    notes: notes(ctx),
    fontSize: 10.5,
    ...o,
  };
}

const actualText = (t: TreeItem) => t.indicator?.actual ?? '';
const targetText = (t: TreeItem) => t.indicator?.target ?? '';

// ───────────────────────────── 上街：部门整体绩效自评表 ─────────────────────────────

function budgetRows(f: Fmt, leaf: TreeItem | undefined, label: string, cols: { lead: number }): Row[] {
  const b = f.ctx.ev.figures.budget ?? {};
  const rate = f.ctx.res.metrics.find((m) => m.id === 'budgetExecutionRate');
  const parts: Array<[string, { budget?: number; executed?: number } | undefined]> = [
    ['（1）基本支出', b.basic],
    ['（2）项目支出', b.project],
    ['（3）其他支出', b.other],
  ];
  const shown = parts.filter(([, p]) => p && (p.budget !== undefined || p.executed !== undefined));
  const rows: Row[] = [];
  const n = 2 + shown.length;
  rows.push({
    cells: [
      head(label, { rowSpan: n, colSpan: cols.lead }),
      head('', { colSpan: 2 }),
      head('年初预算数'),
      head('全年预算数'),
      head('执行数'),
      head('预算执行率'),
      head('分值'),
      head('得分'),
    ],
  });
  rows.push({
    cells: [
      cell('部门预算总额', { colSpan: 2 }),
      moneyCell(b.initial),
      moneyCell(budgetTotal(f.ctx)),
      moneyCell(b.executed),
      center(rate?.value !== undefined ? `${fmt(rate.value)}%` : ''),
      leaf ? weightCell(f, leaf) : center('—'),
      leaf ? scoreCell(f, leaf) : center('—'),
    ],
  });
  shown.forEach(([name, p], i) => {
    rows.push({
      cells: [
        cell(`${i === 0 ? '资金结构：' : ''}${name}`, { colSpan: 2 }),
        center(''),
        moneyCell(p!.budget),
        moneyCell(p!.executed),
        center(ratioText(p!.executed, p!.budget)),
        center('—'),
        center('—'),
      ],
    });
  });
  return rows;
}

function shangjie(f: Fmt): Table {
  const { ctx } = f;
  const ev = ctx.ev;
  const budgetLeaf = budgetIndicator(ctx);
  const inTable = ctx.roots.filter((r) => !budgetLeaf || (r !== budgetLeaf && !r.children.includes(budgetLeaf)));
  const rows: Row[] = [];
  const allRefs = leafRefs(ctx.roots);
  rows.push({
    cells: [
      head('部门（单位）名称', { rowSpan: 2, colSpan: 2 }),
      center(ev.unit, { rowSpan: 2, colSpan: 4 }),
      head('自评得分', { colSpan: 2 }),
      center(scoreText(ctx.res.total, ctx.d), {
        value: ctx.res.total,
        id: 'main:total-head',
        key: 'total',
        calc: { op: 'sum', refs: ['main:total'] },
        bold: true,
      }),
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
        head('任务名称'),
        head('主要内容'),
        head('预算资金'),
        head('其中：财政资金'),
        head('任务完成情况'),
        head('预算执行数'),
        head('其中：财政资金'),
        head('预算执行率'),
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
          center(ratioText(t.executed, t.budget)),
        ],
      });
    }
  }
  rows.push(...budgetRows(f, budgetLeaf, '预算情况', { lead: 1 }));
  rows.push({
    cells: [
      '一级指标',
      '二级指标',
      '三级指标',
      '指标值',
      '度量单位',
      '实际完成值',
      '分值',
      '得分',
      '未完成原因分析',
    ].map((t) => head(t)),
  });
  for (const row of leafRows(inTable)) {
    const l = row.leaf;
    rows.push({
      cells: [
        ...nameCells(row, 3, nameOnly()),
        center(targetText(l)),
        center(unitOf(l)),
        center(actualText(l)),
        weightCell(f, l),
        scoreCell(f, l),
        cell(l.indicator?.deviationReason ?? ''),
      ],
    });
  }
  rows.push({
    cells: [head('合计', { colSpan: 6 }), totalWeightCell(f, { bold: true }), totalCell(f, 'main', allRefs), cell('')],
  });
  return base(ctx, {
    title: '部门整体绩效自评表',
    captions: [
      { center: `（${ev.year}年度）` },
      { left: `填表人及联系方式：${ev.contact ?? ''}`, right: '单位：万元' },
    ],
    columns: [7, 7, 13, 8, 8, 9, 7, 7, 11],
    rows,
    orientation: 'portrait',
  });
}

// ───────────────────────────── 晋中：部门整体支出绩效自评表 ─────────────────────────────

const JINZHONG_NARRATIVE = ['单位职能概况', '单位人员情况', '预算执行情况', '部门整体支出绩效评价分析', '其他'];

function jinzhong(f: Fmt): Table {
  const { ctx } = f;
  const ev = ctx.ev;
  const b = ev.figures.budget ?? {};
  const rows: Row[] = [];
  rows.push({ cells: [head('单位名称'), cell(ev.unit, { colSpan: 5 })] });
  if (ev.contact) rows.push({ cells: [head('单位负责人及联系电话'), cell(ev.contact, { colSpan: 5 })] });
  const pair = (a: string, av: number | undefined, c: string, cv: number | undefined): Row => ({
    cells: [head(a), moneyCell(av, { colSpan: 2 }), head(c, { colSpan: 2 }), moneyCell(cv)],
  });
  rows.push(pair('上年结转金额（万元）', b.carryOver, '年初预算金额（万元）', b.initial));
  rows.push(pair('预算调整金额（万元）', b.adjustment, '其他调整资金（万元）', b.otherAdjustment));
  rows.push(pair('预算执行金额（万元）', b.executed, '年末结余金额（万元）', b.balance));
  const narrative = ev.narrative ?? {};
  for (const key of JINZHONG_NARRATIVE) {
    const text = narrative[key];
    if (text !== undefined) rows.push({ cells: [head(key), cell(text, { colSpan: 5, align: 'justify' })] });
  }
  rows.push({
    header: true,
    cells: [
      head('二级指标', { rowSpan: 2 }),
      head('三级指标', { rowSpan: 2 }),
      head('指标分值', { colSpan: 2 }),
      head('计算分析情况', { rowSpan: 2 }),
      head('评价得分', { rowSpan: 2 }),
    ],
  });
  rows.push({ header: true, cells: [head('参考分值'), head('设定分值')] });
  const levelOne: string[] = [];
  for (const r of ctx.roots) {
    if (!r.children.length) {
      rows.push({
        cells: [
          cell(r.name, { colSpan: 2, bold: true }),
          refWeightCell(f, r),
          weightCell(f, r),
          cell(r.indicator?.explanation ?? ''),
          scoreCell(f, r, { bold: true }),
        ],
      });
      levelOne.push(`s:${r.id}`);
      continue;
    }
    rows.push({
      cells: [
        cell(r.name, { colSpan: 2, bold: true, align: 'center' }),
        refWeightCell(f, r, { bold: true }),
        weightCell(f, r, { bold: true }),
        center('——'),
        subtotalCell(f, 'main', r, leafRefs([r])),
      ],
    });
    levelOne.push(`main:sub:${r.id}`);
    for (const row of leafRows(r.children)) {
      const l = row.leaf;
      rows.push({
        cells: [
          ...nameCells(row, 2, nameOnly()),
          refWeightCell(f, l),
          weightCell(f, l),
          cell(l.indicator?.explanation ?? ''),
          scoreCell(f, l),
        ],
      });
    }
  }
  rows.push({
    cells: [
      head('综合得分', { colSpan: 2 }),
      totalWeightCell(f, { colSpan: 2, bold: true }),
      center(''),
      totalCell(f, 'main', levelOne),
    ],
  });
  rows.push({ cells: [head('评价结果等次', { colSpan: 5 }), gradeCell(f, 'main')] });
  if (narrative['评价人员'] !== undefined)
    rows.push({ cells: [head('评价人员'), cell(narrative['评价人员'], { colSpan: 5 })] });
  return base(ctx, {
    title: `${ctx.fw.region.replace(/^.*省/, '').replace(/市.*$/, '市')}部门整体支出绩效自评表`,
    captions: [{ center: `（${ev.year}年度）` }, { left: '填报单位（公章）：', right: '单位：万元' }],
    columns: [11, 12, 7, 7, 37, 10],
    rows,
    orientation: 'portrait',
  });
}

// ───────────────────────────── 赫山：部门整体支出绩效自评指标计分表 ─────────────────────────────

function heshan(f: Fmt): Table {
  const { ctx } = f;
  const rows: Row[] = [
    { header: true, cells: ['一级指标', '二级指标', '三级指标', '自评分', '指标解释', '指标说明'].map((t) => head(t)) },
  ];
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
    title: `${ctx.ev.year}年度部门整体支出绩效自评指标计分表`,
    columns: [8, 9, 11, 6, 33, 33],
    rows,
    fontSize: 9,
    orientation: 'landscape',
  });
}

// ───────────────────────────── 龙华：部门整体支出绩效自评表 ─────────────────────────────

function longhua(f: Fmt): Table {
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
    { header: true, cells: ['名称', '分值', '名称', '分值', '名称', '分值'].map((t) => head(t)) },
  ];
  const cellsFor = (t: TreeItem, rowSpan: number, levels: number): Cell[] => [
    center(t.name, { rowSpan, colSpan: 2 * levels - 1 }),
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
    title: '部门整体支出绩效自评表',
    captions: [{ center: `（${ctx.ev.year}年）` }],
    columns: [7, 4, 7, 4, 10, 4, 56, 6],
    rows,
    fontSize: 9,
    orientation: 'landscape',
  });
}

// ───────────────────────────── 怀柔：部门整体绩效评价指标体系评分表 ─────────────────────────────

function huairou(f: Fmt): Table {
  const { ctx } = f;
  const b = ctx.ev.figures.budget ?? {};
  const budgetLeaf = budgetIndicator(ctx);
  const rows: Row[] = [];
  const blockCells: string[] = [];
  const std = (t: TreeItem | undefined, key: 'explanation' | 'standard') => (t?.node?.[key] ?? '').trim();
  ctx.roots.forEach((r, i) => {
    rows.push({
      cells: [cell(`${cn(i + 1)}、${r.name}（${weightText(r.score.weight, ctx.d)}分）`, { colSpan: 9, bold: true })],
    });
    const isBudget = budgetLeaf && (r === budgetLeaf || r.children.includes(budgetLeaf));
    if (isBudget) {
      const leaf = budgetLeaf!;
      const parts: Array<[string, { budget?: number; executed?: number } | undefined]> = [
        ['基本支出', b.basic],
        ['项目支出', b.project],
        ['其他', b.other],
      ];
      const shown = parts.filter(([, p]) => p !== undefined);
      const n = 1 + shown.length;
      const rate = ctx.res.metrics.find((m) => m.id === 'budgetExecutionRate');
      rows.push({
        cells: [
          '一级指标',
          '二级指标',
          '预算数（万元）',
          '执行数（万元）',
          '预算执行率',
          '分值',
          '得分',
          '指标解释',
          '评分标准',
        ].map((t) => head(t)),
      });
      rows.push({
        cells: [
          center(`${r.name}（${weightText(r.score.weight, ctx.d)}）`, { rowSpan: n }),
          center(leaf === r ? '资金总体' : leaf.name),
          moneyCell(budgetTotal(ctx)),
          moneyCell(b.executed),
          center(rate?.value !== undefined ? `${fmt(rate.value)}%` : ''),
          weightCell(f, leaf, { rowSpan: n }),
          scoreCell(f, leaf, { rowSpan: n }),
          cell(std(leaf, 'explanation'), { rowSpan: n, align: 'justify' }),
          cell(std(leaf, 'standard'), { rowSpan: n, align: 'justify' }),
        ],
      });
      for (const [name, p] of shown)
        rows.push({
          cells: [
            center(name),
            moneyCell(p!.budget),
            moneyCell(p!.executed),
            center(ratioText(p!.executed, p!.budget) || '——'),
          ],
        });
    } else {
      rows.push({
        cells: ['一级指标', '二级指标', '三级指标', '指标值', '完成值', '分值', '得分', '指标解释', '评分标准'].map(
          (t) => head(t),
        ),
      });
      const lrows = leafRows([r]);
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
      for (const row of lrows) {
        const l = row.leaf;
        const m = merged(l);
        const texts: Cell[] = [];
        if (!m)
          texts.push(cell(std(l, 'explanation'), { align: 'justify' }), cell(std(l, 'standard'), { align: 'justify' }));
        else if (m.children[0] === l) {
          texts.push(
            cell(std(m, 'explanation'), { rowSpan: span(m), align: 'justify' }),
            cell(std(m, 'standard'), { rowSpan: span(m), align: 'justify' }),
          );
        }
        // 一级、二级 names carry their weight, “产出（30）”; the 三级 indicator has its own 分值 column.
        const names = (t: TreeItem, rowSpan: number, levels: number) =>
          t === l ? nameOnly()(t, rowSpan, levels) : withWeight(f, '')(t, rowSpan, levels);
        rows.push({
          cells: [
            ...nameCells(row, 3, names),
            center(targetText(l)),
            center(actualText(l)),
            weightCell(f, l),
            scoreCell(f, l),
            ...texts,
          ],
        });
      }
    }
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
    title: '部门整体绩效评价指标体系评分表',
    captions: [{ center: `（${ctx.ev.year}年度）` }],
    columns: [8, 8, 12, 10, 9, 5, 5, 21, 22],
    rows,
    fontSize: 9,
    orientation: 'landscape',
  });
}

// ───────────────────────────── 财预〔2020〕10号 附1：项目支出绩效自评表 ─────────────────────────────

function project10(f: Fmt): Table {
  const { ctx } = f;
  const ev = ctx.ev;
  const b = ev.figures.budget ?? {};
  const n = ev.narrative ?? {};
  const budgetLeaf = budgetIndicator(ctx);
  const inTable = ctx.roots.filter((r) => !budgetLeaf || (r !== budgetLeaf && !r.children.includes(budgetLeaf)));
  const rate = ctx.res.metrics.find((m) => m.id === 'budgetExecutionRate');
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
      head('年初预算数'),
      head('全年预算数'),
      head('全年执行数'),
      head('分值'),
      head('执行率'),
      head('得分'),
    ],
  });
  rows.push({
    cells: [
      cell('年度资金总额', { colSpan: 2 }),
      moneyCell(b.initial),
      moneyCell(budgetTotal(ctx)),
      moneyCell(b.executed),
      budgetLeaf ? weightCell(f, budgetLeaf) : center('—'),
      center(rate?.value !== undefined ? `${fmt(rate.value)}%` : ''),
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
    `${ctx.leaves.length}项绩效指标中${ctx.leaves.length - missed.length}项达到年度指标值${missed.length ? `，${missed.map((l) => l.name).join('、')}未达到` : ''}。`;
  rows.push({
    cells: [
      head('年度总体目标', { rowSpan: 2 }),
      head('预期目标', { colSpan: 4 }),
      head('实际完成情况', { colSpan: 4 }),
    ],
  });
  rows.push({ cells: [cell(ev.goals ?? '', { colSpan: 4 }), cell(done, { colSpan: 4 })] });
  rows.push({
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
        center(actualText(l)),
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
    title: '项目支出绩效自评表',
    captions: [{ center: `（${ev.year}年度）` }],
    columns: [7, 9, 9, 14, 10, 10, 7, 8, 14],
    rows,
    orientation: 'portrait',
  });
}

// ───────────────────────────── any other framework ─────────────────────────────

function generic(f: Fmt): Table {
  const { ctx } = f;
  const rows: Row[] = [
    {
      header: true,
      cells: ['一级指标', '二级指标', '三级指标', '指标值', '实际完成值', '分值', '得分', '偏差原因'].map((t) =>
        head(t),
      ),
    },
  ];
  for (const row of leafRows(ctx.roots)) {
    const l = row.leaf;
    rows.push({
      cells: [
        ...nameCells(row, 3, nameOnly()),
        center(targetText(l)),
        center(actualText(l)),
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
    title: ctx.fw.kind === 'project' ? '项目支出绩效自评表' : '部门整体支出绩效自评表',
    captions: [{ center: `（${ctx.ev.year}年度）` }],
    columns: [10, 11, 16, 10, 10, 6, 6, 16],
    rows,
    orientation: 'portrait',
  });
}

const BUILDERS: Record<string, (f: Fmt) => Table> = {
  shangjie,
  jinzhong: (f) => jinzhong({ ...f, fixed: true }),
  heshan,
  longhua,
  huairou,
  'project-10': project10,
};

/** The 自评表 in the layout of the evaluation's framework. */
export function selfEvaluationTable(ctx: Ctx): Table {
  const f: Fmt = { ctx, fixed: false };
  return (BUILDERS[ctx.fw.layout ?? ''] ?? generic)(f);
}

/**
 * 各级指标得分汇总表: per 一级 and 二级 indicator its 分值, its 得分 as a formula over the leaf cells
 * of the 自评表 (cached value: the core's subtotal), and the self-scores the unit printed.
 */
export function summaryTable(ctx: Ctx): Table {
  const f: Fmt = { ctx, fixed: false };
  const hasClaims = ctx.res.indicators.some((i) => i.claimed !== undefined);
  const claimed = (t: TreeItem) =>
    t.score.claimed === undefined ? center('') : center(scoreText(t.score.claimed, ctx.d), { value: t.score.claimed });
  const cols = hasClaims
    ? ['一级指标', '二级指标', '分值', '得分', '自评表填报得分']
    : ['一级指标', '二级指标', '分值', '得分'];
  const rows: Row[] = [{ header: true, cells: cols.map((t) => head(t)) }];
  const tail = (t: TreeItem) => (hasClaims ? [claimed(t)] : []);
  const levelOne: string[] = [];
  for (const r of ctx.roots) {
    if (!r.children.length) {
      rows.push({
        cells: [
          cell(r.name, { colSpan: 2 }),
          weightCell(f, r),
          subtotalCell(f, 'sum', r, [`s:${r.id}`], { bold: false }),
          ...tail(r),
        ],
      });
      levelOne.push(`sum:sub:${r.id}`);
      continue;
    }
    rows.push({
      cells: [
        center(r.name, { rowSpan: r.children.length + 1 }),
        cell(r.children[0]!.name),
        weightCell(f, r.children[0]!),
        subtotalCell(f, 'sum', r.children[0]!, leafRefs([r.children[0]!]), { bold: false }),
        ...tail(r.children[0]!),
      ],
    });
    for (const ch of r.children.slice(1)) {
      rows.push({
        cells: [
          cell(ch.name),
          weightCell(f, ch),
          subtotalCell(f, 'sum', ch, leafRefs([ch]), { bold: false }),
          ...tail(ch),
        ],
      });
    }
    rows.push({
      cells: [
        head('小计'),
        weightCell(f, r, { bold: true }),
        subtotalCell(
          f,
          'sum',
          r,
          r.children.map((c) => `sum:sub:${c.id}`),
        ),
        ...tail(r),
      ],
    });
    levelOne.push(`sum:sub:${r.id}`);
  }
  const claimedTotal = ctx.res.claimedTotal;
  rows.push({
    cells: [
      head('合计', { colSpan: 2 }),
      totalWeightCell(f, { bold: true }),
      totalCell(f, 'sum', levelOne),
      ...(hasClaims
        ? [
            center(
              claimedTotal === undefined ? '' : scoreText(claimedTotal, ctx.d),
              claimedTotal === undefined ? {} : { value: claimedTotal },
            ),
          ]
        : []),
    ],
  });
  rows.push({
    cells: [
      head('评价等级', { colSpan: 3 }),
      gradeCell(f, 'sum'),
      ...(hasClaims ? [center(ctx.res.statedGrade ?? '')] : []),
    ],
  });
  return {
    id: 'sum',
    title: '各级指标得分汇总表',
    titleStyle: 'caption',
    sheetName: '得分汇总',
    captions: [],
    columns: hasClaims ? [14, 26, 8, 8, 12] : [16, 30, 10, 10],
    rows,
    notes: [
      '得分按评分规则计算，各级小计和合计为末级指标得分相加；“自评表填报得分”为单位填报的自评得分，与规则得分不一致之处见附件。',
    ].filter(() => hasClaims),
    fontSize: 12,
    orientation: 'portrait',
  };
}

/** 评分核查情况表: the core's findings, so that a reviewer sees where printed scores differ from the rules. */
export function findingsTable(ctx: Ctx): Table {
  const d = ctx.d;
  const rows: Row[] = [
    { header: true, cells: ['序号', '类别', '指标', '说明', '规则得分', '自评得分'].map((t) => head(t)) },
  ];
  const names = new Map<string, number>();
  for (const i of ctx.res.indicators) names.set(i.name, (names.get(i.name) ?? 0) + 1);
  const label = (x: Finding) =>
    x.indicator === undefined ? '总体' : (names.get(x.indicator) ?? 0) > 1 && x.path ? x.path.join(' / ') : x.indicator;
  const num = (v: number | undefined) => (v === undefined ? center('') : center(scoreText(v, d), { value: v }));
  ctx.res.findings.forEach((x, i) => {
    rows.push({
      cells: [
        center(String(i + 1), { value: i + 1 }),
        center(SEVERITY_ZH[x.severity]),
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
  const counts = (['error', 'warning', 'info'] as const)
    .map((s) => [s, ctx.res.findings.filter((x) => x.severity === s).length] as const)
    .filter(([, n]) => n);
  return {
    id: 'findings',
    title: '评分核查情况表',
    titleStyle: 'document',
    sheetName: '评分核查',
    captions: [{ center: `（${ctx.ev.unit}　${ctx.ev.year}年度）` }],
    columns: [5, 7, 18, 50, 8, 8],
    rows,
    notes: [
      `共${ctx.res.findings.length}项${counts.length ? `（${counts.map(([s, n]) => `${SEVERITY_ZH[s]}${n}项`).join('，')}）` : ''}。“规则得分”为按评分规则计算的得分，“自评得分”为自评数据中填报的得分。`,
    ],
    fontSize: 10.5,
    orientation: 'portrait',
  };
}
