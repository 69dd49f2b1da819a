import { plain, sentencesOf } from '../core/audit/text.js';

/**
 * Figures the narrative states in fixed phrasings: quarterly progress, “三公”经费 and 公用经费
 * budgets and spending, procurement, fixed assets, staffing, the year-end balance. Each value comes
 * with the sentence it was read from, which becomes the confidence note.
 */
export interface NarrativeFigure {
  path: string;
  value: number | number[];
  quote: string;
  note?: string;
}

const N = '(\\d[\\d,]*(?:\\.\\d+)?)';
const n = (s: string) => Number(s.replace(/,/g, ''));

interface Pattern {
  re: RegExp;
  set: (m: RegExpExecArray) => Array<[string, number | number[]]>;
}

const PATTERNS: Pattern[] = [
  {
    re: new RegExp(
      `(?:第)?一季度[^。；]{0,16}?${N}\\s*%[^。]{0,40}?(?:第)?二季度[^。；]{0,16}?${N}\\s*%[^。]{0,40}?(?:第)?三季度[^。；]{0,16}?${N}\\s*%[^。]{0,40}?(?:第)?四季度[^。；]{0,16}?${N}\\s*%`,
    ),
    set: (m) => [['budget.quarterly', [n(m[1]!), n(m[2]!), n(m[3]!), n(m[4]!)]]],
  },
  {
    re: new RegExp(
      `三公[”"]?经费(?:调整)?预算(?:数|安排数)?(?:为)?\\s*${N}\\s*万元[，,、]\\s*(?:实际支出|决算数?|实际支出数)(?:为)?\\s*${N}\\s*万元`,
    ),
    set: (m) => [
      ['threePublic.budget', n(m[1]!)],
      ['threePublic.actual', n(m[2]!)],
    ],
  },
  {
    re: new RegExp(
      `(?<!三)公用经费(?:调整)?预算(?:数)?(?:为)?\\s*${N}\\s*万元[，,、]\\s*(?:实际支出|决算数?)(?:为)?\\s*${N}\\s*万元`,
    ),
    set: (m) => [
      ['publicFunds.budget', n(m[1]!)],
      ['publicFunds.actual', n(m[2]!)],
    ],
  },
  {
    re: new RegExp(
      `政府采购(?:计划|预算)(?:金额|数)?(?:为)?\\s*${N}\\s*万元[^。]{0,20}?实际政府采购(?:支出)?(?:总额|金额)?(?:为)?\\s*${N}\\s*万元`,
    ),
    set: (m) => [
      ['procurement.budget', n(m[1]!)],
      ['procurement.actual', n(m[2]!)],
    ],
  },
  {
    re: new RegExp(
      `固定资产(?:原值)?总额(?:为)?\\s*${N}\\s*万元[，,、]\\s*实际在用固定资产(?:原值)?总额(?:为)?\\s*${N}\\s*万元`,
    ),
    set: (m) => [
      ['assets.total', n(m[1]!)],
      ['assets.inUse', n(m[2]!)],
    ],
  },
  {
    re: new RegExp(`年末(?:财政拨款)?结转(?:和|及)?结余(?:资金)?(?:总额)?(?:为)?\\s*${N}\\s*万元`),
    set: (m) => [['budget.balance', n(m[1]!)]],
  },
  { re: new RegExp(`决算(?:金额|数)(?:为)?\\s*${N}\\s*万元`), set: (m) => [['budget.finalAccounts', n(m[1]!)]] },
  { re: new RegExp(`全年预算数(?:为)?\\s*${N}\\s*万元`), set: (m) => [['budget.total', n(m[1]!)]] },
  {
    re: new RegExp(`(?<![基项])年初预算(?:数|金额)?(?:为)?\\s*${N}\\s*万元`),
    set: (m) => [['budget.initial', n(m[1]!)]],
  },
  { re: new RegExp(`年初基本支出预算数?(?:为)?\\s*${N}\\s*万元`), set: (m) => [['budget.basic.budget', n(m[1]!)]] },
  { re: new RegExp(`年初项目支出预算数?(?:为)?\\s*${N}\\s*万元`), set: (m) => [['budget.project.budget', n(m[1]!)]] },
  {
    re: /项目共(?:计)?\s*(\d+)\s*个[，,]\s*所有项目均按(?:计划)?时间完成/,
    set: (m) => [
      ['tasks.projects', n(m[1]!)],
      ['tasks.projectsOnTime', n(m[1]!)],
    ],
  },
];

