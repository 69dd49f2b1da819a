/**
 * A 公文 title broken into lines at word boundaries (GB/T 9704 7.3.3: 回行时词意完整，排列对称，长短适宜),
 * never inside a word (“常务委/员会”): break points after the year, after the parts of an organisation's
 * name (省, 市, 区, 人民代表大会, 常务委员会, 办公室 …) and between the parts of the document's name; of the
 * ways to break into the fewest lines that fit, the most even, longer lines first (梯形).
 */

/** Words after which a title may break. Longer words first, so that 常务委员会 wins over 委员会. */
const WORDS = [
  '人民代表大会',
  '常务委员会',
  '人大常委会',
  '人民政府',
  '委员会',
  '办公室',
  '年度',
  '部门整体支出',
  '部门整体',
  '项目支出',
  '绩效自评报告',
  '绩效评价报告',
  '绩效自评表',
  '绩效',
  '自治区',
  '街道',
  '政府',
  '中心',
  '省',
  '市',
  '区',
  '县',
  '镇',
  '乡',
  '局',
  '厅',
  '委',
  '办',
  '院',
  '·',
  '、',
];

/** Positions (character offsets) after which the title may break. */
export function breakPoints(title: string): number[] {
  const chars = [...title];
  const points = new Set<number>();
  let i = 0;
  while (i < chars.length) {
    const rest = chars.slice(i).join('');
    const w = WORDS.find((x) => rest.startsWith(x));
    if (w) {
      i += [...w].length;
      if (i < chars.length) points.add(i);
    } else i++;
  }
  // Digits stay with 年: never break inside “2021年度”.
  return [...points].sort((a, b) => a - b);
}

/** The title's lines, each at most `perLine` characters where a word boundary allows. */
export function titleLines(title: string, perLine: number): string[] {
  const chars = [...title];
  if (chars.length <= perLine) return [title];
  const pts = [0, ...breakPoints(title), chars.length];
  let best: { cuts: number[]; score: number } | undefined;
  // Fewest lines first: try 2, 3, … lines.
  for (let lines = 2; lines <= 4 && !best; lines++) {
    const choose = (from: number, left: number, acc: number[]): void => {
      if (left === 1) {
        const cuts = [...acc, chars.length];
        const lens = cuts.map((c, k) => c - (k ? cuts[k - 1]! : 0));
        if (lens.some((l) => l > perLine || l === 0)) return;
        const mean = chars.length / lines;
        // Even lines; a shorter first line costs a little (梯形: longer lines on top).
        const score =
          lens.reduce((a, l) => a + (l - mean) ** 2, 0) +
          lens.slice(1).reduce((a, l, k) => a + (l > lens[k]! ? 1 : 0), 0);
        if (!best || score < best.score) best = { cuts, score };
        return;
      }
      for (const p of pts) if (p > from && p < chars.length) choose(p, left - 1, [...acc, p]);
    };
    choose(0, lines, []);
  }
  if (!best) {
    // No word boundary fits: break at the line length.
    const out: string[] = [];
    for (let k = 0; k < chars.length; k += perLine) out.push(chars.slice(k, k + perLine).join(''));
    return out;
  }
  const cuts = (best as { cuts: number[] }).cuts;
  return cuts.map((c, k) => chars.slice(k ? cuts[k - 1]! : 0, c).join(''));
}
