// The single-field judgments of a rule kind: 档次, 是否, 扣分项数, 判断得分, 上年值 (超限扣分).
import type { Rule } from '@core/rules/schema.js';
import { Input, Radio, Select } from 'antd';
import { useContext } from 'react';
import { EditCtx } from './inputs';
import type { KindProps } from './JudgmentInputs';
import { NumInput } from './NumInput';

/** A kind's inputs, with the indicator's weight (the range of a judged score). */
export interface WeightedProps<K extends Rule['kind']> extends KindProps<K> {
  weight: number;
}

export function LevelsInput({ rule, input, label, set }: KindProps<'levels'>) {
  const { readOnly } = useContext(EditCtx);
  return readOnly ? (
    <span>{input?.tier ?? '未评定'}</span>
  ) : (
    <Select
      aria-label={`${label} 档次`}
      value={input?.tier}
      allowClear
      placeholder="选择档次"
      style={{ minWidth: 170 }}
      onChange={(v?: string) => set('tier', v)}
      options={rule.levels.map((l) => ({ value: l.name, label: `${l.name}（${l.points}分）` }))}
    />
  );
}

export function YesNoInput({ input, label, set }: KindProps<'yesno'>) {
  const { readOnly } = useContext(EditCtx);
  return (
    <Radio.Group
      aria-label={`${label} 是否达到`}
      value={input?.met}
      disabled={readOnly}
      onChange={(e) => set('met', e.target.value)}
    >
      <Radio value={true}>是</Radio>
      <Radio value={false}>否</Radio>
    </Radio.Group>
  );
}

export function DeductionInput({ rule, input, label, set }: KindProps<'deduction'>) {
  const { readOnly } = useContext(EditCtx);
  return readOnly ? (
    <span>{input?.count !== undefined ? `发现问题 ${input.count} 项` : '未填写'}</span>
  ) : (
    <label className="jx-inline-label">
      <span>发现问题</span>
      <NumInput
        aria-label={`${label} 发现问题（扣分项）数`}
        value={input?.count}
        unit="count"
        suffix="项"
        style={{ width: 110 }}
        onChange={(v) => set('count', v)}
      />
      <span className="jx-muted">每项扣{rule.perItem}分</span>
    </label>
  );
}

export function ManualInput({ input, label, weight, set }: WeightedProps<'manual'>) {
  const { readOnly } = useContext(EditCtx);
  return readOnly ? (
    <span>{input?.judged !== undefined ? `判断得分 ${input.judged}` : '未填写'}</span>
  ) : (
    <label className="jx-inline-label">
      <span>判断得分</span>
      <NumInput
        aria-label={`${label} 评价人判断得分`}
        value={input?.judged}
        placeholder={`0～${weight}`}
        suffix="分"
        style={{ width: 110 }}
        onChange={(v) => set('judged', v)}
      />
    </label>
  );
}

/** 超限扣分 without a fixed limit compares with last year's value; with a limit there is nothing more to enter. */
export function PreviousInput({ rule, input, label, set }: KindProps<'excess-deduction'>) {
  const { readOnly } = useContext(EditCtx);
  if (rule.limit !== undefined) return null;
  return readOnly ? (
    <span>上年值 {input?.previous ?? '—'}</span>
  ) : (
    <Input
      aria-label={`${label} 上年值`}
      value={input?.previous === undefined ? '' : String(input.previous)}
      placeholder="上年值，例如 3.2%"
      onChange={(e) => set('previous', e.target.value)}
      style={{ maxWidth: 160 }}
    />
  );
}
