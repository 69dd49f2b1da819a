// The dialog that handles one 整改 item (state, owner, due date, measure, evidence, outcome): on the 整改 page and in next year's 自评.
import { App, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { RECTIFICATION_STATUS_LABELS, RECTIFICATION_STATUSES } from '@core/cycle/labels.js';
import { cycleApi, type RectificationView } from './api';

interface Edit {
  owner?: string;
  measure?: string;
  due?: dayjs.Dayjs | null;
  status: RectificationView['status'];
  evidence?: string;
  outcome?: string;
}

export function RectificationEditModal({
  item,
  title = '办理整改事项',
  onClose,
  onSaved,
}: {
  item: RectificationView | undefined;
  title?: string;
  onClose: () => void;
  onSaved: (next: RectificationView) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Edit>();
  useEffect(() => {
    if (!item) return;
    form.setFieldsValue({
      status: item.status,
      owner: item.owner ?? '',
      measure: item.measure ?? '',
      outcome: item.outcome ?? '',
      due: item.due ? dayjs(item.due) : null,
      evidence: item.evidence.join('\n'),
    });
  }, [item, form]);
  const save = async () => {
    if (!item) return;
    const v = form.getFieldsValue();
    try {
      const next = await cycleApi.updateRectification(item.id, {
        version: item.version,
        status: v.status,
        owner: v.owner || null,
        measure: v.measure || null,
        outcome: v.outcome || null,
        due: v.due ? v.due.format('YYYY-MM-DD') : null,
        evidence: (v.evidence ?? '')
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean),
      });
      message.success('已更新');
      onSaved(next);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Modal title={title} open={!!item} onOk={save} onCancel={onClose} okText="保存" width={640} forceRender>
      <p>{item?.problem}</p>
      <Form form={form} layout="vertical">
        <Space wrap>
          <Form.Item name="status" label="状态">
            <Select
              style={{ width: 120 }}
              options={RECTIFICATION_STATUSES.map((k) => ({ value: k, label: RECTIFICATION_STATUS_LABELS[k] }))}
            />
          </Form.Item>
          <Form.Item name="owner" label="责任人">
            <Input />
          </Form.Item>
          <Form.Item name="due" label="整改期限">
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="measure" label="整改措施">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="evidence" label="佐证材料（每行一项）">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="outcome" label="整改结果">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
