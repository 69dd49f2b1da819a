// One 绩效监控表 (1–N月): monthly execution against 序时进度, and per indicator the actuals, forecast, 偏差原因, likelihood, 纠偏措施.
import { App, Alert, Button, Card, Form, Input, Select, Space, Table } from 'antd';
import { InputNumber } from '../components/InputNumber';
import { useEffect, useState } from 'react';
import { DEVIATION_CATEGORIES, DEVIATION_CATEGORY_LABELS, LIKELIHOOD_LABELS, LIKELIHOODS } from '@core/cycle/labels.js';
import { navigate, useLocation } from '../app/router';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { cycleApi, type MonitoringReport, type MonitoringView } from './api';
import { Findings } from './Findings';

type Doc = Pick<MonitoringReport, 'budget' | 'indicators'>;
const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
  keys.map((k) => ({ value: k, label: labels[k] }));

/** A new report starts from the unit's approved targets: their indicators and 指标值, the budget total. */
async function blank(year: number, month: number, orgId: number): Promise<Doc> {
  const list = await cycleApi.targets(year);
  const mine = list.find((t) => t.orgId === orgId && t.status === 'approved');
  const set = mine ? (await cycleApi.target(mine.id)).approved?.set : undefined;
  return {
    budget: { total: set?.budget.total ?? 0, monthly: Array.from({ length: month }, () => 0) },
    indicators: (set?.indicators ?? []).map((i) => ({
      name: i.name,
      ...(i.target !== undefined && { target: i.target }),
      likelihood: 'certain' as const,
    })),
  };
}

/** Empty cells are not sent: a 偏差原因 with text but no category is 其他. */
function clean(d: Doc): Doc {
  const blank = (v: unknown) => v === undefined || v === null || v === '';
  return {
    ...d,
    indicators: d.indicators.map((i) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(i)) if (!blank(v) && k !== 'deviation') out[k] = v;
      const dv = i.deviation;
      if (dv && (!blank(dv.category) || !blank(dv.text)))
        out.deviation = { category: dv.category ?? 'other', ...(!blank(dv.text) && { text: dv.text }) };
      return out as Doc['indicators'][number];
    }),
  };
}

