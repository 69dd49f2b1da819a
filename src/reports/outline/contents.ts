/**
 * What an outline section says from the data, one writer per ContentId, in the unit's own voice: the
 * self-evaluation's score and what made it, the unit's figures and tasks. Never our review of the unit's
 * scores (that is the 审核意见, ../review.ts), never a modelling note.
 */
import { dec, fmt } from '../../core/decimal.js';
import {
  budgetTotal,
  type Ctx,
  leavesOf,
  money,
  ratioText,
  scoreText,
  targetPhrase,
  type TreeItem,
  weightText,
} from '../context.js';
import type { Block, Table } from '../model.js';
import { distinctName, fullName } from '../names.js';
import { countedScore, isUnverified } from '../statement.js';
import type { ContentId, OutlineSection } from './schema.js';

/** Generated content at a path below the section it belongs to ([] = the section itself). */
export interface Sub {
  path: string[];
  blocks: Block[];
}

export interface ContentEnv {
  ctx: Ctx;
  section: OutlineSection;
  /** 表1 各级指标得分汇总表, as the unit's report prints it. */
  summary: Table;
  attachments: Table[];
  /** 部门整体支出 / 项目支出. */
  kind: string;
}

export const gen = (text: string): Block => ({ type: 'paragraph', text, source: 'generated' });
const here = (...blocks: Block[]): Sub[] => (blocks.length ? [{ path: [], blocks }] : []);

const s = (v: number, ctx: Ctx) => scoreText(v, ctx.d);
const w = (v: number, ctx: Ctx) => weightText(v, ctx.d);
const end = (t: string) => (/[。；！？]$/.test(t) ? t : `${t}。`);
const noEnd = (t: string) => t.trim().replace(/[。；]$/, '');

/** The findings of the core about an indicator, by code. */
const findingOf = (ctx: Ctx, t: TreeItem, code: string) =>
  ctx.res.findings.find((f) => f.code === code && f.path?.join('/') === t.indicator?.path.join('/'));

/**
 * How the score of a leaf came about, as the unit states it: the rule's calculation where the data
 * gave one; for a judgment (定性, 要点) the tier or “按评价要点评定”; 待核实 where the data was missing.
 */
export function analysisText(ctx: Ctx, l: TreeItem): string {
  const i = l.indicator;
  if (!i) return '';
  if (isUnverified(i)) {
    const missing = /^缺少([^，,]+)/.exec(i.explanation)?.[1];
    return `${missing ? `缺少${missing}` : '计分所需数据不全'}，得分待核实`;
  }
  if (findingOf(ctx, l, 'judged-by-claim')) {
    const tier = /属“[^”]+”档（[^）]+）/.exec(i.explanation)?.[0];
    return `${tier ? `${tier}，` : '按评价要点评定，'}得${s(countedScore(i), ctx)}分`;
  }
  return noEnd(i.explanation);
}

/** "一级指标预算执行率：年初目标为100%，实际完成值为98.12%，得分9.81分。" */
export function levelOneSentence(ctx: Ctx, r: TreeItem): string {
  if (!r.children.length) {
    const i = r.indicator;
    const target = targetPhrase(i?.target);
    const parts = [
      target ? `年初目标为${target}` : `分值${w(r.score.weight, ctx)}分`,
      ...(i?.actual !== undefined ? [`实际完成值为${i.actual}`] : []),
      `得分${s(r.score.score, ctx)}分${i && isUnverified(i) ? '（待核实）' : ''}`,
    ];
    const reason = i?.deviationReason ? `偏差原因：${end(i.deviationReason.trim())}` : '';
    return `一级指标${fullName(r)}：${parts.join('，')}。${reason}`;
  }
  const kids = r.children
    .map((c) => `${fullName(c)}${w(c.score.weight, ctx)}分，得分${s(c.score.score, ctx)}分`)
    .join('；');
  const lost = leavesOf(r).filter((l) => dec(l.score.score).lt(l.score.weight));
  const lostText = lost.length
    ? `失分指标：${lost
        .map(
          (l) =>
            `${distinctName(ctx, l)}（分值${w(l.score.weight, ctx)}分，得分${s(l.score.score, ctx)}分${l.indicator && isUnverified(l.indicator) ? '，待核实' : ''}${l.indicator?.deviationReason ? `，偏差原因：${noEnd(l.indicator.deviationReason)}` : ''}）`,
        )
        .join('；')}。`
    : '';
  return `一级指标${fullName(r)}：分值${w(r.score.weight, ctx)}分，得分${s(r.score.score, ctx)}分，其中：${kids}。${lostText}`;
}

