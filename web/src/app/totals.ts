// Totals, rates and limits as the workspace states them (no imports: tested in node).
/** A number as an exact decimal: its digits as a bigint and how many of them are after the point. */
function exact(v: number): { units: bigint; scale: number } {
  // String(v) is the shortest text that reads back as v (what a person typed: 0.1, 1.005, 1e-7).
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(v))!;
  const frac = m[3] ?? '';
  const exp = Number(m[4] ?? 0);
  let units = BigInt(`${m[1]}${m[2]}${frac}`);
  let scale = frac.length - exp;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units, scale };
}

/**
 * The sum of the numbers given, in 万元 to 2 decimals (half away from zero), computed on exact decimals
 * so that no float artefact reaches the page (0.1 + 0.2 is 0.30; 1.005 is 1.01, not 1.00);
 * undefined when none is filled in (a blank column totals “—”, not 0.00).
 */
export function totalOf(values: readonly unknown[]): number | undefined {
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).map(exact);
  if (!nums.length) return undefined;
  const scale = Math.max(2, ...nums.map((n) => n.scale));
  const sum = nums.reduce((a, n) => a + n.units * 10n ** BigInt(scale - n.scale), 0n);
  const div = 10n ** BigInt(scale - 2);
  const neg = sum < 0n;
  const abs = neg ? -sum : sum;
  const cents = (abs / div + (2n * (abs % div) >= div ? 1n : 0n)) * (neg ? -1n : 1n);
  // cents is exact; dividing once by 100 gives the nearest number, which prints with toFixed(2) as it is.
  return Number(cents) / 100;
}

/** part ÷ whole as a percentage; undefined unless both are there and the whole is positive. */
export function rateOf(part: number | undefined, whole: number | undefined): number | undefined {
  return part !== undefined && whole !== undefined && whole > 0 ? (part / whole) * 100 : undefined;
}

/** What the evidence upload box says it takes: the types and the size limit the server enforces (from /api/auth/me). */
export function uploadLimitText(l: { attachmentMaxBytes: number; attachmentTypes: readonly string[] }): string {
  const mb = l.attachmentMaxBytes / 1048576;
  return `支持 ${l.attachmentTypes.map((t) => t.toUpperCase()).join('、')}；单个文件不超过 ${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB；同一文件不会重复上传`;
}

/** The workspace's issue counts, one definition for the sticky bar and the 问题与提示 section. */
export function issueCounts(
  problems: ReadonlyArray<{ level: 'error' | 'warning' }>,
  findings: ReadonlyArray<{ severity: string }>,
): { errors: number; warnings: number; total: number } {
  const errors = problems.filter((p) => p.level === 'error').length;
  const warnings =
    problems.filter((p) => p.level === 'warning').length + findings.filter((f) => f.severity !== 'info').length;
  return { errors, warnings, total: errors + warnings };
}
