// A table of evaluation summaries (unit, round, status, 规则总分, grade, updated), each linking to its workspace.
import { Table } from 'antd';
import { dateTime, score, STATUS_LABELS } from '../app/format';
import { Link } from '../app/router';
import type { EvaluationSummary, Status } from '../app/types';
import { GradeTag, StatusTag } from './StatusTag';

export function EvaluationTable({
  rows,
  decimals,
  showUnit = false,
}: {
  rows: EvaluationSummary[];
  decimals: number;
  showUnit?: boolean;
}) {
  return (
    <Table<EvaluationSummary>
      size="middle"
      rowKey="id"
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: '暂无评价' }}
      columns={[
        ...(showUnit
          ? [
              {
                title: '单位',
                dataIndex: 'orgName',
                key: 'org',
                render: (v: string, r: EvaluationSummary) => <Link to={`/evaluations/${r.id}`}>{v}</Link>,
              },
            ]
          : []),
        {
          title: '评价轮次',
          dataIndex: 'roundName',
          key: 'round',
          render: (v: string, r: EvaluationSummary) => (showUnit ? v : <Link to={`/evaluations/${r.id}`}>{v}</Link>),
        },
        { title: '年度', dataIndex: 'year', key: 'year', width: 80 },
        {
          title: '状态',
          dataIndex: 'status',
          key: 'status',
          width: 150,
          render: (v: Status) => <StatusTag status={v} />,
          filters: Object.entries(STATUS_LABELS).map(([value, text]) => ({ value, text })),
          onFilter: (v, r) => r.status === v,
        },
        {
          title: '规则总分',
          dataIndex: 'total',
          key: 'total',
          width: 100,
          align: 'right' as const,
          render: (v: number | null) => score(v, decimals),
          sorter: (a, b) => (a.total ?? -1) - (b.total ?? -1),
        },
        {
          title: '等级',
          dataIndex: 'grade',
          key: 'grade',
          width: 70,
          render: (v: string | null) => <GradeTag grade={v} />,
        },
        { title: '更新时间', dataIndex: 'updatedAt', key: 'updated', width: 150, render: (v: string) => dateTime(v) },
      ]}
    />
  );
}
