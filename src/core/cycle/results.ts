// 结果应用: each unit's grade with the region's rule for its use in next year's budget, configurable per region.
import { z } from 'zod';
import { fmt } from '../decimal.js';

/** 中发〔2018〕34号: 绩效好的优先保障，绩效一般的督促改进，低效无效的削减或取消. */
export const DEFAULT_RESULT_RULES: Record<string, string> = {
  优: '优先保障',
  良: '正常保障',
  中: '督促改进，从严安排',
  差: '压减',
};

export const ResultRulesSchema = z
  .record(z.string().min(1), z.string().trim().min(2, { error: '应用规则至少2个字' }))
  .refine((r) => Object.keys(r).length > 0, { error: '至少设定一个等级的应用规则' });
export type ResultRules = z.output<typeof ResultRulesSchema>;

export interface ResultRow {
  unit: string;
  year: number;
  total: number;
  grade: string;
}

export interface ResultUse extends ResultRow {
  use: string;
}

/** Grades the region did not give a rule for are shown as such, never guessed. */
export function applyResults(rows: ResultRow[], rules: ResultRules): ResultUse[] {
  return [...rows]
    .sort((a, b) => b.total - a.total || a.unit.localeCompare(b.unit, 'zh'))
    .map((r) => ({ ...r, use: rules[r.grade] ?? '（本地区未设定该等级的应用规则）' }));
}

/** The list the budget round takes: CSV with a BOM so that Excel reads the Chinese. */
export function resultsCsv(rows: ResultUse[], decimals = 2): string {
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['单位', '年度', '自评总分', '等级', '结果应用'].join(',')];
  for (const r of rows)
    lines.push([cell(r.unit), String(r.year), fmt(r.total, decimals, true), r.grade, cell(r.use)].join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
