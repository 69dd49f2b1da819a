import { fmt } from '../decimal.js';
import { effectiveTree, type Evaluation } from '../evaluation.js';
import type { Framework } from '../framework/model.js';
import { gradeOf } from '../grading.js';
import { computeMetric, METRIC_BY_ID } from '../metrics.js';
import { bySeverity, severityCounts } from '../findings.js';
import { type Finding, score, type ScoreResult } from '../scoring.js';
import { inflationSignals } from './inflation.js';
import {
  actualStatements,
  findNode,
  gradeStatements,
  listedSums,
  rateStatements,
  scoreRateStatements,
  scoreStatements,
  sectionsOf,
  targetClaims,
  totalStatements,
} from './narrative.js';
import { cents, fmtNum, money, roundTo } from './text.js';
import {
  type AuditCheck,
  type AuditFacts,
  type AuditFinding,
  type AuditResult,
  emptyFacts,
  type IdentityFact,
  type RateFact,
  type SumFact,
  type SummaryFact,
  type Where,
} from './types.js';

export * from './types.js';
export { sectionsOf } from './narrative.js';

/**
 * Audits one structured evaluation: the rule engine's findings (every score recomputed by its
 * rule, sub-totals, totals, grade, weights, missing 偏差原因) plus the cross-checks of the printed
 * figures — sums, budget identities, rates against their amounts, the narrative's numbers against
 * the table, and score-inflation signals. Pure: takes the evaluation, its framework and the facts
 * the importer read from the tables; reads the narrative from `evaluation.narrative`.
 */
