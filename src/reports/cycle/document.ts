// 绩效目标表 and 绩效监控表 as the report document model, so that DOCX, XLSX, PDF and HTML come from the report writers.
import {
  DEVIATION_CATEGORY_LABELS,
  type ApprovedTargets,
  type ExecutionProgress,
  LIKELIHOOD_LABELS,
  type MonitoringReport,
  TARGET_SOURCE_LABELS,
  type TargetSet,
} from '../../core/cycle/index.js';
import { dec, fmt, toNumber, wan } from '../../core/decimal.js';
import { cell, center, head } from '../layouts/cells.js';
import type { Cell, ReportDocument, ReportMeta, Row, Table } from '../model.js';
import type { ScoreStatement } from '../statement.js';

const MONEY = '#,##0.00';
const money = (v: number, o: Partial<Cell> = {}): Cell =>
  cell(wan(v), { value: toNumber(v, 2), numFmt: MONEY, align: 'right', nowrap: true, ...o });
const percent = (v: number, o: Partial<Cell> = {}): Cell => center(`${fmt(v, 2, true)}%`, { nowrap: true, ...o });

// These documents carry no score: the meta's statement is empty (the writers only print the 草稿 mark from meta).
const NO_SCORE: ScoreStatement = {
  total: 0,
  grade: '',
  strictTotal: 0,
  strictGrade: '',
  unverified: { count: 0, points: 0, indicators: [] },
  gradeMayChange: false,
};

function meta(unit: string, year: number, title: string, name: string, draft: boolean): ReportMeta {
  return {
    kind: 'table',
    title,
    unit,
    year,
    layout: 'generic',
    framework: { id: 'cycle', name, version: 1 },
    statement: NO_SCORE,
    decimals: 2,
    draft,
  };
}

const table = (o: Pick<Table, 'id' | 'title' | 'sheetName' | 'columns' | 'rows'> & Partial<Table>): Table => ({
  titleStyle: 'document',
  captions: [],
  notes: [],
  fontSize: 10.5,
  orientation: 'portrait',
  ...o,
});

/** Runs of equal values (一级/二级 names) as row spans: the first row of a run gets its length, the rest 0. */
function runs(values: string[]): number[] {
  const out = values.map(() => 0);
  for (let i = 0; i < values.length;) {
    let j = i + 1;
    while (j < values.length && values[j] === values[i]) j++;
    out[i] = j - i;
    i = j;
  }
  return out;
}

function indicatorRows(s: TargetSet): Row[] {
  const l1 = s.indicators.map((i) => i.level1 ?? '');
  // A 二级 run never crosses a 一级 boundary.
  const l2 = s.indicators.map((i) => `${i.level1 ?? ''}\u0000${i.level2 ?? ''}`);
  const span1 = runs(l1);
  const span2 = runs(l2);
  return s.indicators.map((i, k): Row => {
    const cells: Cell[] = [];
    if (span1[k]) cells.push(center(i.level1 ?? '', { rowSpan: span1[k] }));
    if (span2[k]) cells.push(center(i.level2 ?? '', { rowSpan: span2[k] }));
    const source = [i.source ? TARGET_SOURCE_LABELS[i.source] : '', i.explanation ?? ''].filter(Boolean).join('；');
    cells.push(cell(i.name), center(`${i.target ?? ''}${i.unit ?? ''}`, { key: `target:${i.name}` }), cell(source));
    return { cells };
  });
}

export interface TargetsDocOptions {
  /** The approved version and its adjustments (the document of an approved set). */
  approved?: Pick<ApprovedTargets, 'version' | 'approvedAt' | 'adjustments'>;
  /** 草稿: a set not yet approved. */
  draft?: boolean;
}

