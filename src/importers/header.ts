import { cellText, normHeader } from './text-util.js';

/**
 * Column roles read from a table's header row(s). Published tables name their columns in many
 * ways (三级指标 / 三级指标名称 / 指标名称; 得分 / 自评得分 / 评价得分 / 自评分 …); the aliases here
 * are the ones the seeds and the usual templates print.
 */
export type Role =
  | { role: 'name'; level?: number }
  | { role: 'weight'; level?: number }
  | { role: 'refWeight'; level?: number }
  | { role: 'score' }
  | { role: 'target' }
  | { role: 'unit' }
  | { role: 'actual' }
  | { role: 'previous' }
  | { role: 'reason' }
  | { role: 'explanation' }
  | { role: 'standard' }
  | { role: 'budget' }
  | { role: 'initial' }
  | { role: 'budgetTotal' }
  | { role: 'executed' }
  | { role: 'rate' }
  | { role: 'scoreRate' }
  | { role: 'opinion' }
  | { role: 'code' }
  | { role: 'taskName' }
  | { role: 'taskContent' }
  | { role: 'label' }
  | { role: 'ignore' };

type RoleName = Role['role'];

const ALIASES: Array<[RoleName, string[], number?]> = [
  ['name', ['一级指标', '一级指标名称'], 1],
  ['name', ['二级指标', '二级指标名称'], 2],
  ['name', ['三级指标', '三级指标名称', '末级指标', '末级指标名称'], 3],
  ['name', ['指标名称', '指标', '绩效指标', '名称', '指标内容']],
  ['ignore', ['评价指标', '序号', '指标体系', '评价内容']],
  [
    'weight',
    ['分值', '指标分值', '设定分值', '权重', '权重分值', '标准分值', '分数', '满分', '权重（分）', '指标权重'],
  ],
  ['refWeight', ['参考分值', '参考权重']],
  ['score', ['得分', '自评得分', '评价得分', '自评分', '实际得分', '自评分值', '评分', '最终得分']],
  [
    'target',
    ['指标值', '年度指标值', '目标值', '年度目标值', '绩效目标值', '预期指标值', '年初指标值', '年度目标', '预期目标'],
  ],
  ['unit', ['度量位', '度量单位', '计量单位', '单位']],
  ['actual', ['实际完成值', '完成值', '全年实际值', '实际值', '实际完成情况', '全年完成值', '完成情况', '实际完成']],
  [
    'reason',
    [
      '未完成原因分析',
      '偏差原因',
      '偏差原因分析',
      '未完成原因',
      '偏差原因及改进措施',
      '原因分析',
      '偏差原因分析及改进措施',
    ],
  ],
  ['explanation', ['指标解释', '指标说明', '指标内涵', '指标定义']],
  ['standard', ['评分标准', '参考评分标准', '计算分析情况', '评分规则', '计分方法', '评分办法', '评分方法']],
  ['budget', ['预算数', '预算资金', '预算金额']],
  ['initial', ['年初预算数', '年初预算', '年初预算金额']],
  ['budgetTotal', ['全年预算数', '年预算数', '调整后预算数', '全年预算']],
  ['executed', ['执行数', '预算执行数', '全年执行数', '实际支出', '支出数', '决算数', '实际执行数']],
  ['rate', ['预算执行率', '执行率']],
  ['scoreRate', ['得分率', '得分比例', '得分比率']],
  [
    'opinion',
    ['评价意见', '评价说明', '扣分原因', '得分说明', '评分说明', '扣分说明', '评价情况', '评分依据', '打分依据'],
  ],
  ['code', ['指标编号', '指标代码', '编号', '编码', '代码']],
  ['taskName', ['任务名称']],
  ['taskContent', ['主要内容']],
  ['label', ['预算情况', '年度主要任务', '项目']],
];

const LOOKUP = new Map<string, Role>();
for (const [role, names, level] of ALIASES) {
  for (const n of names) LOOKUP.set(n, level !== undefined ? ({ role, level } as Role) : ({ role } as Role));
}

/** The role a header cell names, if any. Year columns ("2023年", "2024年") are previous/actual. */
export function roleOf(cell: string): Role | undefined {
  const k = normHeader(cell);
  if (!k) return undefined;
  const hit = LOOKUP.get(k);
  if (hit) return hit;
  if (/^20\d\d年(度)?$/.test(k)) return { role: 'actual' };
  // "预算资金 其中：财政资金" and similar merged header cells.
  if (k.startsWith('预算资金')) return { role: 'budget' };
  if (k.startsWith('任务完成情况')) return { role: 'label' };
  return undefined;
}

