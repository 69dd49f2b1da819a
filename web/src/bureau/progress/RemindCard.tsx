// 催办: the units that have not started the round, when each was last reminded, and the button to remind them.
import { BellOutlined } from '@ant-design/icons';
import { App, Button, Card, Table } from 'antd';
import { useState } from 'react';
import { dateTime } from '../../app/format';
import { reviewApi } from '../../app/reviewApi';
import type { RoundProgress } from '../../app/types';

type Unit = RoundProgress['notStartedUnits'][number];

export function RemindCard({ p, onSent }: { p: RoundProgress; onSent(): void }) {
  const { message } = App.useApp();
  const [picked, setPicked] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const send = async (ids: number[]) => {
    setBusy(true);
    try {
      const r = await reviewApi.remind(p.roundId, ids);
      message.success(`已催办 ${r.sent} 个单位（${dateTime(r.at)}），单位在工作台看到通知`);
      setPicked([]);
      onSent();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      className="jx-card"
      title={`未开始填报的单位（${p.notStarted}）`}
      extra={
        <Button
          icon={<BellOutlined />}
          type="primary"
          disabled={!p.notStarted}
          loading={busy}
          onClick={() => void send(picked.length ? picked : p.notStartedUnits.map((u) => u.orgId))}
        >
          {picked.length ? `催办所选（${picked.length}）` : '全部催办'}
        </Button>
      }
    >
      <Table<Unit>
        rowKey="orgId"
        size="small"
        dataSource={p.notStartedUnits}
        rowSelection={{ selectedRowKeys: picked, onChange: (k) => setPicked(k as number[]) }}
        pagination={p.notStartedUnits.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '所有单位都已开始填报' }}
        columns={[
          { title: '单位', dataIndex: 'orgName' },
          { title: '类别', dataIndex: 'orgKindLabel', width: 120 },
          { title: '已催办', dataIndex: 'reminders', width: 80, align: 'right', render: (v: number) => `${v}次` },
          {
            title: '最近催办',
            dataIndex: 'lastRemindedAt',
            width: 170,
            render: (v: string | null) => (v ? dateTime(v) : <span className="jx-muted">未催办</span>),
          },
        ]}
      />
    </Card>
  );
}