/** 部门整体支出绩效目标表 in the Henan reference layout: 年度总体目标, 年度主要任务 with 预算资金, 预算情况, 绩效指标. */
export function targetsDocument(s: TargetSet, opts: TargetsDocOptions = {}): ReportDocument {
  const a = opts.approved;
  const b = s.budget;
  const budgetLines: Array<[string, number | undefined]> = [
    ['部门预算总额', b.total],
    ['1.资金来源：（1）政府预算资金', b.sources?.government],
    ['（2）财政专户管理资金', b.sources?.specialAccount],
    ['（3）单位资金', b.sources?.unitFunds],
    ['2.资金结构：（1）基本支出', b.structure?.basic],
    ['（2）项目支出', b.structure?.project],
  ];
  const given = budgetLines.filter((l): l is [string, number] => l[1] !== undefined);
  const taskSum = s.tasks.reduce((x, t) => x.plus(t.budget), dec(0));
  const rows: Row[] = [
    {
      cells: [head('年度总体目标'), cell(s.goals.map((g, i) => `目标${i + 1}：${g}`).join('\n'), { colSpan: 4 })],
    },
    {
      cells: [
        head('年度主要任务', { rowSpan: s.tasks.length + 2 }),
        head('任务名称', { colSpan: 2 }),
        head('主要内容'),
        head('预算资金'),
      ],
    },
    ...s.tasks.map((t): Row => ({
      cells: [cell(t.name, { colSpan: 2 }), cell(t.content ?? ''), money(t.budget, { key: `task:${t.name}` })],
    })),
    {
      cells: [
        center('合计', { colSpan: 3, bold: true }),
        money(toNumber(taskSum, 2), { bold: true, key: 'tasks-total' }),
      ],
    },
    ...given.map(([label, v], k): Row => ({
      cells: [
        ...(k === 0 ? [head('预算情况', { rowSpan: given.length })] : []),
        cell(label, { colSpan: 3 }),
        money(v, { key: k === 0 ? 'budget-total' : undefined }),
      ],
    })),
    {
      header: false,
      cells: [head('一级指标'), head('二级指标'), head('三级指标'), head('指标值'), head('指标值来源及说明')],
    },
    ...indicatorRows(s),
  ];
  const main = table({
    id: 'targets',
    title: `${s.year}年度部门整体支出绩效目标表`,
    sheetName: '绩效目标表',
    captions: [
      { left: `单位名称：${s.unit}`, right: '金额单位：万元' },
      ...(a ? [{ left: `批复版本：第${a.version}版（${a.approvedAt.slice(0, 10)}批复）` }] : []),
    ],
    columns: [1.1, 1.3, 2.2, 1.3, 2.6],
    rows,
  });
  const tables = [main];
  if (a?.adjustments.length)
    tables.push(
      table({
        id: 'adjustments',
        titleStyle: 'caption',
        title: '目标调整记录',
        sheetName: '目标调整',
        columns: [1.4, 2, 1.2, 1.2, 2.4],
        rows: [
          { header: true, cells: ['版本', '调整事项', '原值', '调整为', '理由'].map((t) => head(t)) },
          ...a.adjustments.map((x): Row => ({
            cells: [
              center(`第${x.version}版（${x.at.slice(0, 10)}）`),
              cell(x.indicator ?? x.task ?? ''),
              center(String(x.from ?? '')),
              center(String(x.indicator ? (x.target ?? '') : x.budget !== undefined ? wan(x.budget) : '')),
              cell(x.reason),
            ],
          })),
        ],
      }),
    );
  return {
    meta: meta(s.unit, s.year, `${s.year}年度${s.unit}部门整体支出绩效目标表`, '部门整体支出绩效目标表', !!opts.draft),
    parts: [{ orientation: 'portrait', blocks: tables.map((table) => ({ type: 'table' as const, table })) }],
    sheets: tables,
    unfinished: [],
  };
}

