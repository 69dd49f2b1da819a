// 各单位一级指标得分: a radar of the picked units' level-1 scores (up to six).
import { Card, Select } from 'antd';
import { useMemo } from 'react';
import type { DashboardView } from '../../app/types';
import { Chart } from '../../components/Chart';
import { radarChart } from './charts';

export function Level1Card({
  d,
  picked,
  setPicked,
}: {
  d: DashboardView;
  picked: number[];
  setPicked(v: number[]): void;
}) {
  const option = useMemo(() => radarChart(d, picked), [d, picked]);
  const label = d.level1.units
    .filter((u) => picked.includes(u.orgId))
    .map((u) => `${u.orgName}${u.scores.map((x, i) => `${d.level1.indicators[i]?.name}${x ?? '无'}`).join('、')}`)
    .join('；');
  return (
    <Card
      className="jx-card"
      title="各单位一级指标得分"
      extra={
        <Select
          mode="multiple"
          aria-label="选择对比的单位（最多6个）"
          value={picked}
          maxCount={6}
          style={{ minWidth: 240, maxWidth: 420 }}
          placeholder="选择单位"
          onChange={setPicked}
          options={d.level1.units.map((u) => ({ value: u.orgId, label: u.orgName }))}
        />
      }
    >
      <Chart option={option} height={340} label={`一级指标得分雷达图：${label}`} />
    </Card>
  );
}