export function audit(fw: Framework, ev: Evaluation, factsIn: Partial<AuditFacts> = {}): AuditResult {
  const facts: AuditFacts = { ...emptyFacts(), ...factsIn };
  const result = score(fw, ev);
  const findings: AuditFinding[] = result.findings.map(fromScoring);
  const checks: AuditCheck[] = [];
  const unchecked = [...facts.unchecked];
  const sections = sectionsOf(ev.narrative);

  // 1. Sums: parts listed in the tables and the narrative against the amount they make up.
  const sums = dedupe([...facts.sums, ...figureSums(ev), ...listedSums(sections)], sumKey);
  for (const s of sums) checkSum(s, findings, checks, unchecked);

  // 2. Budget identities: 上年结转 + 年初预算 + 调整 − 执行 = 年末结余.
  const ids = dedupe(
    [...facts.identities, ...figureIdentities(ev)],
    (i) => `${i.terms.map((t) => cents(t.value) * t.sign).join(',')}=${cents(i.stated.value)}`,
  );
  for (const i of ids) checkIdentity(i, findings, checks, unchecked);

  // 3. Rates against their amounts (tables) and against the figures (narrative, by metric).
  const rates = dedupe(
    [...facts.rates, ...rateStatements(sections)],
    (r) => `${r.metric ?? r.label}:${r.stated}:${r.numerator?.value ?? ''}/${r.denominator?.value ?? ''}`,
  );
  for (const r of rates) checkRate(r, ev, findings, checks, unchecked);

  // 4. The weights printed in the total row.
  if (facts.weightTotal) {
    const sum = result.indicators.reduce((a, i) => a + i.weight, 0);
    if (cents(sum) !== cents(facts.weightTotal.stated)) {
      findings.push({
        severity: 'error',
        code: 'weight-total',
        section: facts.weightTotal.where.section ?? '自评表',
        quote: facts.weightTotal.where.quote,
        stated: facts.weightTotal.stated,
        expected: roundTo(sum, 2),
        message: `合计行印分值${fmtNum(facts.weightTotal.stated)}分，各末级指标分值合计${fmtNum(sum)}分，两者不等`,
      });
    } else checks.push({ code: 'weight-total', message: `合计行分值${fmtNum(sum)}分＝各末级指标分值之和` });
  }

  // 4b. A summary table (一级指标 × 分值/得分/得分率) against the detailed table.
  for (const sm of facts.summaries) checkSummary(sm, ev, result, findings, checks, unchecked);

  // 5. The narrative's scores, rates, total and grade against the table, and against the summary table.
  narrativeAgainstTable(fw, ev, result, sections, findings, checks);
  narrativeAgainstSummary(
    facts.summaries,
    ev.claimed?.total ?? result.claimedTotal,
    result,
    sections,
    findings,
    checks,
  );
  for (const st of scoreRateStatements(sections, result.nodes)) {
    const n = st.node;
    if (n.claimed === undefined || n.weight === 0) continue;
    const expected = (n.claimed / n.weight) * 100;
    if (roundTo(expected, st.decimals) === st.rate) {
      checks.push({
        code: 'narrative-rate',
        indicator: n.name,
        message: `正文所写“${n.name}”得分率${fmtNum(st.rate, st.decimals)}%＝${fmtNum(n.claimed)}÷${fmtNum(n.weight)}`,
      });
      continue;
    }
    findings.push({
      severity: 'warning',
      code: 'narrative-rate',
      indicator: n.name,
      path: n.path,
      ...(st.where.section && { section: st.where.section }),
      ...(st.where.quote && { quote: st.where.quote }),
      stated: st.rate,
      expected: roundTo(expected, 2),
      message: `正文写“${n.name}”得分率${fmtNum(st.rate, st.decimals)}%，按评分表得分${fmtNum(n.claimed)}÷分值${fmtNum(n.weight)}应为${fmtNum(roundTo(expected, 2))}%`,
    });
  }

  // 6. “以上均达到指标值” where a listed value misses its target.
  for (const c of targetClaims(sections)) {
    const missed = c.items.filter((i) => !i.met);
    const opText = { '>=': '≥', '<=': '≤', '=': '=' } as const;
    if (missed.length) {
      findings.push({
        severity: 'warning',
        code: 'narrative-claims-met',
        section: c.where.section,
        quote: c.where.quote,
        ...(missed.length === 1 && {
          indicator: missed[0]!.label,
          stated: missed[0]!.actual,
          expected: missed[0]!.target,
        }),
        message: `正文称各项“均达到指标值”，但所列${missed.map((m) => `${m.label}指标值${opText[m.op]}${fmtNum(m.target)}%、实际完成${fmtNum(m.actual)}%`).join('；')}，并未达到`,
      });
    } else
      checks.push({
        code: 'narrative-claims-met',
        section: c.where.section,
        message: `正文所列${c.items.length}项完成值均达到其指标值`,
      });
  }

  // 6b. The narrative's 完成值 against the table's (at the narrative's precision).
  for (const st of actualStatements(sections)) {
    const node = findNode(st.label, result.nodes);
    const ind = node?.leaf ? result.indicators.find((i) => i.id === node.id) : undefined;
    const m = ind?.actual !== undefined ? /^\s*(-?\d+(?:\.\d+)?)\s*%/.exec(ind.actual) : null;
    if (!ind || !m) continue;
    const table = Number(m[1]);
    if (roundTo(table, st.decimals) === st.actual || table === st.actual) {
      checks.push({
        code: 'narrative-actual',
        indicator: ind.name,
        message: `正文所写“${ind.name}”实际完成${fmtNum(st.actual, st.decimals)}%与自评表${fmtNum(table)}%一致`,
      });
      continue;
    }
    findings.push({
      severity: 'warning',
      code: 'narrative-actual',
      indicator: ind.name,
      path: ind.path,
      ...(st.where.section && { section: st.where.section }),
      ...(st.where.quote && { quote: st.where.quote }),
      stated: st.actual,
      expected: table,
      message: `正文写“${ind.name}”实际完成${fmtNum(st.actual, st.decimals)}%，自评表中其完成值为${fmtNum(table)}%`,
    });
  }

  // 7. Score inflation.
  const { roots } = effectiveTree(fw, ev);
  findings.push(...inflationSignals(fw, roots, result, sections));

  findings.sort(bySeverity);
  const uniqueChecks = dedupe(checks, (c) => c.message);
  checks.length = 0;
  checks.push(...uniqueChecks);
  const counts = severityCounts(findings);
  return {
    score: result,
    findings,
    checks,
    unchecked,
    summary: {
      unit: ev.unit,
      year: ev.year,
      framework: fw.id,
      ...(result.statedTotal !== undefined && { statedTotal: result.statedTotal }),
      ...(result.claimedTotal !== undefined && { claimedTotal: result.claimedTotal }),
      recomputedTotal: result.total,
      ...(result.statedGrade !== undefined && { statedGrade: result.statedGrade }),
      recomputedGrade: result.grade,
      strictTotal: result.strictTotal,
      strictGrade: result.strictGrade,
      unverifiable: { count: result.unverifiable.count, points: result.unverifiable.points },
      gradeMayChange: result.gradeMayChange,
      counts,
    },
  };
}

