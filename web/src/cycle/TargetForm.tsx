// The 绩效目标表 as a form: 年度总体目标, 年度主要任务 with 预算资金, 预算情况, and the indicators with 指标值 and source.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space } from 'antd';
import { InputNumber } from '../components/InputNumber';
import type { FormInstance } from 'antd';
import { TARGET_SOURCE_LABELS, TARGET_SOURCES } from '@core/cycle/labels.js';
import type { TargetSet } from './api';

const SOURCES = TARGET_SOURCES.map((k) => ({ value: k, label: TARGET_SOURCE_LABELS[k] }));
const money = { min: 0, precision: 2, step: 1, style: { width: 140 }, addonAfter: '万元' } as const;

export type TargetFormValues = Omit<TargetSet, 'goals' | 'unit' | 'year'> & { goals: Array<{ text: string }> };

export const toForm = (s: TargetSet): TargetFormValues => ({ ...s, goals: s.goals.map((text) => ({ text })) });
export const fromForm = (v: TargetFormValues): Partial<TargetSet> => ({
  ...v,
  goals: (v.goals ?? []).map((g) => g.text),
});

export function TargetForm({ form, disabled }: { form: FormInstance<TargetFormValues>; disabled: boolean }) {
  return (
    <Form form={form} layout="vertical" disabled={disabled}>
      <Card title="年度总体目标" size="small" className="jx-card">
        <Form.List name="goals">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[f.name, 'text']}
                    label={`目标${i + 1}`}
                    rules={[{ required: true, message: '请填写' }]}
                  >
                    <Input style={{ width: 560 }} />
                  </Form.Item>
                  <Button aria-label="删除目标" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ text: '' })}>
                添加目标
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card title="年度主要任务" size="small" className="jx-card">
        <Form.List name="tasks">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} label="任务名称" rules={[{ required: true, message: '请填写' }]}>
                    <Input style={{ width: 260 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'content']} label="主要内容">
                    <Input style={{ width: 300 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'budget']} label="预算资金" rules={[{ required: true, message: '请填写' }]}>
                    <InputNumber {...money} />
                  </Form.Item>
                  <Button aria-label="删除任务" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', budget: 0 })}>
                添加任务
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card title="预算情况" size="small" className="jx-card">
        <Space wrap>
          <Form.Item name={['budget', 'total']} label="部门预算总额" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber {...money} />
          </Form.Item>
          <Form.Item name={['budget', 'structure', 'basic']} label="基本支出">
            <InputNumber {...money} />
          </Form.Item>
          <Form.Item name={['budget', 'structure', 'project']} label="项目支出">
            <InputNumber {...money} />
          </Form.Item>
        </Space>
      </Card>
      <Card title="绩效指标" size="small" className="jx-card">
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'level1']} label="一级指标">
                    <Select
                      style={{ width: 120 }}
                      options={['产出指标', '效益指标', '成本指标'].map((v) => ({ value: v }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'level2']} label="二级指标">
                    <Input style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} label="三级指标" rules={[{ required: true, message: '请填写' }]}>
                    <Input style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'target']} label="指标值">
                    <Input style={{ width: 120 }} placeholder="≥95%" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'source']} label="指标值来源">
                    <Select style={{ width: 120 }} options={SOURCES} allowClear />
                  </Form.Item>
                  <Button aria-label="删除指标" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ level1: '产出指标', name: '' })}>
                添加指标
              </Button>
            </>
          )}
        </Form.List>
      </Card>
    </Form>
  );
}
