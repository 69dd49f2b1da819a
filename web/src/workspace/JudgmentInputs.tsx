// The richer judgments: 评价要点 checklists, 定性档次 (qualitative tiers) and quarterly progress.
import type { IndicatorInput } from '@core/evaluation.js';
import type { Framework } from '@core/framework/model.js';
import type { Rule } from '@core/rules/schema.js';
import { Button, Checkbox, Select } from 'antd';
import { NumInput } from './NumInput';
import { useContext } from 'react';
import { EditCtx } from './inputs';

export interface KindProps<K extends Rule['kind']> {
  rule: Extract<Rule, { kind: K }>;
  input: IndicatorInput | undefined;
  label: string;
  framework: Framework;
  set(field: string, v: unknown): void;
}

function truthy(c: boolean | number | undefined): boolean {
  return c === true || (typeof c === 'number' && c > 0);
}

export function ChecklistInput({ rule, input, label, set }: KindProps<'checklist'>) {
  const { readOnly } = useContext(EditCtx);
  const checks = input?.checks;
  const done = rule.items.filter((_, i) => truthy(checks?.[i])).length;
  return (
    <fieldset className="jx-checklist" aria-label={`${label} 评价要点`}>
      {rule.items.map((it, i) => (
        <Checkbox
          key={i}
          checked={truthy(checks?.[i])}
          disabled={readOnly}
          onChange={(e) =>
            set(
              'checks',
              rule.items.map((_, k) => (k === i ? e.target.checked : truthy(checks?.[k]))),
            )
          }
        >
          <span className="jx-check-text">
            {'①②③④⑤⑥⑦⑧⑨⑩'[i] ?? `${i + 1}.`}
            {it.text}
          </span>
          <span className="jx-muted">（{it.points}分）</span>
        </Checkbox>
      ))}
      {rule.veto ? (
        <Checkbox
          checked={input?.vetoed === true}
          disabled={readOnly}
          onChange={(e) => set('vetoed', e.target.checked || undefined)}
          className="jx-veto"
        >
          存在否决情形：{rule.veto}
        </Checkbox>
      ) : null}
      <span className="jx-muted">
        {checks ? `已达到 ${done}/${rule.items.length} 项` : '未逐项勾选'}
        {checks && !readOnly ? (
          <Button type="link" size="small" onClick={() => set('checks', undefined)}>
            清除
          </Button>
        ) : null}
      </span>
    </fieldset>
  );
}

export function QualitativeInput({ rule, input, label, framework, set }: KindProps<'qualitative'>) {
  const { readOnly } = useContext(EditCtx);
  const tiers = rule.tiers ?? framework.tiers;
  return readOnly ? (
    <span>{input?.tier ? `${input.tier}${input.value !== undefined ? `（${input.value}%）` : ''}` : '未评定'}</span>
  ) : (
    <div className="jx-inline-inputs">
      <Select
        aria-label={`${label} 定性档次`}
        value={input?.tier}
        allowClear
        placeholder="选择档次"
        style={{ minWidth: 150 }}
        onChange={(v?: string) => set('tier', v)}
        options={tiers.map((t) => ({ value: t.name, label: `${t.name}（${t.max}%–${t.min}%）` }))}
      />
      <NumInput
        aria-label={`${label} 档内比例（分值的百分比）`}
        value={input?.value}
        unit="percent"
        suffix="%"
        placeholder="档内比例"
        style={{ width: 120 }}
        onChange={(v) => set('value', v)}
      />
    </div>
  );
}

export function QuarterlyInput({ input, label, set }: KindProps<'quarterly'>) {
  const { readOnly } = useContext(EditCtx);
  return (
    <div className="jx-inline-inputs">
      {[0, 1, 2, 3].map((q) => (
        <NumInput
          key={q}
          aria-label={`${label} 第${'一二三四'[q]}季度末累计进度`}
          value={input?.quarters?.[q]}
          unit="percent"
          readOnly={readOnly}
          placeholder={`Q${q + 1}`}
          suffix="%"
          style={{ width: 92 }}
          onChange={(v) => {
            const arr = [0, 1, 2, 3].map((k) => (k === q ? (v ?? null) : (input?.quarters?.[k] ?? null)));
            set('quarters', arr.every((x) => x === null) ? undefined : arr);
          }}
        />
      ))}
      <span className="jx-muted">不填则取基础数据中的季度进度</span>
    </div>
  );
}
