/**
 * The 自评报告's text from its outline: the region's sections with their wording and numbering, the
 * unit's narrative placed under the heading it names (its own sub-headings kept, in its order), the
 * generated content the outline asks for, then the 附件说明 and the 署名. A part left unwritten asks for
 * the unit's text (and is listed in `unfinished`) rather than being filled with invented prose.
 */
import { cn, type Ctx } from '../context.js';
import type { Block, Table } from '../model.js';
import { CONTENT, type ContentEnv, FIELD_KEYS, gen, type Sub } from './contents.js';
import type { ContentId, OutlineSection, SectionKind } from './schema.js';

const ORDINAL =
  /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[.．、](?!\d)|[①-⑳])\s*/;

/** "（四）2021 年部门预算执行情况" → "2021 年部门预算执行情况": we number headings ourselves. */
export const stripOrdinal = (s: string): string => s.replace(ORDINAL, '').trim();

/** A heading compared with ordinals, spaces and closing punctuation ignored. */
const norm = (s: string): string =>
  stripOrdinal(s)
    .replace(/\s+/g, '')
    .replace(/[。：:；;]+$/, '');

/** Which kind of section a narrative heading speaks of, for headings the outline does not name. */
export function classifyNarrative(key: string): SectionKind | 'intro' {
  const s = stripOrdinal(key.split('/')[0]!.trim());
  if (/^(引言|前言|导语|开头)$/.test(s)) return 'intro';
  if (/^其[他它]/.test(s)) return 'other';
  if (/结果应用|应用和公开|应用及公开|公开情况/.test(s)) return 'application';
  if (/建议|经验|做法/.test(s)) return 'advice';
  if (/问题|改进|整改|措施/.test(s)) return 'problems';
  if (/自评工作|工作开展|评价工作|组织实施|评价人员|评价小组|工作小组|评价方法|评价过程/.test(s)) return 'work';
  if (/评价结论|总体评价|综合评价|评价得分|得分情况/.test(s)) return 'conclusion';
  if (/预算管理|财务管理|资产管理|绩效管理/.test(s)) return 'management';
  if (/目标实现|绩效情况|绩效分析|评价分析|履职绩效|完成情况|产出|效果|效益/.test(s)) return 'analysis';
  if (/预算|支出|资金|决算/.test(s)) return 'budget';
  if (/概况|基本情况|职能|人员|机构|目标|任务|部门|单位/.test(s)) return 'basic';
  return 'other';
}

/** Where a kind's narrative goes when the outline has no section of that kind. */
const NEAREST: Record<SectionKind, SectionKind[]> = {
  basic: ['basic'],
  budget: ['budget', 'basic'],
  work: ['work', 'basic'],
  conclusion: ['conclusion', 'analysis'],
  analysis: ['analysis', 'conclusion'],
  management: ['management', 'analysis'],
  problems: ['problems', 'advice', 'conclusion'],
  advice: ['advice', 'problems', 'conclusion'],
  application: ['application', 'other'],
  other: ['other'],
};

interface Node {
  title: string;
  def?: OutlineSection;
  pre: Block[];
  narrative: Block[];
  post: Block[];
  children: Node[];
}

const node = (title: string, def?: OutlineSection): Node => ({
  title,
  ...(def && { def }),
  pre: [],
  narrative: [],
  post: [],
  children: def ? def.children.map((c) => node(c.title, c)) : [],
});

const matchOf = (title: string, nodes: Node[]): Node | undefined => {
  const k = norm(title);
  return nodes.find((n) => norm(n.title) === k || n.def?.aliases.some((a) => norm(a) === k));
};

function at(n: Node, path: string[]): Node {
  let cur = n;
  for (const seg of path) {
    let next = matchOf(seg, cur.children);
    if (!next) {
      next = node(seg);
      cur.children.push(next);
    }
    cur = next;
  }
  return cur;
}

/** A heading line inside the unit's text (“（一）基本支出情况”): short, no sentence end. */
const INLINE_LEVEL: Array<[RegExp, number]> = [
  [/^[一二三四五六七八九十]+\s*、/, 1],
  [/^[（(]\s*[一二三四五六七八九十]+\s*[）)]/, 2],
  [/^\d+\s*[.．、](?!\d)/, 3],
  [/^[（(]\s*\d+\s*[）)]/, 4],
];

function narrativeBlocks(text: string, depth: number): Block[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l): Block => {
      const lv = INLINE_LEVEL.find(([re]) => re.test(l))?.[1];
      if (lv !== undefined && l.length <= 30 && !/[。；，：:！？]$/.test(l))
        return { type: 'heading', level: Math.min(4, Math.max(depth + 1, lv)) as 1 | 2 | 3 | 4, text: l };
      return { type: 'paragraph', text: l, source: 'narrative' };
    });
}

const hasText = (n: Node): boolean => n.pre.length + n.narrative.length + n.post.length > 0 || n.children.some(hasText);
const hasNarrative = (n: Node): boolean => n.narrative.length > 0 || n.children.some(hasNarrative);

function numbered(depth: number, i: number, title: string): string {
  switch (depth) {
    case 1:
      return `${cn(i)}、${title}`;
    case 2:
      return `（${cn(i)}）${title}`;
    case 3:
      return `${i}.${title}`;
    default:
      return `（${i}）${title}`;
  }
}

export interface ReportText {
  title: string;
  blocks: Block[];
  /** The parts left for the unit to write. */
  unfinished: string[];
}

