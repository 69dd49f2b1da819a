// An ECharts chart, described for screen readers; ECharts itself (~190 KB gz) loads after the page shows.
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import { FONT_FAMILY } from '../app/theme';

export type ChartOption = EChartsCoreOption;

/** One load shared by every chart on the page. */
let loading: Promise<typeof import('./echarts')> | undefined;
const load = () => (loading ??= import('./echarts'));

export function Chart({ option, height = 300, label }: { option: ChartOption; height?: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType>();
  useEffect(() => {
    const el = ref.current!;
    let c: EChartsType | undefined;
    let ro: ResizeObserver | undefined;
    let alive = true;
    void load().then(({ echarts }) => {
      if (!alive) return;
      c = echarts.init(el, undefined, { renderer: 'canvas' });
      ro = new ResizeObserver(() => c?.resize());
      ro.observe(el);
      setChart(c);
    });
    return () => {
      alive = false;
      ro?.disconnect();
      c?.dispose();
    };
  }, []);
  useEffect(() => {
    chart?.setOption(
      { textStyle: { fontFamily: FONT_FAMILY }, aria: { enabled: true }, animationDuration: 300, ...option },
      true,
    );
  }, [chart, option]);
  return <div ref={ref} style={{ height, width: '100%' }} role="img" aria-label={label} className="jx-chart" />;
}
