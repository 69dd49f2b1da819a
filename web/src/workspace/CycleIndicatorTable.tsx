// Per indicator: the approved 指标值, the 自评's 指标值 and actual, and each monitoring report's 1–N月 figures.
import { Table, Tag } from 'antd';
import { LIKELIHOOD_LABELS } from '@core/cycle/labels.js';
import type { CycleView } from '../cycle/api';
import { cycleRows, type Indicators, type Row, show } from './cycleRows';

export function CycleIndicatorTable({ cycle, indicators }: { cycle: CycleView; indicators: Indicators }) {
  const changed = new Set(cycle.signals.filter((s) => s.code === 'target-changed').map((s) => s.indicator));
  return (
    <Table<Row>
      className="jx-cycle-table"
      rowKey="name"
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={cycleRows(cycle, indicators)}
      columns={[
        { title: '三级指标', dataIndex: 'name', fixed: 'left' },
        { title: '批复指标值', dataIndex: 'approved', render: show },
        {
          title: '自评指标值',
          key: 'target',
          render: (_, r) =>
            changed.has(r.name) ? <Tag color="orange">{show(r.target)}（与批复不一致）</Tag> : show(r.target),
        },
        { title: '自评实际完成值', dataIndex: 'actual', render: show },
        ...cycle.monitoring.map((m) => ({
          title: `1–${m.month}月实际完成值`,
          key: `m${m.month}`,
          render: (_: unknown, r: Row) => show(r.byMonth[m.month]),
        })),
        ...(cycle.monitoring.length
          ? [
              { title: '全年预计完成值', dataIndex: 'forecast', render: show },
              {
                title: '完成目标可能性',
                key: 'likelihood',
                render: (_: unknown, r: Row) =>
                  r.likelihood ? (
                    <Tag color={r.likelihood === 'impossible' ? 'red' : r.likelihood === 'possible' ? 'gold' : 'green'}>
                      {LIKELIHOOD_LABELS[r.likelihood as keyof typeof LIKELIHOOD_LABELS] ?? r.likelihood}
                    </Tag>
                  ) : (
                    '—'
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}
