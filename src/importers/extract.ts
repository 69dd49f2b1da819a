import type { IndicatorNode } from '../core/framework/model.js';
import type { Doc } from './document.js';
import { buildHeader, type Header, isHeaderRow, type Role } from './header.js';
import { LIMITS } from './limits.js';
import type { Resolver } from './resolver.js';
import {
  cellText,
  isEmptyCell,
  isPlaceholder,
  normHeader,
  type ReadNumber,
  readNumber,
  readCode,
  readPercent,
  type ReadPercent,
  splitCode,
  splitWeight,
  TARGET_RE,
} from './text-util.js';

/**
 * Reads a laid-out document into raw facts: indicator rows (name, weight, 指标值, 完成值, score,
 * 偏差原因), sub-total rows, the budget table, the task table, labelled values (单位名称, 自评得分,
 * 年初预算金额 …) and the paragraphs. With a framework (`resolver`) the indicator cells are found
 * by name, which tolerates the shifted and merged cells of text extracted from PDF; without one,
 * the header's column positions are used.
 */

export interface IndicatorRow {
  line?: number;
  /** The printed row, cells joined by “｜”, for quoting. */
  quote: string;
  name: string;
  leaf?: IndicatorNode;
  /** Open node the row adds a unit indicator under (个性指标). */
  addTo?: IndicatorNode;
  /** Names printed or carried to the left (一级, 二级), generic reading. */
  context: string[];
  contextNodes: IndicatorNode[];
  weight?: number;
  refWeight?: number;
  score?: number;
  scoreCell?: string;
  target?: string;
  unit?: string;
  actual?: string;
  previous?: string;
  reason?: string;
  standard?: string;
  explanation?: string;
  /** 评价意见: the evaluator's reasons for the score (third-party reports). */
  opinion?: string;
  /** Indicator code printed with the name (A101), and its parent's code (A1). */
  code?: string;
  codeParent?: string;
  budget?: number;
  executed?: number;
  rate?: ReadPercent;
  hasScoreColumn: boolean;
  notes: string[];
}

/** A row of a summary table (一级指标 × 分值/得分/得分率) printed besides the detailed table. */
export interface SummaryRow {
  line?: number;
  quote: string;
  label: string;
  weight?: number;
  score?: number;
  rate?: ReadPercent;
  /** The 合计/总分 row. */
  total: boolean;
}

export interface NodeRow {
  line?: number;
  quote: string;
  name: string;
  code?: string;
  node?: IndicatorNode;
  level?: number;
  weight?: number;
  score?: number;
}

export type BudgetKind = 'total' | 'basic' | 'project' | 'other' | 'fiscal' | 'carryOver' | 'otherFunds' | 'unknown';

export interface BudgetRow {
  line?: number;
  quote: string;
  label: string;
  kind: BudgetKind;
  budget?: number;
  /** 年初预算数, when the table prints it beside 全年预算数. */
  initial?: number;
  budgetRole: 'initial' | 'total';
  executed?: number;
  rate?: ReadPercent;
  weight?: number;
  score?: number;
  notes: string[];
  uncertain: boolean;
}

export interface TaskRow {
  line?: number;
  quote: string;
  name: string;
  content?: string;
  budget?: number;
  fiscalBudget?: number;
  status?: string;
  executed?: number;
  fiscalExecuted?: number;
  rate?: ReadPercent;
  notes: string[];
  uncertain: boolean;
}

export type LabelKey =
  | 'unit'
  | 'total'
  | 'grade'
  | 'goals'
  | 'contact'
  | 'year'
  | 'budget.carryOver'
  | 'budget.initial'
  | 'budget.adjustment'
  | 'budget.otherAdjustment'
  | 'budget.executed'
  | 'budget.balance'
  | 'budget.total'
  | 'budget.finalAccounts'
  | 'supervisor'
  | 'implementer';

export interface Labelled {
  key: LabelKey;
  label: string;
  value: string;
  numbers: ReadNumber[];
  line?: number;
  quote: string;
}

export interface Paragraph {
  text: string;
  line?: number;
}

export interface Extracted {
  rows: IndicatorRow[];
  nodeRows: NodeRow[];
  summaryRows: SummaryRow[];
  budgetRows: BudgetRow[];
  taskRows: TaskRow[];
  labelled: Labelled[];
  paragraphs: Paragraph[];
  headers: Header[];
  /** Text printed in form rows (“单位人员情况｜2021年末，我单位…”): narrative sections. */
  formTexts: Array<{ title: string; text: string; line?: number }>;
  /** Short text cells of data rows: candidate indicator names for recognising the framework. */
  nameCells: string[];
  notes: string[];
}