function fromScoring(f: Finding): AuditFinding {
  const a: AuditFinding = { severity: f.severity, code: f.code, message: f.message, section: '自评表' };
  if (f.indicator !== undefined) a.indicator = f.indicator;
  if (f.path !== undefined) a.path = f.path;
  if (f.stated !== undefined) a.stated = f.stated;
  if (f.expected !== undefined) a.expected = f.expected;
  return a;
}

function dedupe<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const sumKey = (s: SumFact) =>
  `${cents(s.stated.value)}=${s.parts
    .map((p) => cents(p.value))
    .sort((a, b) => a - b)
    .join('+')}`;

/** 基本支出 + 项目支出 (+ 其他) against the budget total and the execution total. */
function figureSums(ev: Evaluation): SumFact[] {
  const b = ev.figures.budget;
  if (!b) return [];
  const out: SumFact[] = [];
  const whole = b.total ?? b.initial;
  const wholeLabel = b.total !== undefined ? '全年预算数' : '年初预算数';
  const parts = (k: 'budget' | 'executed') =>
    (
      [
        ['基本支出', b.basic?.[k]],
        ['项目支出', b.project?.[k]],
        ['其他支出', b.other?.[k]],
      ] as Array<[string, number | undefined]>
    )
      .filter((p): p is [string, number] => p[1] !== undefined)
      .map(([label, value]) => ({ label: `${label}${k === 'budget' ? '预算' : '执行'}数`, value }));
  const pb = parts('budget');
  if (whole !== undefined && pb.length >= 2 && b.basic?.budget !== undefined && b.project?.budget !== undefined) {
    out.push({
      label: wholeLabel,
      stated: { label: wholeLabel, value: whole },
      parts: pb,
      where: { section: '基础数据' },
    });
  }
  const pe = parts('executed');
  if (
    b.executed !== undefined &&
    pe.length >= 2 &&
    b.basic?.executed !== undefined &&
    b.project?.executed !== undefined
  ) {
    out.push({
      label: '预算执行数',
      stated: { label: '预算执行数', value: b.executed },
      parts: pe,
      where: { section: '基础数据' },
    });
  }
  return out;
}

function figureIdentities(ev: Evaluation): IdentityFact[] {
  const b = ev.figures.budget;
  if (!b || b.balance === undefined || b.executed === undefined) return [];
  if (b.initial !== undefined && b.carryOver !== undefined) {
    const terms: IdentityFact['terms'] = [
      { label: '上年结转', value: b.carryOver, sign: 1 },
      { label: '年初预算', value: b.initial, sign: 1 },
      ...(b.adjustment !== undefined ? [{ label: '预算调整', value: b.adjustment, sign: 1 as const }] : []),
      ...(b.otherAdjustment !== undefined ? [{ label: '其他调整', value: b.otherAdjustment, sign: 1 as const }] : []),
      { label: '预算执行', value: b.executed, sign: -1 },
    ];
    return [
      { label: '年末结余', terms, stated: { label: '年末结余', value: b.balance }, where: { section: '基础数据' } },
    ];
  }
  return [];
}

