/**
 * @module An audit entry as a Chinese sentence: “王某将‘全年预算数’由 837.69 改为 800.00”. Field
 * names, statuses, actions and roles come from their homes in core; no raw code, no [object Object].
 */
import { FIGURE_LABELS, INPUT_LABELS, TASK_LABELS } from './figures.js';
import {
  type Action,
  isAction,
  ORG_KIND_LABELS,
  type OrgKind,
  ROLE_LABELS,
  type Role,
  STATUS_LABELS,
  type Status,
  WORKFLOW,
} from './workflow.js';

export interface HistoryEntryInput {
  actor: string;
  entity: string;
  action: string;
  changes: ReadonlyArray<{ field: string; old: unknown; new: unknown }>;
  detail: Record<string, unknown> | null;
}

export interface HistoryText {
  /** One sentence for the whole entry. */
  sentence: string;
  /** One sentence per changed field (at most `maxLines`), then “另有 N 处”. */
  lines: string[];
}

export interface HistoryOptions {
  /** The name of an indicator by its id (the framework's); default: the id, which is its name in most frameworks. */
  indicatorName?: (id: string) => string | undefined;
  maxLines?: number;
}

const MONEY_PREFIXES = [
  'figures.budget.',
  'figures.threePublic.',
  'figures.publicFunds.',
  'figures.procurement.',
  'figures.assets.',
];
const PERCENT = new Set([
  'figures.budget.paymentPlanned',
  'figures.budget.paymentActual',
  'figures.budget.previousCarryOverRate',
  'figures.satisfaction',
]);
const TOP_LABELS: Record<string, string> = {
  unit: '单位名称',
  year: '年度',
  framework: '指标框架',
  frameworkVersion: '框架版本',
  contact: '联系人',
  goals: '年度绩效目标',
  source: '来源',
  规则总分: '规则总分',
  核定总分: '核定总分',
  等级: '等级',
  status: '状态',
  attachment: '佐证材料',
  name: '名称',
  deadline: '截止时间',
  unitCount: '评价范围单位数',
  units: '评价范围',
  kind: '类型',
  code: '代码',
  parentId: '上级组织',
  role: '角色',
  displayName: '姓名',
  disabled: '停用',
  frozen: '冻结',
  password: '密码',
};