const LABELS: Array<[RegExp, LabelKey]> = [
  [
    /^(部门（单位）名称|部门\(单位\)名称|部门单位名称|单位名称|部门名称|预算单位名称|预算单位|填报单位|评价单位|被评价单位|项目名称)$/,
    'unit',
  ],
  [/^(自评得分|总分|合计|综合得分|自评总分|得分合计|总计|自评综合得分|评价总分)$/, 'total'],
  [/^(自评结果|评价结果等次|评价结果|自评等级|评价等级|等级|评价等次|自评等次|绩效等级|评价结论)$/, 'grade'],
  [/^(年度总体目标|年度绩效目标|部门年度整体绩效目标|总体目标|整体绩效目标)$/, 'goals'],
  [/^(填表人及联系方式|填报人|联系人|联系电话|单位负责人|单位联系电话|填表人)$/, 'contact'],
  [/^(评价年度|年度|自评年度|预算年度)$/, 'year'],
  [/^(上年结转金额|上年结转|上年结转资金|上年结转数)$/, 'budget.carryOver'],
  [/^(年初预算金额|年初预算数|年初预算)$/, 'budget.initial'],
  [/^(预算调整金额|预算调整数|调整金额|预算追加金额)$/, 'budget.adjustment'],
  [/^(其他调整资金|其他调整金额)$/, 'budget.otherAdjustment'],
  [/^(预算执行金额|预算执行数|执行金额|实际支出金额|全年执行数)$/, 'budget.executed'],
  [/^(年末结余金额|年末结转结余|年末结转结余金额|结转结余金额|年末结余|结转结余总额)$/, 'budget.balance'],
  [/^(全年预算数|全年预算金额|调整后预算数|全年预算)$/, 'budget.total'],
  [/^(决算数|决算金额)$/, 'budget.finalAccounts'],
  [/^(主管部门|主管单位)$/, 'supervisor'],
  [/^(实施单位|项目实施单位)$/, 'implementer'],
];

export function labelKey(cell: string): LabelKey | undefined {
  const k = normHeader(cell);
  if (!k || k.length > 20) return undefined;
  for (const [re, key] of LABELS) if (re.test(k)) return key;
  return undefined;
}

const quoteOf = (cells: string[]) =>
  cells
    .map((c) => cellText(c))
    .filter((c) => c !== '')
    .join('｜')
    .slice(0, 300);

const isNumberCell = (c: string | undefined) => readNumber(c) !== undefined || readPercent(c) !== undefined;

function nameLike(c: string | undefined): boolean {
  if (c === undefined) return false;
  const t = cellText(c);
  if (!t || t.length > LIMITS.maxNameChars) return false;
  if (isNumberCell(t) || isPlaceholder(t)) return false;
  if (/^[\d.]+\s*[%％]?$/.test(t)) return false;
  if (TARGET_RE.test(t) && TARGET_RE.exec(t)!.index === 0) return false;
  return /[\u4e00-\u9fa5A-Za-z]/.test(t);
}

function budgetKind(label: string): BudgetKind {
  const t = label.replace(/\s+/g, '');
  if (/其他资金/.test(t)) return 'otherFunds';
  if (/上年结转/.test(t)) return 'carryOver';
  if (/财政性资金|财政资金|财政拨款/.test(t)) return 'fiscal';
  if (/基本支出/.test(t)) return 'basic';
  if (/项目支出/.test(t)) return 'project';
  if (/总额|资金总体|合计|总计|部门预算|预算总/.test(t)) return 'total';
  if (/^(\d+[、.]|[（(]\d+[）)])?其他(支出)?$/.test(t)) return 'other';
  return 'unknown';
}

const STATUS_RE = /^(已?完成|基本完成|部分完成|未完成|正在实施|进行中|已实施|全部完成|超额完成|按期完成)$/;

export interface ReadOptions {
  resolver?: Resolver;
}

interface State {
  header?: Header;
  headerRows: string[][];
  prevHeader: boolean;
  ctxNodes: Array<IndicatorNode | undefined>;
  ctxNames: Array<string | undefined>;
  lastRow?: IndicatorRow;
  lastWasRow: boolean;
  goalsNext?: boolean;
}