/** One leaf: 指标值, 实际完成值, 分值, 得分, how it was scored, 偏差原因. */
export function leafSentence(ctx: Ctx, l: TreeItem): string {
  const i = l.indicator;
  const parts = [
    ...(i?.target !== undefined ? [`指标值${i.target}`] : []),
    ...(i?.actual !== undefined ? [`实际完成值${i.actual}`] : []),
    `分值${w(l.score.weight, ctx)}分`,
    `得分${s(i ? countedScore(i) : l.score.score, ctx)}分`,
  ];
  const how = analysisText(ctx, l);
  const reason = i?.deviationReason ? `偏差原因：${end(i.deviationReason.trim())}` : '';
  return `${distinctName(ctx, l)}：${parts.join('，')}。${how ? `计分：${end(how)}` : ''}${reason}`;
}

function budgetSentences(ctx: Ctx): string[] {
  const b = ctx.ev.figures.budget ?? {};
  const out: string[] = [];
  const total = budgetTotal(ctx);
  const rate = ctx.res.metrics.find((m) => m.id === 'budgetExecutionRate');
  const money1 = [
    ...(b.carryOver !== undefined ? [`上年结转${money(b.carryOver)}万元`] : []),
    ...(b.initial !== undefined ? [`年初预算数${money(b.initial)}万元`] : []),
    ...(b.adjustment !== undefined ? [`预算调整${money(b.adjustment)}万元`] : []),
    ...(b.otherAdjustment !== undefined ? [`其他调整资金${money(b.otherAdjustment)}万元`] : []),
    ...(total !== undefined ? [`全年预算数${money(total)}万元`] : []),
    ...(b.executed !== undefined ? [`预算执行数${money(b.executed)}万元`] : []),
    ...(rate?.value !== undefined ? [`预算执行率${fmt(rate.value)}%`] : []),
  ];
  if (money1.length) out.push(`${ctx.ev.year}年度${money1.join('，')}。`);
  const parts = (
    [
      ['基本支出', b.basic],
      ['项目支出', b.project],
      ['其他支出', b.other],
    ] as const
  ).filter(([, p]) => p && (p.budget !== undefined || p.executed !== undefined));
  if (parts.length) {
    out.push(
      `其中，${parts
        .map(([name, p]) => {
          const r = ratioText(p!.executed, p!.budget);
          const both = p!.budget !== undefined && p!.executed !== undefined ? '、' : '';
          return `${name}${p!.budget !== undefined ? `预算${money(p!.budget)}万元` : ''}${both}${p!.executed !== undefined ? `执行${money(p!.executed)}万元` : ''}${r ? `（执行率${r}）` : ''}`;
        })
        .join('；')}。`,
    );
  }
  if (b.balance !== undefined) out.push(`年末结转结余${money(b.balance)}万元。`);
  return out;
}

