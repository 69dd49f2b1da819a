import { type AuditFacts, emptyFacts, type RateFact, type SumFact } from '../core/audit/types.js';
import { effectiveTree, type Evaluation, EvaluationSchema, type IndicatorInput } from '../core/evaluation.js';
import { buildFramework, type Framework, type IndicatorNode, walk } from '../core/framework/model.js';
import { FrameworkSchema, type FrameworkSource, type IndicatorSource } from '../core/framework/schema.js';
import { METRIC_BY_ID } from '../core/metrics.js';
import { parseTarget } from '../core/quantity.js';
import { JUDGMENT_KINDS } from '../core/rules/schema.js';
import type { BudgetRow, Extracted, IndicatorRow } from './extract.js';
import { narrativeFigures } from './narrative-figures.js';
import type { Recognition } from './recognise.js';
import { isLeaf } from './resolver.js';
import { buildSections, narrativeRecord, type Section } from './sections.js';
import { ImportError } from './limits.js';
import { cellText, normName, round } from './text-util.js';

export interface Confidence {
  /** Field of the evaluation (or `framework`), as a path. */
  field: string;
  note: string;
}

export interface Built {
  evaluation: Evaluation;
  framework: Framework;
  /** The framework rebuilt from the table when no built-in one matched. */
  frameworkSource?: FrameworkSource;
  recognised: boolean;
  confidence: Confidence[];
  facts: AuditFacts;
  sections: Section[];
}

export interface BuildOptions {
  framework?: Framework;
  recognition?: Recognition;
  file?: string;
}

const UNIT_SUFFIX = '(?:办公室|委员会|常委会|人民政府|政府|局|厅|委|院|中心|站|所|部|处|队|会|馆|署|办)';
const TITLE = new RegExp(
  `^(?:附件\\s*\\d*\\s*)?(?:(20\\d\\d)\\s*年度?)?\\s*([\\u4e00-\\u9fa5（）()]{2,40}?${UNIT_SUFFIX})\\s*(?:(20\\d\\d)\\s*年度?)?\\s*(?:部门|单位)?\\s*整体(?:支出)?\\s*绩效`,
);
const UNIT_LABEL =
  /^(?:部门|单位|部门（单位）|预算单位|填报单位)(?:名称)?\s*(?:（公章）|\(公章\))?\s*[:：]\s*([\u4e00-\u9fa5（）()]{3,40})\s*$/;

