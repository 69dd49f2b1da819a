import { Card, Table } from 'antd';
import { dateTime, score } from '../app/format';
import { Link } from '../app/router';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import type { EvaluationSummary } from '../app/types';
import { PageHeader } from '../components/PageHeader';
import { GradeTag, StatusTag } from '../components/StatusTag';

/** 审核队列: what waits for this reviewer — the bureau's 待财政局审核, a leader's 待单位负责人审核. */
export default function ReviewQueuePage(_: PageProps) {
  const s = useSession();
  const role = s.me.user.role;
  const status = role === 'unit_leader' ? 'submitted_leader' : 'submitted_bureau';
  const rows = s.evaluations.filter(
    (e) => e.status === status && (role !== 'unit_leader' || e.orgId === s.me.organisation.id),
  );
  const recent =
    role === 'unit_leader'
      ? []
      : s.evaluations
          .filter((e) => e.status === 'approved' || e.status === 'returned')
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
          .slice(0, 10);
  const columns = [
    {
      title: '单位',
      dataIndex: 'orgName',
      key: 'org',
      render: (v: string, r: EvaluationSummary) => <Link to={`/evaluations/${r.id}`}>{v}</Link>,
    },
    { title: '评价轮次', dataIndex: 'roundName', key: 'round' },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 160,
      render: (v: EvaluationSummary['status']) => <StatusTag status={v} />,
    },
    {
      title: '规则总分',
      dataIndex: 'total',
      key: 'total',
      width: 100,
      align: 'right' as const,
      render: (v: number | null) => score(v, 2),
    },
    {
      title: '等级',
      dataIndex: 'grade',
      key: 'grade',
      width: 80,
      render: (v: string | null) => <GradeTag grade={v} />,
    },
    { title: '报送时间', dataIndex: 'updatedAt', key: 'updated', width: 160, render: (v: string) => dateTime(v) },
    {
      title: '操作',
      key: 'ops',
      width: 90,
      render: (_: unknown, r: EvaluationSummary) => <Link to={`/evaluations/${r.id}`}>审核</Link>,
    },
  ];
  return (
    <div className="jx-page">
      <PageHeader
        title={role === 'unit_leader' ? '待我审核' : '审核队列'}
        sub={
          role === 'unit_leader'
            ? '本单位填报人提交的自评：审核通过后报送财政局，或退回修改。'
            : '各单位报送财政局的自评：审核通过、退回修改（须填写意见）；管理员可锁定或重新打开。'
        }
      />
      <Card className="jx-card" title={`待审核（${rows.length}）`}>
        <Table<EvaluationSummary>
          rowKey="id"
          dataSource={rows}
          columns={columns}
          pagination={false}
          locale={{ emptyText: '没有待审核的评价' }}
        />
      </Card>
      {recent.length ? (
        <Card className="jx-card" title="最近处理">
          <Table<EvaluationSummary>
            rowKey="id"
            dataSource={recent}
            columns={columns.filter((c) => c.key !== 'ops')}
            pagination={false}
            size="small"
          />
        </Card>
      ) : null}
    </div>
  );
}
