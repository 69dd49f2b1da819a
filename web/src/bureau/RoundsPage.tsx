// 评价轮次: the region's rounds, their progress, scope and deadline; the admin opens new ones.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table } from 'antd';
import { useState } from 'react';
import { dateTime } from '../app/format';
import { Link, navigate, setQuery, useLocation } from '../app/router';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import type { Round } from '../app/types';
import { PageHeader } from '../components/PageHeader';
import { RoundUnits } from './RoundUnits';
import { DeadlineDialog } from './DeadlineDialog';
import { NewRoundDialog } from './NewRoundDialog';
import { RoundProgressCell } from './RoundProgressCell';

export default function RoundsPage(_: PageProps) {
  const s = useSession();
  const loc = useLocation();
  const isAdmin = s.me.user.role === 'bureau_admin';
  const [open, setOpen] = useState(loc.query.get('new') === '1');
  const [editing, setEditing] = useState<Round>();
  const [scope, setScope] = useState<Round>();

  const closeNew = () => {
    setOpen(false);
    setQuery('new', undefined);
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
              render: (_, r) => <RoundProgressCell round={r} evaluations={s.evaluations} />,
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
                    <Button type="link" size="small" onClick={() => setEditing(r)}>
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
      {editing ? <DeadlineDialog round={editing} onClose={() => setEditing(undefined)} /> : null}
    </div>
  );
}
