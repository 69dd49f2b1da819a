// The bureau's 监控看板: units lagging 序时进度, months not reported, indicators at risk, and 督促整改.
import { App, Button, Card, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { LIKELIHOOD_LABELS } from '@core/cycle/labels.js';
import { Link } from '../app/router';
import { cycleApi, type MonitoringDashboard } from './api';
import { LagTag, pct } from './UnitMonitoring';

type Unit = MonitoringDashboard['units'][number];

export function MonitoringDashboardView({
  dash,
  reload,
}: {
  dash: MonitoringDashboard | undefined;
  reload: () => void;
}) {
  const { message } = App.useApp();
  const [urging, setUrging] = useState<{ id: number; org: string; note: string }>();
  const urge = async () => {
    if (!urging) return;
    try {
      await cycleApi.urge(urging.id, urging.note);
      message.success(`已督促“${urging.org}”整改，并生成整改事项`);
      setUrging(undefined);
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <Card>
        <Table<Unit>
          rowKey="orgId"
          loading={!dash}
          dataSource={dash?.units ?? []}
          pagination={false}
          columns={[
            { title: '单位', dataIndex: 'orgName' },
            { title: '已报送', dataIndex: 'reported', render: (v: number[]) => v.map((m) => `1–${m}月`).join('、') },
            {
              title: '未报送',
              dataIndex: 'missing',
              render: (v: number[]) =>
                v.map((m) => (
                  <Tag key={m} color="orange">
                    1–{m}月
                  </Tag>
                )),
            },
            {
              title: '执行率/序时进度',
              key: 'p',
              render: (_, u) =>
                u.latest ? `${pct(u.latest.progress.rate)} / ${pct(u.latest.progress.timeProgress)}` : '',
            },
            {
              title: '执行进度',
              key: 'lag',
              render: (_, u) =>
                u.latest?.progress.lagging ? (
                  <LagTag progress={u.latest.progress} />
                ) : u.latest ? (
                  <Tag color="green">正常</Tag>
                ) : null,
            },
            {
              title: '完成目标有风险的指标',
              dataIndex: 'atRisk',
              render: (v: Unit['atRisk']) =>
                v.map((r) => (
                  <Tag key={r.name} color={r.likelihood === 'impossible' ? 'red' : 'gold'}>
                    {r.name}（{LIKELIHOOD_LABELS[r.likelihood as keyof typeof LIKELIHOOD_LABELS]}）
                  </Tag>
                )),
            },
            {
              title: '',
              key: 'op',
              render: (_, u) =>
                u.latest ? (
                  <Space>
                    <Link to={`/monitoring/${u.latest.id}`}>查看</Link>
                    {u.latest.urgedAt ? (
                      <Tag>已督促</Tag>
                    ) : (
                      <Button size="small" onClick={() => setUrging({ id: u.latest!.id, org: u.orgName, note: '' })}>
                        督促整改
                      </Button>
                    )}
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        title={`督促整改：${urging?.org ?? ''}`}
        open={!!urging}
        onOk={urge}
        onCancel={() => setUrging(undefined)}
        okText="督促整改"
      >
        <Input.TextArea
          aria-label="督促内容"
          value={urging?.note}
          onChange={(e) => urging && setUrging({ ...urging, note: e.target.value })}
          placeholder="如：预算执行落后序时进度，请加快支出"
        />
      </Modal>
    </>
  );
}
