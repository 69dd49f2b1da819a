import { dec, fmt } from '../core/decimal.js';
import {
  budgetTotal,
  cn,
  type Ctx,
  leavesOf,
  money,
  ratioText,
  scoreText,
  targetPhrase,
  type TreeItem,
  weightText,
} from './context.js';
import type { Block, Table } from './model.js';

/**
 * The 自评报告's text: the sections the seed reports share (基本情况; 绩效自评工作开展情况;
 * 综合评价结论; 绩效目标实现情况分析; 问题和改进措施; 结果应用和公开; 其他). Every number and every score
 * sentence is generated from the ScoreResult and the unit's figures; the unit's own paragraphs
 * (evaluation.narrative) are placed in the section their heading names and kept as written.
 */

export type SectionId = 'intro' | 'basic' | 'work' | 'conclusion' | 'analysis' | 'problems' | 'application' | 'other';

export const SECTION_TITLES: Record<Exclude<SectionId, 'intro'>, string> = {
  basic: '基本情况',
  work: '绩效自评工作开展情况',
  conclusion: '综合评价结论',
  analysis: '绩效目标实现情况分析',
  problems: '存在的问题和改进措施',
  application: '绩效自评结果应用和公开情况',
  other: '其他需要说明的问题',
};

/** Narrative keys that are fields of a table (10号: 主管部门, 实施单位), not paragraphs of the report. */
const FIELD_KEYS = new Set(['主管部门', '实施单位']);

const ORDINAL =
  /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[.．、](?!\d)|[①-⑳])\s*/;

/** "（四）2021 年部门预算执行情况" → "2021 年部门预算执行情况": we number headings ourselves. */
export const stripOrdinal = (s: string): string => s.replace(ORDINAL, '').trim();

/** Which section of the report a narrative heading belongs to. */
export function classifyNarrative(key: string): SectionId {
  const s = stripOrdinal(key.split('/')[0]!.trim());
  if (/^(引言|前言|导语|开头)$/.test(s)) return 'intro';
  if (/^其[他它]/.test(s)) return 'other';
  if (/结果应用|应用和公开|应用及公开|公开情况/.test(s)) return 'application';
  if (/问题|改进|整改|措施|建议|经验/.test(s)) return 'problems';
  if (/自评工作|工作开展|评价工作|组织实施|评价人员|评价小组|工作小组|评价方法|评价过程/.test(s)) return 'work';
  if (/评价结论|总体评价|综合评价|评价得分|得分情况/.test(s)) return 'conclusion';
  if (/目标实现|绩效情况|绩效分析|评价分析|履职绩效|完成情况|产出|效果|效益|预算管理情况/.test(s)) return 'analysis';
  if (/概况|基本情况|职能|人员|机构|预算|支出|资金|目标|任务|部门|单位/.test(s)) return 'basic';
  return 'other';
}

interface Sub {
  /** Heading path below the section (level 2, 3, 4); empty: paragraphs straight under the section. */
  path: string[];
  blocks: Block[];
}

const gen = (text: string): Block => ({ type: 'paragraph', text, source: 'generated' });
const placeholder = (text: string): Block => ({ type: 'paragraph', text, source: 'placeholder' });
const narrativeParagraphs = (text: string): Block[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length)
    .map((l): Block => ({ type: 'paragraph', text: l, source: 'narrative' }));

function narrativeSubs(ctx: Ctx): Map<SectionId, Sub[]> {
  const out = new Map<SectionId, Sub[]>();
  for (const [key, text] of Object.entries(ctx.ev.narrative ?? {})) {
    if (FIELD_KEYS.has(key)) continue;
    const section = classifyNarrative(key);
    const segs = key
      .split(/\s+\/\s+|\s*\/\s*/)
      .map(stripOrdinal)
      .filter(Boolean);
    let path = segs.length > 1 ? segs.slice(1) : segs;
    // A heading that only repeats the section's own title adds nothing.
    if (section === 'intro' || (path.length === 1 && SECTION_TITLES[section].includes(path[0]!))) path = [];
    const list = out.get(section) ?? [];
    list.push({ path, blocks: narrativeParagraphs(text) });
    out.set(section, list);
  }
  return out;
}

