/**
 * Money is entered in 万元 with at most two decimals (分 are below what the tables print). Which
 * fields are money, and the rest of their domain, is src/core/check/domains.ts.
 */

/** At most two decimals, without float artefacts (0.1 + 0.2 is not what anyone typed). */
export const hasAtMostTwoDecimals = (v: number): boolean => Number(v.toFixed(2)) === v;
