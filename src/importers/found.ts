import { FIGURE_FIELDS } from '../core/check/domains.js';
import type { Doc } from './document.js';
import type { Extracted } from './extract.js';
import { findUnitAndYear } from './build.js';
import { narrativeFigures } from './narrative-figures.js';
import { buildSections } from './sections.js';

/**
 * What a document holds when it has no score table (a web page with only the head of a report, a
 * summary without its 附表): the unit, year, kind of report, budget figures and sections that were
 * recognised, and what is missing — so the user learns what the file is, not only that it failed.
 */
export interface FoundReport {
  /** 报告类型, as recognised from the title and text. */
  kind: string;
  title?: string;
  unit?: string;
  year?: number;
  /** 预算编码 / 预算单位编码. */
  budgetCode?: string;
  /** Budget figures with their labels (万元). */
  figures: Array<{ label: string; value: number }>;
  /** Top-level headings of the narrative. */
  sections: string[];
  /** Tables seen (none of them a score table). */
  tables: number;
  /** Publication data of a web page (索引号, 发布机构, 生成日期 …). */
  page?: Record<string, string>;
  missing: string[];
}

/** The figures a found report lists, named from the one figure-label table (src/core/check/domains.ts). */
const FIGURE_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(FIGURE_FIELDS).map(([k, v]) => [k, v.label]),
);

/** The kind of report a title and text name. */
export function reportKind(text: string): string {
  const t = text.replace(/\s+/g, '');
  if (/项目支出绩效自评表/.test(t)) return '项目支出绩效自评表（财预〔2020〕10号附件）';
  if (/(重点|第三方)[^。]{0,12}绩效评价报告|受[^。]{0,30}委托[^。]{0,40}绩效评价/.test(t))
    return '重点绩效评价报告（第三方）';
  if (/部门整体(支出)?绩效(自评|评价)/.test(t)) return '部门整体支出绩效自评报告';
  if (/项目(支出)?绩效(自评|评价)报告/.test(t)) return '项目支出绩效评价报告';
  if (/绩效(自评|评价)/.test(t)) return '绩效评价材料';
  return '未能识别';
}

export function describeFound(doc: Doc, x: Extracted): FoundReport {
  const sections = buildSections(x.paragraphs);
  const fullText = [...x.formTexts.map((f) => f.text), ...sections.map((s) => s.text)].join('\n');
  const head = findUnitAndYear(x, fullText);
  const top = x.paragraphs.slice(0, 8).map((p) => p.text.trim());
  const title = doc.title ?? top.find((t) => /绩效|评价|自评/.test(t) && t.length <= 60);
  const kind = reportKind([title ?? '', ...top, fullText.slice(0, 4000)].join('\n'));
  const figures: FoundReport['figures'] = [];
  const seen = new Set<string>();
  const add = (path: string, value: number) => {
    const label = FIGURE_LABELS[path];
    if (!label || seen.has(path)) return;
    seen.add(path);
    figures.push({ label, value });
  };
  for (const l of x.labelled) if (l.key.startsWith('budget.') && l.numbers[0]) add(l.key, l.numbers[0].value);
  for (const f of narrativeFigures(fullText)) if (typeof f.value === 'number') add(f.path, f.value);
  const code = /预算(?:单位)?(?:编码|代码)\s*[:：]?\s*([0-9A-Za-z][0-9A-Za-z-]{2,30})/.exec(
    [...x.paragraphs.map((p) => p.text), ...x.labelled.map((l) => l.quote)].join('\n'),
  );
  const headings = [...new Set(sections.map((s) => s.path[0]!).filter((p) => p !== '正文开头'))].slice(0, 30);
  const tables = new Set(doc.blocks.filter((b) => b.kind === 'row').map((b) => (b.kind === 'row' ? b.table : 0)));
  const missing = ['绩效指标评分表（需有表头：指标名称、分值、得分等）'];
  if (!head.unit) missing.push('单位名称');
  if (!head.year) missing.push('评价年度');
  const out: FoundReport = { kind, figures, sections: headings, tables: tables.size, missing };
  if (title) out.title = title;
  if (head.unit) out.unit = head.unit;
  if (head.year) out.year = head.year;
  if (code) out.budgetCode = code[1]!;
  if (doc.meta && Object.keys(doc.meta).length) out.page = doc.meta;
  return out;
}

export function isFound(v: unknown): v is FoundReport {
  return typeof v === 'object' && v !== null && Array.isArray((v as FoundReport).missing);
}

/** The found report in Chinese, one item a line. */
export function formatFound(f: FoundReport): string {
  const lines = ['已识别：'];
  lines.push(`  报告类型：${f.kind}`);
  if (f.title) lines.push(`  标题：${f.title}`);
  lines.push(`  单位：${f.unit ?? '未找到'}`);
  lines.push(`  年度：${f.year ?? '未找到'}`);
  if (f.budgetCode) lines.push(`  预算编码：${f.budgetCode}`);
  if (f.page)
    lines.push(
      `  网页信息：${Object.entries(f.page)
        .map(([k, v]) => `${k} ${v}`)
        .join('；')}`,
    );
  if (f.figures.length)
    lines.push(`  预算数字：${f.figures.map((x) => `${x.label}${x.value.toFixed(2)}万元`).join('；')}`);
  if (f.sections.length) lines.push(`  章节：${f.sections.join(' ｜ ')}`);
  lines.push(`  表格：${f.tables ? `${f.tables}张，均不是指标评分表` : '无'}`);
  lines.push(`缺少：${f.missing.join('；')}`);
  return lines.join('\n');
}