/** Month by month: 当月执行数, 累计执行数, 累计执行率 and 序时进度 (N/12), as the core computes the period's. */
function executionRows(m: MonitoringReport, p: ExecutionProgress): Row[] {
  const total = m.budget.total;
  const rows: Row[] = [];
  let sum = dec(0);
  (m.budget.monthly ?? []).slice(0, m.month).forEach((v, i) => {
    sum = sum.plus(v);
    rows.push({
      cells: [
        center(`${i + 1}月`),
        money(v),
        money(toNumber(sum, 2)),
        percent(toNumber(sum.div(total).times(100), 2)),
        percent(
          toNumber(
            dec(i + 1)
              .div(12)
              .times(100),
            2,
          ),
        ),
      ],
    });
  });
  rows.push({
    cells: [
      center(`1–${m.month}月合计`, { bold: true }),
      center(m.budget.monthly ? '' : '—'),
      money(p.executed, { bold: true, key: 'executed' }),
      percent(p.rate, { bold: true, key: 'rate' }),
      percent(p.timeProgress, { bold: true, key: 'time-progress' }),
    ],
  });
  return rows;
}

export interface MonitoringDocOptions {
  /** The bureau's lag threshold in percentage points (for the warning line). */
  threshold: number;
  /** The approved targets: the 指标值 of an indicator the report leaves without one. */
  targets?: TargetSet;
  draft?: boolean;
}

/** 绩效监控表 (运行监控): budget execution against 序时进度, then each indicator's state and 纠偏措施. */
export function monitoringDocument(
  m: MonitoringReport,
  p: ExecutionProgress,
  opts: MonitoringDocOptions,
): ReportDocument {
  const lag = Math.max(p.lag, 0);
  const approved = new Map((opts.targets?.indicators ?? []).map((i) => [i.name, `${i.target ?? ''}${i.unit ?? ''}`]));
  const budget = table({
    id: 'execution',
    title: `${m.year}年1–${m.month}月部门整体支出绩效监控表`,
    sheetName: '预算执行',
    orientation: 'landscape',
    captions: [{ left: `单位名称：${m.unit}`, right: '金额单位：万元' }],
    columns: [1.4, 1.5, 1.5, 1.3, 1.3],
    rows: [
      {
        cells: [
          head('全年预算数'),
          money(m.budget.total, { key: 'budget-total' }),
          head('预警'),
          center(
            p.lagging
              ? `执行率落后序时进度${fmt(lag, 2, true)}个百分点，超过预警阈值${fmt(opts.threshold)}个百分点`
              : `正常（预警阈值${fmt(opts.threshold)}个百分点）`,
            { colSpan: 2, key: 'warning' },
          ),
        ],
      },
      { header: false, cells: ['月份', '当月执行数', '累计执行数', '累计执行率', '序时进度'].map((t) => head(t)) },
      ...executionRows(m, p),
    ],
  });
  const indicators = table({
    id: 'indicators',
    titleStyle: 'caption',
    title: '绩效指标完成情况',
    sheetName: '绩效指标',
    orientation: 'landscape',
    columns: [2, 1.2, 1.3, 1.3, 1.1, 2.2, 2.2],
    rows: [
      {
        header: true,
        cells: [
          '绩效指标',
          '指标值',
          `1–${m.month}月实际完成值`,
          '全年预计完成值',
          '完成目标可能性',
          '偏差原因',
          '纠偏措施',
        ].map((t) => head(t)),
      },
      ...m.indicators.map((i): Row => ({
        cells: [
          cell(i.name),
          center(String(i.target ?? approved.get(i.name) ?? ''), { key: `target:${i.name}` }),
          center(String(i.actualToDate ?? '')),
          center(String(i.forecast ?? '')),
          center(LIKELIHOOD_LABELS[i.likelihood]),
          cell(
            i.deviation
              ? `${DEVIATION_CATEGORY_LABELS[i.deviation.category]}${i.deviation.text ? `：${i.deviation.text}` : ''}`
              : '',
          ),
          cell(i.correction ?? ''),
        ],
      })),
    ],
  });
  return {
    meta: meta(
      m.unit,
      m.year,
      `${m.year}年1–${m.month}月${m.unit}部门整体支出绩效监控表`,
      '部门整体支出绩效监控表',
      !!opts.draft,
    ),
    parts: [
      { orientation: 'landscape', blocks: [budget, indicators].map((table) => ({ type: 'table' as const, table })) },
    ],
    sheets: [budget, indicators],
    unfinished: [],
  };
}
