// 整改: a unit's items (owner, measure, due date, status, evidence, outcome) and the bureau's view of the region's.
import { App, Button, Card, Table } from 'antd';
import { InputNumber } from '../components/InputNumber';
import { useEffect, useState } from 'react';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import { PageHeader } from '../components/PageHeader';
import { cycleApi, defaultYear, type RectificationView } from './api';
import { DueCell, StatusCell } from './RectificationCells';
import { RectificationEditModal } from './RectificationEditModal';

export default function RectificationPage(_: PageProps) {
  const s = useSession();
  const { message } = App.useApp();
  const [year, setYear] = useState(defaultYear(s.round?.year));
  const [rows, setRows] = useState<RectificationView[]>();
  const [editing, setEditing] = useState<RectificationView>();
  const load = () => cycleApi.rectification(year).then(setRows, (e: Error) => message.error(e.message));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => void load(), [year]);
  return (
    <>
      <PageHeader
        title="整改"
        sub="自评报告所列问题、财政局确认的核查问题和运行监控督促的事项：责任人、措施、期限、佐证和结果；下一年度自评时列出未完成的事项"
        extra={<InputNumber aria-label="年度" value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />}
      />
      <Card>
        <Table<RectificationView>
          rowKey="id"
          loading={!rows}
          dataSource={rows ?? []}
          pagination={false}
          locale={{ emptyText: `${year}年度暂无整改事项` }}
          columns={[
            { title: '单位', dataIndex: 'orgName', width: 160 },
            { title: '来源', dataIndex: 'sourceLabel', width: 140 },
            { title: '问题', dataIndex: 'problem' },
            { title: '责任人', dataIndex: 'owner', width: 110 },
            { title: '期限', dataIndex: 'due', width: 110, render: (_, r) => <DueCell item={r} /> },
            { title: '状态', dataIndex: 'statusLabel', width: 90, render: (_, r) => <StatusCell item={r} /> },
            {
              title: '',
              key: 'op',
              width: 80,
              render: (_, r) => (
                <Button size="small" onClick={() => setEditing(r)}>
                  办理
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <RectificationEditModal
        item={editing}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          void load();
        }}
      />
    </>
  );
}
