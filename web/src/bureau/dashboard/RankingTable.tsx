// 排名明细（含同比）: every unit's rank, status, 核定总分, grade, 待核实分 and the change from last year.
import { Table } from 'antd';
import { score as fmtScore } from '../../app/format';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import type { DashboardView, Status } from '../../app/types';
import { GradeTag, StatusTag } from '../../components/StatusTag';

export function RankingTable({ d, dec, roundId }: { d: DashboardView; dec: number; roundId: number }) {
  const s = useSession();
  return (
    <Table
      rowKey="orgId"
      size="small"
      dataSource={d.ranking}
      pagination={d.ranking.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '名次', dataIndex: 'rank', width: 70 },
        {
          title: '单位',
          dataIndex: 'orgName',
          render: (v: string, r) => {
            const ev = s.evaluations.find((e) => e.orgId === r.orgId && e.roundId === roundId);
            return ev ? <Link to={`/evaluations/${ev.id}`}>{v}</Link> : v;
          },
        },
        { title: '状态', dataIndex: 'status', width: 150, render: (v: Status) => <StatusTag status={v} /> },
        { title: '核定总分', dataIndex: 'total', width: 100, align: 'right', render: (v: number) => fmtScore(v, dec) },
        { title: '等级', dataIndex: 'grade', width: 70, render: (v: string) => <GradeTag grade={v} /> },
        {
          title: '待核实分',
          key: 'pending',
          width: 130,
          align: 'right',
          render: (_, r) =>
            r.unverifiableCount ? (
              <span
                className={r.gradeMayChange ? 'jx-pending jx-attention' : 'jx-pending'}
                title={`严格口径（待核实按0分计）${fmtScore(r.strictTotal, dec)}分`}
              >
                {fmtScore(r.unverifiablePoints, dec)}（{r.unverifiableCount}项）
              </span>
            ) : (
              <span className="jx-muted">0</span>
            ),
        },
        {
          title: '上年',
          key: 'prev',
          width: 130,
          render: (_, r) =>
            r.previousTotal !== undefined ? (
              `${r.previousYear}年度 ${fmtScore(r.previousTotal, dec)}`
            ) : (
              <span className="jx-muted">无上年数据</span>
            ),
        },
        {
          title: '同比',
          dataIndex: 'change',
          width: 90,
          align: 'right',
          render: (v?: number) =>
            v === undefined ? (
              '—'
            ) : (
              <span className={v >= 0 ? 'jx-up' : 'jx-down'}>{`${v >= 0 ? '+' : ''}${fmtScore(v, dec)}`}</span>
            ),
        },
      ]}
    />
  );
}
