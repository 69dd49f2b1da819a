// The dialog adding an indicator (个性指标) to the framework editor's tree, with its rule kind.
import type { IndicatorDraft, NodePath } from '@core/framework-edit.js';
import { RULE_KIND_NAMES, type RuleKind } from '@core/rules/schema.js';
import { Form, Input, Modal, Select } from 'antd';
import { InputNumber } from '../components/InputNumber';

const NEW_KINDS: RuleKind[] = ['target', 'ratio', 'reverse', 'equal', 'rate', 'threshold-linear', 'qualitative', 'yesno', 'deduction', 'manual'];

interface NewIndicator {
  name: string;
  weight: number;
  kind: RuleKind;
  target?: string;
  perItem?: number;
  explanation?: string;
  standard?: string;
}

export function AddIndicator({ parent, parentName, onAdd, onCancel }: { parent: NodePath | undefined; parentName?: string; onAdd(n: IndicatorDraft): void; onCancel(): void }) {
  const [form] = Form.useForm<NewIndicator>();
  const kind = Form.useWatch('kind', form);
  return (
    <Modal open={parent !== undefined} title={parentName ? `在“${parentName}”下添加指标（个性指标）` : '添加一级指标'} okText="添加" cancelText="取消" onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden>
      <Form<NewIndicator>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'target', weight: 1 }}
        onFinish={(v) => {
          const rule = v.kind === 'deduction' ? { kind: v.kind, perItem: v.perItem ?? 1 } : { kind: v.kind };
          onAdd({
            name: v.name.trim(),
            weight: v.weight,
            rule: rule as IndicatorDraft['rule'],
            ...(v.target?.trim() ? { target: v.target.trim() } : {}),
            ...(v.explanation?.trim() ? { explanation: v.explanation.trim() } : {}),
            ...(v.standard?.trim() ? { standard: v.standard.trim() } : {}),
          });
          form.resetFields();
        }}
      >
        <Form.Item label="指标名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写指标名称' }]}>
          <Input placeholder="例如：政务信息报送及时率" />
        </Form.Item>
        <Form.Item label="分值" name="weight" rules={[{ required: true, message: '请填写分值' }]} extra="添加后请相应调减同级指标的分值，使上级分值相加无误。">
          <InputNumber min={0} suffix="分" />
        </Form.Item>
        <Form.Item label="计分方式" name="kind" rules={[{ required: true }]}>
          <Select options={NEW_KINDS.map((k) => ({ value: k, label: RULE_KIND_NAMES[k] }))} />
        </Form.Item>
        {kind === 'deduction' ? (
          <Form.Item label="每项扣分" name="perItem" rules={[{ required: true, message: '请填写每项扣分' }]}>
            <InputNumber min={0.01} step={0.5} suffix="分" />
          </Form.Item>
        ) : null}
        <Form.Item label="指标值" name="target" extra="定量指标写比较符和数值，例如 ≥95%、≤5%、=100%">
          <Input />
        </Form.Item>
        <Form.Item label="指标解释" name="explanation">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item label="评分标准" name="standard">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
