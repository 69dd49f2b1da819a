// 评价轮次: the region's rounds, their progress, scope and deadline; the admin opens new ones.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Modal, Progress, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../app/api';
import { dateTime } from '../app/format';
import { Link, navigate, setQuery, useLocation } from '../app/router';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import type { Round } from '../app/types';
import { PageHeader } from '../components/PageHeader';
import { RoundUnits } from './RoundUnits';
import { NewRoundDialog } from './NewRoundDialog';

export default function RoundsPage(_: PageProps) {
  const s = useSession();
  const { message } = App.useApp();
  const loc = useLocation();
  const isAdmin = s.me.user.role === 'bureau_admin';
  const [open, setOpen] = useState(loc.query.get('new') === '1');
  const [editing, setEditing] = useState<Round>();
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [scope, setScope] = useState<Round>();

  const counts = (roundId: number) => {
    const list = s.evaluations.filter((e) => e.roundId === roundId);
    return {
      total: list.length,
      approved: list.filter((e) => e.status === 'approved' || e.status === 'locked').length,
      waiting: list.filter((e) => e.status === 'submitted_bureau').length,
    };
  };

  const closeNew = () => {
    setOpen(false);
    setQuery('new', undefined);
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
                const share = (n: number) => (r.unitCount ? Math.round((n / r.unitCount) * 1000) / 10 : 0);
                return (
                  <div className="jx-round-progress">
                    <span>
                      已开始 {c.total}/{r.unitCount} · 待审核 {c.waiting} · 已通过 {c.approved}
                    </span>
                    {/* The bar: started of the round's units, the approved share in green. */}
                    <Progress
                      percent={share(c.total)}
                      success={{ percent: share(c.approved), strokeColor: '#166534' }}
                      size="small"
                      showInfo={false}
                      aria-label={`${r.name}：已开始 ${c.total} / ${r.unitCount}，已通过 ${c.approved}`}
                    />
                  </div>
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
      <NewRoundDialog open={open} onClose={closeNew} />
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
