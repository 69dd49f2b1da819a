// 运行监控: the bureau's dashboard (units lagging 序时进度, indicators at risk, 督促整改); a unit's reports and the months to file.
import { App, Button, Card, Input, Modal, Space, Table, Tag } from 'antd';
import { InputNumber } from '../components/InputNumber';
import { useEffect, useState } from 'react';
import { Link, navigate } from '../app/router';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import { PageHeader } from '../components/PageHeader';
import { LIKELIHOOD_LABELS } from '@core/cycle/labels.js';
import { cycleApi, defaultYear, type MonitoringDashboard, type MonitoringView } from './api';

type Unit = MonitoringDashboard['units'][number];
const pct = (v: number) => `${v.toFixed(2)}%`;

export default function MonitoringPage(_: PageProps) {
  const s = useSession();
  const { message } = App.useApp();
  const bureau = s.me.user.role === 'bureau_admin' || s.me.user.role === 'bureau_reviewer';
  const [year, setYear] = useState(defaultYear(s.round?.year));
  const [dash, setDash] = useState<MonitoringDashboard>();
  const [mine, setMine] = useState<MonitoringView[]>();
  const [months, setMonths] = useState<number[]>([]);
  const [urging, setUrging] = useState<{ id: number; org: string; note: string }>();
  const load = () => {
    if (bureau) cycleApi.dashboard(year).then(setDash, (e: Error) => message.error(e.message));
    else cycleApi.monitoring(year).then(setMine, (e: Error) => message.error(e.message));
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(load, [year, bureau]);
  useEffect(() => {
    cycleApi.settings().then(
      (x) => setMonths(x.monitoringMonths),
      () => setMonths([6, 9]),
    );
  }, []);
  const urge = async () => {
    if (!urging) return;
    try {
      await cycleApi.urge(urging.id, urging.note);
      message.success(`已督促“${urging.org}”整改，并生成整改事项`);
      setUrging(undefined);
      load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const yearBox = (
    <InputNumber aria-label="年度" value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
  );
  if (!bureau)
    return (
      <>
        <PageHeader
          title="运行监控"
          sub="按财政局设定的监控期填报：1–N月实际完成值、全年预计完成值、偏差原因、完成目标可能性和纠偏措施"
          extra={yearBox}
        />
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
              {
                title: '',
                key: 'lag',
                render: (_, r) =>
                  r.progress.lagging ? <Tag color="red">落后{r.progress.lag.toFixed(2)}个百分点</Tag> : null,
              },
              { title: '督促整改', dataIndex: 'urgedNote', render: (v: string | null) => v ?? '' },
            ]}
          />
        </Card>
      </>
    );
  return (
    <>
      <PageHeader
        title="监控看板"
        sub={
          dash
            ? `预算执行率低于序时进度超过${dash.threshold}个百分点的单位标红；监控期：${dash.months.map((m) => `1–${m}月`).join('、')}`
            : undefined
        }
        extra={yearBox}
      />
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
                  <Tag color="red">落后{u.latest.progress.lag.toFixed(2)}个百分点</Tag>
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
