// Totals and rates of a table's columns, as the workspace shows them (no imports: tested in node).
/** The sum of the numbers given; undefined when none is filled in (a blank column totals “—”, not 0.00). */
export function totalOf(values: readonly unknown[]): number | undefined {
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return nums.length ? Math.round(nums.reduce((a, v) => a + v, 0) * 100) / 100 : undefined;
}

/** part ÷ whole as a percentage; undefined unless both are there and the whole is positive. */
export function rateOf(part: number | undefined, whole: number | undefined): number | undefined {
  return part !== undefined && whole !== undefined && whole > 0 ? (part / whole) * 100 : undefined;
}
