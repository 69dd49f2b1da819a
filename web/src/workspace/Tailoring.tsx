import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type Framework, type IndicatorNode, walk } from '@core/framework/model.js';
import { RULE_KIND_NAMES } from '@core/rules/schema.js';
import { Button, Card, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { memo, useContext, useMemo } from 'react';
import type { EvaluationDocument } from '../app/types';
import type { Problem } from './check';
import { EditCtx, statusOf } from './inputs';

type Tailoring = NonNullable<EvaluationDocument['tailoring']>;
type Added = NonNullable<Tailoring['add']>[number];

/** Whether the framework leaves anything to the unit: 个性指标, indicators it may drop, weights it sets. */
export function tailorable(fw: Framework): boolean {
  let yes = false;
  walk(fw.roots, (n) => {
    if (n.open || n.optional || n.unitWeights) yes = true;
  });
  return yes;
}

/**
 * 指标设置: the unit's own indicators (个性指标) under the framework's open nodes, the optional
 * indicators it drops as not applicable, and the weights it sets where the framework says so.
 */
export const TailoringSection = memo(function TailoringSection({
  framework,
  tailoring,
  problems,
}: {
  framework: Framework;
  tailoring: Tailoring | undefined;
  problems: Map<string, Problem[]>;
}) {
  const { change, readOnly } = useContext(EditCtx);
  const { open, optional, weighted } = useMemo(() => {
    const open: IndicatorNode[] = [];
    const optional: IndicatorNode[] = [];
    const weighted: IndicatorNode[] = [];
    walk(framework.roots, (n) => {
      if (n.open) open.push(n);
      if (n.optional) optional.push(n);
      if (n.unitWeights) for (const c of n.children) if (!c.fixedWeight) weighted.push(c);
    });
    return { open, optional, weighted };
  }, [framework]);
  const add = tailoring?.add ?? [];
  const drop = new Set(tailoring?.drop ?? []);
  const weights = tailoring?.weights ?? {};
  const setAdd = (next: Added[]) => change(['tailoring', 'add'], next.length ? next : undefined);
  const f = (i: number, k: string) => statusOf(problems.get(`tailoring.add.${i}.${k}`));

  return (
    <Card id="sec-tailoring" type="inner" title="指标设置（个性指标、删减与设定分值）" className="jx-card jx-inner">
      {open.length ? (
        <>
          <h3 className="jx-subhead">个性指标</h3>
          <p className="jx-muted">
            以下指标由单位根据本单位情况自行设置：{open.map((n) => n.path.join(' / ')).join('；')}
            。指标值含数值的按定量计分，否则按定性分档计分。
          </p>
          <table className="jx-grid-table">
            <caption className="jx-sr">个性指标</caption>
            <thead>
              <tr>
                <th scope="col">上级指标</th>
                <th scope="col">指标名称</th>
                <th scope="col" style={{ width: 120 }}>
                  分值
                </th>
                <th scope="col">指标值</th>
                <th scope="col">计分方式</th>
                {readOnly ? null : <th scope="col" aria-label="操作" style={{ width: 48 }} />}
              </tr>
            </thead>
            <tbody>
              {add.map((a, i) => {
                const parent = open.find((n) => n.id === a.parent || n.name === a.parent);
                const kinds = parent?.open?.kinds;
                return (
                  <tr key={i}>
                    <td>
                      {readOnly ? (
                        (parent?.path.join(' / ') ?? a.parent)
                      ) : (
                        <Form.Item
                          validateStatus={f(i, 'parent').status}
                          help={f(i, 'parent').help}
                          className="jx-cell-field"
                        >
                          <Select
                            aria-label={`第${i + 1}项个性指标的上级指标`}
                            value={a.parent || undefined}
                            style={{ minWidth: 160 }}
                            onChange={(v: string) => change(['tailoring', 'add', i, 'parent'], v)}
                            options={open.map((n) => ({ value: n.id, label: n.path.join(' / ') }))}
                          />
                        </Form.Item>
                      )}
                    </td>
                    <td>
                      {readOnly ? (
                        a.name
                      ) : (
                        <Form.Item
                          validateStatus={f(i, 'name').status}
                          help={f(i, 'name').help}
                          className="jx-cell-field"
                        >
                          <Input
                            aria-label={`第${i + 1}项个性指标的名称`}
                            value={a.name ?? ''}
                            onChange={(e) => change(['tailoring', 'add', i, 'name'], e.target.value)}
                          />
                        </Form.Item>
                      )}
                    </td>
                    <td>
                      {readOnly ? (
                        a.weight
                      ) : (
                        <Form.Item
                          validateStatus={f(i, 'weight').status}
                          help={f(i, 'weight').help}
                          className="jx-cell-field"
                        >
                          <InputNumber
                            aria-label={`第${i + 1}项个性指标的分值`}
                            value={typeof a.weight === 'number' ? a.weight : null}
                            min={0}
                            suffix="分"
                            onChange={(v) => change(['tailoring', 'add', i, 'weight'], v ?? undefined)}
                            changeOnWheel={false}
                          />
                        </Form.Item>
                      )}
                    </td>
                    <td>
                      {readOnly ? (
                        String(a.target ?? '')
                      ) : (
                        <Input
                          aria-label={`第${i + 1}项个性指标的指标值`}
                          value={a.target === undefined ? '' : String(a.target)}
                          placeholder="例如 ≥95%，或定性描述"
                          onChange={(e) => change(['tailoring', 'add', i, 'target'], e.target.value)}
                        />
                      )}
                    </td>
                    <td>
                      {readOnly ? (
                        a.rule ? (
                          RULE_KIND_NAMES[a.rule.kind]
                        ) : (
                          '按指标值自动'
                        )
                      ) : (
                        <Select
                          aria-label={`第${i + 1}项个性指标的计分方式`}
                          value={a.rule?.kind ?? ''}
                          style={{ minWidth: 170 }}
                          onChange={(v: string) => change(['tailoring', 'add', i, 'rule'], v ? { kind: v } : undefined)}
                          options={[
                            { value: '', label: '按指标值自动' },
                            ...(kinds ?? ['target', 'ratio', 'reverse', 'qualitative', 'yesno'])
                              .filter(
                                (k) =>
                                  k !== 'bands' &&
                                  k !== 'checklist' &&
                                  k !== 'levels' &&
                                  k !== 'composite' &&
                                  k !== 'deduction' &&
                                  k !== 'excess-deduction',
                              )
                              .map((k) => ({ value: k, label: RULE_KIND_NAMES[k] })),
                          ]}
                        />
                      )}
                    </td>
                    {readOnly ? null : (
                      <td>
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={`删除第${i + 1}项个性指标`}
                          onClick={() => setAdd(add.filter((_, k) => k !== i))}
                        />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {readOnly ? null : (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setAdd([...add, { parent: open[0]!.id, name: '', weight: 0 } as Added])}
              className="jx-mt"
            >
              添加个性指标
            </Button>
          )}
        </>
      ) : null}
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
    </Card>
  );
});