function staffingSentence(ctx: Ctx): string[] {
  const st = ctx.ev.figures.staffing;
  if (!st) return [];
  const p = [
    ...(st.authorized !== undefined ? [`核定编制${fmt(st.authorized)}人`] : []),
    ...(st.actual !== undefined ? [`实有在职${fmt(st.actual)}人`] : []),
    ...(st.onPayroll !== undefined ? [`在编${fmt(st.onPayroll)}人`] : []),
    ...(st.supernumerary !== undefined ? [`编外${fmt(st.supernumerary)}人`] : []),
    ...(st.retired !== undefined ? [`退休${fmt(st.retired)}人`] : []),
  ];
  return p.length ? [`人员情况：${p.join('，')}。`] : [];
}

function taskBlocks(ctx: Ctx): Block[] {
  const tasks = ctx.ev.tasks ?? [];
  if (!tasks.length) return [];
  return [
    gen(`年度主要任务${tasks.length}项：`),
    ...tasks.map((t, i) => {
      const r = ratioText(t.executed, t.budget);
      const m = [
        ...(t.budget !== undefined ? [`预算资金${money(t.budget)}万元`] : []),
        ...(t.executed !== undefined ? [`执行${money(t.executed)}万元`] : []),
        ...(r ? [`执行率${r}`] : []),
        ...(t.status ? [`完成情况：${t.status}`] : []),
      ];
      return gen(
        `${i + 1}.${t.name}${t.content ? `：${noEnd(t.content)}` : ''}${m.length ? `（${m.join('，')}）` : ''}。`,
      );
    }),
  ];
}

function designSentences(ctx: Ctx): string[] {
  const { fw, ev, res } = ctx;
  const level = (n: number) => res.nodes.filter((x) => x.level === n).length;
  const roots = ctx.roots.map((r) => `${fullName(r)}${w(r.score.weight, ctx)}分`).join('、');
  const out = [
    `绩效指标按《${fw.name}》设置，共设一级指标${level(1)}个、二级指标${level(2)}个${level(3) ? `、三级指标${level(3)}个` : ''}。一级指标分值为：${roots}。`,
  ];
  const t = ev.tailoring;
  const changes = [
    ...(t?.drop?.length ? [`不涉及${t.drop.join('、')}，未设置该指标`] : []),
    ...Object.entries(t?.weights ?? {}).map(([k, v]) => `${k}分值设定为${fmt(v)}分`),
    ...(t?.add?.length ? [`结合工作实际设置个性指标${t.add.length}个`] : []),
  ];
  if (changes.length) out.push(`按指标体系的规定，本单位${changes.join('；')}。`);
  return out;
}

/** The nodes a section's analysis covers: its `indicators` (at any level), else every 一级 indicator. */
function scope(ctx: Ctx, section: OutlineSection): TreeItem[] {
  if (!section.indicators?.length) return ctx.roots;
  const names = new Set(section.indicators);
  return [...ctx.items.values()].filter((t) => names.has(t.name) || names.has(fullName(t)));
}

function scoreParagraph(env: ContentEnv): Block {
  const { ctx } = env;
  const st = ctx.st;
  const u = st.unverified;
  const pending = u.count
    ? `其中${u.count}项指标的得分待核实${u.points ? `（自评${s(u.points, ctx)}分）` : ''}${st.gradeMayChange ? '，可能影响评价等级' : ''}。`
    : '';
  const table = env.section.content.includes('summary-table') || env.section.after.includes('summary-table');
  return gen(
    `经自评，${ctx.ev.unit}${ctx.ev.year}年度${env.kind}绩效自评得分${s(st.total, ctx)}分，评价等级为“${st.grade}”。${pending}${table ? '各级指标得分见表1。' : ''}`,
  );
}

/** Fields of the 10号 table (主管部门, 实施单位), not paragraphs. */
export const FIELD_KEYS = new Set(['主管部门', '实施单位']);