export function narrativeFigures(fullText: string): NarrativeFigure[] {
  const text = plain(fullText);
  const out: NarrativeFigure[] = [];
  const seen = new Set<string>();
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    for (const [path, value] of p.set(m)) {
      if (seen.has(path)) continue;
      seen.add(path);
      out.push({ path, value, quote: m[0].length > 160 ? `${m[0].slice(0, 160)}…` : m[0] });
    }
  }
  out.push(...staffing(text));
  return out;
}

/**
 * Staffing from the sentence that states both the establishment (编制) and the people in post
 * (在职/在编/实有): “核定…编制77名，在职人数69人”, or per type “行政编制51个,实有在职人员49人…事业编制10个,
 * 实有在职人员8人” (summed).
 */
function staffing(text: string): NarrativeFigure[] {
  for (const para of text.split('\n')) {
    for (const sent of sentencesOf(para)) {
      if (!/编制/.test(sent) || !/(在职|在编|实有)/.test(sent)) continue;
      const out: NarrativeFigure[] = [];
      const q = sent.trim().length > 200 ? `${sent.trim().slice(0, 200)}…` : sent.trim();
      const core = /核定[^，,；;。]*?编制\s*(\d+)\s*[名个人]/.exec(sent);
      if (core) out.push({ path: 'staffing.authorized', value: Number(core[1]), quote: q });
      else {
        const parts = [
          ...sent.matchAll(/(?<!实有)(?:行政|事业|工勤|机关)?编制(?:总数|数)?(?:为)?\s*(\d+)\s*[名个人]/g),
        ].map((m) => Number(m[1]));
        if (parts.length)
          out.push({
            path: 'staffing.authorized',
            value: parts.reduce((a, b) => a + b, 0),
            quote: q,
            ...(parts.length > 1 && { note: `编制数为${parts.join('＋')}之和` }),
          });
      }
      const inPost = [...sent.matchAll(/在职(?:人员|人数)?(?:为)?\s*(\d+)\s*人/g)].map((m) => Number(m[1]));
      if (inPost.length)
        out.push({
          path: 'staffing.actual',
          value: inPost.reduce((a, b) => a + b, 0),
          quote: q,
          ...(inPost.length > 1 && { note: `在职人数为${inPost.join('＋')}之和` }),
        });
      const payroll = [...sent.matchAll(/实有在编(?:人数|人员)?(?:为)?\s*(\d+)\s*人/g)].map((m) => Number(m[1]));
      if (payroll.length)
        out.push({
          path: 'staffing.onPayroll',
          value: payroll.reduce((a, b) => a + b, 0),
          quote: q,
          ...(payroll.length > 1 && { note: `在编人数为${payroll.join('＋')}之和` }),
        });
      const extra =
        /实有(?:临聘|编外|劳务派遣)(?:人员)?(?:人数)?(?:为)?\s*(\d+)\s*人/.exec(sent) ??
        /(?:临聘|编外|劳务派遣)人员(?:人数)?(?:为)?\s*(\d+)\s*人/.exec(sent);
      if (extra) out.push({ path: 'staffing.supernumerary', value: Number(extra[1]), quote: q });
      const retired = /退休人员\s*(\d+)\s*人/.exec(sent);
      if (retired) out.push({ path: 'staffing.retired', value: Number(retired[1]), quote: q });
      if (out.some((o) => o.path === 'staffing.authorized')) return out;
    }
  }
  return [];
}