export function readDoc(doc: Doc, opts: ReadOptions = {}): Extracted {
  const out: Extracted = {
    rows: [],
    nodeRows: [],
    summaryRows: [],
    budgetRows: [],
    taskRows: [],
    labelled: [],
    paragraphs: [],
    headers: [],
    formTexts: [],
    nameCells: [],
    notes: [...doc.notes],
  };
  const r = opts.resolver;
  const st: State = { headerRows: [], prevHeader: false, ctxNodes: [], ctxNames: [], lastWasRow: false };
  if (r) r.lastOrder = -1;
  for (const b of doc.blocks) {
    if (b.kind === 'p') {
      if (b.text && !b.text.startsWith('［工作表：'))
        out.paragraphs.push(b.line !== undefined ? { text: b.text, line: b.line } : { text: b.text });
      // A paragraph ends a table (the next rows need their own header) — unless it is a short piece
      // of text a page break cut out of a cell.
      const stray =
        b.text.length <= 30 &&
        !/^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|附件|附注|注[：:])/.test(b.text) &&
        !/表$/.test(b.text);
      if (b.text && st.header && !stray && !/^(单位|金额单位)[：:]/.test(b.text)) {
        st.header = undefined;
        st.ctxNodes = [];
        st.ctxNames = [];
      }
      st.prevHeader = false;
      st.lastWasRow = false;
      continue;
    }
    const cells = b.cells.slice(0, LIMITS.maxSheetCols);
    if (cells.every((c) => isEmptyCell(c))) continue;
    if (isHeaderRow(cells)) {
      st.headerRows = st.prevHeader ? [...st.headerRows, cells] : [cells];
      st.header = buildHeader(st.headerRows, b.line);
      if (!st.prevHeader) out.headers.push(st.header);
      else out.headers[out.headers.length - 1] = st.header;
      st.prevHeader = true;
      st.lastWasRow = false;
      if (r) r.lastOrder = -1;
      continue;
    }
    st.prevHeader = false;
    if (st.goalsNext) {
      // The 10号 form: “年度总体目标｜预期目标｜实际完成情况”, the two texts in the next row.
      st.goalsNext = false;
      const texts = cells.map((c) => cellText(c)).filter((c) => c !== '' && c !== '年度总体目标');
      if (texts[0])
        out.labelled.push({ key: 'goals', label: '年度总体目标', value: texts[0], numbers: [], quote: quoteOf(cells) });
      if (texts[1])
        out.formTexts.push({ title: '实际完成情况', text: texts[1], ...(b.line !== undefined && { line: b.line }) });
      continue;
    }
    if (cells.some((c) => labelKey(c) === 'goals') && cells.some((c) => cellText(c) === '预期目标')) {
      st.goalsNext = true;
      continue;
    }
    readLabels(cells, b.line, st.header, out);
    const filled = cells.map((c) => cellText(c)).filter((c) => c !== '');
    if (
      filled.length === 2 &&
      filled[0]!.length <= 20 &&
      !/\d/.test(filled[0]!) &&
      filled[1]!.length >= 30 &&
      /[，。；,]/.test(filled[1]!) &&
      !labelKey(filled[0]!)
    ) {
      out.formTexts.push({ title: filled[0]!, text: filled[1]!, ...(b.line !== undefined && { line: b.line }) });
      continue;
    }
    for (const c of cells) {
      const t = cellText(c);
      if (st.header && nameLike(t)) out.nameCells.push(t);
    }
    if (!st.header) {
      st.lastWasRow = false;
      continue;
    }
    if (st.header.kind === 'task') {
      readTask(cells, b.line, st.header, out);
      continue;
    }
    if (isSummary(st.header)) {
      readSummary(cells, b.line, st.header, out);
      continue;
    }
    if (st.header.kind === 'budget') readBudget(cells, b.line, st.header, out, b.table !== undefined);
    if (st.header.kind === 'indicator' || st.header.kind === 'budget') readIndicator(cells, b.line, st, out, r);
  }
  return out;
}

/** A summary table: one name column (一级指标) and a 得分率 column beside 分值 and 得分. */
function isSummary(h: Header): boolean {
  return (
    h.nameCols.length === 1 && h.roles.some((x) => x?.role === 'scoreRate') && h.roles.some((x) => x?.role === 'score')
  );
}

