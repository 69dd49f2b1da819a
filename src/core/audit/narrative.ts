import { METRICS, type MetricId } from '../metrics.js';
import type { NodeScore } from '../scoring.js';
import { around, keyOf, num, paragraphs, plain, sentencesOf } from './text.js';
import type { Amount, RateFact, SumFact, Where } from './types.js';

/**
 * Reading the narrative (报告正文) for the numbers it states: amounts with the parts listed after
 * 其中/包括, rates such as “在职人员控制率为90%”, scores such as “产出指标得分为10分”, the total, the
 * grade, and claims such as “以上均达到指标值”. Every reader is conservative: a number is taken only
 * in a fixed phrasing, so that what the audit says about it is true.
 */

export interface NarrativeSection {
  key: string;
  /** Last heading of the path, e.g. "1. 投入管理指标情况分析". */
  title: string;
  text: string;
}

export function sectionsOf(narrative: Record<string, string> | undefined): NarrativeSection[] {
  return Object.entries(narrative ?? {}).map(([key, text]) => {
    const parts = key.split(' / ');
    return { key, title: parts[parts.length - 1] ?? key, text: plain(text) };
  });
}

const AMOUNT = /(\d[\d,]*(?:\.\d+)?)\s*万元/g;
const CONNECTIVE = /(其中[：:，,]?|包括[：:]?|分别为|分别是)/g;

function labelBefore(text: string, end: number): string {
  const head = text.slice(Math.max(0, end - 24), end);
  const m = /([^，,。；;：:、\d]{2,20}?)(?:为|是|共计|合计|总额为|共)?\s*$/.exec(head);
  return (
    (m?.[1] ?? head)
      .replace(/^(其中|包括|\d+年)/, '')
      .replace(/^年度?/, '')
      .trim() || '所述金额'
  );
}

/** Amounts followed by the parts they are said to consist of (其中…、…；包括…和…). */
export function listedSums(sections: NarrativeSection[]): SumFact[] {
  const out: SumFact[] = [];
  for (const s of sections) {
    for (const para of paragraphs(s.text)) {
      const sentences = sentencesOf(para);
      let offset = 0;
      for (let si = 0; si < sentences.length; si++) {
        const sent = sentences[si]!;
        CONNECTIVE.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = CONNECTIVE.exec(sent))) {
          const after = sent.slice(m.index + m[0].length);
          // The list runs to the end of the sentence; items are “name amount万元”.
          const items: Amount[] = [];
          const itemRe = /([^、，,；;：:。]{1,30}?)(?:为|是)?\s*(\d[\d,]*(?:\.\d+)?)\s*万元/g;
          let im: RegExpExecArray | null;
          let lastEnd = 0;
          while ((im = itemRe.exec(after))) {
            const between = after.slice(lastEnd, im.index);
            // Items are separated by 、，和 only; a new clause (；) ends the list.
            if (items.length && /[；;]/.test(between)) break;
            items.push({
              label: im[1]!
                .replace(/^[、，,和及]+/, '')
                .replace(/^(其中|包括)[：:，,]?/, '')
                .trim(),
              value: num(im[2]!),
            });
            lastEnd = im.index + im[0].length;
          }
          if (items.length < 2) continue;
          // The whole: the last amount before the connective in this sentence, else in the one before.
          const before = sent.slice(0, m.index);
          let stated: Amount | undefined;
          const amounts = [...before.matchAll(AMOUNT)];
          if (amounts.length) {
            const a = amounts[amounts.length - 1]!;
            stated = { label: labelBefore(before, a.index!), value: num(a[1]!) };
          } else if (m.index <= 1 && si > 0) {
            const prev = sentences[si - 1]!;
            const pa = [...prev.matchAll(AMOUNT)];
            if (pa.length) {
              const a = pa[pa.length - 1]!;
              stated = { label: labelBefore(prev, a.index!), value: num(a[1]!) };
            }
          }
          if (!stated) continue;
          // Parts larger than the whole are not parts of it (e.g. a different total).
          if (items.some((i) => i.value > stated!.value + 0.005)) continue;
          const quoteStart = Math.max(0, offset - (m.index <= 1 && si > 0 ? sentences[si - 1]!.length : 0));
          const quote = para.slice(quoteStart, offset + m.index + m[0].length + lastEnd);
          out.push({
            label: stated.label,
            stated,
            parts: items,
            connective: m[0].replace(/[：:，,]/g, ''),
            unit: '万元',
            where: { section: s.key, quote: quote.length > 400 ? `${quote.slice(0, 400)}…` : quote },
          });
        }
        offset += sent.length;
      }
    }
  }
  return out;
}

