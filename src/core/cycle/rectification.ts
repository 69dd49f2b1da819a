// 整改: items from the problems a report states and the findings the bureau confirms; their state, due date and evidence.
import { z } from 'zod';
import { paragraphs, plain } from '../audit/text.js';
import {
  labelledEnum,
  RECTIFICATION_SOURCE_LABELS,
  RECTIFICATION_SOURCES,
  RECTIFICATION_STATUS_LABELS,
  RECTIFICATION_STATUSES,
  type RectificationSource,
} from './labels.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });

export const RectificationItemSchema = z
  .object({
    source: labelledEnum(RECTIFICATION_SOURCES, RECTIFICATION_SOURCE_LABELS),
    /** The problem, as stated or confirmed. */
    problem: z.string().trim().min(2),
    /** 责任人 / 责任科室. */
    owner: z.string().optional(),
    /** 整改措施. */
    measure: z.string().optional(),
    due: date.optional(),
    status: labelledEnum(RECTIFICATION_STATUSES, RECTIFICATION_STATUS_LABELS).default('open'),
    /** 佐证: attachment names or links. */
    evidence: z.array(z.string().min(1)).default([]),
    /** 整改结果, asked for in next year's 自评. */
    outcome: z.string().optional(),
    /** Where it came from: report section or finding code. */
    origin: z.string().optional(),
  })
  .strict();
export type RectificationItem = z.output<typeof RectificationItemSchema>;

/** What keeps an item from its state: 整改中 needs owner, measure and due date; 已完成 also evidence. */
export function rectificationIssues(item: RectificationItem): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  if (item.status === 'open') return out;
  if (!item.owner?.trim()) out.push({ field: 'owner', message: '请填写整改责任人' });
  if (!item.measure?.trim()) out.push({ field: 'measure', message: '请填写整改措施' });
  if (!item.due) out.push({ field: 'due', message: '请填写整改期限' });
  if (item.status === 'done') {
    if (!item.evidence.length) out.push({ field: 'evidence', message: '标记“已完成”须附整改佐证材料' });
    if (!item.outcome?.trim()) out.push({ field: 'outcome', message: '标记“已完成”须写明整改结果' });
  }
  return out;
}

export const isOverdue = (item: Pick<RectificationItem, 'status' | 'due'>, today: string): boolean =>
  item.status !== 'done' && item.due !== undefined && item.due < today;

const PROBLEM_TITLE = /问题/;
const ITEM_START =
  /(?=(?:[一二三四五六七八九十]+是|（[1-9一二三四五六七八九十]）|\([1-9]\)|(?:^|\s)[1-9][.、．](?!\d)))/;

export interface StatedProblem {
  section: string;
  problem: string;
  measure?: string;
}

/**
 * The problems a 自评报告 states: sections whose heading speaks of 问题 (“发现的主要问题和改进措施”,
 * “存在的问题及原因分析”), split at 一是/（1）/1. items; “措施：…” inside an item is its measure.
 * A section that says only 无 states none.
 */
export function problemsFromNarrative(narrative: Record<string, string> | undefined): StatedProblem[] {
  const out: StatedProblem[] = [];
  for (const [key, raw] of Object.entries(narrative ?? {})) {
    const title = key.split(' / ').pop() ?? key;
    if (!PROBLEM_TITLE.test(title) || /其他需要说明/.test(title)) continue;
    const text = plain(raw).trim();
    if (!text || /^无[。.]?$/.test(text)) continue;
    const pieces = paragraphs(text)
      .flatMap((p) => p.split(ITEM_START))
      .map((s) => s.trim())
      .filter((s) => s.length >= 6);
    // A lone lead-in (“2021年度…总体良好，…”) is no problem when numbered items follow it elsewhere.
    for (const piece of pieces) {
      const m = /(?:措施|改进措施|整改措施)[：:]\s*(.+)$/.exec(piece);
      const problem = (m ? piece.slice(0, m.index) : piece).trim();
      if (problem.length < 4) continue;
      out.push({ section: key, problem, ...(m?.[1] && { measure: m[1].trim() }) });
    }
  }
  return out;
}

/** New 整改 items from stated problems and confirmed findings (错误/警告 the bureau agreed with). */
export function rectificationItems(
  stated: StatedProblem[],
  confirmed: Array<{ code: string; message: string; indicator?: string }>,
): RectificationItem[] {
  const item = (source: RectificationSource, problem: string, origin: string, measure?: string): RectificationItem => ({
    source,
    problem,
    origin,
    status: 'open',
    evidence: [],
    ...(measure && { measure }),
  });
  return [
    ...stated.map((p) => item('report', p.problem, p.section, p.measure)),
    ...confirmed.map((f) => item('finding', f.indicator ? `〔${f.indicator}〕${f.message}` : f.message, f.code)),
  ];
}

/** Last year's items not yet done: shown in next year's 自评, which must state their outcome. */
export const carriedOver = <T extends Pick<RectificationItem, 'status'>>(items: T[]): T[] =>
  items.filter((i) => i.status !== 'done');
