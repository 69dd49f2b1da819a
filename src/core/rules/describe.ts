// A rule and a metric in words, for the framework pages, the editor and the CLI's framework listing.
import type { Framework } from '../framework/model.js';
import { METRIC_BY_ID, type MetricId } from '../metrics.js';
import { RULE_KIND_NAMES } from './kinds.js';
import { bandLabel, DEFAULT_TIERS } from './score.js';
import type { Rule } from './schema.js';

/** A rule in words, as a reader of the framework wants it: what gives the points. */
export function describeRule(rule: Rule | undefined, fw?: Framework): string {
  if (!rule) return '';
  const name = RULE_KIND_NAMES[rule.kind];
  switch (rule.kind) {
    case 'ratio':
    case 'target':
      return `${name}：达到指标值得满分，未达到按完成值÷指标值×分值${rule.overTarget ? `；超出指标值过多（≥${rule.overTarget.map((o) => `${o.from}%扣${o.fraction * 100}%`).join('、')}）视为指标值设定偏低` : ''}`;
    case 'reverse':
      return `${name}：不超过指标值得满分，超过按指标值÷完成值×分值`;
    case 'equal':
      return `${name}：等于指标值得满分${rule.tolerance ? `（允许误差±${rule.tolerance}）` : ''}，否则按偏离程度扣减`;
    case 'rate':
      return `${name}：完成比率×分值${rule.zeroAbove !== undefined ? `；高于${rule.zeroAbove}%得0分` : ''}`;
    case 'threshold-linear':
      return `${name}：完成率低于${rule.floor}%不得分，${rule.floor}%～100%之间按比例计分，达到100%得满分`;
    case 'bands':
      return `${name}：${rule.bands.map((b) => `${bandLabel(b)}得${b.points !== undefined ? `${b.points}分` : `分值的${(b.fraction ?? 0) * 100}%`}`).join('；')}`;
    case 'deduction':
      return `${name}：每发现一项问题扣${rule.perItem}分，扣完为止`;
    case 'excess-deduction':
      return `${name}：${rule.limit !== undefined ? `超过${rule.limit}%` : '高于上年'}的部分每${rule.step}个百分点扣${rule.perStep}分${rule.counting === 'started' ? '（不足一档按一档）' : ''}`;
    case 'quarterly':
      return `${name}：各季度末累计进度达到序时进度（${rule.schedule.join('%、')}%）每季度${rule.perQuarter}分，四个季度平均执行率×${rule.averagePoints}分`;
    case 'checklist':
      return `${name}：${rule.items.map((it, i) => `${'①②③④⑤⑥⑦⑧⑨⑩'[i] ?? `${i + 1}.`}${it.text}（${it.points}分）`).join('；')}${rule.veto ? `；否决情形：${rule.veto}，本项得0分` : ''}`;
    case 'levels':
      return `${name}：${rule.levels.map((l) => `${l.name}得${l.points}分`).join('；')}`;
    case 'qualitative': {
      const tiers = rule.tiers ?? fw?.tiers ?? DEFAULT_TIERS;
      return `${name}：${tiers.map((t) => `${t.name}（分值的${t.max}%～${t.min}%）`).join('、')}`;
    }
    case 'yesno':
      return `${name}：符合得满分，不符合得0分`;
    case 'manual':
      return `${name}：由评价人酌情给分`;
    case 'composite':
      return `${name}：${rule.parts.map((p) => `${p.name}${p.points}分（${describeRule(p.rule, fw)}）`).join('；')}`;
  }
}

export function describeMetric(id: string | undefined): string {
  if (!id) return '';
  const m = METRIC_BY_ID.get(id as MetricId);
  return m ? `${m.name}＝${m.formula}` : id;
}
