/**
 * The printed 自评表 layouts a framework can name (`layout:`), one per region whose table the report
 * writers reproduce. A closed list: a misspelt layout is an error when the framework is read, never a
 * silent fall-back to the generic table. src/reports keeps one builder per id (`satisfies
 * Record<LayoutId, …>`), so adding an id here makes the compiler ask for its table.
 */
export const LAYOUT_IDS = ['shangjie', 'jinzhong', 'heshan', 'longhua', 'huairou', 'project-10'] as const;
export type LayoutId = (typeof LAYOUT_IDS)[number];

/** What each layout reproduces, for messages and the framework browser. */
export const LAYOUT_NAMES = {
  shangjie: '郑州市上街区《部门整体绩效自评表》',
  jinzhong: '晋中市《部门整体支出绩效自评表》',
  heshan: '益阳市赫山区《部门整体支出绩效自评指标计分表》',
  longhua: '深圳市龙华区《部门整体支出绩效自评表》',
  huairou: '北京市怀柔区《部门整体绩效评价指标体系评分表》',
  'project-10': '财预〔2020〕10号 附1《项目支出绩效自评表》',
} as const satisfies Record<LayoutId, string>;

export const isLayoutId = (s: string): s is LayoutId => (LAYOUT_IDS as readonly string[]).includes(s);