function checkSum(s: SumFact, findings: AuditFinding[], checks: AuditCheck[], unchecked: string[]): void {
  const total = s.parts.reduce((a, p) => a + p.value, 0);
  const unit = s.unit ?? '万元';
  const expr = s.parts.map((p) => money(p.value)).join('＋');
  if (s.uncertain) {
    unchecked.push(
      `${s.label}：${expr}＝${money(total)}${unit}，所述${money(s.stated.value)}${unit}（单元格文字重叠，未作判断）`,
    );
    return;
  }
  if (cents(total) === cents(s.stated.value)) {
    checks.push({
      code: 'sum',
      ...(s.where.section && { section: s.where.section }),
      message: `${s.label}${money(s.stated.value)}${unit}＝${s.parts.map((p) => p.label).join('＋')}（${expr}）`,
    });
    return;
  }
  const diff = total - s.stated.value;
  const over = diff > 0;
  // The parts may add up to another amount the same passage states (晋中: 年初预算).
  let other = '';
  for (const m of (s.where.quote ?? '').matchAll(/([\u4e00-\u9fa5]{2,8}?)(?:为|是)?\s*(\d[\d,]*(?:\.\d+)?)\s*万元/g)) {
    if (
      cents(Number(m[2]!.replace(/,/g, ''))) === cents(total) &&
      !s.parts.some((p) => cents(p.value) === cents(total))
    ) {
      other = `；该合计恰等于同段所写“${m[0]}”`;
      break;
    }
  }
  const listed = s.connective === '其中' && !over;
  findings.push({
    severity: over ? 'error' : 'warning',
    code: 'sum-mismatch',
    ...(s.where.section && { section: s.where.section }),
    ...(s.where.quote && { quote: s.where.quote }),
    stated: s.stated.value,
    expected: roundTo(total, 2),
    message: `${s.label}${money(s.stated.value)}${unit}，${s.connective ? `“${s.connective}”` : ''}所列${s.parts.length}项合计${expr}＝${money(total)}${unit}，${over ? '多' : '少'}${money(Math.abs(diff))}${unit}${over ? '：分项之和超过总额' : listed ? '：所列明细不足总额，或有遗漏或数字有误' : '：分项与总额不符'}${other}`,
  });
}

function checkIdentity(i: IdentityFact, findings: AuditFinding[], checks: AuditCheck[], unchecked: string[]): void {
  const v = i.terms.reduce((a, t) => a + t.sign * t.value, 0);
  const expr = i.terms
    .map((t, k) => `${k === 0 ? (t.sign < 0 ? '−' : '') : t.sign < 0 ? '−' : '＋'}${money(t.value)}`)
    .join('');
  const names = i.terms.map((t, k) => `${k === 0 ? '' : t.sign < 0 ? '−' : '＋'}${t.label}`).join('');
  if (i.uncertain) {
    unchecked.push(`${names}＝${i.stated.label}：${expr}＝${money(v)}（单元格不清，未作判断）`);
    return;
  }
  if (cents(v) === cents(i.stated.value)) {
    checks.push({
      code: 'identity',
      ...(i.where.section && { section: i.where.section }),
      message: `${names}＝${i.stated.label}：${expr}＝${money(v)}万元`,
    });
    return;
  }
  findings.push({
    severity: 'warning',
    code: 'identity-mismatch',
    ...(i.where.section && { section: i.where.section }),
    ...(i.where.quote && { quote: i.where.quote }),
    stated: i.stated.value,
    expected: roundTo(v, 2),
    message: `${names}应等于${i.stated.label}：${expr}＝${money(v)}万元，而${i.stated.label}印为${money(i.stated.value)}万元，相差${money(Math.abs(v - i.stated.value))}万元`,
  });
}

