/**
 * Where the 署名 and 成文日期 stand (GB/T 9704 7.3.5.2, without a seal): the 署名 right-aligned two
 * characters in from the margin, the date on the next line with its first character two characters right
 * of the 署名's first; a date longer than that stands two characters in, and the 署名 moves left to keep
 * the step. Returns each line's right indent in characters.
 */
import { displayWidth } from './text-width.js';

const chars = (s: string) => displayWidth(s) / 2;

export function signatureIndents(lines: string[]): number[] {
  if (lines.length < 2) return lines.map(() => 2);
  const n = chars(lines[0]!);
  const d = chars(lines[lines.length - 1]!);
  let nameRight = 2;
  let dateRight = n + nameRight - 2 - d;
  if (dateRight < 2) {
    dateRight = 2;
    nameRight = d + dateRight + 2 - n;
  }
  return lines.map((_, i) => (i === lines.length - 1 ? dateRight : nameRight));
}
