// The 绩效目标实现情况 table of a 绩效监控表: per indicator 1–N月实际完成值, 全年预计完成值, 可能性, 偏差原因, 纠偏措施.
import { Form, Input, Select, Space, Table } from 'antd';
import { DEVIATION_CATEGORIES, DEVIATION_CATEGORY_LABELS, LIKELIHOOD_LABELS, LIKELIHOODS } from '@core/cycle/labels.js';
import type { MonitoringDoc } from './useMonitoringForm';

const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
  keys.map((k) => ({ value: k, label: labels[k] }));

type Row = MonitoringDoc['indicators'][number] & { i: number };

/** A cell bound to the form: indicators[i].<path>. */
const input = (field: string, label: string, width: number) => (_: unknown, r: Row) => (
  <Form.Item noStyle name={['indicators', r.i, field]}>
    <Input aria-label={`${r.name}${label}`} style={{ width }} />
  </Form.Item>
);

export function MonitoringIndicators({ doc, n }: { doc: MonitoringDoc; n: number }) {
  return (
    <Table<Row>
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={doc.indicators.map((x, i) => ({ ...x, i }))}
      columns={[
        { title: '指标', dataIndex: 'name', width: 180 },
        { title: '指标值', dataIndex: 'target', width: 90 },
        { title: `1–${n}月实际完成值`, key: 'a', render: input('actualToDate', '实际完成值', 90) },
        { title: '全年预计完成值', key: 'f', render: input('forecast', '全年预计', 90) },
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
        { title: '纠偏措施', key: 'c', render: input('correction', '纠偏措施', 180) },
      ]}
    />
  );
}
