/**
 * The 自评表 of each layout, one file per region: the compiler keeps this table complete
 * (`satisfies Record<LayoutId, …>`), and a framework without a layout gets the generic table.
 */
import type { LayoutId } from '../../core/layouts.js';
import type { Ctx } from '../context.js';
import type { Table } from '../model.js';
import type { Fmt } from './cells.js';
import { generic } from './generic.js';
import { heshan } from './heshan.js';
import { huairou } from './huairou.js';
import { jinzhong } from './jinzhong.js';
import { longhua } from './longhua.js';
import { project10 } from './project-10.js';
import { shangjie } from './shangjie.js';

export const LAYOUT_TABLES = {
  shangjie,
  jinzhong,
  heshan,
  longhua,
  huairou,
  'project-10': project10,
} as const satisfies Record<LayoutId, (f: Fmt) => Table>;

/** The 自评表 in the layout of the evaluation's framework. */
export function selfEvaluationTable(ctx: Ctx): Table {
  const f: Fmt = { ctx, fixed: false };
  return (ctx.fw.layout ? LAYOUT_TABLES[ctx.fw.layout] : generic)(f);
}

export { summaryTable } from './summary.js';
export { findingsTable } from './findings.js';
export { scoringTable } from './scoring.js';
