// The dashboard's ECharts options, one builder per chart, from the API's DashboardView.
import { GRADE_COLOURS } from '../../app/theme';
import type { DashboardView } from '../../app/types';
import type { ChartOption } from '../../components/Chart';

const PALETTE = ['#1d4ed8', '#c2410c', '#15803d', '#7e22ce', '#0e7490', '#b91c1c', '#4d7c0f', '#a16207'];

export function gradesChart(d: DashboardView): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}个单位（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        label: { formatter: '{b} {c}' },
        data: d.grades
          .filter((g) => g.count > 0)
          .map((g) => ({ name: g.name, value: g.count, itemStyle: { color: GRADE_COLOURS[g.name] ?? '#64748b' } })),
      },
    ],
  };
}

export function rankingChart(d: DashboardView, dec: number): ChartOption {
  const top = d.ranking.slice(0, 20);
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', max: d.framework.total },
    yAxis: {
      type: 'category',
      inverse: true,
      data: top.map((r) => r.orgName),
      axisLabel: { width: 180, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: top.map((r) => ({ value: r.total, itemStyle: { color: GRADE_COLOURS[r.grade] ?? '#1d4ed8' } })),
        label: { show: true, position: 'right', formatter: (p: { value: number }) => p.value.toFixed(dec) },
        barMaxWidth: 22,
      },
    ],
  };
}

export function missedChart(d: DashboardView): ChartOption {
  return {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: d.missed.map((m) => m.name),
      axisLabel: { width: 160, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: '失分单位数',
        data: d.missed.map((m) => m.lostCount),
        itemStyle: { color: '#c2410c' },
        label: { show: true, position: 'right' },
        barMaxWidth: 20,
      },
    ],
  };
}

export function radarChart(d: DashboardView, picked: number[]): ChartOption {
  const units = d.level1.units.filter((u) => picked.includes(u.orgId));
  return {
    tooltip: {},
    legend: { bottom: 0, type: 'scroll' },
    radar: {
      indicator: d.level1.indicators.map((i) => ({ name: `${i.name}（${i.weight}）`, max: i.weight || 1 })),
      radius: '62%',
      axisName: { color: '#1f2937' },
    },
    series: [
      {
        type: 'radar',
        data: units.map((u, i) => ({
          name: u.orgName,
          value: u.scores.map((x) => x ?? 0),
          lineStyle: { color: PALETTE[i % PALETTE.length] },
          itemStyle: { color: PALETTE[i % PALETTE.length] },
        })),
      },
    ],
  };
}

export function trendChart(d: DashboardView): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: d.trend.map((t) => `${t.year}年度`) },
    yAxis: { type: 'value', min: 0, max: d.framework.total, name: '平均分' },
    series: [
      { type: 'line', data: d.trend.map((t) => t.average), label: { show: true }, itemStyle: { color: '#1d4ed8' } },
    ],
  };
}