export interface Header {
  roles: Array<Role | undefined>;
  /** Column of the deepest indicator name (the leaf). */
  leafCol?: number;
  /** Name columns by level. */
  nameCols: number[];
  kind: 'indicator' | 'budget' | 'task' | 'other';
  /** The year columns, for "2023年 / 2024年" tables. */
  years?: number[];
  line?: number;
}

/** Whether a row is a header row: at least two cells name roles, and most non-empty cells do. */
export function isHeaderRow(cells: string[]): boolean {
  const filled = cells.filter((c) => cellText(c) !== '');
  if (filled.length < 2 && !(filled.length === 1 && cells.length > 1 && roleOf(filled[0]!)?.role === 'refWeight'))
    return false;
  const known = filled.filter((c) => roleOf(c) !== undefined);
  if (known.length === 0) return false;
  if (filled.length >= 2 && known.length < 2) return false;
  // Data rows never consist of header words only; one stray data cell is tolerated in wide headers.
  return known.length >= Math.max(1, filled.length - (filled.length >= 6 ? 1 : 0));
}

/** Merges consecutive header rows column by column and settles levels. */
export function buildHeader(rows: string[][], line?: number): Header {
  const width = Math.max(...rows.map((r) => r.length));
  const roles: Array<Role | undefined> = [];
  const years: Array<number | undefined> = [];
  for (let c = 0; c < width; c++) {
    let chosen: Role | undefined;
    for (const r of rows) {
      const cell = r[c];
      if (cell === undefined) continue;
      const role = roleOf(cell);
      if (!role) continue;
      const y = /^(20\d\d)年/.exec(normHeader(cell));
      if (y) years[c] = Number(y[1]);
      if (!chosen) chosen = role;
      else if (role.role === 'name' && chosen.role === 'name') {
        if (role.level !== undefined && chosen.level === undefined) chosen = role;
      } else if (chosen.role === 'ignore' || (chosen.role !== 'name' && role.role !== 'ignore')) chosen = role;
    }
    roles[c] = chosen;
  }
  // Year columns: the earlier one is last year's value.
  const ys = years
    .map((y, c) => (y !== undefined ? { y, c } : undefined))
    .filter((x): x is { y: number; c: number } => !!x);
  if (ys.length >= 2) {
    const maxY = Math.max(...ys.map((x) => x.y));
    for (const { y, c } of ys) roles[c] = y === maxY ? { role: 'actual' } : { role: 'previous' };
  }
  // Name levels in order; a weight right after a name that is not the deepest is that level's weight.
  const nameCols: number[] = [];
  roles.forEach((r, c) => {
    if (r?.role === 'name') nameCols.push(c);
  });
  // “绩效指标” spanning the rows left of 一级/二级/三级 (the 10号 form) is a caption, not a level.
  if (nameCols.length > 1 && (roles[nameCols[0]!] as { level?: number }).level === undefined) {
    const explicit = nameCols.slice(1).some((c) => (roles[c] as { level?: number }).level === 1);
    if (explicit) {
      roles[nameCols[0]!] = { role: 'ignore' };
      nameCols.shift();
    }
  }
  let lvl = 0;
  for (const c of nameCols) {
    const r = roles[c] as { role: 'name'; level?: number };
    if (r.level !== undefined) lvl = r.level;
    else {
      lvl += 1;
      roles[c] = { role: 'name', level: lvl };
    }
  }
  const leafCol = nameCols.length ? nameCols[nameCols.length - 1] : undefined;
  for (const c of nameCols) {
    if (c === leafCol) continue;
    const next = roles[c + 1];
    if (next && (next.role === 'weight' || next.role === 'refWeight')) {
      roles[c + 1] = { role: next.role, level: (roles[c] as { level: number }).level };
    }
  }
  const has = (n: RoleName) => roles.some((r) => r?.role === n);
  const kind: Header['kind'] = has('taskName')
    ? 'task'
    : has('score') || has('weight') || has('target') || has('refWeight')
      ? has('executed') || has('rate')
        ? 'budget'
        : 'indicator'
      : has('executed') || has('rate')
        ? 'budget'
        : 'other';
  const h: Header = { roles, nameCols, kind };
  if (leafCol !== undefined) h.leafCol = leafCol;
  if (ys.length) h.years = ys.map((x) => x.y);
  if (line !== undefined) h.line = line;
  return h;
}