function checkRate(
  r: RateFact,
  ev: Evaluation,
  findings: AuditFinding[],
  checks: AuditCheck[],
  unchecked: string[],
): void {
  let value: number | undefined;
  let how: string;
  if (r.numerator && r.denominator) {
    if (r.denominator.value === 0) return;
    value = (r.numerator.value / r.denominator.value) * 100;
    how = `${r.numerator.label}${money(r.numerator.value)}÷${r.denominator.label}${money(r.denominator.value)}`;
  } else if (r.metric) {
    const m = computeMetric(ev.figures, r.metric);
    if (!m.ok) return;
    value = m.value.toNumber();
    how = m.explanation.replace(/=[^=]*%$/, '').replace(/^[^=]*=/, '');
    const def = METRIC_BY_ID.get(r.metric);
    if (def?.shape === 'value') return;
  } else return;
  const where = {
    ...(r.where.section && { section: r.where.section }),
    ...(r.where.quote && { quote: r.where.quote }),
    ...(r.where.indicator && { indicator: r.where.indicator }),
  };
  const computed2 = roundTo(value, 2);
  const atPrinted = roundTo(value, r.decimals);
  if (r.uncertain) {
    unchecked.push(
      `${r.label}印为${fmtNum(r.stated, r.decimals)}%，按${how}计算为${fmt(computed2)}%（单元格不清，未作判断）`,
    );
    return;
  }
  if (atPrinted === r.stated) {
    if (r.decimals < 2 && Math.abs(computed2 - r.stated) >= 0.005) {
      findings.push({
        severity: 'info',
        code: 'rate-rounded',
        ...where,
        stated: r.stated,
        expected: computed2,
        message: `${r.label}印为${fmtNum(r.stated, r.decimals)}%，按${how}计算为${fmt(computed2)}%，报告取整到${r.decimals === 0 ? '整数' : `${r.decimals}位小数`}`,
      });
    } else checks.push({ code: 'rate', ...where, message: `${r.label}${fmtNum(r.stated, r.decimals)}%＝${how}` });
    return;
  }
  findings.push({
    severity: 'warning',
    code: 'rate-mismatch',
    ...where,
    stated: r.stated,
    expected: computed2,
    message: r.truncated
      ? `${r.label}印为“${fmtNum(r.stated, r.decimals)}”（表中该格被截断，按百分比读），按${how}计算应为${fmt(computed2)}%`
      : `${r.label}印为${fmtNum(r.stated, r.decimals)}%，按${how}计算应为${fmt(computed2)}%`,
  });
}

