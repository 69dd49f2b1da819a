// The judgment each rule kind needs (要点, 定性档次, 是否, 扣分项数 …), bound to an indicator's input.
import type { IndicatorInput } from '@core/evaluation.js';
import type { Framework } from '@core/framework/model.js';
import { MEASURED_KINDS, type Rule } from '@core/rules/schema.js';
import { Input, Radio, Select } from 'antd';
import { NumInput } from './NumInput';
import { type ReactNode, useContext } from 'react';
import type { Path } from './doc';
import { EditCtx } from './inputs';
import { ChecklistInput, QualitativeInput, QuarterlyInput } from './JudgmentInputs';

/** The judgment each rule kind needs, bound to the indicator's input (recursively for 分项). */
export function RuleInputs({
  rule,
  input,
  base,
  label,
  weight,
  framework,
  nested,
}: {
  rule: Rule;
  input: IndicatorInput | undefined;
  base: Path;
  label: string;
  weight: number;
  framework: Framework;
  nested: boolean;
}) {
  const { change, readOnly } = useContext(EditCtx);
  const set = (field: string, v: unknown) => change([...base, field], v);
  let body: ReactNode;
  switch (rule.kind) {
    case 'checklist':
      body = <ChecklistInput rule={rule} input={input} label={label} framework={framework} set={set} />;
      break;
    case 'qualitative':
      body = <QualitativeInput rule={rule} input={input} label={label} framework={framework} set={set} />;
      break;
    case 'levels':
      body = readOnly ? (
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
      break;
    case 'yesno':
      body = (
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
      break;
    case 'deduction':
      body = readOnly ? (
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
      break;
    case 'manual':
      body = readOnly ? (
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
      break;
    case 'quarterly':
      body = <QuarterlyInput rule={rule} input={input} label={label} framework={framework} set={set} />;
      break;
    case 'excess-deduction':
      body =
        rule.limit === undefined ? (
          readOnly ? (
            <span>上年值 {input?.previous ?? '—'}</span>
          ) : (
            <Input
              aria-label={`${label} 上年值`}
              value={input?.previous === undefined ? '' : String(input.previous)}
              placeholder="上年值，例如 3.2%"
              onChange={(e) => set('previous', e.target.value)}
              style={{ maxWidth: 160 }}
            />
          )
        ) : null;
      break;
    case 'composite':
      body = (
        <div className="jx-parts">
          {rule.parts.map((part) => (
            <fieldset key={part.name} className="jx-part">
              <legend>
                {part.name}（{part.points}分）
              </legend>
              {MEASURED_KINDS.has(part.rule.kind) ? (
                readOnly ? (
                  <span>{input?.parts?.[part.name]?.actual ?? '按基础数据'}</span>
                ) : (
                  <Input
                    aria-label={`${label}·${part.name} 实际完成值`}
                    value={
                      input?.parts?.[part.name]?.actual === undefined ? '' : String(input?.parts?.[part.name]?.actual)
                    }
                    placeholder={part.metric ? '留空则按基础数据计算' : '实际完成值'}
                    onChange={(e) => change([...base, 'parts', part.name, 'actual'], e.target.value)}
                  />
                )
              ) : null}
              <RuleInputs
                rule={part.rule}
                input={input?.parts?.[part.name]}
                base={[...base, 'parts', part.name]}
                label={`${label}·${part.name}`}
                weight={part.points}
                framework={framework}
                nested
              />
            </fieldset>
          ))}
        </div>
      );
      break;
    default:
      body = nested ? null : null;
  }
  return <>{body}</>;
}