/** Names of the standard metrics as the narrative writes them (quotes removed). */
const METRIC_NAMES: Array<[string, MetricId]> = (
  [
    ...METRICS.filter((d) => d.shape !== 'value').map((d) => [keyOf(d.name), d.id] as [string, MetricId]),
    ['三公经费控制率', 'threePublicControlRate'],
    ['日常公用经费控制率', 'publicFundsControlRate'],
  ] as Array<[string, MetricId]>
).sort((a, b) => b[0].length - a[0].length);

/** “在职人员控制率为90%”: a standard metric's name directly followed by a percentage. */
export function rateStatements(sections: NarrativeSection[]): RateFact[] {
  const out: RateFact[] = [];
  for (const s of sections) {
    const text = keyQuotes(s.text);
    const taken: Array<[number, number]> = [];
    for (const [name, id] of METRIC_NAMES) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(name, from);
        if (at < 0) break;
        from = at + name.length;
        if (taken.some(([a, b]) => at >= a && at < b)) continue;
        const before = text.slice(Math.max(0, at - 4), at);
        if (/季度|年初|目标|指标/.test(before)) continue;
        const m = /^\s*(?:为|是|达到|达|：|:)?\s*(\d+(?:\.(\d+))?)\s*%/.exec(text.slice(from, from + 20));
        if (!m) continue;
        const tail = text.slice(from + m[0].length, from + m[0].length + 3);
        if (/^(以上|以下|以内|左右)/.test(tail)) continue;
        taken.push([at, from + m[0].length]);
        out.push({
          label: name,
          stated: Number(m[1]),
          decimals: m[2]?.length ?? 0,
          metric: id,
          where: { section: s.key, quote: around(text, at, from + m[0].length, 30) },
        });
      }
    }
  }
  return out;
}