const s = (v: number, ctx: Ctx) => scoreText(v, ctx.d);
const w = (v: number, ctx: Ctx) => weightText(v, ctx.d);
const end = (t: string) => (/[。；！？]$/.test(t) ? t : `${t}。`);

function claimNote(t: TreeItem, ctx: Ctx, appendix: string): string {
  const c = t.score.claimed;
  if (c === undefined || dec(c).eq(t.score.score)) return '';
  return `自评数据填报得分${s(c, ctx)}分，与按评分规则计算的得分不一致（见${appendix}）。`;
}

/** "一级指标预算执行率：年初目标为100%，实际完成值为98.12%，得分9.81分。" */
export function levelOneSentence(ctx: Ctx, r: TreeItem, appendix: string): string {
  if (!r.children.length) {
    const i = r.indicator;
    const target = targetPhrase(i?.target);
    const parts = [
      target ? `年初目标为${target}` : `分值${w(r.score.weight, ctx)}分`,
      ...(i?.actual !== undefined ? [`实际完成值为${i.actual}`] : []),
      `得分${s(r.score.score, ctx)}分`,
    ];
    const reason = i?.deviationReason ? `偏差原因：${end(i.deviationReason.trim())}` : '';
    return `一级指标${r.name}：${parts.join('，')}。${reason}${claimNote(r, ctx, appendix)}`;
  }
  const kids = r.children.map((c) => `${c.name}${w(c.score.weight, ctx)}分，得分${s(c.score.score, ctx)}分`).join('；');
  const lost = leavesOf(r).filter((l) => dec(l.score.score).lt(l.score.weight));
  const lostText = lost.length
    ? `失分指标：${lost
        .map(
          (l) =>
            `${l.name}（分值${w(l.score.weight, ctx)}分，得分${s(l.score.score, ctx)}分${l.indicator?.deviationReason ? `，偏差原因：${l.indicator.deviationReason.trim().replace(/[。；]$/, '')}` : ''}）`,
        )
        .join('；')}。`
    : '';
  return `一级指标${r.name}：分值${w(r.score.weight, ctx)}分，得分${s(r.score.score, ctx)}分，其中：${kids}。${lostText}${claimNote(r, ctx, appendix)}`;
}

/** One leaf in 绩效目标实现情况分析: 指标值, 实际完成值, 分值, 得分 and the core's 计分 explanation. */
export function leafSentence(ctx: Ctx, l: TreeItem): string {
  const i = l.indicator;
  const parts = [
    ...(i?.target !== undefined ? [`指标值${i.target}`] : []),
    ...(i?.actual !== undefined ? [`实际完成值${i.actual}`] : []),
    `分值${w(l.score.weight, ctx)}分`,
    `得分${s(l.score.score, ctx)}分`,
  ];
  const how = i?.explanation ? `计分：${end(i.explanation.trim())}` : '';
  const reason = i?.deviationReason ? `偏差原因：${end(i.deviationReason.trim())}` : '';
  return `${l.name}：${parts.join('，')}。${how}${reason}`;
}