function readSummary(cells: string[], line: number | undefined, h: Header, out: Extracted): void {
  const at = (role: string) => h.roles.findIndex((x) => x?.role === role);
  const label = splitCode(cells[h.nameCols[0]!] ?? '').name;
  if (!label || isNumberCell(label)) return;
  const row: SummaryRow = { label, quote: quoteOf(cells), total: labelKey(label) === 'total' };
  const w = readNumber(cells[at('weight')]);
  const sc = readNumber(cells[at('score')]);
  const r = readPercent(cells[at('scoreRate')]);
  if (w) row.weight = w.value;
  if (sc) row.score = sc.value;
  if (r) row.rate = r;
  if (line !== undefined) row.line = line;
  out.summaryRows.push(row);
}

function readLabels(cells: string[], line: number | undefined, header: Header | undefined, out: Extracted): void {
  for (let j = 0; j < cells.length; j++) {
    // “评价结果等次:” — also when the extractor ran the next cell's text into it.
    const key =
      labelKey(cells[j]!) ??
      (/[:：]./.test(cellText(cells[j]!)) ? labelKey(cellText(cells[j]!).split(/[:：]/)[0]!) : undefined);
    if (!key) continue;
    if (key === 'total' && header?.kind === 'budget') continue;
    const label = cellText(cells[j]!).split(/[:：]/)[0]!;
    let rest: string[] = [];
    for (let k = j + 1; k < cells.length; k++) {
      if (labelKey(cells[k]!)) break;
      if (!isEmptyCell(cells[k])) rest.push(cellText(cells[k]!));
    }
    if (key === 'grade')
      rest = rest.filter((x) => /^(优秀|良好|中等|合格|不合格|较差|优|良|中|差)$/.test(x.replace(/\s/g, '')));
    if (key === 'unit') rest = rest.filter((x) => /[\u4e00-\u9fa5]{3}/.test(x));
    if (!rest.length) continue;
    const numbers = rest.map((x) => readNumber(x)).filter((x): x is ReadNumber => !!x);
    const l: Labelled = { key, label, value: rest[0]!, numbers, quote: quoteOf(cells) };
    if (line !== undefined) l.line = line;
    out.labelled.push(l);
  }
}

function readTask(cells: string[], line: number | undefined, header: Header, out: Extracted): void {
  const start = header.roles.findIndex((x) => x?.role === 'taskName');
  const cs = cells.map((c) => cellText(c));
  let i = Math.max(0, start);
  while (i < cs.length && cs[i] === '') i++;
  const name = cs[i];
  if (!name || isNumberCell(name)) return;
  const t: TaskRow = { name, quote: quoteOf(cells), notes: [], uncertain: false };
  if (line !== undefined) t.line = line;
  i++;
  if (i < cs.length && cs[i] !== '' && !isNumberCell(cs[i]) && !STATUS_RE.test(cs[i]!)) t.content = cs[i++];
  const before: ReadNumber[] = [];
  const after: ReadNumber[] = [];
  let seenStatus = false;
  for (; i < cs.length; i++) {
    const c = cs[i]!;
    if (c === '') continue;
    const pct = readPercent(c, true);
    if (pct) {
      t.rate = pct;
      continue;
    }
    const n = readNumber(c);
    if (n) {
      (seenStatus ? after : before).push(n);
      if (n.note) t.notes.push(n.note);
      if (n.uncertain) t.uncertain = true;
      continue;
    }
    if (!seenStatus) {
      t.status = c;
      seenStatus = true;
    }
  }
  if (before[0]) t.budget = before[0].value;
  if (before[1]) t.fiscalBudget = before[1].value;
  if (after[0]) t.executed = after[0].value;
  if (after[1]) t.fiscalExecuted = after[1].value;
  out.taskRows.push(t);
}

