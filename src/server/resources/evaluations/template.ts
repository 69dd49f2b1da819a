/** @module A round's offline XLSX template (基础数据, 工作任务, 指标, 报告正文) — written, and read back with bounds. */
import { FIGURE_LABELS, TASK_LABELS } from '../../../core/figures.js';
import { type Framework, leaves } from '../../../core/framework/model.js';
import type { Block } from '../../../importers/document.js';

/** The first cell of the 说明 sheet: how a file is known as this template when it comes back. */
export const TEMPLATE_MARK = 'jixiao-template';
const SHEETS = {
  about: '说明',
  figures: '基础数据',
  tasks: '工作任务',
  indicators: '指标',
  narrative: '报告正文',
} as const;
const TASK_COLUMNS = ['name', 'content', 'budget', 'fiscalBudget', 'executed', 'fiscalExecuted', 'status'] as const;
const NARRATIVE_HEADINGS = [
  '单位职能概况',
  '预算执行情况',
  '绩效目标实现情况分析',
  '存在的问题和改进措施',
  '其他需要说明的问题',
];
/** Rows a template section may have: more is not a filled-in template. */
const MAX_ROWS = 2000;

/** The template as an XLSX: the round's framework's indicators with their 指标值, empty columns to fill. */
export async function buildTemplate(
  fw: Framework,
  round: { id: number; name: string; year: number },
): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  const about = wb.addWorksheet(SHEETS.about);
  about.addRow([TEMPLATE_MARK, round.id, round.name]);
  about.addRow([
    '填写说明：在“基础数据”“工作任务”“指标”“报告正文”各表的空白列填写，金额以万元计、最多两位小数；不要改动第一列。',
  ]);
  about.addRow([`填好后在评价页面“从文件开始”导入：所填内容进入草稿，逐项标记“来自离线模板”，请在网页上核对确认。`]);
  const fig = wb.addWorksheet(SHEETS.figures);
  fig.addRow(['字段', '名称', '数值']);
  for (const [key, label] of Object.entries(FIGURE_LABELS)) if (!/quarterly/.test(key)) fig.addRow([key, label, null]);
  const tasks = wb.addWorksheet(SHEETS.tasks);
  tasks.addRow(TASK_COLUMNS.map((c) => TASK_LABELS[c] ?? c));
  const ind = wb.addWorksheet(SHEETS.indicators);
  ind.addRow(['指标', '名称', '分值', '指标值', '实际完成值', '偏差原因', '自评得分']);
  for (const n of leaves(fw.roots))
    ind.addRow([
      n.id,
      n.path.join(' / '),
      n.weight ? Number(n.weight.toString()) : null,
      n.target ?? null,
      null,
      null,
      null,
    ]);
  const nar = wb.addWorksheet(SHEETS.narrative);
  nar.addRow(['标题', '内容']);
  for (const h of NARRATIVE_HEADINGS) nar.addRow([h, null]);
  for (const ws of [fig, ind, nar]) ws.getColumn(2).width = 40;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Whether the importers' reading of an XLSX is our template (its 说明 sheet starts with the mark). */
export function isTemplate(blocks: Block[]): boolean {
  return blocks.some((b) => b.kind === 'row' && b.cells[0] === TEMPLATE_MARK);
}

const num = (s: string | undefined): number | string | undefined => {
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s.replace(/[,，\s]/g, ''));
  return Number.isFinite(n) ? n : s.trim();
};

/**
 * The filled-in template as a document, from the importers' bounded reading of the XLSX (rows per
 * sheet). Unknown field keys and rows beyond the bounds are reported, not guessed.
 */
export function readTemplate(blocks: Block[]): { document: Record<string, unknown>; notes: string[] } {
  const notes: string[] = [];
  const bySheet = new Map<string, string[][]>();
  let sheet = '';
  for (const b of blocks) {
    if (b.kind === 'p') {
      const m = /^［工作表：(.+)］$/.exec(b.text);
      if (m) sheet = m[1]!;
      continue;
    }
    const rows = bySheet.get(sheet) ?? [];
    if (rows.length < MAX_ROWS) rows.push(b.cells);
    else if (rows.length === MAX_ROWS) notes.push(`工作表“${sheet}”超过 ${MAX_ROWS} 行，其余未读`);
    bySheet.set(sheet, rows);
  }
  const doc: Record<string, unknown> = {};
  const figures: Record<string, Record<string, unknown>> = {};
  for (const [key, , value] of (bySheet.get(SHEETS.figures) ?? []).slice(1)) {
    const v = num(value);
    if (v === undefined || !key) continue;
    if (key === 'contact' || key === 'goals') doc[key] = String(value).trim();
    else if (FIGURE_LABELS[key] && key.startsWith('figures.')) {
      const [, a, b, c] = key.split('.');
      if (b === undefined) (figures as Record<string, unknown>)[a!] = v;
      else if (c === undefined) figures[a!] = { ...(figures[a!] ?? {}), [b]: v };
      else {
        const inner = (figures[a!]?.[b] as Record<string, unknown> | undefined) ?? {};
        figures[a!] = { ...(figures[a!] ?? {}), [b]: { ...inner, [c]: v } };
      }
    } else notes.push(`基础数据第一列“${key}”不是模板中的字段，未读`);
  }
  if (Object.keys(figures).length) doc.figures = figures;
  const tasks = (bySheet.get(SHEETS.tasks) ?? [])
    .slice(1)
    .filter((r) => r[0]?.trim())
    .map((r) => {
      const t: Record<string, unknown> = {};
      TASK_COLUMNS.forEach((c, i) => {
        const v = c === 'name' || c === 'content' || c === 'status' ? r[i]?.trim() || undefined : num(r[i]);
        if (v !== undefined) t[c] = v;
      });
      return t;
    });
  if (tasks.length) doc.tasks = tasks;
  const indicators: Record<string, Record<string, unknown>> = {};
  for (const r of (bySheet.get(SHEETS.indicators) ?? []).slice(1)) {
    const [id, , , target, actual, reason, claimed] = r;
    if (!id) continue;
    const input: Record<string, unknown> = {};
    if (target?.trim()) input.target = target.trim();
    if (actual?.trim()) input.actual = actual.trim();
    if (reason?.trim()) input.deviationReason = reason.trim();
    const c = num(claimed);
    if (typeof c === 'number') input.claimed = c;
    if (input.actual !== undefined || input.deviationReason !== undefined || input.claimed !== undefined)
      indicators[id] = input;
  }
  if (Object.keys(indicators).length) doc.indicators = indicators;
  const narrative: Record<string, string> = {};
  for (const [h, text] of (bySheet.get(SHEETS.narrative) ?? []).slice(1))
    if (h && text?.trim()) narrative[h] = text.trim();
  if (Object.keys(narrative).length) doc.narrative = narrative;
  return { document: doc, notes };
}
