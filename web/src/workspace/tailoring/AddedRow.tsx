// One 个性指标 the unit adds: parent, name, 分值, 指标值 and how it is scored.
import { DeleteOutlined } from '@ant-design/icons';
import type { IndicatorNode } from '@core/framework/model.js';
import { RULE_KIND_NAMES } from '@core/rules/schema.js';
import { Button, Form, Input, Select } from 'antd';
import { InputNumber } from '../../components/InputNumber';
import { useContext } from 'react';
import type { EvaluationDocument } from '../../app/types';
import type { Problem } from '../check';
import { EditCtx, statusOf } from '../inputs';

type Tailoring = NonNullable<EvaluationDocument['tailoring']>;
export type Added = NonNullable<Tailoring['add']>[number];

export function AddedRow({
  a,
  i,
  open,
  problems,
  onDelete,
}: {
  a: Added;
  i: number;
  open: IndicatorNode[];
  problems: Map<string, Problem[]>;
  onDelete(): void;
}) {
  const { change, readOnly } = useContext(EditCtx);
  const f = (k: string) => statusOf(problems.get(`tailoring.add.${i}.${k}`));
  const parent = open.find((n) => n.id === a.parent || n.name === a.parent);
  const kinds = parent?.open?.kinds;
  return (
    <tr key={i}>
      <td>
        {readOnly ? (
          (parent?.path.join(' / ') ?? a.parent)
        ) : (
          <Form.Item validateStatus={f('parent').status} help={f('parent').help} className="jx-cell-field">
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
          <Form.Item validateStatus={f('name').status} help={f('name').help} className="jx-cell-field">
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
          <Form.Item validateStatus={f('weight').status} help={f('weight').help} className="jx-cell-field">
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
            onClick={onDelete}
          />
        </td>
      )}
    </tr>
  );
}
