/**
 * 晋中 (seed 001)《部门整体支出绩效自评表》— the document 晋中 files, on its own: 单位名称, 单位负责人 and
 * 联系电话, 上年结转 / 年初预算 / 预算调整 / 其他调整 / 预算执行 / 年末结余, the five narrative boxes;
 * 二级指标, 三级指标, 参考分值 / 设定分值, 计算分析情况, 评价得分 with a subtotal row per 一级 indicator;
 * 综合得分; 评价结果等次; the 评价人员 table (姓名, 职称/职务, 科室, 联系电话); 单位负责人（签章）and the date.
 * Two decimals (3.00) as printed.
 */
import { contactParts } from '../outline/render.js';
import { analysisText } from '../outline/contents.js';
import type { Row, Table } from '../model.js';
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
  refWeightCell,
  scoreCell,
  subtotalCell,
  totalCell,
  totalWeightCell,
  weightCell,
} from './cells.js';
import { fullName } from '../names.js';

/** The narrative boxes of the table, in its order. */
export const JINZHONG_NARRATIVE = ['单位职能概况', '单位人员情况', '预算执行情况', '部门整体支出绩效评价分析', '其他'];
/** Narrative keys the table has a place for (the rest goes into 其他). */
const PLACED = new Set([...JINZHONG_NARRATIVE, '评价人员', '主管部门', '实施单位']);

export interface Evaluator {
  name: string;
  title: string;
  office: string;
  phone: string;
}

/** “王双寿，市人大常委会秘书长，常委会，2638395；贺向军，…” → one evaluator per entry. */
export function parseEvaluators(text: string | undefined): Evaluator[] {
  if (!text?.trim()) return [];
  return text
    .split(/[；;\n]+/)
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => {
      const [name = '', title = '', office = '', phone = ''] = splitFour(e);
      return { name, title, office, phone };
    });
}

/** Name, title, office, phone: the title may itself hold a 、 (秘书长、办公室主任), so split on ，only. */
function splitFour(e: string): string[] {
  const parts = e.split(/[，,]/).map((x) => x.trim());
  if (parts.length <= 4) return parts;
  // More than four: the middle ones belong to the title.
  return [parts[0]!, parts.slice(1, parts.length - 2).join('，'), parts[parts.length - 2]!, parts[parts.length - 1]!];
}

export function jinzhong(f0: Fmt): Table {
  const f: Fmt = { ...f0, fixed: true };
  const { ctx } = f;
  const ev = ctx.ev;
  const b = ev.figures.budget ?? {};
  const rows: Row[] = [];
  const contact = contactParts(ev.contact);
  rows.push({ cells: [head('单位名称'), cell(ev.unit, { colSpan: 5 })] });
  rows.push({
    cells: [
      head('单位负责人'),
      center(contact.name),
      head('单位联系电话', { colSpan: 2 }),
      center(contact.phone, { colSpan: 2 }),
    ],
  });
  const pair = (a: string, av: number | undefined, c: string, cv: number | undefined): Row => ({
    cells: [head(a), moneyCell(av), head(c, { colSpan: 2 }), moneyCell(cv, { colSpan: 2 })],
  });
  rows.push(pair('上年结转金额（万元）', b.carryOver, '年初预算金额（万元）', b.initial));
  rows.push(pair('预算调整金额（万元）', b.adjustment, '其他调整资金（万元）', b.otherAdjustment));
  rows.push(pair('预算执行金额（万元）', b.executed, '年末结余金额（万元）', b.balance));
  const narrative = ev.narrative ?? {};
  const others = Object.entries(narrative)
    .filter(([k]) => !PLACED.has(k))
    .map(([k, v]) => `${k}：${v}`);
  for (const key of JINZHONG_NARRATIVE) {
    const text = [narrative[key], ...(key === '其他' ? others : [])].filter(Boolean).join('\n');
    rows.push({ cells: [head(key), cell(text, { colSpan: 5, align: 'justify' })] });
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
          cell(fullName(r), { colSpan: 2, bold: true }),
          refWeightCell(r),
          weightCell(f, r),
          cell(analysisText(ctx, r)),
          scoreCell(f, r, { bold: true }),
        ],
      });
      levelOne.push(`s:${r.id}`);
      continue;
    }
    rows.push({
      cells: [
        cell(fullName(r), { colSpan: 2, bold: true, align: 'center' }),
        refWeightCell(r, { bold: true }),
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
          refWeightCell(l),
          weightCell(f, l),
          cell(analysisText(ctx, l)),
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
  const people = parseEvaluators(narrative['评价人员']);
  const shown = people.length ? people : [undefined, undefined, undefined];
  // Its own heading row: on a page of its own the evaluators are not under the indicators' headings.
  rows.push({
    header: true,
    cells: [
      head('评价人员', { rowSpan: shown.length + 1 }),
      head('姓名'),
      head('职称/职务', { colSpan: 2 }),
      head('科室'),
      head('联系电话'),
    ],
  });
  for (const p of shown)
    rows.push({
      cells: [
        center(p?.name ?? ''),
        center(p?.title ?? '', { colSpan: 2 }),
        center(p?.office ?? ''),
        center(p?.phone ?? '', { nowrap: true }),
      ],
    });
  return base(ctx, {
    title:
      ctx.outline.tableTitle ?? `${ctx.fw.region.replace(/^.*省/, '').replace(/市.*$/, '市')}部门整体支出绩效自评表`,
    captions: [{ center: `（${ev.year}年度）` }, { left: '填报单位（公章）：', right: '单位：万元' }],
    columns: [18, 13, 7, 7, 30, 9],
    rows,
    orientation: 'portrait',
    footer: [{ left: '单位负责人（签章）：', right: '　　　　年　　月　　日' }],
  });
}
