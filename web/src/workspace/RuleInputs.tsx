// The judgment each rule kind needs (要点, 定性档次, 是否, 扣分项数 …), bound to an indicator's input.
import type { IndicatorInput } from '@core/evaluation.js';
import type { Framework } from '@core/framework/model.js';
import { MEASURED_KINDS, type Rule, type RULE_KIND_INFO, type RuleKind } from '@core/rules/schema.js';
import { Input } from 'antd';
import { type ComponentType, useContext } from 'react';
import type { Path } from './doc';
import { EditCtx } from './inputs';
import { ChecklistInput, QualitativeInput, QuarterlyInput } from './JudgmentInputs';
import { DeductionInput, LevelsInput, ManualInput, PreviousInput, YesNoInput, type WeightedProps } from './KindInputs';

/** What a kind's inputs get: its rule, the indicator's input, and `set` for a field of it. */
interface KindInputProps<K extends RuleKind> extends WeightedProps<K> {
  /** Where the indicator's input sits in the document (分项 nest below it). */
  base: Path;
}

/** A kind whose only input is 实际完成值 (its own column of the table) has nothing here. */
type OnlyActual<K extends RuleKind> = (typeof RULE_KIND_INFO)[K]['fields'] extends readonly ['actual'] ? true : false;

/**
 * The one table of per-kind inputs: for each kind of core's RULE_KIND_INFO, the component that enters
 * its fields, or null when its only field is 实际完成值. A new kind is a compile error here until it has
 * its entry, and an entry must agree with the kind's `fields` in core.
 */
export const KIND_INPUTS: { [K in RuleKind]: OnlyActual<K> extends true ? null : ComponentType<KindInputProps<K>> } = {
  ratio: null,
  reverse: null,
  equal: null,
  target: null,
  rate: null,
  'threshold-linear': null,
  bands: null,
  deduction: DeductionInput,
  'excess-deduction': PreviousInput,
  quarterly: QuarterlyInput,
  checklist: ChecklistInput,
  levels: LevelsInput,
  qualitative: QualitativeInput,
  yesno: YesNoInput,
  manual: ManualInput,
  composite: PartsInput,
};

/** The judgment each rule kind needs, bound to the indicator's input (recursively for 分项). */
export function RuleInputs({
  rule,
  input,
  base,
  label,
  weight,
  framework,
}: {
  rule: Rule;
  input: IndicatorInput | undefined;
  base: Path;
  label: string;
  weight: number;
  framework: Framework;
}) {
  const { change } = useContext(EditCtx);
  const set = (field: string, v: unknown) => change([...base, field], v);
  const table = KIND_INPUTS as Partial<Record<string, ComponentType<KindInputProps<RuleKind>> | null>>;
  const Inputs = table[rule.kind];
  // A kind unknown to this build (data newer than the app) says so rather than showing nothing.
  if (Inputs === undefined) return <span className="jx-muted">无法填写：未知的计分方式“{String(rule.kind)}”</span>;
  if (Inputs === null) return null;
  return (
    <Inputs
      rule={rule as never}
      input={input}
      base={base}
      label={label}
      weight={weight}
      framework={framework}
      set={set}
    />
  );
}

/** 分项合计: each part's 实际完成值 (measured parts) and its own kind's inputs. */
function PartsInput({ rule, input, base, label, framework }: KindInputProps<'composite'>) {
  const { change, readOnly } = useContext(EditCtx);
  return (
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
                value={input?.parts?.[part.name]?.actual === undefined ? '' : String(input?.parts?.[part.name]?.actual)}
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
          />
        </fieldset>
      ))}
    </div>
  );
}
