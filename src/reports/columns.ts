/**
 * Column widths sized to the content: every column is at least as wide as the unbreakable text it holds
 * (a money figure, a percentage, a score, a word of Latin letters and digits, two Chinese characters),
 * and the width left over goes to the columns by their declared shares. DOCX, HTML and XLSX use the same
 * widths, so “98.12%” never breaks onto a second line and task names are not three characters a line.
 */
import { placeCells, type Table } from './model.js';

/** Cell padding left + right, pt. */
export const CELL_PAD_PT = 6;

/** Width of a text in pt at a font size: CJK and full-width forms one em, others about half. */
export function textWidthPt(s: string, fontSize: number): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += c >= 0x2e80 || (c >= 0x2010 && c <= 0x206f) ? 1 : c === 0x20 ? 0.3 : 0.56;
  }
  return w * fontSize;
}

/** The widest piece of a text that may not break: a nowrap cell whole; else a Latin/number run or two CJK characters. */
function unbreakablePt(text: string, nowrap: boolean, fontSize: number): number {
  const lines = text.split(/\r?\n/);
  if (nowrap) return Math.max(0, ...lines.map((l) => textWidthPt(l, fontSize)));
  let max = 0;
  for (const l of lines) {
    for (const run of l.match(/[0-9A-Za-z.,%％+\-–—/×÷=≥≤<>≈（）()]+/g) ?? [])
      max = Math.max(max, textWidthPt(run, fontSize));
    if (/[\u2e80-\uffff]/.test(l)) max = Math.max(max, Math.min(textWidthPt(l, fontSize), 2 * fontSize));
  }
  return max;
}

/** Column widths in pt that add up to `availPt`. */
export function columnWidthsPt(t: Table, availPt: number): number[] {
  const n = t.columns.length;
  const share = t.columns.reduce((a, b) => a + b, 0);
  const min = new Array<number>(n).fill(0);
  const placed = placeCells(t);
  // A short heading (一级指标, 得分) stays on one line; a longer one may wrap.
  const need = (p: (typeof placed)[number]) =>
    unbreakablePt(p.cell.text, !!p.cell.nowrap || (!!p.cell.head && [...p.cell.text].length <= 4), t.fontSize) +
    CELL_PAD_PT;
  for (const p of placed) if (p.colSpan === 1) min[p.c] = Math.max(min[p.c]!, need(p));
  // A spanning cell that does not fit its columns widens them in proportion to their shares.
  for (const p of placed) {
    if (p.colSpan === 1) continue;
    const cols = Array.from({ length: p.colSpan }, (_, i) => p.c + i);
    const have = cols.reduce((a, c) => a + min[c]!, 0);
    const deficit = need(p) - have;
    if (deficit > 0) {
      const s = cols.reduce((a, c) => a + t.columns[c]!, 0);
      for (const c of cols) min[c] = min[c]! + (deficit * t.columns[c]!) / s;
    }
  }
  const minSum = min.reduce((a, b) => a + b, 0);
  if (minSum >= availPt) return min.map((m) => (m / minSum) * availPt);
  // How much wrapping text each column holds (damped): half the width goes by that, half by the declared shares.
  const text = new Array<number>(n).fill(0);
  for (const p of placed) {
    if (p.cell.nowrap || p.cell.head) continue;
    const w = textWidthPt(p.cell.text, t.fontSize) / p.colSpan;
    for (let i = 0; i < p.colSpan; i++) text[p.c + i] = text[p.c + i]! + w;
  }
  const damped = text.map((x) => Math.sqrt(x));
  const textSum = damped.reduce((a, b) => a + b, 0);
  const want = t.columns.map((s, i) => (textSum > 0 ? 0.5 * (s / share) + 0.5 * (damped[i]! / textSum) : s / share));
  let w = want.map((f, i) => Math.max(min[i]!, f * availPt));
  // Give back what the minimums took from the columns that can spare it.
  for (let k = 0; k < 8; k++) {
    const over = w.reduce((a, b) => a + b, 0) - availPt;
    if (Math.abs(over) < 0.01) break;
    const slack = w.map((x, i) => Math.max(0, x - min[i]!));
    const total = slack.reduce((a, b) => a + b, 0);
    if (total <= 0) break;
    w = w.map((x, i) => x - (over * slack[i]!) / total);
  }
  return w;
}
