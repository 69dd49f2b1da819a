/**
 * A report outline: how one region's 自评报告 is laid out — its title, the lines under it, its sections
 * with their wording and nesting, what each section says from the data, where the unit's own paragraphs
 * go, the attachments, the 署名 — held as data beside the frameworks (frameworks/outlines/*.yaml).
 */
import { z } from 'zod';
import { LAYOUT_IDS } from '../../core/layouts.js';

/**
 * What a section can say from the data, in the unit's voice. A closed list: ./contents.ts has one
 * writer per id (`satisfies Record<ContentId, …>`).
 */
export const CONTENT_IDS = [
  /** The opening paragraph (when the unit wrote no 引言). */
  'opening',
  /** 单位名称, 主管部门 / 实施单位, 联系人. */
  'profile',
  /** 年度绩效目标. */
  'goals',
  /** 年度主要任务 with their money and 执行率. */
  'tasks',
  /** Budget, execution, its parts and 结转结余. */
  'budget',
  /** 编制 and 人员. */
  'staffing',
  /** The rates the figures give (公用经费控制率 …), with their formulas. */
  'metrics',
  /** The indicator system: levels, 一级 weights, the unit's tailoring. */
  'design',
  /** How the self-evaluation was done. */
  'method',
  /** The self-evaluation's total and grade. */
  'score',
  /** 表1 各级指标得分汇总表. */
  'summary-table',
  /** One sentence per 一级 indicator (上街: “一级指标预算执行率：年初目标为100%……”). */
  'level-one',
  /** Per 一级 indicator a sub-heading, per leaf 指标值 / 实际完成值 / 分值 / 得分 / 计分 / 偏差原因. */
  'analysis',
  /** The indicators that missed their target and why. */
  'missed',
  /** The attachments as a list inside a section (怀柔: 七、附件). */
  'attachment-list',
  /** “无。” */
  'none',
] as const;
export type ContentId = (typeof CONTENT_IDS)[number];

/** Where the unit's narrative of an unknown heading goes, by what the heading speaks of. */
export const SECTION_KINDS = [
  'basic',
  'budget',
  'work',
  'conclusion',
  'analysis',
  'management',
  'problems',
  'advice',
  'application',
  'other',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export interface OutlineSection {
  title: string;
  /** Other headings a unit gives this section (matched with ordinals and spaces ignored). */
  aliases: string[];
  kind?: SectionKind;
  /** Generated content before the unit's paragraphs. */
  content: ContentId[];
  /** Generated content after the unit's paragraphs. */
  after: ContentId[];
  /** Generated content used only when the unit wrote nothing here. */
  fallback: ContentId[];
  /** Text when the section has nothing at all (“无。”); otherwise it asks the unit to write it. */
  empty?: string;
  /** For 'analysis' / 'level-one': only these 一级 indicators (by name); default all. */
  indicators?: string[];
  children: OutlineSection[];
}

const content = z.array(z.enum(CONTENT_IDS)).default([]);

export const OutlineSectionSchema: z.ZodType<OutlineSection, unknown> = z.lazy(() =>
  z
    .object({
      title: z.string().min(1),
      aliases: z.array(z.string().min(1)).default([]),
      kind: z.enum(SECTION_KINDS).optional(),
      content,
      after: content,
      fallback: content,
      empty: z.string().optional(),
      indicators: z.array(z.string().min(1)).optional(),
      children: z.array(OutlineSectionSchema).default([]),
    })
    .strict(),
) as z.ZodType<OutlineSection, unknown>;

export const OutlineSchema = z
  .object({
    /** The frameworks (ids) this outline is for. */
    frameworks: z.array(z.string().min(1)).default([]),
    /** And every framework of these layouts (a bureau's copy of a region's framework keeps its layout). */
    layouts: z.array(z.enum(LAYOUT_IDS)).default([]),
    /** What it reproduces. */
    name: z.string().min(1),
    source: z.string().optional(),
    /** report: the 自评报告 with the 自评表 attached; table: the 自评表 is the filed document (晋中). */
    document: z.enum(['report', 'table']).default('report'),
    /** Title template: {year}, {unit}, {kind} (部门整体支出 / 项目支出). */
    title: z.string().min(1),
    /** Lines under the title (龙华: 部门名称（公章）：{unit}); {contact} is the unit's 联系人及电话. */
    preamble: z.array(z.string()).default([]),
    /** Before the first section: the unit's 引言, else these. */
    intro: content,
    /** The report's 一级 sections in order (none for a table document). */
    sections: z.array(OutlineSectionSchema).default([]),
    /** How the attachments are named at the end of the text: 附件说明 (GB/T 9704) or a section of their own. */
    attachments: z.enum(['list', 'section']).default('list'),
    /** The 自评表's title, when the region's differs from the layout's ({year}). */
    tableTitle: z.string().optional(),
    /** The notes the region prints under its 自评表, verbatim. */
    tableNotes: z.array(z.string()).default([]),
    /** 署名 lines; {unit}, {date} (the empty date line). table documents sign inside the table. */
    signature: z.array(z.string()).default(['{unit}', '{date}']),
  })
  .strict()
  .refine((o) => o.document === 'table' || o.sections.length > 0, {
    path: ['sections'],
    message: '报告提纲至少要有一个一级标题（只报自评表的地区写 document: table）',
  });
export type Outline = z.output<typeof OutlineSchema>;
