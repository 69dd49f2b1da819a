// The optional indicators a unit drops as not applicable (删减), and the 分值 it sets where the framework lets it.
import type { IndicatorNode } from '@core/framework/model.js';
import { Checkbox, Form } from 'antd';
import { InputNumber } from '../../components/InputNumber';
import { useContext } from 'react';
import type { EvaluationDocument } from '../../app/types';
import type { Problem } from '../check';
import { EditCtx, statusOf } from '../inputs';

type Tailoring = NonNullable<EvaluationDocument['tailoring']>;

export function DropWeights({
  optional,
  weighted,
  tailoring,
  problems,
}: {
  optional: IndicatorNode[];
  weighted: IndicatorNode[];
  tailoring: Tailoring | undefined;
  problems: Map<string, Problem[]>;
}) {
  const { change, readOnly } = useContext(EditCtx);
  const drop = new Set(tailoring?.drop ?? []);
  const weights = tailoring?.weights ?? {};
  return (
    <>
      {optional.length ? (
        <>
          <h3 className="jx-subhead">不适用的指标（删减）</h3>
          {optional.map((n) => (
            <Checkbox
              key={n.id}
              checked={drop.has(n.id) || drop.has(n.name)}
              disabled={readOnly}
              onChange={(e) => {
                const next = [...drop].filter((x) => x !== n.id && x !== n.name);
                if (e.target.checked) next.push(n.id);
                change(['tailoring', 'drop'], next.length ? next : undefined);
              }}
            >
              {n.path.join(' / ')} 不适用本单位
            </Checkbox>
          ))}
        </>
      ) : null}
      {weighted.length ? (
        <>
          <h3 className="jx-subhead">设定分值</h3>
          <div className="jx-weights">
            {weighted.map((n) => {
              const v = weights[n.id] ?? weights[n.name];
              const st = statusOf(problems.get(`tailoring.weights.${n.id}`));
              return (
                <Form.Item
                  key={n.id}
                  layout="vertical"
                  label={n.path.join(' / ')}
                  validateStatus={st.status}
                  help={st.help}
                  className="jx-field"
                >
                  <InputNumber
                    aria-label={`${n.path.join(' / ')} 设定分值`}
                    value={typeof v === 'number' ? v : null}
                    readOnly={readOnly}
                    min={0}
                    suffix="分"
                    placeholder={n.weight ? `框架分值 ${n.weight.toString()}` : '请设定'}
                    onChange={(x) => change(['tailoring', 'weights', n.id], x ?? undefined)}
                    changeOnWheel={false}
                  />
                </Form.Item>
              );
            })}
          </div>
        </>
      ) : null}
    </>
  );
}
