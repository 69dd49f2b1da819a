/**
 * @module The printed name of every field of an evaluation document, from its path: every message
 * about an input (file, API, web form) names the field the way the paper form does.
 */
import { findIndicator, type TreeIndex } from '../framework/model.js';
import { FIGURE_FIELDS, isFigureKey, TASK_FIELDS } from './domains.js';

/** A path inside an evaluation document, and its key as the web form and the issue list use it. */
export type FieldPath = ReadonlyArray<string | number>;
export const fieldKey = (path: FieldPath): string => path.join('.');

export const TASK_LABELS: Record<string, string> = {
  name: '任务名称',
  content: '主要内容',
  ...Object.fromEntries(Object.entries(TASK_FIELDS).map(([k, v]) => [k, v.label])),
  status: '完成情况',
};

export const INPUT_LABELS: Record<string, string> = {
  target: '指标值',
  actual: '实际完成值',
  previous: '上年值',
  quarters: '季度进度',
  count: '扣分项数',
  tier: '定性档次',
  value: '档内分值',
  judged: '判断得分',
  met: '是否达到',
  checks: '评价要点',
  vetoed: '否决情形',
  parts: '分项',
  claimed: '自评得分',
  deviationReason: '偏差原因',
  evidence: '佐证材料',
  note: '备注',
};

const TOP_LABELS: Record<string, string> = {
  contact: '联系人',
  goals: '年度绩效目标',
  framework: '指标框架',
  frameworkVersion: '框架版本',
  unit: '单位名称',
  year: '年度',
  source: '来源',
  'figures.budget.quarterly': '季度末累计支出进度',
  'claimed.total': '自评总分',
  'claimed.grade': '自评等级',
};

const ADDED_LABELS: Record<string, string> = {
  parent: '上级指标',
  name: '名称',
  weight: '分值',
  target: '指标值',
  rule: '计分方式',
};

/** 'figures.budget.initial' → 年初预算数; 'tasks.0.budget' → 年度主要任务第1行的预算数; indicators by name. */
export function fieldLabel(key: string, index?: TreeIndex): string {
  const parts = key.split('.');
  if (parts[0] === 'figures') {
    const f = parts.slice(1).join('.');
    if (isFigureKey(f)) return FIGURE_FIELDS[f].label;
  }
  if (TOP_LABELS[key]) return TOP_LABELS[key]!;
  if (parts[0] === 'tasks' && parts.length >= 2)
    return `年度主要任务第${Number(parts[1]) + 1}行${parts[2] ? `的${TASK_LABELS[parts[2]] ?? parts[2]}` : ''}`;
  if (parts[0] === 'indicators' && parts[1]) {
    const hit = index ? findIndicator(index, parts[1]) : undefined;
    const name = hit && !Array.isArray(hit) ? hit.name : parts[1];
    const field = parts.slice(2).filter((p) => !/^\d+$/.test(p));
    return `指标“${name}”${field.length ? `的${field.map((f) => INPUT_LABELS[f] ?? f).join('·')}` : ''}`;
  }
  if (parts[0] === 'tailoring') {
    if (parts[1] === 'add')
      return `第${Number(parts[2]) + 1}项个性指标${parts[3] ? `的${ADDED_LABELS[parts[3]] ?? parts[3]}` : ''}`;
    if (parts[1] === 'drop') return '删减的指标';
    if (parts[1] === 'weights') return `“${parts[2]}”的设定分值`;
  }
  if (parts[0] === 'narrative') return `情况说明“${parts[1]}”`;
  return key;
}