export default function MonitoringFormPage({ params }: PageProps) {
  const s = useSession();
  const loc = useLocation();
  const { message } = App.useApp();
  const isNew = params.id === 'new';
  const year = Number(loc.query.get('year')) || (s.round?.year ?? new Date().getFullYear());
  const month = Number(loc.query.get('month')) || 6;
  const [view, setView] = useState<MonitoringView>();
  const [doc, setDoc] = useState<Doc>();
  const [form] = Form.useForm<Doc>();
  useEffect(() => {
    const show = (d: Doc) => (setDoc(d), form.setFieldsValue(d));
    if (isNew) blank(year, month, s.me.organisation.id).then(show, (e: Error) => message.error(e.message));
    else
      cycleApi.monitoringOne(Number(params.id)).then(
        (v) => (setView(v), show(v.document)),
        (e: Error) => message.error(e.message),
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params.id]);
  if (!doc) return <Loading />;
  const editable = s.me.user.role === 'unit_filler' && (isNew || view?.orgId === s.me.organisation.id);
  const n = view?.month ?? month;
  const save = async () => {
    const d = clean(form.getFieldsValue(true) as Doc);
    try {
      const v = view
        ? await cycleApi.saveMonitoring(view.id, view.version, d)
        : await cycleApi.createMonitoring(year, month, d);
      setView(v);
      message.success('已保存');
      if (isNew) navigate(`/monitoring/${v.id}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const p = view?.progress;
  return (
    <>
      <PageHeader
        title={`${view?.orgName ?? s.me.organisation.name} ${view?.year ?? year}年1–${n}月绩效监控表`}
        crumbs={[{ to: '/monitoring', label: '运行监控' }, { label: `1–${n}月` }]}
        extra={
          editable ? (
            <Button type="primary" onClick={save}>
              {isNew ? '填报' : '保存'}
            </Button>
          ) : null
        }
      />
      {p ? (
        <Alert
          type={p.lagging ? 'error' : 'success'}
          showIcon
          className="jx-alert"
          title={`预算执行率${p.rate.toFixed(2)}%，序时进度${p.timeProgress.toFixed(2)}%${p.lag > 0 ? `，落后${p.lag.toFixed(2)}个百分点` : ''}${p.lagging ? `（超过财政局设定的${view!.threshold}个百分点）` : ''}`}
          description={view?.urgedNote ? `财政局督促整改：${view.urgedNote}` : undefined}
        />
      ) : null}
      {view ? (
        <Card title="检查" size="small" className="jx-card">
          <Findings findings={view.findings} />
        </Card>
      ) : null}
      <Form form={form} disabled={!editable} layout="vertical">
        <Card title="预算执行（万元）" size="small" className="jx-card">
          <Space wrap>
            <Form.Item name={['budget', 'total']} label="全年预算数">
              <InputNumber min={0} precision={2} />
            </Form.Item>
            {Array.from({ length: n }, (_, i) => (
              <Form.Item key={i} name={['budget', 'monthly', i]} label={`${i + 1}月执行数`}>
                <InputNumber min={0} precision={2} style={{ width: 110 }} />
              </Form.Item>
            ))}
          </Space>
        </Card>
        <Card title="绩效目标实现情况" size="small" className="jx-card">
          <Table
            rowKey="name"
            size="small"
            pagination={false}
            dataSource={doc.indicators.map((x, i) => ({ ...x, i }))}
            columns={[
              { title: '指标', dataIndex: 'name', width: 180 },
              { title: '指标值', dataIndex: 'target', width: 90 },
              {
                title: `1–${n}月实际完成值`,
                key: 'a',
                render: (_, r) => (
                  <Form.Item noStyle name={['indicators', r.i, 'actualToDate']}>
                    <Input aria-label={`${r.name}实际完成值`} style={{ width: 90 }} />
                  </Form.Item>
                ),
              },
              {
                title: '全年预计完成值',
                key: 'f',
                render: (_, r) => (
                  <Form.Item noStyle name={['indicators', r.i, 'forecast']}>
                    <Input aria-label={`${r.name}全年预计`} style={{ width: 90 }} />
                  </Form.Item>
                ),
              },
              {
                title: '完成目标可能性',
                key: 'l',
                render: (_, r) => (
                  <Form.Item noStyle name={['indicators', r.i, 'likelihood']}>
                    <Select
                      aria-label={`${r.name}可能性`}
                      style={{ width: 120 }}
                      options={opts(LIKELIHOODS, LIKELIHOOD_LABELS)}
                    />
                  </Form.Item>
                ),
              },
              {
                title: '偏差原因',
                key: 'd',
                render: (_, r) => (
                  <Space.Compact>
                    <Form.Item noStyle name={['indicators', r.i, 'deviation', 'category']}>
                      <Select
                        aria-label={`${r.name}偏差原因类别`}
                        allowClear
                        style={{ width: 120 }}
                        options={opts(DEVIATION_CATEGORIES, DEVIATION_CATEGORY_LABELS)}
                      />
                    </Form.Item>
                    <Form.Item noStyle name={['indicators', r.i, 'deviation', 'text']}>
                      <Input aria-label={`${r.name}偏差原因`} style={{ width: 180 }} />
                    </Form.Item>
                  </Space.Compact>
                ),
              },
              {
                title: '纠偏措施',
                key: 'c',
                render: (_, r) => (
                  <Form.Item noStyle name={['indicators', r.i, 'correction']}>
                    <Input aria-label={`${r.name}纠偏措施`} style={{ width: 180 }} />
                  </Form.Item>
                ),
              },
            ]}
          />
        </Card>
      </Form>
    </>
  );
}