/** One row of a summary table: its 分值 and 得分 against the detailed table, its 得分率 against its own numbers. */
function checkSummary(
  sm: SummaryFact,
  ev: Evaluation,
  result: ScoreResult,
  findings: AuditFinding[],
  checks: AuditCheck[],
  unchecked: string[],
): void {
  const where = { section: sm.where.section ?? '汇总表', ...(sm.where.quote && { quote: sm.where.quote }) };
  let weight: number | undefined;
  let score: number | undefined;
  let name: string;
  let path: string[] | undefined;
  if (sm.total) {
    weight = result.indicators.reduce((a, i) => a + i.weight, 0);
    score = result.claimedTotal;
    name = '合计';
  } else {
    const n =
      findNode(
        sm.label,
        result.nodes.filter((x) => x.level === 1),
      ) ?? findNode(sm.label, result.nodes);
    if (!n) {
      unchecked.push(`汇总表“${sm.label}”在评分明细表中找不到对应的指标，未核对`);
      return;
    }
    weight = n.weight;
    score = n.claimed;
    name = n.name;
    path = n.path;
  }
  const at = { ...where, ...(!sm.total && { indicator: name }), ...(path && { path }) };
  if (sm.weight !== undefined) {
    if (cents(sm.weight) !== cents(weight))
      findings.push({
        severity: 'error',
        code: 'summary-weight',
        ...at,
        stated: sm.weight,
        expected: roundTo(weight, 2),
        message: `汇总表“${sm.label}”分值${fmtNum(sm.weight)}分，评分明细表中${sm.total ? '各末级指标分值合计' : '其下各项分值合计'}${fmtNum(weight)}分`,
      });
    else
      checks.push({
        code: 'summary-weight',
        section: where.section,
        message: `汇总表“${sm.label}”分值${fmtNum(sm.weight)}分与明细表一致`,
      });
  }
  if (sm.score !== undefined && score !== undefined) {
    const already = sm.total && ev.claimed?.total !== undefined && cents(ev.claimed.total) === cents(sm.score);
    if (cents(sm.score) !== cents(score)) {
      if (!already)
        findings.push({
          severity: 'error',
          code: 'summary-score',
          ...at,
          stated: sm.score,
          expected: roundTo(score, 2),
          message: `汇总表“${sm.label}”得分${fmtNum(sm.score)}分，评分明细表中${sm.total ? '各项得分合计' : '其下各项得分合计'}${fmtNum(score)}分，两表不一致`,
        });
    } else
      checks.push({
        code: 'summary-score',
        section: where.section,
        message: `汇总表“${sm.label}”得分${fmtNum(sm.score)}分＝明细表各项得分之和`,
      });
  }
  if (sm.rate && sm.score !== undefined && sm.weight) {
    const expected = (sm.score / sm.weight) * 100;
    if (roundTo(expected, sm.rate.decimals) !== sm.rate.value)
      findings.push({
        severity: 'warning',
        code: 'summary-rate',
        ...at,
        stated: sm.rate.value,
        expected: roundTo(expected, 2),
        message: `汇总表“${sm.label}”得分率印为${fmtNum(sm.rate.value, sm.rate.decimals)}%，按其得分${fmtNum(sm.score)}÷分值${fmtNum(sm.weight)}应为${fmtNum(roundTo(expected, 2))}%`,
      });
    else
      checks.push({
        code: 'summary-rate',
        section: where.section,
        message: `汇总表“${sm.label}”得分率${fmtNum(sm.rate.value, sm.rate.decimals)}%＝${fmtNum(sm.score)}÷${fmtNum(sm.weight)}`,
      });
  }
}