function readBudget(cells: string[], line: number | undefined, header: Header, out: Extracted, grid = false): void {
  const cs = cells.map((c) => cellText(c));
  // The label is the text cell right before the first amount (“当年预算执行情况｜资金总体｜2825.05”).
  const firstNum = cs.findIndex((c) => c !== '' && isNumberCell(c));
  let li = -1;
  for (let k = (firstNum < 0 ? cs.length : firstNum) - 1; k >= 0; k--) {
    if (cs[k] !== '' && !isNumberCell(cs[k])) {
      li = k;
      break;
    }
  }
  if (li < 0) return;
  const label = cs[li]!;
  const kind = budgetKind(label);
  if (kind === 'unknown' && !/支出|资金|预算/.test(label)) return;
  const nums: Array<{ n?: ReadNumber; p?: ReadPercent; raw: string }> = [];
  for (let i = li + 1; i < cs.length; i++) {
    const c = cs[i]!;
    if (c === '' || isPlaceholder(c)) continue;
    const p = readPercent(c, true);
    if (p) nums.push({ p, raw: c });
    else {
      const n = readNumber(c);
      if (n) nums.push({ n, raw: c });
      else if (nums.length) break; // text after the numbers: 指标解释
    }
  }
  if (!nums.length) return;
  const row: BudgetRow = { label, kind, budgetRole: 'total', quote: quoteOf(cells), notes: [], uncertain: false };
  if (line !== undefined) row.line = line;
  // Only a real grid (HTML, DOCX, XLSX) keeps cells under their headings; extracted text shifts them.
  if (grid && readBudgetByColumn(cs, header, row)) {
    out.budgetRows.push(row);
    return;
  }
  const hasInitial = header.roles.some((x) => x?.role === 'initial');
  row.budgetRole = hasInitial ? 'initial' : 'total';
  let pi = nums.findIndex((x) => x.p);
  let amounts = (pi < 0 ? nums : nums.slice(0, pi)).map((x) => x.n!);
  const trailing =
    pi < 0
      ? []
      : nums
          .slice(pi + 1)
          .filter((x) => x.n)
          .map((x) => x.n!);
  if (pi < 0 && amounts.length >= 3) {
    // A rate column printed without “%”: the third number equals executed ÷ budget.
    const [a, b, c] = [amounts[0]!.value, amounts[amounts.length - 2]!.value, amounts[amounts.length - 1]!];
    const dec = /\.(\d+)/.exec(c.value.toString())?.[1]?.length ?? 0;
    if (a > 0 && Math.abs((b / a) * 100 - c.value) <= 0.5 * 10 ** -dec + 1e-9) {
      row.rate = { value: c.value, decimals: dec, hasSign: false };
      amounts = amounts.slice(0, -1);
      pi = amounts.length;
    }
  }
  for (const a of amounts) {
    if (a.note) row.notes.push(a.note);
    if (a.uncertain) row.uncertain = true;
  }
  if (pi >= 0 && nums[pi]?.p) row.rate = nums[pi]!.p!;
  if (amounts.length === 1) row.budget = amounts[0]!.value;
  else if (amounts.length === 2) {
    row.budget = amounts[0]!.value;
    row.executed = amounts[1]!.value;
  } else if (amounts.length >= 3) {
    row.budget = amounts[0]!.value;
    row.executed = amounts[amounts.length - 1]!.value;
    row.notes.push(`“${label}”一行有${amounts.length}个金额，取第一个为预算数、最后一个为执行数`);
  }
  if (trailing.length >= 2) {
    row.weight = trailing[0]!.value;
    row.score = trailing[1]!.value;
  } else if (trailing.length === 1) row.score = trailing[0]!.value;
  out.budgetRows.push(row);
}

/**
 * A budget row whose numbers stand in the header's columns (a grid from HTML, DOCX or XLSX: the
 * 10号 form's 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分): read by column.
 */
function readBudgetByColumn(cs: string[], header: Header, row: BudgetRow): boolean {
  const col = (role: Role['role']) => header.roles.findIndex((x) => x?.role === role);
  const [ini, tot, exe] = [col('initial'), col('budgetTotal'), col('executed')];
  if (exe < 0 || (ini < 0 && tot < 0)) return false;
  // A grid built from shifted text (a report's cells pasted one column left) is not aligned: numbers
  // left of every heading column, or a rate in an amount column. Then read by position instead.
  const first = header.roles.findIndex((x) => x !== undefined);
  if (cs.slice(0, Math.max(first, 0)).some((c) => c !== '' && isNumberCell(c))) return false;
  if ([ini, tot, exe].some((k) => k >= 0 && /[%％]/.test(cs[k] ?? ''))) return false;
  const num = (k: number) => (k >= 0 && !isPlaceholder(cs[k]) ? readNumber(cs[k]) : undefined);
  const e = num(exe);
  const b = num(tot) ?? (tot < 0 ? num(ini) : undefined);
  if (!e || !b) return false;
  row.budget = b.value;
  row.executed = e.value;
  row.budgetRole = tot >= 0 ? 'total' : 'initial';
  const i = tot >= 0 ? num(ini) : undefined;
  if (i) row.initial = i.value;
  for (const n of [e, b, i]) if (n?.note) row.notes.push(n.note);
  if ([e, b, i].some((n) => n?.uncertain)) row.uncertain = true;
  const rate = col('rate') >= 0 && !isPlaceholder(cs[col('rate')]) ? readPercent(cs[col('rate')]) : undefined;
  if (rate) row.rate = rate;
  const w = num(col('weight'));
  const sc = num(col('score'));
  if (w) row.weight = w.value;
  if (sc) row.score = sc.value;
  return true;
}

