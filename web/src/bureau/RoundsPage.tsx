import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Table } from 'antd';
import { InputNumber } from '../components/InputNumber';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../app/api';
import { dateTime } from '../app/format';
import { Link, navigate, setQuery, useLocation } from '../app/router';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import type { CatalogueEntry, Round } from '../app/types';
import { PageHeader } from '../components/PageHeader';
import { frameworkOptionLabel } from '../frameworks/label';
import { RoundUnits } from './RoundUnits';
import { EMPTY_PICK, type Pick, selectionOf, UnitPicker } from './UnitPicker';

interface NewRound {
  name: string;
  year: number;
  frameworkVersionId: number;
  deadline?: Dayjs | null;
}

export default function RoundsPage(_: PageProps) {
  const s = useSession();
  const { message } = App.useApp();
  const loc = useLocation();
  const isAdmin = s.me.user.role === 'bureau_admin';
  const [frameworks, setFrameworks] = useState<CatalogueEntry[]>([]);
  const [open, setOpen] = useState(loc.query.get('new') === '1');
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<Round>();
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [form] = Form.useForm<NewRound>();
  const [pick, setPick] = useState<Pick>(EMPTY_PICK);
  const [scope, setScope] = useState<Round>();

  useEffect(() => {
    api.frameworks().then(setFrameworks, (e: Error) => message.error(e.message));
  }, [message]);

  const counts = (roundId: number) => {
    const list = s.evaluations.filter((e) => e.roundId === roundId);
    return {
      total: list.length,
      approved: list.filter((e) => e.status === 'approved' || e.status === 'locked').length,
      waiting: list.filter((e) => e.status === 'submitted_bureau').length,
    };
  };

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
      setOpen(false);
      setQuery('new', undefined);
      form.resetFields();
      setPick(EMPTY_PICK);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const saveDeadline = async () => {
    if (!editing) return;
    try {
      await api.updateRound(editing.id, { deadline: deadline ? deadline.toISOString() : null });
      await s.reload();
      message.success('截止时间已修改');
      setEditing(undefined);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const year = new Date().getFullYear() - 1;
  return (
    <div className="jx-page">
      <PageHeader
        title="评价轮次"
        sub="每个轮次确定评价年度、指标框架版本（使用后冻结）和截止时间；本地区各单位在轮次中填报自评。"
        extra={
          isAdmin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              新建评价轮次
            </Button>
          ) : null
        }
      />
      <Card className="jx-card">
        <Table<Round>
          rowKey="id"
          dataSource={s.rounds}
          pagination={false}
          locale={{ emptyText: '还没有评价轮次' }}
          columns={[
            { title: '轮次名称', dataIndex: 'name', render: (v: string, r) => <Link to={`/rounds/${r.id}`}>{v}</Link> },
            { title: '年度', dataIndex: 'year', width: 80 },
            {
              title: '指标框架',
              key: 'fw',
              render: (_, r) => (
                <Link
                  to={`/frameworks/${r.frameworkVersionId}`}
                >{`${r.frameworkName}（第${r.frameworkVersion}版）`}</Link>
              ),
            },
            { title: '截止时间', dataIndex: 'deadline', width: 150, render: (v: string | null) => dateTime(v) },
            {
              title: '进度',
              key: 'progress',
              width: 220,
              render: (_, r) => {
                const c = counts(r.id);
                return (
                  <span>
                    已开始 {c.total}/{r.unitCount} · 待审核 {c.waiting} · 已通过 {c.approved}
                  </span>
                );
              },
            },
            {
              title: '操作',
              key: 'ops',
              width: 300,
              render: (_, r) => (
                <span className="jx-ops">
                  <Link to={`/rounds/${r.id}`}>各单位进度</Link>
                  <Button type="link" size="small" onClick={() => setScope(r)}>
                    评价范围
                  </Button>
                  <a
                    href={`/dashboard?round=${r.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      s.setRoundId(r.id);
                      navigate('/dashboard');
                    }}
                  >
                    地区看板
                  </a>
                  {isAdmin ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => {
                        setEditing(r);
                        setDeadline(r.deadline ? dayjs(r.deadline) : null);
                      }}
                    >
                      修改截止时间
                    </Button>
                  ) : null}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={open}
        title="新建评价轮次"
        okText="新建"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => {
          setOpen(false);
          setQuery('new', undefined);
        }}
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
      {scope ? <RoundUnits round={scope} onClose={() => setScope(undefined)} /> : null}
      <Modal
        open={Boolean(editing)}
        title={`修改截止时间：${editing?.name ?? ''}`}
        okText="保存"
        cancelText="取消"
        onOk={() => void saveDeadline()}
        onCancel={() => setEditing(undefined)}
        destroyOnHidden
      >
        <label htmlFor="jx-deadline" className="jx-block-label">
          截止时间（留空表示不设截止）
        </label>
        <DatePicker
          id="jx-deadline"
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          value={deadline}
          onChange={setDeadline}
          style={{ width: 240 }}
        />
      </Modal>
    </div>
  );
}
