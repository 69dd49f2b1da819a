// Totals, rates and limits as the workspace states them (no imports: tested in node).
/** The sum of the numbers given; undefined when none is filled in (a blank column totals “—”, not 0.00). */
export function totalOf(values: readonly unknown[]): number | undefined {
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return nums.length ? Math.round(nums.reduce((a, v) => a + v, 0) * 100) / 100 : undefined;
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
