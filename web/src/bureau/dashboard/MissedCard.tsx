// 失分最多的指标: the indicators most units lost points on, as a bar chart and a table.
import { Card, Empty, Table } from 'antd';
import { useMemo } from 'react';
import { score as fmtScore } from '../../app/format';
import type { DashboardView } from '../../app/types';
import { Chart } from '../../components/Chart';
import { missedChart } from './charts';

export function MissedCard({ d, dec }: { d: DashboardView; dec: number }) {
  const option = useMemo(() => missedChart(d), [d]);
  return (
    <Card className="jx-card" title="失分最多的指标">
      {d.missed.length ? (
        <>
          <Chart
            option={option}
            height={Math.max(200, d.missed.length * 30 + 40)}
            label={`失分最多的指标：${d.missed.map((m) => `${m.name}${m.lostCount}个单位失分`).join('；')}`}
          />
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.missed}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: '指标',
                dataIndex: 'name',
                render: (v: string, m) => <span title={m.path.join(' / ')}>{v}</span>,
              },
              { title: '分值', dataIndex: 'weight', width: 60, align: 'right' },
              { title: '失分单位', dataIndex: 'lostCount', width: 80, align: 'right' },
              { title: '缺数据', dataIndex: 'incompleteCount', width: 70, align: 'right' },
              {
                title: '合计失分',
                dataIndex: 'lostPoints',
                width: 90,
                align: 'right',
                render: (v: number) => fmtScore(v, dec),
              },
              {
                title: '平均得分',
                dataIndex: 'averageScore',
                width: 90,
                align: 'right',
                render: (v: number) => fmtScore(v, dec),
              },
            ]}
          />
        </>
      ) : (
        <Empty description="没有失分的指标" />
      )}
    </Card>
  );
}