/** Roles to the right of the leaf column, aligned with the cells to the right of the leaf cell. */
function alignRight(after: string[], rolesIn: Array<Role | undefined>): Array<[Role | undefined, string]> {
  const roles = [...rolesIn];
  while (roles.length && roles[roles.length - 1] === undefined) roles.pop();
  const a = [...after];
  while (a.length && isEmptyCell(a[a.length - 1])) a.pop();
  while (a.length > roles.length && isEmptyCell(a[0])) a.shift();
  const pairs: Array<[Role | undefined, string]> = [];
  for (let k = 0; k < a.length; k++) {
    if (k < roles.length) pairs.push([roles[k], a[k]!]);
    else if (pairs.length)
      pairs[pairs.length - 1] = [pairs[pairs.length - 1]![0], `${pairs[pairs.length - 1]![1]}\n${a[k]}`];
  }
  // Score and weight must be numbers: if the score landed on text, re-anchor on the last number.
  const si = roles.findIndex((x) => x?.role === 'score');
  if (si >= 0 && si < pairs.length && !isNumberCell(pairs[si]![1])) {
    let last = -1;
    for (let k = a.length - 1; k >= 0; k--)
      if (readNumber(a[k]) !== undefined) {
        last = k;
        break;
      }
    if (last >= 0 && (!isPlaceholder(pairs[si]![1]) || last > si)) {
      const shift = si - last;
      const re: Array<[Role | undefined, string]> = [];
      for (let k = 0; k < a.length; k++) {
        const ri = k + shift;
        if (ri >= 0 && ri < roles.length) re.push([roles[ri], a[k]!]);
      }
      return re;
    }
  }
  return pairs;
}

function fill(row: IndicatorRow, pairs: Array<[Role | undefined, string]>): void {
  for (const [role, raw] of pairs) {
    if (!role) continue;
    const v = cellText(raw);
    if (v === '') continue;
    switch (role.role) {
      case 'score': {
        const n = readNumber(v);
        if (n) {
          row.score = n.value;
          row.scoreCell = v;
          if (n.note) row.notes.push(n.note);
        }
        break;
      }
      case 'weight':
      case 'refWeight': {
        if (role.level !== undefined && row.leaf && role.level < row.leaf.level) break;
        const n = readNumber(v);
        if (n) {
          if (role.role === 'weight') row.weight = n.value;
          else row.refWeight = n.value;
        }
        break;
      }
      case 'target':
        if (!isPlaceholder(v)) row.target = v;
        break;
      case 'unit':
        if (!isPlaceholder(v)) row.unit = v;
        break;
      case 'actual':
        if (!isPlaceholder(v)) row.actual = v;
        break;
      case 'previous':
        if (!isPlaceholder(v)) row.previous = v;
        break;
      case 'reason':
        if (!isPlaceholder(v)) row.reason = v;
        break;
      case 'standard':
        if (!isPlaceholder(v)) row.standard = v;
        break;
      case 'explanation':
        if (!isPlaceholder(v)) row.explanation = v;
        break;
      case 'opinion':
        if (!isPlaceholder(v)) row.opinion = v;
        break;
      case 'code': {
        // The code column gives the tree as a code printed with the name does (A → A1 → A101).
        const c = readCode(v);
        if (c && !row.code) {
          row.code = c.code;
          if (c.parent) row.codeParent = c.parent;
        }
        break;
      }
      case 'budget':
      case 'initial':
      case 'budgetTotal': {
        const n = readNumber(v);
        if (n) row.budget = n.value;
        break;
      }
      case 'executed': {
        const n = readNumber(v);
        if (n) row.executed = n.value;
        break;
      }
      case 'rate': {
        const p = readPercent(v);
        if (p) row.rate = p;
        break;
      }
      default:
        break;
    }
  }
}

