// The new-round dialog: name, year, framework version (frozen once used), the units asked and the deadline.
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../app/api';
import { useSession } from '../app/session';
import type { CatalogueEntry } from '../app/types';
import { InputNumber } from '../components/InputNumber';
import { frameworkOptionLabel } from '../frameworks/label';
import { EMPTY_PICK, type Pick, selectionOf, UnitPicker } from './UnitPicker';

interface NewRound {
  name: string;
  year: number;
  frameworkVersionId: number;
  deadline?: Dayjs | null;
}

export function NewRoundDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const s = useSession();
  const { message } = App.useApp();
  const [frameworks, setFrameworks] = useState<CatalogueEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<NewRound>();
  const [pick, setPick] = useState<Pick>(EMPTY_PICK);
  const year = new Date().getFullYear() - 1;

  useEffect(() => {
    api.frameworks().then(setFrameworks, (e: Error) => message.error(e.message));
  }, [message]);

  const create = async (v: NewRound) => {
    setBusy(true);
    try {
      const r = await api.createRound({
        name: v.name.trim(),
        year: v.year,
        frameworkVersionId: v.frameworkVersionId,
        deadline: v.deadline ? v.deadline.endOf('minute').toISOString() : null,
        ...(selectionOf(pick) ? { units: selectionOf(pick) } : {}),
      });
      await s.reload();
      s.setRoundId(r.id);
      message.success(`已新建评价轮次“${r.name}”（${r.unitCount} 个单位），所用指标框架已冻结`);
      onClose();
      form.resetFields();
      setPick(EMPTY_PICK);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="新建评价轮次"
      okText="新建"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<NewRound>
        form={form}
        layout="vertical"
        onFinish={create}
        initialValues={{ year, name: `${year}年度部门整体支出绩效自评` }}
        requiredMark
      >
        <Form.Item
          label="轮次名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写轮次名称' },
            { max: 200, message: '不超过200字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="评价年度" name="year" rules={[{ required: true, message: '请填写评价年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} suffix="年度" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          label="指标框架"
          name="frameworkVersionId"
          rules={[{ required: true, message: '请选择指标框架' }]}
          extra="新建后该框架版本即被冻结，不能再修改；如需调整请在“指标框架”中复制后另存新版本。"
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择指标框架版本"
            options={frameworks.map((f) => ({
              value: f.id,
              label: frameworkOptionLabel(f),
            }))}
          />
        </Form.Item>
        <Form.Item label="评价范围" extra="只有范围内的单位收到待办、可以填报；新建后仍可添加或撤出单位。">
          <UnitPicker orgs={s.orgs} value={pick} onChange={setPick} />
        </Form.Item>
        <Form.Item label="截止时间" name="deadline" extra="截止后单位不能再提交；可随时修改。">
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: 240 }}
            placeholder="选择截止时间"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