export const CONTENT: Record<ContentId, (env: ContentEnv) => Sub[]> = {
  opening: ({ ctx, kind }) => {
    const { fw, ev, st } = ctx;
    return here(
      gen(
        `根据《${fw.name}》${fw.issuer ? `（${fw.issuer}）` : ''}的要求，${ev.unit}对${ev.year}年度${kind}绩效开展了自评，自评得分${s(st.total, ctx)}分，评价等级为“${st.grade}”。现将有关情况报告如下：`,
      ),
    );
  },
  profile: ({ ctx }) => {
    const { ev, fw } = ctx;
    const n = ev.narrative ?? {};
    const who = [
      ...(n['主管部门'] ? [`主管部门：${n['主管部门']}`] : []),
      ...(n['实施单位'] ? [`实施单位：${n['实施单位']}`] : []),
    ];
    return here(
      gen(
        `${fw.kind === 'project' ? '项目' : '单位'}名称：${ev.unit}。${who.length ? `${who.join('；')}。` : ''}${ev.contact ? `联系人及联系方式：${ev.contact}。` : ''}`,
      ),
    );
  },
  goals: ({ ctx }) => here(...(ctx.ev.goals ? [gen(`年度绩效目标：${end(ctx.ev.goals.trim())}`)] : [])),
  tasks: ({ ctx }) => here(...taskBlocks(ctx)),
  budget: ({ ctx }) => here(...budgetSentences(ctx).map(gen)),
  staffing: ({ ctx }) => here(...staffingSentence(ctx).map(gen)),
  metrics: ({ ctx }) => {
    const ms = ctx.res.metrics.filter((m) => m.value !== undefined && m.id !== 'budgetExecutionRate');
    return here(...(ms.length ? [gen(`按基础数据计算：${ms.map((m) => m.explanation).join('；')}。`)] : []));
  },
  design: ({ ctx }) => here(...designSentences(ctx).map(gen)),
  method: ({ ctx }) =>
    here(
      gen(
        `本单位对照年初设定的绩效目标和《${ctx.fw.name}》，逐项填报指标值和实际完成值，定量指标按实际完成值与指标值计分，定性指标按达成程度分档评定，各级小计和总分由末级指标得分相加，得分保留${ctx.d}位小数。`,
      ),
    ),
  score: (env) => here(scoreParagraph(env)),
  'summary-table': ({ summary }) => here({ type: 'table', table: { ...summary, title: `表1　${summary.title}` } }),
  'level-one': ({ ctx, section }) => here(...scope(ctx, section).map((r) => gen(levelOneSentence(ctx, r)))),
  analysis: ({ ctx, section }) => {
    const nodes = scope(ctx, section);
    // A section about one indicator lists its leaves; otherwise one sub-heading per indicator.
    if (section.indicators?.length && nodes.length === 1)
      return here(...leavesOf(nodes[0]!).map((l) => gen(leafSentence(ctx, l))));
    return nodes.map((r) => ({
      path: [`${fullName(r)}情况分析`],
      blocks: [
        gen(`${fullName(r)}分值${w(r.score.weight, ctx)}分，得分${s(r.score.score, ctx)}分。`),
        ...(r.children.length ? leavesOf(r).map((l) => gen(leafSentence(ctx, l))) : []),
      ],
    }));
  },
  missed: ({ ctx }) => {
    const missed = ctx.leaves.filter((l) => l.indicator?.missed);
    if (!missed.length) return [];
    return here(
      gen(`${missed.length}项指标未达到年初指标值：`),
      ...missed.map((l, i) => {
        const ind = l.indicator!;
        return gen(
          `${i + 1}.${distinctName(ctx, l)}：${ind.target !== undefined ? `指标值${ind.target}，` : ''}${ind.actual !== undefined ? `实际完成值${ind.actual}，` : ''}得分${s(countedScore(ind), ctx)}分（分值${w(l.score.weight, ctx)}分）。${ind.deviationReason ? `原因：${end(ind.deviationReason.trim())}` : ''}`,
        );
      }),
    );
  },
  'attachment-list': ({ attachments }) => here(...attachments.map((t, i) => gen(`${i + 1}.${t.title}`))),
  none: () => here(gen('无。')),
};