function readIndicator(
  cells: string[],
  line: number | undefined,
  st: State,
  out: Extracted,
  r: Resolver | undefined,
): void {
  const h = st.header!;
  const leafCol = h.leafCol ?? 0;
  const hasScore = h.roles.some((x) => x?.role === 'score');
  const scanTo = Math.min(cells.length - 1, leafCol + 1);
  let leafIdx = -1;
  let hit: ReturnType<Resolver['leaf']>;
  const rowNodes: Array<{ node: IndicatorNode; idx: number }> = [];
  let deepestNodeIdx = -1;
  let deepestNode: IndicatorNode | undefined;
  if (r) {
    for (let i = 0; i <= scanTo; i++) {
      const c = cells[i]!;
      if (isEmptyCell(c)) continue;
      const ctx = [...st.ctxNodes, ...rowNodes.map((x) => x.node)];
      const node = r.node(c, ctx);
      if (node) {
        rowNodes.push({ node, idx: i });
        deepestNodeIdx = i;
        deepestNode = node;
        continue;
      }
      const lh = r.leaf(c, ctx);
      if (lh) {
        hit = lh;
        leafIdx = i;
        break;
      }
    }
    for (const { node: n, idx } of rowNodes) {
      st.ctxNodes[n.level] = n;
      st.ctxNodes.length = n.level + 1;
      const w = splitWeight(cells[idx] ?? '').weight;
      if (w !== undefined)
        out.nodeRows.push({
          quote: quoteOf(cells),
          name: n.name,
          node: n,
          level: n.level,
          weight: w,
          ...(line !== undefined && { line }),
        });
    }
    // Weights printed in the node columns (“部门决策｜25｜预算编制｜10”).
    h.roles.forEach((role, c) => {
      if (role && (role.role === 'weight' || role.role === 'refWeight') && role.level !== undefined && c < leafCol) {
        const n = readNumber(cells[c]);
        const nameCell = cells[c - 1];
        const node = nameCell !== undefined ? r.node(nameCell, []) : undefined;
        if (n && node)
          out.nodeRows.push({
            quote: quoteOf(cells),
            name: node.name,
            node,
            level: node.level,
            weight: n.value,
            ...(line !== undefined && { line }),
          });
      }
    });
  } else {
    // Generic: the name columns by position.
    for (const c of h.nameCols) {
      if (c === h.leafCol) continue;
      const cell = cells[c];
      if (!nameLike(cell)) continue;
      const { name, weight, code } = splitCode(cell!);
      const lvl = (h.roles[c] as { level?: number }).level ?? 1;
      st.ctxNames[lvl] = name;
      st.ctxNames.length = lvl + 1;
      deepestNodeIdx = c;
      const wRole = h.roles[c + 1];
      const w =
        weight ??
        (wRole && (wRole.role === 'weight' || wRole.role === 'refWeight') && wRole.level !== undefined
          ? readNumber(cells[c + 1])?.value
          : undefined);
      out.nodeRows.push({
        quote: quoteOf(cells),
        name,
        level: lvl,
        ...(code && { code }),
        ...(w !== undefined && { weight: w }),
        ...(line !== undefined && { line }),
      });
    }
    if (h.leafCol !== undefined && nameLike(cells[h.leafCol])) leafIdx = h.leafCol;
  }
  let addTo: IndicatorNode | undefined;
  if (leafIdx < 0 && r && h.leafCol !== undefined) {
    // A unit's own indicator (个性指标) under an open node, read by position.
    const open = [...st.ctxNodes].reverse().find((n) => n?.open);
    const cand = cells[h.leafCol];
    if (open && nameLike(cand) && !r.node(cand!, []) && (hasScore || h.roles.some((x) => x?.role === 'weight'))) {
      leafIdx = h.leafCol;
      addTo = open;
    }
  }
  if (leafIdx < 0) {
    // A sub-total row (一级 or 二级 with its score), or a continuation of the row above.
    const nameIdx = deepestNodeIdx;
    if (nameIdx >= 0) {
      const after = cells.slice(nameIdx + 1);
      const pairs = alignRight(after, h.roles.slice(leafCol + 1));
      const tmp: IndicatorRow = {
        quote: '',
        name: '',
        context: [],
        contextNodes: [],
        hasScoreColumn: hasScore,
        notes: [],
      };
      fill(tmp, pairs);
      if (tmp.score !== undefined && hasScore) {
        const name = r ? deepestNode!.name : splitWeight(cells[nameIdx]!).name;
        const nr: NodeRow = {
          quote: quoteOf(cells),
          name,
          score: tmp.score,
          ...(tmp.weight !== undefined && { weight: tmp.weight }),
          ...(line !== undefined && { line }),
        };
        if (r && deepestNode) {
          nr.node = deepestNode;
          nr.level = deepestNode.level;
        }
        out.nodeRows.push(nr);
      }
      st.lastWasRow = false;
      return;
    }
    const filledAt = cells.map((c, k) => [k, cellText(c)] as const).filter(([, c]) => c !== '');
    const filled = filledAt.map(([, c]) => c);
    if (st.lastWasRow && st.lastRow && filled.length === 1 && !isNumberCell(filled[0]) && filledAt[0]![0] > leafCol) {
      const last = st.lastRow;
      const fields = ['reason', 'opinion', 'standard', 'explanation', 'actual', 'target'] as const;
      const f = fields.find((k) => last[k] !== undefined);
      if (f) {
        last[f] = `${last[f]}${filled[0]}`;
        last.notes.push(`${f === 'reason' ? '偏差原因' : '单元格'}跨行，已与下一行“${filled[0]}”连接`);
      }
    }
    return;
  }
  // The 合计/总分 row of a table with one name column is the total, not an indicator.
  if (!hit && labelKey(splitCode(cells[leafIdx]!).name) === 'total') {
    st.lastWasRow = false;
    return;
  }
  const leafCell = cells[leafIdx]!;
  const split: { name: string; weight?: number; code?: string; parent?: string } = r
    ? splitWeight(leafCell)
    : splitCode(leafCell);
  const { name, weight: nameWeight } = split;
  const leafCode = split.code;
  const leafParent = split.parent;
  const row: IndicatorRow = {
    quote: quoteOf(cells),
    name: hit?.target
      ? cellText(leafCell)
          .slice(0, cellText(leafCell).length - hit.target.length)
          .trim()
      : name,
    context: [],
    contextNodes: [...st.ctxNodes.filter((n): n is IndicatorNode => !!n)],
    hasScoreColumn: hasScore,
    notes: [],
  };
  if (line !== undefined) row.line = line;
  if (hit) {
    row.leaf = hit.node;
    if (hit.note) row.notes.push(hit.note);
  }
  if (addTo) row.addTo = addTo;
  if (leafCode) row.code = leafCode;
  if (leafParent) row.codeParent = leafParent;
  // A 指标编号 column left of the name.
  const codeCol = h.roles.findIndex((x) => x?.role === 'code');
  if (!row.code && codeCol >= 0 && codeCol < leafIdx) {
    const c = readCode(cells[codeCol] ?? '');
    if (c) {
      row.code = c.code;
      if (c.parent) row.codeParent = c.parent;
    }
  }
  if (!r) row.context = st.ctxNames.filter((x): x is string => !!x);
  if (nameWeight !== undefined) row.weight = nameWeight;
  let roles = h.roles.slice(leafCol + 1);
  if (hit?.target) {
    row.target = hit.target;
    row.notes.push(`名称与指标值印在同一格（“${cellText(leafCell)}”），已拆开`);
    if (roles[0]?.role === 'target') roles = roles.slice(1);
  }
  const pairs = alignRight(cells.slice(leafIdx + 1), roles);
  fill(row, pairs);
  if (row.score === undefined && hasScore && pairs.length) {
    // The score printed in the same cell as the text before it (“制度等管理制度(3.00”).
    const lastText = cellText(pairs[pairs.length - 1]![1]);
    const m = /[(（]\s*(\d+\.\d{1,2})$/.exec(lastText) ?? /[^\d.](\d+\.\d{2})$/.exec(lastText);
    if (m) {
      row.score = Number(m[1]);
      row.scoreCell = m[1]!;
      row.notes.push(`得分与前一格文字连在一起（“${lastText}”），读作${m[1]}`);
      const role = pairs[pairs.length - 1]![0]?.role;
      if (role === 'standard' && row.standard)
        row.standard = row.standard
          .slice(0, row.standard.length - m[0].length + (m[0].length - m[1]!.length))
          .replace(/[(（]\s*$/, '');
    }
  }
  if (nameWeight !== undefined && row.weight === undefined) row.weight = nameWeight;
  if (row.leaf && r && row.score !== undefined) {
    r.used.add(row.leaf.id);
    r.lastOrder = r.orderOf(row.leaf);
  }
  out.rows.push(row);
  st.lastRow = row;
  st.lastWasRow = true;
}