function budgetSentences(ctx: Ctx): string[] {
  const f = ctx.ev.figures;
  const b = f.budget ?? {};
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
          return `${name}${p!.budget !== undefined ? `预算${money(p!.budget)}万元` : ''}${p!.budget !== undefined && p!.executed !== undefined ? '、' : ''}${p!.executed !== undefined ? `执行${money(p!.executed)}万元` : ''}${r ? `（执行率${r}）` : ''}`;
        })
        .join('；')}。`,
    );
  }
  if (b.balance !== undefined) out.push(`年末结转结余${money(b.balance)}万元。`);
  const st = f.staffing;
  if (st) {
    const p = [
      ...(st.authorized !== undefined ? [`核定编制${fmt(st.authorized)}人`] : []),
      ...(st.actual !== undefined ? [`实有在职${fmt(st.actual)}人`] : []),
      ...(st.onPayroll !== undefined ? [`在编${fmt(st.onPayroll)}人`] : []),
      ...(st.supernumerary !== undefined ? [`编外${fmt(st.supernumerary)}人`] : []),
      ...(st.retired !== undefined ? [`退休${fmt(st.retired)}人`] : []),
    ];
    if (p.length) out.push(`人员情况：${p.join('，')}。`);
  }
  const metrics = ctx.res.metrics.filter((m) => m.value !== undefined && m.id !== 'budgetExecutionRate');
  if (metrics.length) out.push(`按基础数据计算：${metrics.map((m) => m.explanation).join('；')}。`);
  return out;
}

function taskParagraphs(ctx: Ctx): Block[] {
  const tasks = ctx.ev.tasks ?? [];
  if (!tasks.length) return [];
  return [
    gen(`年度主要任务${tasks.length}项：`),
    ...tasks.map((t, i) => {
      const money1 = [
        ...(t.budget !== undefined ? [`预算资金${money(t.budget)}万元`] : []),
        ...(t.executed !== undefined ? [`执行${money(t.executed)}万元`] : []),
        ...(ratioText(t.executed, t.budget) ? [`执行率${ratioText(t.executed, t.budget)}`] : []),
        ...(t.status ? [`完成情况：${t.status}`] : []),
      ];
      return gen(
        `${i + 1}.${t.name}${t.content ? `：${t.content.replace(/[。；]$/, '')}` : ''}${money1.length ? `（${money1.join('，')}）` : ''}。`,
      );
    }),
  ];
}

function frameworkSentences(ctx: Ctx): string[] {
  const { fw, ev, res } = ctx;
  const level = (n: number) => res.nodes.filter((x) => x.level === n).length;
  const roots = ctx.roots.map((r) => `${r.name}${w(r.score.weight, ctx)}分`).join('、');
  const out = [
    `本次自评依据《${fw.name}》${fw.issuer ? `（${fw.issuer}）` : ''}，共设一级指标${level(1)}个、二级指标${level(2)}个${level(3) ? `、三级指标${level(3)}个` : ''}，其中末级指标${res.indicators.length}个。一级指标分值为：${roots}。`,
    `各末级指标按框架规定的评分规则计分：定量指标按实际完成值与指标值计算，定性指标按达成程度分档确定；得分保留${fw.decimals}位小数（四舍五入），各级小计和总分由末级指标得分相加。`,
  ];
  const t = ev.tailoring;
  const changes = [
    ...(t?.drop?.length ? [`不涉及${t.drop.join('、')}，未设置该指标`] : []),
    ...Object.entries(t?.weights ?? {}).map(([k, v]) => `${k}分值设定为${fmt(v)}分`),
    ...(t?.add?.length ? [`自行设置个性指标${t.add.length}个`] : []),
  ];
  if (changes.length) out.push(`按指标体系的规定，本单位${changes.join('；')}。`);
  return out;
}

function numberedBlocks(title: string, subs: Sub[]): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 1, text: title }];
  let n2 = 0;
  let n3 = 0;
  let n4 = 0;
  let prev: string[] = [];
  for (const sub of subs) {
    const p = sub.path;
    for (let i = 0; i < p.length && i < 3; i++) {
      if (prev[i] === p[i] && prev.slice(0, i).join('/') === p.slice(0, i).join('/')) continue;
      if (i === 0) {
        n2++;
        n3 = 0;
        n4 = 0;
        blocks.push({ type: 'heading', level: 2, text: `（${cn(n2)}）${p[0]}` });
      } else if (i === 1) {
        n3++;
        n4 = 0;
        blocks.push({ type: 'heading', level: 3, text: `${n3}.${p[1]}` });
      } else {
        n4++;
        blocks.push({ type: 'heading', level: 4, text: `（${n4}）${p.slice(2).join(' / ')}` });
      }
    }
    if (!p.length) {
      n3 = 0;
    }
    prev = p;
    blocks.push(...sub.blocks);
  }
  return blocks;
}

export function reportBody(ctx: Ctx, summary: Table, attachments: Table[]): { title: string; blocks: Block[] } {
  const { ev, res, fw } = ctx;
  const kind = fw.kind === 'project' ? '项目支出' : '部门整体支出';
  // “…养护项目” + “项目支出绩效自评报告” would say 项目 twice.
  const title = `${ev.year}年度${ev.unit}${fw.kind === 'project' && ev.unit.endsWith('项目') ? '支出' : kind}绩效自评报告`;
  const narr = narrativeSubs(ctx);
  const findingsAt = attachments.findIndex((t) => t.id === 'findings');
  const appendix = findingsAt >= 0 ? `附件${findingsAt + 1}` : '评分核查情况';
  const blocks: Block[] = [{ type: 'title', text: title }];

  // 引言
  const intro = narr.get('intro');
  if (intro?.length) blocks.push(...intro.flatMap((x) => x.blocks));
  else {
    blocks.push(
      gen(
        `根据《${fw.name}》${fw.issuer ? `（${fw.issuer}）` : ''}，${ev.unit}对${ev.year}年度${kind}绩效开展了自评。按评分规则计算，自评总分${s(res.total, ctx)}分，等级为“${res.grade}”。现将有关情况报告如下：`,
      ),
    );
  }

  const sections: Array<[string, Sub[]]> = [];

  // 一、基本情况
  const basic: Sub[] = [...(narr.get('basic') ?? [])];
  const n = ev.narrative ?? {};
  const who = [
    ...(n['主管部门'] ? [`主管部门：${n['主管部门']}`] : []),
    ...(n['实施单位'] ? [`实施单位：${n['实施单位']}`] : []),
  ];
  if (!basic.length)
    basic.push({
      path: [fw.kind === 'project' ? '项目概况' : '部门（单位）概况'],
      blocks: [
        gen(
          `${fw.kind === 'project' ? '项目' : '单位'}名称：${ev.unit}。${who.length ? `${who.join('；')}。` : ''}${ev.contact ? `联系人及联系方式：${ev.contact}。` : ''}`,
        ),
      ],
    });
  else if (who.length || ev.contact)
    basic[0]!.blocks.push(
      gen(`${who.length ? `${who.join('；')}。` : ''}${ev.contact ? `联系人及联系方式：${ev.contact}。` : ''}`),
    );
  const goals = [...(ev.goals ? [gen(`年度绩效目标：${ev.goals.trim()}`)] : []), ...taskParagraphs(ctx)];
  basic.push({
    path: ['年度绩效目标和主要任务'],
    blocks: goals.length ? goals : [placeholder('〔年度绩效目标未填写〕')],
  });
  const money1 = budgetSentences(ctx);
  basic.push({
    path: ['预算安排和执行情况'],
    blocks: money1.length ? money1.map(gen) : [placeholder('〔预算数据未填写〕')],
  });
  sections.push([SECTION_TITLES.basic, basic]);

  // 二、绩效自评工作开展情况
  sections.push([
    SECTION_TITLES.work,
    [{ path: [], blocks: frameworkSentences(ctx).map(gen) }, ...(narr.get('work') ?? [])],
  ]);

  // 三、综合评价结论
  const score: Block[] = [
    gen(
      `按照评分规则计算，${ev.unit}${ev.year}年度${kind}绩效自评总分为${s(res.total, ctx)}分，评价等级为“${res.grade}”。各级指标得分见表1。`,
    ),
  ];
  if (res.statedTotal !== undefined && !dec(res.statedTotal).eq(res.total)) {
    const diff = dec(res.total).minus(res.statedTotal);
    score.push(
      gen(
        `自评数据填报的总分为${s(res.statedTotal, ctx)}分${res.statedGrade ? `（“${res.statedGrade}”）` : ''}，按评分规则计算的总分${diff.isPositive() ? '高' : '低'}${fmt(diff.abs(), ctx.d)}分，差异逐项列于${appendix}。`,
      ),
    );
  } else if (res.statedTotal === undefined && res.claimedTotal !== undefined && !dec(res.claimedTotal).eq(res.total)) {
    score.push(
      gen(
        `自评数据中各指标填报得分合计${s(res.claimedTotal, ctx)}分，与按评分规则计算的总分不一致，差异逐项列于${appendix}。`,
      ),
    );
  }
  if (res.unscored.count) {
    score.push(
      gen(
        `其中${res.unscored.count}项指标缺少计分所需数据，按0分计${res.unscored.claimed ? `（这些指标填报的自评得分合计${s(res.unscored.claimed, ctx)}分，无法按评分规则核实）` : ''}，详见${appendix}。`,
      ),
    );
  }
  score.push({ type: 'table', table: { ...summary, title: `表1　${summary.title}` } });
  const conclusion: Sub[] = [
    { path: ['评价得分'], blocks: score },
    { path: ['各项指标得分情况'], blocks: ctx.roots.map((r) => gen(levelOneSentence(ctx, r, appendix))) },
    ...(narr.get('conclusion') ?? []),
  ];
  sections.push([SECTION_TITLES.conclusion, conclusion]);

  // 四、绩效目标实现情况分析
  const analysis: Sub[] = [...(narr.get('analysis') ?? [])];
  for (const r of ctx.roots) {
    analysis.push({
      path: ['各项指标完成情况', `${r.name}（分值${w(r.score.weight, ctx)}分，得分${s(r.score.score, ctx)}分）`],
      blocks: leavesOf(r).map((l) => gen(leafSentence(ctx, l))),
    });
  }
  sections.push([SECTION_TITLES.analysis, analysis]);

  // 五、存在的问题和改进措施
  const problems: Sub[] = [...(narr.get('problems') ?? [])];
  const missed = ctx.leaves.filter((l) => l.indicator?.missed);
  if (missed.length) {
    problems.push({
      path: ['未达到指标值的指标'],
      blocks: [
        gen(`按评分规则，以下${missed.length}项指标未达到指标值：`),
        ...missed.map((l, i) =>
          gen(
            `${i + 1}.${l.name}：${l.indicator?.target !== undefined ? `指标值${l.indicator.target}，` : ''}${l.indicator?.actual !== undefined ? `实际完成值${l.indicator.actual}，` : ''}得分${s(l.score.score, ctx)}分（分值${w(l.score.weight, ctx)}分）。${l.indicator?.deviationReason ? `偏差原因：${end(l.indicator.deviationReason.trim())}` : '偏差原因未填写。'}`,
          ),
        ),
      ],
    });
  }
  if (!narr.get('problems')?.length)
    problems.push({ path: [], blocks: [placeholder('〔存在的问题、原因分析和改进措施由单位填写〕')] });
  sections.push([SECTION_TITLES.problems, problems]);

  // 六、结果应用和公开
  const application = narr.get('application') ?? [];
  sections.push([
    SECTION_TITLES.application,
    application.length ? application : [{ path: [], blocks: [placeholder('〔自评结果应用和公开情况由单位填写〕')] }],
  ]);

  // 七、其他
  const other = narr.get('other') ?? [];
  sections.push([SECTION_TITLES.other, other.length ? other : [{ path: [], blocks: [gen('无。')] }]]);

  sections.forEach(([t, subs], i) => blocks.push(...numberedBlocks(`${cn(i + 1)}、${t}`, subs)));

  // 附件说明, 署名, 日期
  blocks.push(
    ...attachments.map((t, i): Block => ({
      type: 'paragraph',
      text: `${i === 0 ? '附件：' : '　　　'}${i + 1}.${t.title}`,
      source: 'generated',
    })),
  );
  blocks.push({ type: 'paragraph', text: ev.unit, source: 'generated', align: 'right', indent: false });
  blocks.push({
    type: 'paragraph',
    text: '　　　　年　　月　　日',
    source: 'placeholder',
    align: 'right',
    indent: false,
  });
  return { title, blocks };
}