const truncate = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** A path of the document ('document.indicators.预算执行率.actual', 'tasks[0].budget') as segments. */
function segments(field: string): string[] {
  return field
    .replace(/^document\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
}

/** The Chinese name of a field of an audit entry. */
export function fieldLabel(field: string, opts: HistoryOptions = {}): string {
  const s = segments(field);
  const joined = s.join('.');
  if (TOP_LABELS[field]) return TOP_LABELS[field]!;
  if (FIGURE_LABELS[joined]) return FIGURE_LABELS[joined]!;
  const [head, ...rest] = s;
  const ind = (id: string) => `指标“${opts.indicatorName?.(id) ?? id}”`;
  switch (head) {
    case 'figures':
      return FIGURE_LABELS[`figures.${rest.join('.')}`] ?? '基础数据';
    case 'tasks': {
      const n = Number(rest[0]);
      const what = rest[1] ? (TASK_LABELS[rest[1]] ?? '内容') : '';
      return `第${Number.isInteger(n) ? n + 1 : '?'}项工作任务${what ? `的${what}` : ''}`;
    }
    case 'indicators': {
      const [id, input, ...more] = rest;
      if (!id) return '指标';
      if (!input) return ind(id);
      if (input === 'checks' && more[0] !== undefined) return `${ind(id)}评价要点第${Number(more[0]) + 1}项`;
      if (input === 'quarters' && more[0] !== undefined) return `${ind(id)}第${Number(more[0]) + 1}季度进度`;
      if (input === 'evidence') return `${ind(id)}的佐证材料`;
      if (input === 'parts' && more[0])
        return `${ind(id)}分项“${more[0]}”${more[1] ? `的${INPUT_LABELS[more[1]] ?? '内容'}` : ''}`;
      return `${ind(id)}的${INPUT_LABELS[input] ?? '内容'}`;
    }
    case 'narrative':
      return rest.length ? `报告正文“${rest.join('.')}”` : '报告正文';
    case 'claimed':
      if (rest[0] === 'total') return '自评总分';
      if (rest[0] === 'grade') return '自评等级';
      if (rest[0] === 'subtotals') return rest[1] ? `“${rest[1]}”自评小计` : '自评小计';
      return '自评得分';
    case 'tailoring':
      if (rest[0] === 'drop') return '不适用的指标';
      if (rest[0] === 'weights') return rest[1] ? `${ind(rest[1])}的调整后分值` : '调整后分值';
      if (rest[0] === 'add') return '新增指标';
      return '指标调整';
    default:
      return head && TOP_LABELS[head] ? TOP_LABELS[head]! : /[\u4e00-\u9fff]/.test(field) ? field : '其他内容';
  }
}

/** A value as a person reads it: money with two decimals, statuses by name, no [object Object]. */
export function valueText(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '空';
  const path = segments(field).join('.');
  if (field === 'status' && typeof v === 'string' && v in STATUS_LABELS) return STATUS_LABELS[v as Status];
  if (typeof v === 'boolean') return v ? (/checks/.test(path) ? '达标' : '是') : /checks/.test(path) ? '未达标' : '否';
  if (typeof v === 'number') {
    if (MONEY_PREFIXES.some((p) => path.startsWith(p)) && !PERCENT.has(path)) return `${v.toFixed(2)}万元`;
    if (PERCENT.has(path)) return `${v}%`;
    return String(v);
  }
  if (typeof v === 'string') {
    if (field === 'role' && v in ROLE_LABELS) return ROLE_LABELS[v as Role];
    if (field === 'kind' && v in ORG_KIND_LABELS) return ORG_KIND_LABELS[v as OrgKind];
    if (/^\d{4}-\d\d-\d\dT/.test(v)) return v.slice(0, 16).replace('T', ' ');
    return `“${truncate(v)}”`;
  }
  if (Array.isArray(v)) return v.length ? v.map((x) => valueText(field, x)).join('、') : '空';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string') return `“${truncate(o.name)}”`;
    const n = Object.keys(o).length;
    return n ? `${n}项内容` : '空';
  }
  return '空';
}