export function reportText(ctx: Ctx, summary: Table, attachments: Table[]): ReportText {
  const { ev, fw, outline } = ctx;
  const kind = fw.kind === 'project' ? '项目支出' : '部门整体支出';
  const object = fw.kind === 'project' ? '项目' : '部门';
  const fill = (t: string) =>
    t
      .replaceAll('{year}', String(ev.year))
      .replaceAll('{unit}', ev.unit)
      .replaceAll('{kind}', fw.kind === 'project' && ev.unit.endsWith('项目') ? '支出' : kind)
      .replaceAll('{object}', object)
      .replaceAll('{contactName}', contactParts(ev.contact).name)
      .replaceAll('{contactPhone}', contactParts(ev.contact).phone);
  const rename = (s: OutlineSection): OutlineSection => ({
    ...s,
    title: fill(s.title),
    children: s.children.map(rename),
  });
  const roots = outline.sections.map((s) => node(fill(s.title), rename(s)));
  const envOf = (section: OutlineSection): ContentEnv => ({ ctx, section, summary, attachments, kind });
  const put = (n: Node, where: 'pre' | 'post', ids: ContentId[]) => {
    for (const id of ids) for (const sub of CONTENT[id](envOf(n.def!))) at(n, sub.path)[where].push(...subBlocks(sub));
  };
  const visit = (ns: Node[], fn: (n: Node) => void) =>
    ns.forEach((n) => {
      fn(n);
      visit(n.children, fn);
    });

  // 1. What the outline always says, before the unit's text.
  visit(roots, (n) => n.def && put(n, 'pre', n.def.content));

  // 2. The unit's narrative, under the heading it names.
  const intro: Block[] = [];
  for (const [key, text] of Object.entries(ev.narrative ?? {})) {
    if (FIELD_KEYS.has(key)) continue;
    const segs = key
      .split('/')
      .map((x) => stripOrdinal(x.trim()))
      .filter(Boolean);
    if (!segs.length) continue;
    if (classifyNarrative(key) === 'intro' && segs.length === 1) {
      intro.push(...narrativeBlocks(text, 0));
      continue;
    }
    let top = matchOf(segs[0]!, roots);
    let rest = segs.slice(1);
    if (!top) {
      const k = classifyNarrative(key) as SectionKind;
      top =
        NEAREST[k].map((x) => roots.find((r) => r.def?.kind === x)).find(Boolean) ??
        roots.find((r) => r.def?.kind === 'other') ??
        roots[roots.length - 1]!;
      rest = segs;
    }
    const target = at(top, rest);
    target.narrative.push(...narrativeBlocks(text, 1 + rest.length));
  }

  // 3. What the outline says after the unit's text, and what it says where the unit wrote nothing.
  visit(roots, (n) => n.def && put(n, 'post', n.def.after));
  visit(roots, (n) => n.def && !hasNarrative(n) && put(n, 'pre', n.def.fallback));

  const unfinished: string[] = [];
  const blocks: Block[] = [{ type: 'title', text: fill(outline.title) }];
  for (const line of outline.preamble) blocks.push({ type: 'preamble', text: fill(line) });
  if (intro.length) blocks.push(...intro);
  else
    for (const id of outline.intro)
      for (const sub of CONTENT[id](envOf(outline.sections[0]!))) blocks.push(...sub.blocks);

  const emit = (n: Node, depth: number, i: number, trail: string[]) => {
    const heading = numbered(Math.min(depth, 4), i, n.title);
    blocks.push({ type: 'heading', level: Math.min(depth, 4) as 1 | 2 | 3 | 4, text: heading });
    const own = [...n.pre, ...n.narrative];
    if (!hasText(n)) {
      if (n.def?.empty) own.push(gen(n.def.empty));
      else {
        own.push({ type: 'paragraph', text: `〔${n.title}：由单位填写〕`, source: 'placeholder' });
        unfinished.push([...trail, heading].join(' / '));
      }
    }
    blocks.push(...own);
    const kids = n.children.filter(hasTextOrRequired);
    // What the outline says after the unit's text follows the unit's sub-sections, under a heading of its own.
    if (kids.length && n.post.length) kids.push({ ...node('各项指标得分情况'), pre: n.post });
    else if (!kids.length) blocks.push(...n.post);
    kids.forEach((c, j) => emit(c, depth + 1, j + 1, [...trail, heading]));
  };
  roots.forEach((r, i) => emit(r, 1, i + 1, []));

  // 附件说明 (one blank line before), then the 署名 (one blank line before; kept with the text above).
  if (outline.attachments === 'list' && attachments.length)
    blocks.push({ type: 'blank' }, { type: 'attachments', items: attachments.map((t) => t.title) });
  blocks.push({ type: 'blank' });
  blocks.push({
    type: 'signature',
    lines: outline.signature.map((l) => (l === '{date}' ? '　　　　年　　月　　日' : fill(l))),
  });
  return { title: fill(outline.title), blocks, unfinished };
}

/** Children of the outline are always printed (a region's heading); a unit's own appear when written. */
const hasTextOrRequired = (n: Node): boolean => !!n.def || hasText(n);

/** Generated blocks of a sub: the paragraphs as they come. */
const subBlocks = (sub: Sub): Block[] => sub.blocks;

/** “骆彬 23338013”, “单位负责人 王双寿；单位联系电话 2638304” → name and phone. */
export function contactParts(contact: string | undefined): { name: string; phone: string } {
  if (!contact) return { name: '', phone: '' };
  const phone = /(\+?\d[\d\s-]{5,}\d)/.exec(contact)?.[1]?.replace(/\s+/g, '') ?? '';
  const name = contact
    .replace(phone, '')
    .replace(/单位负责人|填报人|联系人|单位联系电话|联系电话|电话|及联系方式|[：:；;，,]/g, ' ')
    .replace(/\d[\d\s-]*/g, ' ')
    .trim()
    .split(/\s+/)[0];
  return { name: name ?? '', phone };
}
