// 运行监控 for a unit: a button per monitoring month the bureau set (file or open it) and the reports filed.
import { App, Button, Card, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, navigate } from '../app/router';
import { useSession } from '../app/session';
import { cycleApi, type MonitoringView } from './api';

export const pct = (v: number) => `${v.toFixed(2)}%`;

/** 落后N个百分点 where execution lags 序时进度 by more than the region's threshold. */
export function LagTag({ progress }: { progress: MonitoringView['progress'] }) {
  return progress.lagging ? <Tag color="red">落后{progress.lag.toFixed(2)}个百分点</Tag> : null;
}

export function UnitMonitoring({ year }: { year: number }) {
  const s = useSession();
  const { message } = App.useApp();
  const [mine, setMine] = useState<MonitoringView[]>();
  const [months, setMonths] = useState<number[]>([]);
  useEffect(() => {
    cycleApi.monitoring(year).then(setMine, (e: Error) => message.error(e.message));
  }, [year, message]);
  useEffect(() => {
    cycleApi.settings().then(
      (x) => setMonths(x.monitoringMonths),
      () => setMonths([6, 9]),
    );
  }, []);
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        {months.map((m) => {
          const done = mine?.find((r) => r.month === m);
          return done ? (
            <Button key={m} onClick={() => navigate(`/monitoring/${done.id}`)}>
              查看1–{m}月监控表
            </Button>
          ) : (
            <Button
              key={m}
              type="primary"
              disabled={s.me.user.role !== 'unit_filler'}
              onClick={() => navigate(`/monitoring/new?year=${year}&month=${m}`)}
            >
              填报1–{m}月监控表
            </Button>
          );
        })}
      </Space>
      <Table<MonitoringView>
        rowKey="id"
        loading={!mine}
        dataSource={mine ?? []}
        pagination={false}
        columns={[
          {
            title: '监控期',
            dataIndex: 'month',
            render: (m: number, r) => <Link to={`/monitoring/${r.id}`}>1–{m}月</Link>,
          },
          { title: '执行率', key: 'rate', render: (_, r) => pct(r.progress.rate) },
          { title: '序时进度', key: 'time', render: (_, r) => pct(r.progress.timeProgress) },
          { title: '', key: 'lag', render: (_, r) => <LagTag progress={r.progress} /> },
          { title: '督促整改', dataIndex: 'urgedNote', render: (v: string | null) => v ?? '' },
        ]}
      />
    </Card>
  );
}
