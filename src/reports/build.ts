/**
 * Builds the document model from Framework + Evaluation + ScoreResult: the unit's filed document in its
 * region's outline (the 自评报告 with the 自评表 attached, or 晋中's 自评表 alone), or the bureau's 审核意见.
 */
import type { Evaluation } from '../core/evaluation.js';
import type { Framework } from '../core/framework/model.js';
import type { ScoreResult } from '../core/scoring.js';
import { buildContext, type Ctx } from './context.js';
import { scoringTable, selfEvaluationTable, summaryTable } from './layouts/index.js';
import { JINZHONG_NARRATIVE, parseEvaluators } from './layouts/jinzhong.js';
import type { DocumentKind, Part, ReportDocument, ReportMeta, Table } from './model.js';
import { builtinOutlines } from './outline/catalog.js';
import { reportText } from './outline/render.js';
import type { Outline } from './outline/schema.js';
import { reviewDocument } from './review.js';

export interface BuildOptions {
  /** report (default): what the unit files, in its region's outline; review: the bureau's 审核意见. */
  document?: 'report' | 'review';
  /** A 草稿 watermark on every page of every format. */
  draft?: boolean;
  /** The outline to use instead of the framework's own (frameworks/outlines). */
  outline?: Outline;
  /** Ignored: our check of the unit's scores is never part of the unit's documents (see `document`). */
  findings?: boolean;
}

function meta(ctx: Ctx, kind: DocumentKind, title: string, draft: boolean): ReportMeta {
  const { fw, ev } = ctx;
  return {
    kind,
    title,
    unit: ev.unit,
    year: ev.year,
    layout: fw.layout ?? 'generic',
    framework: { id: fw.id, name: fw.name, version: fw.version },
    statement: ctx.st,
    decimals: fw.decimals,
    draft,
  };
}

/** Where the 自评表 prints 全年预算数 and 执行数 (the 预算执行率 formula reads them). */
function budgetCells(t: Table): { total?: string; executed?: string } {
  const ids = new Set(t.rows.flatMap((r) => r.cells.map((c) => c.id)));
  return {
    ...(ids.has('fig:budget.total') && { total: 'fig:budget.total' }),
    ...(ids.has('fig:budget.executed') && { executed: 'fig:budget.executed' }),
  };
}

/** 晋中: what the table needs from the unit that it has not written. */
function tableUnfinished(ctx: Ctx): string[] {
  const n = ctx.ev.narrative ?? {};
  return [
    ...JINZHONG_NARRATIVE.filter((k) => k !== '其他' && !n[k]?.trim()).map((k) => `${k}未填写`),
    ...(parseEvaluators(n['评价人员']).length ? [] : ['评价人员未填写']),
  ];
}

export function buildReport(fw: Framework, ev: Evaluation, res: ScoreResult, opts: BuildOptions = {}): ReportDocument {
  const outline = opts.outline ?? builtinOutlines().for(fw);
  const ctx = buildContext(fw, ev, res, outline);
  const draft = !!opts.draft;
  if (opts.document === 'review') return reviewDocument(ctx, draft);
  const main = selfEvaluationTable(ctx);
  const scoring = scoringTable(ctx, budgetCells(main));
  if (outline.document === 'table') {
    return {
      meta: meta(ctx, 'table', `${ev.year}年度${ev.unit}${main.title.replace(/^.*?市(?=部门)/, '')}`, draft),
      parts: [{ orientation: main.orientation, blocks: [{ type: 'table', table: main }] }],
      sheets: [main, scoring],
      unfinished: tableUnfinished(ctx),
    };
  }
  const summary = summaryTable(ctx);
  const attachments = [main];
  const text = reportText(ctx, summary, attachments);
  const parts: Part[] = [
    { orientation: 'portrait', blocks: text.blocks },
    ...attachments.map((t, i): Part => ({
      orientation: t.orientation,
      blocks: [
        { type: 'attachment-label', text: attachments.length > 1 ? `附件${i + 1}` : '附件' },
        { type: 'table', table: t },
      ],
    })),
  ];
  return {
    meta: meta(ctx, 'report', text.title, draft),
    parts,
    sheets: [main, summary, scoring],
    unfinished: text.unfinished,
  };
}
