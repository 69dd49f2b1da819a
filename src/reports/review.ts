/**
 * 审核意见 — the bureau's document, never part of what the unit files: our check of the unit's scores
 * against the framework's rules (the total and grade by the rules against the ones the unit stated,
 * the indicators that could not be verified and what they lack, every difference), with the 得分对照表
 * and the 评分核查情况表.
 */
import { dec, fmt } from '../core/decimal.js';
import { type Ctx, scoreText } from './context.js';
import { findingsTable, summaryTable } from './layouts/index.js';
import type { Block, Calc, ReportDocument, Table } from './model.js';
import { distinctName } from './names.js';

const gen = (text: string): Block => ({ type: 'paragraph', text, source: 'generated' });

export function reviewDocument(ctx: Ctx, draft: boolean): ReportDocument {
  const { fw, ev, res, st } = ctx;
  const kind = fw.kind === 'project' ? '项目支出' : '部门整体支出';
  const title = `${ev.unit}${ev.year}年度${kind}绩效自评审核意见`;
  const s = (v: number) => scoreText(v, ctx.d);
  const own = [summaryTable(ctx, { claimed: true }), findingsTable(ctx)] as const;
  const [summary, findings] = [standalone(own[0], own), standalone(own[1], own)];
  const blocks: Block[] = [{ type: 'title', text: title }];
  const stated = res.statedTotal ?? res.claimedTotal;
  blocks.push(
    gen(
      `按《${fw.name}》的评分规则，对${ev.unit}${ev.year}年度${kind}绩效自评逐项核算，核定总分为${s(st.total)}分，评价等级为“${st.grade}”。`,
    ),
  );
  if (stated !== undefined) {
    const diff = dec(st.total).minus(stated);
    blocks.push(
      gen(
        diff.isZero()
          ? `单位自评总分${s(stated)}分，与核定总分一致。`
          : `单位自评总分${s(stated)}分${res.statedGrade ? `（“${res.statedGrade}”）` : ''}，核定总分${diff.isPositive() ? '高' : '低'}${fmt(diff.abs(), ctx.d)}分，差异逐项见表2。`,
      ),
    );
  }
  if (st.unverified.count) {
    const byId = new Map([...ctx.items.values()].map((t) => [t.id, t]));
    blocks.push(
      gen(
        `${st.unverified.count}项指标缺少计分所需数据，得分待核实，核定总分暂按单位自评得分计入（合计${s(st.unverified.points)}分；待核实按0分计的严格口径总分为${s(st.strictTotal)}分${st.gradeMayChange ? '，可能影响评价等级' : ''}）：${st.unverified.indicators
          .map((i) => {
            const t = byId.get(i.id);
            return `${t ? distinctName(ctx, t) : i.path.join(' / ')}（${i.claimed !== undefined ? `自评${s(i.claimed)}分，` : ''}缺少${i.missing.join('、')}）`;
          })
          .join('、')}。`,
      ),
    );
  }
  blocks.push(gen('各级指标得分与单位填报得分的对照见表1，核查发现的问题见表2。'));
  blocks.push({ type: 'table', table: { ...summary, title: `表1　得分对照表` } });
  blocks.push({ type: 'table', table: { ...findings, title: `表2　${findings.title}`, titleStyle: 'caption' } });
  blocks.push({ type: 'blank' }, { type: 'signature', lines: ['审核人：　　　　　　', '　　　　年　　月　　日'] });
  return {
    meta: {
      kind: 'review',
      title,
      unit: ev.unit,
      year: ev.year,
      layout: fw.layout ?? 'generic',
      framework: { id: fw.id, name: fw.name, version: fw.version },
      statement: st,
      decimals: fw.decimals,
      draft,
    },
    parts: [{ orientation: 'portrait', blocks }],
    sheets: [summary, findings],
    unfinished: [],
  };
}

/** The cells a formula reads. */
function calcRefs(c: Calc): string[] {
  switch (c.op) {
    case 'sum':
      return c.refs;
    case 'grade':
    case 'ref':
      return [c.ref];
    case 'ratio':
      return [c.num, c.den];
    case 'score':
      return c.targetRef ? [c.actual, c.targetRef] : [c.actual];
  }
}

/**
 * The review borrows the 自评表's summary, whose formulas read the scoring table's cells; the review does not
 * carry that table, so those cells keep their values and lose their formulas (a formula to a missing cell is a
 * writer error, rightly refused for the unit's own documents).
 */
function standalone(t: Table, all: readonly Table[]): Table {
  const ids = new Set(all.flatMap((x) => x.rows.flatMap((r) => r.cells.flatMap((c) => (c.id ? [c.id] : [])))));
  return {
    ...t,
    rows: t.rows.map((r) => ({
      ...r,
      cells: r.cells.map((c) => {
        if (!c.calc || calcRefs(c.calc).every((id) => ids.has(id))) return c;
        const { calc: _dropped, ...rest } = c;
        return rest;
      }),
    })),
  };
}