export function buildEvaluation(x: Extracted, opts: BuildOptions): Built {
  const conf: Confidence[] = [];
  const note = (field: string, text: string) => conf.push({ field, note: text });
  const sections = [
    ...x.formTexts.map((f) => ({ path: [f.title], text: f.text, ...(f.line !== undefined && { line: f.line }) })),
    ...buildSections(x.paragraphs),
  ];
  const fullText = sections.map((s) => s.text).join('\n');
  const facts = emptyFacts();

  const head = findUnitAndYear(x, fullText);
  for (const n of head.notes) note(n.field, n.note);
  let unit = head.unit;
  let year = head.year;
  if (!unit) {
    unit = '（未识别单位）';
    note('unit', '报告中未找到单位名称，请补填');
  }
  if (year === undefined && opts.framework) {
    year = opts.framework.year;
    note('year', `报告中未找到年度，暂取指标体系的年度${year}，请核对`);
  }
  if (year === undefined) throw new ImportError('no-table', '报告中未找到评价年度');

  // Framework: recognised, or rebuilt from the table.
  let fw = opts.framework;
  let frameworkSource: FrameworkSource | undefined;
  if (fw) {
    note(
      'framework',
      opts.recognition?.why ??
        `按表中指标名称识别为内置指标体系“${fw.name}”（${fw.id}）：其${opts.recognition?.leaves ?? '?'}个末级指标在表中找到${opts.recognition?.found ?? '?'}个`,
    );
  } else {
    const rebuilt = reconstruct(x, unit, year, conf);
    fw = rebuilt.framework;
    frameworkSource = rebuilt.source;
  }

  const figures = readFigures(x, fullText, note);

  // Tasks.
  const tasks = readTasks(x, note);

  // Indicators, tailoring, claims.
  const { indicators, tailoring, subtotals } = assemble(fw, x, sections, conf, frameworkSource !== undefined);

  const claimed = readClaimed(x, fw, fullText, facts, note);
  if (Object.keys(subtotals).length) claimed.subtotals = subtotals;

  const contact = readContact(x);
  const goals = x.labelled.find((l) => l.key === 'goals')?.value;

  const ev: Record<string, unknown> = {
    framework: fw.id,
    frameworkVersion: fw.version,
    unit,
    year,
    ...(contact.length && { contact: [...new Set(contact)].join('；') }),
    ...(opts.file && { source: opts.file }),
    ...(goals && { goals }),
    figures,
    ...(tasks.length && { tasks }),
    ...(tailoring && { tailoring }),
    indicators,
    ...(Object.keys(claimed).length && { claimed }),
    narrative: {
      ...narrativeRecord(sections),
      ...Object.fromEntries(
        (['supervisor', 'implementer'] as const)
          .map((k) => [k === 'supervisor' ? '主管部门' : '实施单位', x.labelled.find((l) => l.key === k)?.value])
          .filter(([, v]) => v),
      ),
    },
  };
  if (!Object.keys(ev.narrative as object).length) delete ev.narrative;

  // Table facts for the audit.
  tableFacts(x, facts);
  summaryFacts(x, facts);

  const parsed = EvaluationSchema.safeParse(ev);
  if (!parsed.success) {
    throw new ImportError(
      'unreadable',
      `导入结果不符合自评数据格式：${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')} ${i.message}`)
        .join('；')}`,
    );
  }
  const evaluation = parsed.data;
  keepAllowedTailoring(fw, evaluation, note);
  const built: Built = {
    evaluation,
    framework: fw,
    recognised: frameworkSource === undefined,
    confidence: conf,
    facts,
    sections,
  };
  if (frameworkSource) built.frameworkSource = frameworkSource;
  return built;
}

type Note = (field: string, text: string) => void;

/** The report's figures: the labelled budget lines, the budget table's rows, then the narrative's. */
function readFigures(x: Extracted, fullText: string, note: Note): Record<string, Record<string, unknown> | number> {
  const figures: Record<string, Record<string, unknown> | number> = {};
  const setFig = (path: string, value: number | number[], why?: string) => {
    const parts = path.split('.');
    let obj = figures as Record<string, unknown>;
    for (const p of parts.slice(0, -1)) {
      obj[p] ??= {};
      obj = obj[p] as Record<string, unknown>;
    }
    const k = parts[parts.length - 1]!;
    if (obj[k] !== undefined) return false;
    obj[k] = value;
    if (why) note(`figures.${path}`, why);
    return true;
  };
  for (const l of x.labelled) {
    if (!l.key.startsWith('budget.')) continue;
    const n = l.numbers[0];
    if (!n) continue;
    setFig(l.key, n.value, n.note);
  }
  const budgetTotalRow = x.budgetRows.find((b) => b.kind === 'total');
  if (budgetTotalRow) {
    if (budgetTotalRow.budget !== undefined)
      setFig(
        `budget.${budgetTotalRow.budgetRole}`,
        budgetTotalRow.budget,
        budgetTotalRow.budgetRole === 'total' && budgetTotalRow.budget !== undefined
          ? `预算执行情况表“${budgetTotalRow.label}”的预算数读作全年预算数`
          : undefined,
      );
    if (budgetTotalRow.executed !== undefined) setFig('budget.executed', budgetTotalRow.executed);
    if (budgetTotalRow.initial !== undefined) setFig('budget.initial', budgetTotalRow.initial);
  }
  const carried = x.budgetRows.find((b) => b.kind === 'carryOver' && b.budget !== undefined);
  if (carried) setFig('budget.carryOver', carried.budget!, `上年结转资金取自预算执行情况表“${carried.label}”一行`);
  for (const b of x.budgetRows) {
    const part =
      b.kind === 'basic' ? 'basic' : b.kind === 'project' ? 'project' : b.kind === 'other' ? 'other' : undefined;
    if (!part) continue;
    if (b.budget !== undefined) setFig(`budget.${part}.budget`, b.budget);
    if (b.executed !== undefined) setFig(`budget.${part}.executed`, b.executed);
  }
  for (const f of narrativeFigures(fullText)) {
    if (setFig(f.path, f.value)) note(`figures.${f.path}`, `取自正文“${f.quote}”${f.note ? `（${f.note}）` : ''}`);
  }

  return figures;
}

/** The 重点任务 rows, with what was inferred about each. */
function readTasks(x: Extracted, note: Note): Array<Record<string, unknown>> {
  const tasks = x.taskRows.map((t) => {
    const task: Record<string, unknown> = { name: t.name };
    if (t.content) task.content = t.content;
    if (t.budget !== undefined) task.budget = t.budget;
    if (t.fiscalBudget !== undefined) task.fiscalBudget = t.fiscalBudget;
    if (t.executed !== undefined) task.executed = t.executed;
    if (t.fiscalExecuted !== undefined) task.fiscalExecuted = t.fiscalExecuted;
    if (t.status) task.status = t.status;
    return task;
  });
  x.taskRows.forEach((t, i) => t.notes.forEach((n) => note(`tasks[${i}]`, n)));

  return tasks;
}

/** The stated total (from the table's total row, else the narrative), the weight total printed beside it, the grade. */
function readClaimed(
  x: Extracted,
  fw: Framework,
  fullText: string,
  facts: AuditFacts,
  note: Note,
): Record<string, unknown> {
  const claimed: Record<string, unknown> = {};
  const totalL = x.labelled.find((l) => l.key === 'total' && l.numbers.length);
  if (totalL) {
    const nums = totalL.numbers.map((n) => n.value);
    const fwTotal = fw.total.toNumber();
    if (nums.length >= 2 && nums[0] === fwTotal) {
      facts.weightTotal = { stated: nums[0]!, where: { section: '自评表', quote: totalL.quote } };
      claimed.total = nums[nums.length - 1];
    } else if (nums[nums.length - 1]! <= fwTotal) claimed.total = nums[nums.length - 1];
  }
  if (claimed.total === undefined) {
    const m = /(?:自评综合得分|综合得分|得出结果为|自评总分)(?:为)?\s*(\d+(?:\.\d+)?)\s*分/.exec(fullText);
    if (m && Number(m[1]) <= fw.total.toNumber()) {
      claimed.total = Number(m[1]);
      note('claimed.total', `表中未印总分，取自正文“${m[0]}”`);
    }
  }
  const gradeL = x.labelled.find((l) => l.key === 'grade');
  if (gradeL) {
    const g = normGrade(gradeL.value, fw);
    if (g) claimed.grade = g;
  }
  return claimed;
}

/** 填表人 and 联系方式, from labels and the first paragraphs. */
function readContact(x: Extracted): string[] {
  const contact = x.labelled.filter((l) => l.key === 'contact').map((l) => `${l.label} ${l.value}`);
  for (const p of x.paragraphs.slice(0, 60)) {
    const m = /^(填表人及联系方式|填报人|联系人|联系电话)\s*[:：]\s*(\S.{0,40})$/.exec(p.text.trim());
    if (m) contact.push(`${m[1]} ${m[2]}`);
  }
  return contact;
}

/** The summary table's rows (一级指标 × 分值/得分/得分率), for the audit. */
function summaryFacts(x: Extracted, facts: AuditFacts): void {
  for (const r of x.summaryRows)
    facts.summaries.push({
      label: r.label,
      total: r.total,
      ...(r.weight !== undefined && { weight: r.weight }),
      ...(r.score !== undefined && { score: r.score }),
      ...(r.rate && { rate: { value: r.rate.value, decimals: r.rate.decimals } }),
      where: { section: '汇总表', quote: r.quote, ...(r.line !== undefined && { line: r.line }) },
    });
}

/** The framework must accept the tailoring: what it refuses is dropped and said. */
function keepAllowedTailoring(fw: Framework, evaluation: Evaluation, note: Note): void {
  const { refused } = effectiveTree(fw, evaluation);
  if (refused.length) {
    for (const r of refused) note(r.src.join('.'), `指标体系不允许：${r.message}（已撤销）`);
    const t = evaluation.tailoring;
    if (t) {
      const bad = new Set(refused.map((r) => `${r.src[1]}:${r.src[2]}`));
      if (t.drop) t.drop = t.drop.filter((_, i) => !bad.has(`drop:${i}`));
      if (t.add) t.add = t.add.filter((_, i) => !bad.has(`add:${i}`));
      if (t.weights) for (const k of Object.keys(t.weights)) if (bad.has(`weights:${k}`)) delete t.weights[k];
    }
  }
}

/** The unit and the year a report names: labels, the title, the first paragraphs, the text. */
export function findUnitAndYear(x: Extracted, fullText: string): { unit?: string; year?: number; notes: Confidence[] } {
  const notes: Confidence[] = [];
  const note = (field: string, text: string) => notes.push({ field, note: text });
  // Unit.
  let unit = x.labelled.find(
    (l) => l.key === 'unit' && /[\u4e00-\u9fa5]{3}/.test(l.value) && l.value.length <= 40,
  )?.value;
  if (!unit) {
    for (const p of x.paragraphs.slice(0, 60)) {
      const m = UNIT_LABEL.exec(p.text.trim());
      if (m) {
        unit = m[1]!;
        break;
      }
    }
  }
  let titleYear: number | undefined;
  const top = x.paragraphs.slice(0, 12).map((p) => p.text.trim());
  const titles = [...top, ...top.slice(0, -1).map((t, i) => t + top[i + 1])];
  for (const t of titles) {
    const m = TITLE.exec(t.replace(/\s+/g, ''));
    if (!m) continue;
    titleYear = Number(m[1] ?? m[3]) || undefined;
    if (!unit && !/\d|^年度/.test(m[2]!)) {
      unit = m[2]!;
      const ext = new RegExp(`([\\u4e00-\\u9fa5]{2}[市省])${escapeRe(unit)}`).exec(fullText);
      if (ext && !unit.startsWith(ext[1]!)) {
        note('unit', `单位名称取自标题“${t}”，并按正文“${ext[0]}”补全为${ext[1]}${unit}`);
        unit = ext[1] + unit;
      } else note('unit', `单位名称取自标题“${t}”`);
    }
    break;
  }

  // A 评价报告's subject: “某某县2023年度农村人居环境整治专项资金重点绩效评价报告”.
  if (!unit) {
    for (const t of top) {
      const m = /^(.{2,40}?)(?:重点)?(?:项目)?(?:支出)?绩效(?:评价|自评)报告$/.exec(t.replace(/\s+/g, ''));
      if (!m || /整体/.test(m[1]!)) continue;
      const y = /(20\d\d)\s*年度?/.exec(m[1]!);
      if (y) titleYear ??= Number(y[1]);
      const subject = m[1]!.replace(/(20\d\d)\s*年度?/, '').replace(/^关于/, '');
      if (subject.length >= 2) {
        unit = subject;
        note('unit', `报告评价的是项目/资金“${subject}”（取自标题“${t}”），记作单位名称`);
      }
      break;
    }
  }

  // Year.
  let year = titleYear;
  if (year === undefined) {
    for (const p of x.paragraphs.slice(0, 30)) {
      const m = /[（(]?\s*(20\d\d)\s*年度?\s*[）)]?/.exec(p.text);
      if (m && /年度/.test(p.text)) {
        year = Number(m[1]);
        break;
      }
    }
  }
  if (year === undefined) {
    const lab = x.labelled.find((l) => l.key === 'year');
    const m = lab && /(20\d\d)/.exec(lab.value);
    if (m) year = Number(m[1]);
  }
  if (year === undefined) {
    const counts = new Map<number, number>();
    for (const m of fullText.matchAll(/(?<![〔[【\d])(20\d\d)\s*年/g))
      counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    if (best) {
      year = best[0];
      note('year', `报告未写明评价年度，按正文中出现最多的“${year}年”（${best[1]}次）判定`);
    }
  }
  return { ...(unit !== undefined && { unit }), ...(year !== undefined && { year }), notes };
}

/** “2、资金结构：（1）基本支出” → “基本支出”. */
function cleanLabel(s: string): string {
  return (
    s
      .replace(/^.*[：:]/, '')
      .replace(/^[（(]?\d+[）)、.．]\s*/, '')
      .trim() || s
  );
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function normGrade(v: string, fw: Framework): string | undefined {
  const t = cellText(v).replace(/[\s:：]/g, '');
  const names = fw.grades.bands.map((b) => b.name);
  if (names.includes(t)) return t;
  const map: Record<string, string> = { 优秀: '优', 良好: '良', 中等: '中', 合格: '中', 较差: '差', 不合格: '差' };
  if (map[t] && names.includes(map[t])) return map[t];
  return names.find((n) => t.startsWith(n));
}

const isQuantitative = (n: IndicatorNode) => !!n.rule && !JUDGMENT_KINDS.has(n.rule.kind);

function sameTarget(a: string | number | undefined, b: string | number | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const ta = parseTarget(a);
  const tb = parseTarget(b);
  if (ta && tb) return ta.op === tb.op && ta.value === tb.value;
  return normName(String(a)) === normName(String(b));
}

/** Claimed scores and entered values per indicator; the unit's tailoring; printed sub-totals. */
function assemble(fw: Framework, x: Extracted, sections: Section[], conf: Confidence[], rebuilt: boolean) {
  const note = (field: string, text: string) => conf.push({ field, note: text });
  const indicators: Record<string, IndicatorInput> = {};
  const printedWeight = new Map<string, number>();
  const leafById = new Map<string, IndicatorNode>();
  walk(fw.roots, (n) => {
    if (isLeaf(n)) leafById.set(n.id, n);
  });
  const add: Array<Record<string, unknown>> = [];
  const rowsByLeaf = new Map<string, IndicatorRow>();
  for (const row of x.rows) {
    if (!row.hasScoreColumn) continue;
    if (row.addTo) {
      if (rebuilt) continue;
      const a = addedIndicator(row, conf);
      let key = row.name;
      if (leafById.has(key) || indicators[key] || walkHas(fw, key)) {
        key = `${row.addTo.id}/${row.name}`;
        a.id = key;
      }
      add.push(a);
      const input: IndicatorInput = {};
      if (row.score !== undefined) input.claimed = row.score;
      if (row.actual !== undefined) input.actual = row.actual;
      if (row.reason) input.deviationReason = row.reason;
      for (const n of row.notes) note(`indicators.${key}`, n);
      indicators[key] = input;
      continue;
    }
    const leaf = row.leaf;
    if (!leaf) continue;
    rowsByLeaf.set(leaf.id, row);
  }
  for (const [id, row] of rowsByLeaf) {
    const leaf = leafById.get(id)!;
    const input: IndicatorInput = {};
    const f = `indicators.${id}`;
    if (row.score !== undefined) input.claimed = row.score;
    if (row.target !== undefined && !sameTarget(row.target, leaf.target) && !rebuilt) input.target = row.target;
    let actual = row.actual ?? (row.rate ? `${row.rate.value}%` : undefined);
    if (actual !== undefined && /^无$/.test(actual) && isQuantitative(leaf)) {
      note(`${f}.actual`, `完成值印“无”，读作0%`);
      actual = '0%';
    }
    if (actual !== undefined) input.actual = actual;
    if (row.previous !== undefined) {
      input.previous = /^无$/.test(row.previous) && isQuantitative(leaf) ? '0%' : row.previous;
      if (input.previous !== row.previous) note(`${f}.previous`, `上年值印“无”，读作0%`);
    }
    if (row.reason) input.deviationReason = row.reason;
    if (row.opinion) input.note = row.opinion;
    if (row.weight !== undefined) printedWeight.set(id, row.weight);
    for (const n of row.notes) note(f, n);
    indicators[id] = input;
  }
  // The budget table's total row carries the score of the budget-execution indicator (上街: 预算执行率 10分).
  const total = x.budgetRows.find((b) => b.kind === 'total' && b.score !== undefined);
  if (total && !rebuilt) {
    const cands = [...leafById.values()].filter(
      (n) =>
        n.metric === 'budgetExecutionRate' &&
        !indicators[n.id] &&
        (total.weight === undefined || n.weight?.eq(total.weight)),
    );
    const leaf = cands.sort((a, b) => a.level - b.level)[0];
    if (leaf) {
      const input: IndicatorInput = { claimed: total.score! };
      if (total.rate) input.actual = `${total.rate.value}%`;
      indicators[leaf.id] = input;
      note(`indicators.${leaf.id}`, `自评得分取自预算执行情况表“${total.label}”一行（${total.quote}）`);
    }
  }
  // 偏差原因 written in the narrative.
  narrativeReasons(sections, leafById, indicators, conf);

  // Tailoring: optional parts not in the table are dropped; printed weights that differ are set.
  const tailoring: Record<string, unknown> = {};
  if (!rebuilt) {
    const drop: string[] = [];
    const used = new Set(Object.keys(indicators));
    // Used: scored, or holding indicators the unit added (a 101号 form's 成本指标 → 经济成本指标 → …).
    const hasUsed = (n: IndicatorNode): boolean =>
      used.has(n.id) || add.some((a) => a.parent === n.id) || n.children.some(hasUsed);
    walk(fw.roots, (n) => {
      if (n.optional && !hasUsed(n) && !drop.some((d) => n.path.join('/').startsWith(d))) {
        drop.push(n.id);
        note('tailoring.drop', `表中没有“${n.name}”（可选指标），视为不涉及`);
      }
    });
    const weights: Record<string, number> = {};
    for (const [id, w] of printedWeight) {
      const leaf = leafById.get(id)!;
      if (leaf.weight?.eq(w)) continue;
      if (leaf.fixedWeight) {
        note(`indicators.${id}`, `表中分值${w}分与指标体系固定分值${leaf.weight}分不同，按指标体系计`);
        continue;
      }
      weights[id] = w;
    }
    // Nodes: the printed weight, else what the children now weigh.
    const printedNode = new Map<string, number>();
    for (const r of x.nodeRows) if (r.node && r.weight !== undefined) printedNode.set(r.node.id, r.weight);
    const dropped = new Set(drop);
    const effective = (n: IndicatorNode, parent?: IndicatorNode): number | undefined => {
      if (dropped.has(n.id)) return 0;
      if (isLeaf(n)) return weights[n.id] ?? n.weight?.toNumber();
      const added = add.filter((a) => a.parent === n.id).reduce((s, a) => s + (a.weight as number), 0);
      let sum = added;
      for (const c of n.children) {
        const w = effective(c, n);
        if (w === undefined) return printedNode.get(n.id) ?? n.weight?.toNumber();
        sum += w;
      }
      const printed = printedNode.get(n.id);
      const fwW = n.weight?.toNumber();
      if (printed !== undefined) {
        if (printed !== fwW && !n.fixedWeight) weights[n.id] = printed;
        return printed;
      }
      // An open node with nothing added: under a node whose weights are the unit's (10号/101号: the 一级
      // weight is the sum of the unit's 三级), it weighs nothing; else the framework's weight stands.
      if (n.children.length === 0 && !added) return fwW ?? (parent?.unitWeights ? 0 : undefined);
      const s = round(sum, 4);
      if (fwW !== undefined && s !== fwW && !n.fixedWeight && Object.keys(indicators).length) {
        weights[n.id] = s;
        note(
          `tailoring.weights.${n.id}`,
          `表中“${n.name}”下各项分值合计${s}分（指标体系为${fwW}分），按本单位设定分值计`,
        );
      }
      return s;
    };
    for (const r of fw.roots) effective(r);
    if (drop.length) tailoring.drop = drop;
    if (Object.keys(weights).length) tailoring.weights = weights;
    if (add.length) tailoring.add = add;
  }
  const subtotals: Record<string, number> = {};
  for (const r of x.nodeRows)
    if (r.node && r.score !== undefined && (rebuilt || !isLeaf(r.node))) subtotals[r.node.id] = r.score;
  return { indicators, tailoring: Object.keys(tailoring).length ? tailoring : undefined, subtotals };
}

function addedIndicator(row: IndicatorRow, conf: Confidence[]): Record<string, unknown> {
  const parent = row.addTo!;
  const a: Record<string, unknown> = { parent: parent.id, name: row.name, weight: row.weight ?? 0 };
  if (row.target) a.target = row.target;
  const open = parent.open!;
  // A numeric 指标值 with a 完成值 that is not a number (“完成”) is judged qualitatively.
  if (
    parseTarget(row.target) &&
    row.actual !== undefined &&
    !/\d/.test(row.actual) &&
    (!open.kinds || open.kinds.includes('qualitative'))
  ) {
    a.rule = { kind: 'qualitative' };
    conf.push({
      field: `tailoring.add.${row.name}`,
      note: `指标值含数字但完成值为“${row.actual}”（非数值），按定性指标计`,
    });
  }
  if (row.weight === undefined) conf.push({ field: `tailoring.add.${row.name}`, note: '表中未印分值，暂计0分' });
  // The added indicator's own input (claimed, actual) is keyed by its name.
  return a;
}

function walkHas(fw: Framework, id: string): boolean {
  let hit = false;
  walk(fw.roots, (n) => {
    if (n.id === id || n.name === id) hit = true;
  });
  return hit;
}

/** 偏差原因 stated in the narrative: “X：…偏差原因是…”, and problem items “（1）X偏高。…”. */
function narrativeReasons(
  sections: Section[],
  leaves: Map<string, IndicatorNode>,
  indicators: Record<string, IndicatorInput>,
  conf: Confidence[],
): void {
  const byKey = new Map<string, IndicatorNode[]>();
  for (const n of leaves.values()) byKey.set(normName(n.name), [...(byKey.get(normName(n.name)) ?? []), n]);
  const assign = (n: IndicatorNode, reason: string, where: string) => {
    const input = indicators[n.id];
    if (!input || input.deviationReason) return;
    input.deviationReason = reason;
    conf.push({ field: `indicators.${n.id}.deviationReason`, note: `偏差原因取自正文“${where}”` });
  };
  for (const s of sections) {
    for (const para of s.text.split('\n')) {
      const lead = /^(一级指标|二级指标|三级指标)?([^：:，,。]{2,20})[：:]/.exec(para);
      const reason = /(?:偏差|未完成)原因(?:是|为|：|:)\s*(.+)$/.exec(para);
      if (lead && reason) {
        const cands = byKey.get(normName(lead[2]!)) ?? [];
        const level = lead[1] === '一级指标' ? 1 : lead[1] === '二级指标' ? 2 : undefined;
        const n =
          cands.find((c) => level === undefined || c.level === level) ?? (level === undefined ? cands[0] : undefined);
        if (n) assign(n, reason[1]!.trim(), s.path.join(' / '));
      }
      if (/问题/.test(s.path.join(''))) {
        const item = /^[（(]?\d{1,2}[）).、．]\s*(.+)$/.exec(para);
        if (!item) continue;
        const body = item[1]!;
        for (const [k, ns] of byKey) {
          if (k.length >= 3 && normName(body).startsWith(k) && ns.length === 1)
            assign(ns[0]!, body, `${s.path.join(' / ')}：${body.slice(0, 20)}…`);
        }
      }
    }
  }
}

/** What the tables printed that the audit cross-checks: rates beside amounts, parts beside totals. */
function tableFacts(x: Extracted, facts: AuditFacts): void {
  const section = '预算执行情况表';
  const total = x.budgetRows.find((b) => b.kind === 'total');
  for (const b of x.budgetRows) {
    if (b.budget !== undefined && b.executed !== undefined && b.rate) {
      const r: RateFact = {
        label: `${cleanLabel(b.label)}预算执行率`,
        stated: b.rate.value,
        decimals: b.rate.decimals,
        numerator: { label: '执行数', value: b.executed },
        denominator: { label: '预算数', value: b.budget },
        where: { section, quote: b.quote },
      };
      if (b.uncertain) r.uncertain = true;
      facts.rates.push(r);
    }
  }
  if (total) {
    const bySpending = x.budgetRows.filter((b) => b.kind === 'basic' || b.kind === 'project' || b.kind === 'other');
    // 10号 form: 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金.
    const bySource = x.budgetRows.filter(
      (b) => b.kind === 'fiscal' || b.kind === 'carryOver' || b.kind === 'otherFunds',
    );
    const parts = bySpending.length >= 2 ? bySpending : bySource;
    for (const k of ['initial', 'budget', 'executed'] as const) {
      const ps = parts.filter((p) => p[k] !== undefined);
      if (total[k] === undefined || ps.length < 2) continue;
      const s: SumFact = {
        label: `${total.label}${k === 'initial' ? '（年初预算数）' : k === 'budget' ? (total.initial !== undefined ? '（全年预算数）' : '（预算数）') : '（执行数）'}`,
        stated: { label: total.label, value: total[k]! },
        parts: ps.map((p) => ({ label: cleanLabel(p.label), value: p[k]! })),
        where: { section, quote: [total, ...ps].map((p) => p.quote).join(' / ') },
        unit: '万元',
      };
      if (ps.some((p) => p.uncertain) || total.uncertain) s.uncertain = true;
      facts.sums.push(s);
    }
  }
  // Tasks: each row's rate; their budgets against the department's budget.
  for (const t of x.taskRows) {
    if (t.budget !== undefined && t.executed !== undefined && t.rate) {
      const r: RateFact = {
        label: `任务“${t.name}”预算执行率`,
        stated: t.rate.value,
        decimals: t.rate.decimals,
        numerator: { label: '预算执行数', value: t.executed },
        denominator: { label: '预算资金', value: t.budget },
        where: { section: '年度主要任务表', quote: t.quote },
      };
      if (t.uncertain) r.uncertain = true;
      facts.rates.push(r);
    }
  }
  if (total?.budget !== undefined && x.taskRows.length >= 2 && x.taskRows.every((t) => t.budget !== undefined)) {
    for (const k of ['budget', 'executed'] as const) {
      const whole = total[k];
      if (whole === undefined || !x.taskRows.every((t) => t[k] !== undefined)) continue;
      const sum = x.taskRows.reduce((a, t) => a + t[k]!, 0);
      const s: SumFact = {
        label: `年度主要任务${k === 'budget' ? '预算资金' : '预算执行数'}合计与${total.label}`,
        stated: { label: total.label, value: whole },
        parts: x.taskRows.map((t) => ({ label: t.name, value: t[k]! })),
        where: { section: '年度主要任务表' },
        unit: '万元',
      };
      // Tasks need not cover the whole budget: only a sum above it, or an exact match, says something.
      if (Math.round(sum * 100) >= Math.round(whole * 100)) facts.sums.push(s);
      else
        facts.unchecked.push(
          `年度主要任务${k === 'budget' ? '预算资金' : '执行数'}合计${sum.toFixed(2)}万元，小于${total.label}${whole.toFixed(2)}万元（任务未必覆盖全部预算，不作判断）`,
        );
    }
  }
  // A rate the table's analysis column prints (“结转结余率0.99”).
  for (const row of x.rows) {
    const leaf = row.leaf;
    const text = row.standard;
    if (!leaf?.metric || !text) continue;
    const def = METRIC_BY_ID.get(leaf.metric);
    if (!def || def.shape === 'value') continue;
    for (const name of new Set([def.name, leaf.name, leaf.fullName].filter((s): s is string => !!s))) {
      const m = new RegExp(`^${escapeRe(normName(name))}\\s*(\\d+(?:\\.(\\d+))?)\\s*(%?)$`).exec(normName(text));
      if (!m) continue;
      facts.rates.push({
        label: def.name,
        stated: Number(m[1]),
        decimals: m[2]?.length ?? 0,
        metric: leaf.metric,
        truncated: !m[3],
        where: { section: '自评表', indicator: leaf.name, quote: cellText(text) },
      });
      break;
    }
  }
}

/** A framework rebuilt from the table: the printed tree and weights, every rule `manual`. */
function reconstruct(
  x: Extracted,
  unit: string,
  year: number,
  conf: Confidence[],
): { framework: Framework; source: FrameworkSource } {
  const rows = x.rows.filter((r) => r.hasScoreColumn || r.weight !== undefined);
  const budgetRow: BudgetRow | undefined = x.budgetRows.find((b) => b.kind === 'total' && b.score !== undefined);
  if (!rows.length && !budgetRow)
    throw new ImportError('no-table', '未识别出绩效指标评分表（需有指标名称及分值或得分列）');
  const noWeight = rows.filter((r) => r.weight === undefined).length;
  if (rows.length && noWeight > rows.length / 2)
    throw new ImportError('no-table', `评分表中${noWeight}个指标未印分值，无法重建指标体系`);
  type Tmp = {
    name: string;
    weight?: number;
    target?: string;
    explanation?: string;
    standard?: string;
    children: Tmp[];
    leaf: boolean;
  };
  const roots: Tmp[] = [];
  const nodeWeight = new Map<string, number>();
  for (const n of x.nodeRows) if (n.weight !== undefined) nodeWeight.set(`${n.level}:${n.name}`, n.weight);
  const find = (list: Tmp[], name: string) => list.find((t) => t.name === name && !t.leaf);
  if (budgetRow)
    roots.push({
      name: '预算执行率',
      ...(budgetRow.weight !== undefined && { weight: budgetRow.weight }),
      children: [],
      leaf: true,
    });
  const texts = (r: (typeof rows)[number]) => ({
    ...(r.explanation && { explanation: r.explanation }),
    ...(r.standard && { standard: r.standard }),
  });
  // Codes (A, A1, A101) give the tree when every row carries one (a single name column).
  const coded =
    rows.length > 1 && rows.every((r) => r.code) && rows.some((r) => rows.some((o) => o.codeParent === r.code));
  if (coded) {
    const parents = new Set(rows.map((r) => r.codeParent).filter((c): c is string => !!c));
    const byCode = new Map<string, Tmp>();
    const kept: typeof rows = [];
    for (const r of rows) {
      const leaf = !parents.has(r.code!);
      const t: Tmp = {
        name: r.name,
        children: [],
        leaf,
        ...(r.weight !== undefined && { weight: r.weight }),
        ...(leaf && texts(r)),
      };
      if (leaf && r.target) t.target = r.target;
      byCode.set(r.code!, t);
      const parent = r.codeParent ? byCode.get(r.codeParent) : undefined;
      (parent ? parent.children : roots).push(t);
      const path: string[] = [];
      for (let c = r.codeParent; c; c = rows.find((o) => o.code === c)?.codeParent) {
        const o = rows.find((x) => x.code === c);
        if (o) path.unshift(o.name);
      }
      r.context = path;
      if (leaf) kept.push(r);
      else if (r.score !== undefined)
        x.nodeRows.push({
          quote: r.quote,
          name: r.name,
          level: path.length + 1,
          score: r.score,
          ...(r.weight !== undefined && { weight: r.weight }),
        });
    }
    // Parent rows are not indicators of their own.
    x.rows = x.rows.filter((r) => !r.code || !parents.has(r.code));
    rows.length = 0;
    rows.push(...kept);
  }
  for (const r of coded ? [] : rows) {
    let list = roots;
    r.context.forEach((c, i) => {
      let t = find(list, c);
      if (!t) {
        t = { name: c, children: [], leaf: false };
        const w = nodeWeight.get(`${i + 1}:${c}`);
        if (w !== undefined) t.weight = w;
        list.push(t);
      }
      list = t.children;
    });
    let name = r.name;
    for (let k = 2; list.some((t) => t.name === name); k++) name = `${r.name}（${k}）`;
    const w = r.weight ?? r.score;
    if (r.weight === undefined) conf.push({ field: `framework.${name}`, note: '表中未印分值，暂以得分作分值' });
    list.push({
      name,
      ...(w !== undefined && { weight: w }),
      ...(r.target && { target: r.target }),
      ...texts(r),
      children: [],
      leaf: true,
    });
    r.name = name;
  }
  const toSource = (t: Tmp): IndicatorSource => {
    const s: IndicatorSource = { name: t.name };
    if (t.leaf) {
      if (t.weight !== undefined) s.weight = t.weight;
      if (t.target) s.target = t.target;
      if (t.explanation) s.explanation = t.explanation;
      if (t.standard) s.standard = t.standard;
      s.rule = { kind: 'manual' };
      return s;
    }
    const children = t.children.map(toSource);
    const sum = children.reduce((a, c) => a + (c.weight ?? 0), 0);
    s.weight = t.weight ?? round(sum, 4);
    s.children = children;
    return s;
  };
  const indicators = roots.map(toSource);
  const total = round(
    indicators.reduce((a, c) => a + (c.weight ?? 0), 0),
    4,
  );
  const grades = gradeBands(x.paragraphs.map((p) => p.text).join('\n'));
  const hash = [...JSON.stringify(indicators)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(36);
  // A report on a project or a fund (a 重点评价 of 专项资金, a 项目支出 自评表) rebuilds a project framework,
  // so its reports say 项目支出, not 部门整体支出.
  const top = x.paragraphs.slice(0, 8).map((p) => p.text.replace(/\s+/g, ''));
  const project =
    !top.some((t) => /整体/.test(t) && /绩效/.test(t)) &&
    top.some((t) => /项目支出绩效自评表|(项目|资金).{0,20}绩效(评价|自评)报告/.test(t));
  const source = FrameworkSchema.parse({
    id: `imported-${hash}`,
    name: `${unit}自评表（导入重建）`,
    region: '导入',
    year,
    ...(project && { kind: 'project' }),
    total: total > 0 ? total : 100,
    notes: ['由导入程序按自评表重建：分值取自表中，各指标按“评价人判断”计分（自评得分即判断得分）。'],
    ...(grades && { grades }),
    indicators,
  });
  const { framework, issues } = buildFramework(source);
  conf.push({
    field: 'framework',
    note: `未匹配到内置指标体系，已按表重建（${framework.id}）：分值取自表中，规则为“评价人判断”，自评得分即作为判断得分`,
  });
  for (const i of issues) conf.push({ field: 'framework', note: `重建的指标体系：${i.message}` });
  // Rows now point at the rebuilt leaves.
  walk(framework.roots, (n) => {
    if (n.children.length) return;
    const r = rows.find((row) => row.name === n.name && n.path.slice(0, -1).join('/') === row.context.join('/'));
    if (r) r.leaf = n;
    if (budgetRow && n.name === '预算执行率' && n.level === 1) {
      x.rows.push({
        quote: budgetRow.quote,
        name: n.name,
        leaf: n,
        context: [],
        contextNodes: [],
        hasScoreColumn: true,
        notes: [],
        ...(budgetRow.score !== undefined && { score: budgetRow.score }),
        ...(budgetRow.weight !== undefined && { weight: budgetRow.weight }),
        ...(budgetRow.rate && { rate: budgetRow.rate }),
      });
    }
  });
  // Sub-total rows (a 一级/二级 row with its score) point at the rebuilt nodes: the audit checks them
  // against the scores under them. A name printed at one level more than once is left unmatched.
  const open: IndicatorNode[] = [];
  walk(framework.roots, (n) => {
    if (n.children.length) open.push(n);
  });
  for (const nr of x.nodeRows) {
    if (nr.node || nr.score === undefined) continue;
    const same = open.filter((n) => n.name === nr.name && (nr.level === undefined || n.level === nr.level));
    if (same.length === 1) {
      nr.node = same[0]!;
      nr.level = same[0]!.level;
    }
  }
  return { framework, source };
}

function gradeBands(text: string): FrameworkSource['grades'] | undefined {
  const names: Record<string, string> = {
    优秀: '优',
    优: '优',
    良好: '良',
    良: '良',
    中等: '中',
    中: '中',
    合格: '中',
    差: '差',
    较差: '差',
    不合格: '差',
  };
  const bands: Array<{ name: string; min: number; max: number }> = [];
  for (const m of text.matchAll(
    /(\d+)\s*[-－~～至]\s*(\d+)\s*分\s*(?:为|：|:)?\s*(优秀|良好|中等|不合格|较差|合格|优|良|中|差)/g,
  )) {
    bands.push({ name: names[m[3]!]!, min: Number(m[1]), max: Number(m[2]) });
  }
  if (!bands.length) {
    // “90分（含）以上为优，80分（含）-90分为良，60分（含）-80分为中，60分以下为差”.
    const G = '[“"]?(优秀|良好|中等|不合格|较差|合格|优|良|中|差)';
    for (const m of text.matchAll(
      new RegExp(
        `(\\d+)\\s*分?\\s*[（(]\\s*含\\s*[）)]\\s*(?:以上|[-－~～至]\\s*(\\d+)\\s*分?)\\s*(?:为|：|:)\\s*${G}`,
        'g',
      ),
    ))
      bands.push({ name: names[m[3]!]!, min: Number(m[1]), max: m[2] ? Number(m[2]) : 100 });
    const low = new RegExp(`(\\d+)\\s*分\\s*以下\\s*(?:为|：|:)\\s*${G}`).exec(text);
    if (low && bands.length) bands.push({ name: names[low[2]!]!, min: 0, max: Number(low[1]) });
  }
  if (bands.length < 2 || !bands.some((b) => b.min === 0)) return undefined;
  const integer = bands.some((b) => b.max !== 100 && bands.some((o) => o.min === b.max + 1));
  return { mode: integer ? 'integer' : 'half-open', bands: bands.map((b) => ({ name: b.name, min: b.min })) };
}