function keyQuotes(s: string): string {
  return s.replace(/[“”"‘’]/g, '');
}

export interface ScoreStatement {
  /** Name as written, cleaned. */
  name: string;
  node?: NodeScore;
  weight?: number;
  score: number;
  where: Where;
}

const LEVEL_PREFIX = /^(其中[：:]?|一级指标|二级指标|三级指标)+/;

/** A node by the name the narrative uses (“工作目标管理情况” → 工作目标管理; “一级指标预算执行率”). */
export function findNode(raw: string, nodes: NodeScore[]): NodeScore | undefined {
  const level = /^一级指标/.test(raw) ? 1 : /^二级指标/.test(raw) ? 2 : /^三级指标/.test(raw) ? 3 : undefined;
  const name = keyOf(raw.replace(LEVEL_PREFIX, ''));
  if (name.length < 2) return undefined;
  const pick = (hits: NodeScore[]) => {
    const byLevel = level !== undefined ? hits.filter((n) => n.level === level) : hits;
    const h = byLevel.length ? byLevel : hits;
    if (h.length === 1) return h[0];
    // Same name at several places: the shallowest, if unique.
    const min = Math.min(...h.map((n) => n.level));
    const top = h.filter((n) => n.level === min);
    return top.length === 1 ? top[0] : undefined;
  };
  const exact = nodes.filter((n) => keyOf(n.name) === name);
  if (exact.length) return pick(exact);
  // “其中决策类指标”, “产出方面” name the node “决策”, “产出”.
  const strip = (x: string) =>
    x
      .replace(/^(其中|在|对)/, '')
      .replace(/(情况分析|情况|分析|完成情况)$/, '')
      .replace(/指标$/, '')
      .replace(/(类|方面)$/, '');
  const bare = strip(name);
  if (bare.length < 2) return undefined;
  const loose = nodes.filter((n) => strip(keyOf(n.name)) === bare);
  return loose.length ? pick(loose) : undefined;
}

/** “决策类指标得分率为86.67%”: a node's 得分率 as the narrative states it. */
export function scoreRateStatements(
  sections: NarrativeSection[],
  nodes: NodeScore[],
): Array<{ node: NodeScore; rate: number; decimals: number; where: Where }> {
  const out: Array<{ node: NodeScore; rate: number; decimals: number; where: Where }> = [];
  const re = /([\u4e00-\u9fa5“”"（）()、]{2,30}?)(?:的)?得分率(?:为|是|达到?)?\s*(\d+(?:\.(\d+))?)\s*[%％]/g;
  for (const s of sections)
    for (const para of paragraphs(s.text))
      for (const m of para.matchAll(re)) {
        const raw = m[1]!.replace(/^.*[，,。；;]/, '');
        if (/综合|总|整体/.test(raw)) continue;
        const node = findNode(raw, nodes);
        if (!node) continue;
        out.push({
          node,
          rate: Number(m[2]),
          decimals: m[3]?.length ?? 0,
          where: { section: s.key, quote: around(para, m.index!, m.index! + m[0].length, 20) },
        });
      }
  return out;
}

/**
 * Scores the narrative states: “预算和财务管理14分，自评得分13分”, “产出指标得分为10分”, and
 * “该项得分为40分” (the item the paragraph or section is about).
 */
export function scoreStatements(sections: NarrativeSection[], nodes: NodeScore[]): ScoreStatement[] {
  const out: ScoreStatement[] = [];
  const name = '([\\u4e00-\\u9fa5“”"（）()、]{2,30}?)';
  const p1 = new RegExp(
    `${name}[：:]?\\s*(?:总分|分值)?\\s*(\\d+(?:\\.\\d+)?)\\s*分\\s*[，,]\\s*(?:自评)?得分(?:为)?\\s*(\\d+(?:\\.\\d+)?)\\s*分`,
    'g',
  );
  const p2 = new RegExp(`${name}(?:的)?(?:自评)?得分(?:为|是)?\\s*(\\d+(?:\\.\\d+)?)\\s*分`, 'g');
  for (const s of sections) {
    for (const para of paragraphs(s.text)) {
      const lead = /^([^：:，,。；;]{2,20})[：:]/.exec(para)?.[1];
      let rest = para;
      for (const m of para.matchAll(p1)) {
        const raw = m[1]!.replace(LEVEL_PREFIX, '');
        const node = findNode(m[1]!, nodes);
        out.push({
          name: keyOf(raw),
          ...(node && { node }),
          weight: Number(m[2]),
          score: Number(m[3]),
          where: { section: s.key, quote: m[0] },
        });
        rest = rest.replace(m[0], '＃'.repeat(m[0].length));
      }
      for (const m of rest.matchAll(p2)) {
        let raw = m[1]!;
        if (/自评综合|综合|总$|自评$/.test(raw)) continue;
        // “根据评价标准，该项得分为40分”: the paragraph's lead label, else the section heading.
        const tail = /(该项|该指标|本项)(?:指标)?$/.exec(raw);
        if (tail) raw = lead ?? s.title.replace(/^[\d.．、（）()一二三四五六七八九十\s]+/, '');
        else raw = raw.replace(/^.*[，,。；;]/, '');
        const node = findNode(raw, nodes);
        if (!node) continue;
        out.push({
          name: keyOf(raw.replace(LEVEL_PREFIX, '')),
          node,
          score: Number(m[2]),
          where: { section: s.key, quote: around(para, m.index!, m.index! + m[0].length, 20) },
        });
      }
    }
  }
  return out;
}

export interface TotalStatement {
  value: number;
  where: Where;
}

/** “自评综合得分93分”, “得出结果为98.8分”. */
export function totalStatements(sections: NarrativeSection[]): TotalStatement[] {
  const out: TotalStatement[] = [];
  const res = [
    /自评综合得分(?:为)?\s*(\d+(?:\.\d+)?)\s*分/g,
    /综合(?:评价)?得分(?:为)?\s*(\d+(?:\.\d+)?)\s*分/g,
    /得出(?:的)?(?:结果|总分|得分)(?:为)?\s*(\d+(?:\.\d+)?)\s*分/g,
    /(?:自评|评价)总分(?:为)?\s*(\d+(?:\.\d+)?)\s*分/g,
    // A 重点评价 report's “该项目绩效评价得分为85.5分”, “最终得分为85.5分”.
    /绩效评价(?:综合|最终)?得分(?:为|是)?\s*(\d+(?:\.\d+)?)\s*分/g,
    /最终(?:评价)?得分(?:为|是)?\s*(\d+(?:\.\d+)?)\s*分/g,
  ];
  for (const s of sections) {
    const taken: Array<[number, number]> = [];
    for (const re of res) {
      for (const m of s.text.matchAll(re)) {
        const [a, b] = [m.index!, m.index! + m[0].length];
        if (taken.some(([x, y]) => a < y && b > x)) continue;
        taken.push([a, b]);
        out.push({
          value: Number(m[1]),
          where: { section: s.key, quote: around(s.text, m.index!, m.index! + m[0].length, 20) },
        });
      }
    }
  }
  return out;
}

const GRADE_WORDS: Record<string, string> = {
  优秀: '优',
  优: '优',
  良好: '良',
  良: '良',
  中等: '中',
  中: '中',
  合格: '中',
  及格: '中',
  差: '差',
  不合格: '差',
  较差: '差',
};

export interface GradeStatement {
  grade: string;
  where: Where;
}

/** “整体绩效自评结果为优”. */
export function gradeStatements(sections: NarrativeSection[]): GradeStatement[] {
  const out: GradeStatement[] = [];
  // “…评价结果为差的，得0分” is a condition in a standard, not a statement: skipped.
  const re =
    /(?:自评|评价)(?:结果|等级|等次)(?:为|是)\s*[“"]?(优秀|良好|中等|不合格|较差|合格|及格|优|良|中|差)(?![的者\u4e00-\u9fa5])/g;
  for (const s of sections) {
    for (const m of s.text.matchAll(re)) {
      const sentence = s.text.slice(Math.max(0, s.text.lastIndexOf('。', m.index!) + 1), m.index! + m[0].length + 10);
      if (/如|若|凡|的，得/.test(sentence)) continue;
      out.push({
        grade: GRADE_WORDS[m[1]!] ?? m[1]!,
        where: { section: s.key, quote: around(s.text, m.index!, m.index! + m[0].length, 20) },
      });
    }
  }
  return out;
}

export interface TargetItem {
  label: string;
  op: '>=' | '<=' | '=';
  target: number;
  actual: number;
  met: boolean;
}

export interface TargetClaim {
  items: TargetItem[];
  where: Where;
}

/** “…指标值≥100%，实际完成值为98%；…以上均达到指标值”: the pairs, and whether each is met. */
const PAIR =
  /([\u4e00-\u9fa5“”"]{2,20}?)(?:指标值)?(?:为)?\s*(≥|≤|=|不低于|不高于|不超过)?\s*(\d+(?:\.\d+)?)\s*%\s*[，,]\s*实际完成(?:值)?(?:为)?\s*(\d+(?:\.(\d+))?)\s*%/g;

export interface ActualStatement {
  label: string;
  actual: number;
  decimals: number;
  where: Where;
}

/** Every “X指标值…%，实际完成值为N%” in the narrative, to compare with the table's 完成值. */
export function actualStatements(sections: NarrativeSection[]): ActualStatement[] {
  const out: ActualStatement[] = [];
  for (const s of sections) {
    for (const m of s.text.matchAll(PAIR)) {
      out.push({
        label: keyOf(m[1]!.replace(/^.*[，,。；;]/, '')),
        actual: Number(m[4]),
        decimals: m[5]?.length ?? 0,
        where: { section: s.key, quote: around(s.text, m.index!, m.index! + m[0].length, 0) },
      });
    }
  }
  return out;
}

export function targetClaims(sections: NarrativeSection[]): TargetClaim[] {
  const out: TargetClaim[] = [];
  const claim = /(以上|上述)?(均|全部|都)(已)?达到(了)?(指标值|目标值|预期目标|预期指标|年初目标)/;
  for (const s of sections) {
    for (const para of paragraphs(s.text)) {
      const c = claim.exec(para);
      if (!c) continue;
      const scope = para.slice(0, c.index);
      const items: TargetItem[] = [];
      for (const m of scope.matchAll(PAIR)) {
        const opText = m[2] ?? '≥';
        const op = opText === '≤' || opText === '不高于' || opText === '不超过' ? '<=' : opText === '=' ? '=' : '>=';
        const target = Number(m[3]);
        const actual = Number(m[4]);
        const met = op === '>=' ? actual >= target : op === '<=' ? actual <= target : actual === target;
        items.push({ label: keyOf(m[1]!.replace(/^.*[，,。；;]/, '')), op, target, actual, met });
      }
      if (items.length)
        out.push({
          items,
          where: { section: s.key, quote: around(para, Math.max(0, c.index - 160), c.index + c[0].length, 0) },
        });
    }
  }
  return out;
}
