// Per indicator: the approved 指标值, the 自评's 指标值 and actual, and each monitoring report's 1–N月 figures.
import { Table, Tag } from 'antd';
import { LIKELIHOOD_LABELS } from '@core/cycle/labels.js';
import type { EvaluationDocument } from '../app/types';
import type { CycleView } from '../cycle/api';

type Indicators = EvaluationDocument['indicators'];
type Value = string | number | undefined;
interface Row {
  name: string;
  approved: Value;
  target: Value;
  actual: Value;
  byMonth: Record<number, Value>;
  forecast: Value;
  likelihood?: string;
}

const show = (v: Value) => (v === undefined || v === '' ? '—' : String(v));

/** The 自评's entry for an indicator: its key is the 三级 name or a path ending in it. */
function entryOf(indicators: Indicators, name: string) {
  const inds = indicators ?? {};
  const key = Object.keys(inds).find((k) => k === name || k.split('/').pop() === name);
  return key ? inds[key] : undefined;
}

export function cycleRows(cycle: CycleView, indicators: Indicators): Row[] {
  const names = [
    ...Object.keys(cycle.prefill?.indicators ?? {}),
    ...cycle.monitoring.flatMap((m) => m.indicators.map((i) => i.name)),
  ];
  return [...new Set(names)].map((name) => {
    const e = entryOf(indicators, name);
    const row: Row = {
      name,
      approved: cycle.prefill?.indicators[name]?.target,
      target: e?.target,
      actual: e?.actual,
      byMonth: {},
      forecast: undefined,
    };
    // Reports come in month order: the latest one's forecast and likelihood stand.
    for (const m of cycle.monitoring) {
      const i = m.indicators.find((x) => x.name === name);
      if (!i) continue;
      row.byMonth[m.month] = i.actualToDate;
      row.forecast = i.forecast;
      row.likelihood = i.likelihood;
    }
    return row;
  });
}

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