/** One change as a sentence (without the actor): “将‘年初预算数’由 837.69万元 改为 800.00万元”. */
export function changeText(c: { field: string; old: unknown; new: unknown }, opts: HistoryOptions = {}): string {
  const label = fieldLabel(c.field, opts);
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  if (empty(c.old) && empty(c.new)) return `“${label}”未变`;
  if (empty(c.old)) return `填写“${label}”为 ${valueText(c.field, c.new)}`;
  if (empty(c.new)) return `清空“${label}”（原为 ${valueText(c.field, c.old)}）`;
  return `将“${label}”由 ${valueText(c.field, c.old)} 改为 ${valueText(c.field, c.new)}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A save may record a whole object as one field (an indicator: 'document.indicators.预算执行率' {} → {…});
 * a reader wants what changed inside it. Objects are opened down to the fields that differ
 * ('document.indicators.预算执行率.deviationReason' 空 → “…”); lists, plain values and a named row added or
 * removed whole stay as they are.
 */
export function openChanges<C extends { field: string; old: unknown; new: unknown }>(
  changes: readonly C[],
): Array<{ field: string; old: unknown; new: unknown }> {
  const out: Array<{ field: string; old: unknown; new: unknown }> = [];
  // A row added or removed whole that has a name (a 工作任务) reads best as one line naming it.
  const named = (v: unknown) => isRecord(v) && typeof v.name === 'string';
  const open = (field: string, old: unknown, now: unknown): void => {
    const inside = isRecord(old) && isRecord(now);
    const wholeUnnamed = (isRecord(old) && now == null && !named(old)) || (isRecord(now) && old == null && !named(now));
    if (!inside && !wholeUnnamed) {
      out.push({ field, old: old ?? null, new: now ?? null });
      return;
    }
    const o = isRecord(old) ? old : {};
    const n = isRecord(now) ? now : {};
    for (const k of new Set([...Object.keys(o), ...Object.keys(n)]))
      if (JSON.stringify(o[k] ?? null) !== JSON.stringify(n[k] ?? null)) open(`${field}.${k}`, o[k], n[k]);
  };
  for (const c of changes) open(c.field, c.old, c.new);
  return out;
}

const ENTITY_LABELS: Record<string, string> = {
  evaluation: '评价',
  attachment: '佐证材料',
  round: '评价轮次',
  organisation: '组织',
  user: '用户',
  session: '登录',
  framework_version: '指标框架版本',
};

function lines(changes: HistoryEntryInput['changes'], who: string, opts: HistoryOptions): string[] {
  const max = opts.maxLines ?? 12;
  const out = changes.slice(0, max).map((c) => `${who}${changeText(c, opts)}`);
  if (changes.length > max) out.push(`另有 ${changes.length - max} 处改动`);
  return out;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The whole entry: a sentence, and a sentence per change. */
export function describeEntry(e: HistoryEntryInput, opts: HistoryOptions = {}): HistoryText {
  const who = e.actor || '系统';
  const d = e.detail ?? {};
  if (e.action.startsWith('transition:')) {
    const a = e.action.slice('transition:'.length);
    const st = e.changes.find((c) => c.field === 'status');
    const from = typeof st?.old === 'string' && st.old in STATUS_LABELS ? STATUS_LABELS[st.old as Status] : '';
    const to = typeof st?.new === 'string' && st.new in STATUS_LABELS ? STATUS_LABELS[st.new as Status] : '';
    const label = isAction(a) ? WORKFLOW[a as Action].label : '办理';
    const comment = str(d.comment);
    return {
      sentence: `${who}${label}${from && to ? `（${from} → ${to}）` : ''}${comment ? `，意见：“${truncate(comment, 80)}”` : ''}`,
      lines: [],
    };
  }
  if (e.entity === 'attachment') {
    const file = str(e.changes.find((c) => c.field === 'attachment')?.[e.action === 'delete' ? 'old' : 'new']) ?? '';
    const indicator = str(d.indicator);
    const onWhat = indicator ? `（指标“${opts.indicatorName?.(indicator) ?? indicator}”）` : '';
    return {
      sentence: e.action === 'delete' ? `${who}删除了佐证材料《${file}》` : `${who}上传了佐证材料《${file}》${onWhat}`,
      lines: [],
    };
  }
  if (e.entity === 'evaluation') {
    if (e.action === 'create') {
      const filled = openChanges(e.changes.filter((c) => c.field.startsWith('document.')));
      return {
        sentence: `${who}新建了这份评价（草稿）${filled.length ? `，填入 ${filled.length} 项内容` : ''}`,
        lines: lines(filled, '', opts),
      };
    }
    if (e.action === 'update') {
      const changes = openChanges(e.changes);
      const only = changes.length === 1 ? changes[0]! : undefined;
      return only
        ? { sentence: `${who}${changeText(only, opts)}`, lines: [] }
        : { sentence: `${who}保存了 ${changes.length} 处改动`, lines: lines(changes, '', opts) };
    }
    if (e.action === 'withdrawn')
      return {
        sentence: `${who}把本单位撤出了评价轮次${str(d.roundName) ? `“${str(d.roundName)}”` : ''}，已填内容保留`,
        lines: [],
      };
  }
  if (e.entity === 'round') {
    const names = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string').join('、') : '');
    if (e.action === 'units-add') return { sentence: `${who}把${names(e.changes[0]?.new)}加入了评价范围`, lines: [] };
    if (e.action === 'units-withdraw')
      return { sentence: `${who}把${names(e.changes[0]?.old)}撤出了评价范围，已填内容保留`, lines: [] };
  }
  const entity = ENTITY_LABELS[e.entity] ?? '记录';
  const verbs: Record<string, string> = {
    create: `新建了${entity}`,
    update: `修改了${entity}`,
    delete: `删除了${entity}`,
    freeze: `冻结了${entity}`,
    login: '登录',
    'login-failed': '登录失败',
    logout: '退出登录',
  };
  return { sentence: `${who}${verbs[e.action] ?? `处理了${entity}`}`, lines: lines(e.changes, '', opts) };
}
