// How a framework version is named in pickers (no imports: tested in node).
/** A framework version as a person picks it: its name, region, year and version — not its internal id. */
export function frameworkOptionLabel(f: {
  name: string;
  region: string;
  year: number;
  version: number;
  owner: 'builtin' | 'region';
}): string {
  return `${f.name}（${f.region} · ${f.year}年 · 第${f.version}版）${f.owner === 'region' ? ' · 本地区自建' : ''}`;
}
