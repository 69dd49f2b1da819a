/** @module A pasted or imported list of units (one a line: code or name) matched against a region's organisations. */

export interface ListedOrg {
  id: number;
  name: string;
  code: string;
}

export interface UnitListMatch {
  matched: Array<{ line: number; text: string; orgId: number }>;
  /** Lines naming no unit: the line number (from 1) and its text. */
  unmatched: Array<{ line: number; text: string }>;
}

/** Most lines a list may have: a region has hundreds of units, not tens of thousands. */
export const MAX_UNIT_LIST_LINES = 5000;

const norm = (s: string) => s.replace(/[\s\u3000]+/g, '').toLowerCase();

/**
 * Each non-blank line names one unit by its code or its full name; a line of several cells (tab,
 * comma or 、 separated — a row copied from a spreadsheet) matches if any cell does, so a column of
 * 序号 beside the names does no harm. A header line (单位名称, 单位代码 …) is skipped, not reported.
 */
export function matchUnitList(text: string, orgs: readonly ListedOrg[]): UnitListMatch {
  const byCode = new Map(orgs.map((o) => [norm(o.code), o.id]));
  const byName = new Map(orgs.map((o) => [norm(o.name), o.id]));
  const out: UnitListMatch = { matched: [], unmatched: [] };
  const seen = new Set<number>();
  const lines = text.split(/\r?\n/).slice(0, MAX_UNIT_LIST_LINES);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const cells = [line, ...line.split(/[\t,，、;；]/)].map(norm).filter(Boolean);
    const id = cells.map((c) => byCode.get(c) ?? byName.get(c)).find((x) => x !== undefined);
    if (id === undefined) {
      if (/^(序号|单位|名称|代码|单位名称|单位代码)/.test(line) && out.matched.length === 0) return;
      out.unmatched.push({ line: i + 1, text: line.slice(0, 100) });
      return;
    }
    if (seen.has(id)) return;
    seen.add(id);
    out.matched.push({ line: i + 1, text: line.slice(0, 100), orgId: id });
  });
  return out;
}
