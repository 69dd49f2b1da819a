// 整改: a unit's items (owner, measure, due date, status, evidence, outcome) and the bureau's view of the region's.
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { InputNumber } from '../components/InputNumber';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { RECTIFICATION_STATUS_LABELS, RECTIFICATION_STATUSES } from '@core/cycle/labels.js';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import { PageHeader } from '../components/PageHeader';
import { cycleApi, defaultYear, type RectificationView } from './api';

interface Edit {
  owner?: string;
  measure?: string;
  due?: dayjs.Dayjs | null;
  status: RectificationView['status'];
  evidence?: string;
  outcome?: string;
}

export default function RectificationPage(_: PageProps) {
  const s = useSession();
  const { message } = App.useApp();
  const [year, setYear] = useState(defaultYear(s.round?.year));
  const [rows, setRows] = useState<RectificationView[]>();
  const [editing, setEditing] = useState<RectificationView>();
  const [form] = Form.useForm<Edit>();
  const load = () => cycleApi.rectification(year).then(setRows, (e: Error) => message.error(e.message));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => void load(), [year]);
  const open = (r: RectificationView) => {
    setEditing(r);
    form.setFieldsValue({
      ...r,
      owner: r.owner ?? '',
      measure: r.measure ?? '',
      outcome: r.outcome ?? '',
      due: r.due ? dayjs(r.due) : null,
      evidence: r.evidence.join('\n'),
    });
  };
  const save = async () => {
    if (!editing) return;
    const v = form.getFieldsValue();
    try {
      await cycleApi.updateRectification(editing.id, {
        version: editing.version,
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
      setEditing(undefined);
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <PageHeader
        title="整改"
        sub="自评报告所列问题、财政局确认的核查问题和运行监控督促的事项：责任人、措施、期限、佐证和结果；下一年度自评时列出未完成的事项"
        extra={<InputNumber aria-label="年度" value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />}
      />
      <Card>
        <Table<RectificationView>
          rowKey="id"
          loading={!rows}
          dataSource={rows ?? []}
          pagination={false}
          locale={{ emptyText: `${year}年度暂无整改事项` }}
          columns={[
            { title: '单位', dataIndex: 'orgName', width: 160 },
            { title: '来源', dataIndex: 'sourceLabel', width: 140 },
            { title: '问题', dataIndex: 'problem' },
            { title: '责任人', dataIndex: 'owner', width: 110 },
            {
              title: '期限',
              dataIndex: 'due',
              width: 110,
              render: (v: string | null, r) =>
                v ? (
                  <span style={{ color: r.overdue ? '#cf1322' : undefined }}>
                    {v}
                    {r.overdue ? '（逾期）' : ''}
                  </span>
                ) : (
                  ''
                ),
            },
            {
              title: '状态',
              dataIndex: 'statusLabel',
              width: 90,
              render: (v: string, r) => (
                <Tag color={r.status === 'done' ? 'green' : r.status === 'in_progress' ? 'blue' : 'default'}>{v}</Tag>
              ),
            },
            {
              title: '',
              key: 'op',
              width: 80,
              render: (_, r) => (
                <Button size="small" onClick={() => open(r)}>
                  办理
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        title="办理整改事项"
        open={!!editing}
        onOk={save}
        onCancel={() => setEditing(undefined)}
        okText="保存"
        width={640}
      >
        <p>{editing?.problem}</p>
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
    </>
  );
}