function narrativeAgainstTable(
  fw: Framework,
  ev: Evaluation,
  result: ScoreResult,
  sections: ReturnType<typeof sectionsOf>,
  findings: AuditFinding[],
  checks: AuditCheck[],
): void {
  const seen = new Set<string>();
  for (const st of scoreStatements(sections, result.nodes)) {
    const n = st.node;
    if (!n) continue;
    const key = `${n.id}:${st.score}:${st.weight ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (st.weight !== undefined && cents(st.weight) !== cents(n.weight)) {
      findings.push({
        severity: 'warning',
        code: 'narrative-weight',
        indicator: n.name,
        path: n.path,
        ...(st.where.section && { section: st.where.section }),
        ...(st.where.quote && { quote: st.where.quote }),
        stated: st.weight,
        expected: n.weight,
        message: `正文写“${n.name}”分值${fmtNum(st.weight)}分，自评表中其分值为${fmtNum(n.weight)}分`,
      });
    }
    if (n.claimed === undefined) continue;
    if (cents(st.score) !== cents(n.claimed)) {
      findings.push({
        severity: 'warning',
        code: 'narrative-score',
        indicator: n.name,
        path: n.path,
        ...(st.where.section && { section: st.where.section }),
        ...(st.where.quote && { quote: st.where.quote }),
        stated: st.score,
        expected: n.claimed,
        message: `正文写“${n.name}”得分${fmtNum(st.score)}分，自评表中${n.leaf ? '其自评得分' : '其下各项自评得分合计'}为${fmtNum(n.claimed)}分，前后不一`,
      });
    } else
      checks.push({
        code: 'narrative-score',
        indicator: n.name,
        message: `正文所写“${n.name}”得分${fmtNum(st.score)}分与自评表一致`,
      });
  }
  const tableTotal = ev.claimed?.total ?? result.claimedTotal;
  for (const t of totalStatements(sections)) {
    if (tableTotal === undefined) continue;
    if (cents(t.value) !== cents(tableTotal)) {
      findings.push({
        severity: 'warning',
        code: 'narrative-total',
        ...(t.where.section && { section: t.where.section }),
        ...(t.where.quote && { quote: t.where.quote }),
        stated: t.value,
        expected: tableTotal,
        message: `正文写总分${fmtNum(t.value)}分，自评表${ev.claimed?.total !== undefined ? '总分' : '各项自评得分合计'}为${fmtNum(tableTotal)}分`,
      });
    } else checks.push({ code: 'narrative-total', message: `正文所写总分${fmtNum(t.value)}分与自评表一致` });
  }
  for (const g of gradeStatements(sections)) {
    if (tableTotal === undefined) continue;
    const expected = gradeOf(tableTotal, fw.grades);
    if (g.grade !== expected) {
      findings.push({
        severity: 'warning',
        code: 'narrative-grade',
        ...(g.where.section && { section: g.where.section }),
        ...(g.where.quote && { quote: g.where.quote }),
        message: `正文写自评结果为“${g.grade}”，而自评总分${fmtNum(tableTotal)}分对应“${expected}”`,
      });
    } else
      checks.push({ code: 'narrative-grade', message: `正文所写等级“${g.grade}”与总分${fmtNum(tableTotal)}分相符` });
  }
}

/**
 * The narrative's 一级 scores and its total against a summary table printed beside the detailed one (重点评价
 * reports): a narrative may agree with one table and not the other, and the reader should know which.
 */
function narrativeAgainstSummary(
  summaries: SummaryFact[],
  /** The total the narrative was already compared with (narrative-total): not reported twice. */
  tableTotal: number | undefined,
  result: ScoreResult,
  sections: ReturnType<typeof sectionsOf>,
  findings: AuditFinding[],
  checks: AuditCheck[],
): void {
  if (!summaries.length) return;
  const against = (label: string, stated: number, row: SummaryFact | undefined, where: Where, path?: string[]) => {
    if (row?.score === undefined) return;
    if (cents(stated) === cents(row.score)) {
      checks.push({ code: 'narrative-summary', message: `正文所写“${label}”${fmtNum(stated)}分与汇总表一致` });
      return;
    }
    findings.push({
      severity: 'warning',
      code: 'narrative-summary',
      ...(!row.total && { indicator: label }),
      ...(path && { path }),
      ...(where.section && { section: where.section }),
      ...(where.quote && { quote: where.quote }),
      stated,
      expected: row.score,
      message: `正文写“${label}”${fmtNum(stated)}分，汇总表中为${fmtNum(row.score)}分，前后不一`,
    });
  };
  const rows = summaries.filter((s) => !s.total);
  const seen = new Set<string>();
  for (const st of scoreStatements(sections, result.nodes)) {
    const n = st.node;
    if (!n || n.level !== 1 || seen.has(`${n.id}:${st.score}`)) continue;
    seen.add(`${n.id}:${st.score}`);
    const row = rows.find((r) => findNode(r.label, [n]) !== undefined);
    against(n.name, st.score, row, st.where, n.path);
  }
  const total = summaries.find((s) => s.total);
  if (total?.score !== undefined && tableTotal !== undefined && cents(total.score) === cents(tableTotal)) return;
  for (const t of totalStatements(sections)) against('总分', t.value, total, t.where);
}

/** Re-exported for callers that format findings. */
export { SEVERITY_ZH } from '../findings.js';
