// 运行监控: the bureau's dashboard (units lagging 序时进度, indicators at risk, 督促整改); a unit's reports and the months to file.
import { isBureauStaffRole } from '@core/workflow.js';
import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import { InputNumber } from '../components/InputNumber';
import { PageHeader } from '../components/PageHeader';
import { cycleApi, defaultYear, type MonitoringDashboard } from './api';
import { MonitoringDashboardView } from './MonitoringDashboardView';
import { UnitMonitoring } from './UnitMonitoring';

export default function MonitoringPage(_: PageProps) {
  const s = useSession();
  const { message } = App.useApp();
  const bureau = isBureauStaffRole(s.me.user.role);
  const [year, setYear] = useState(defaultYear(s.round?.year));
  const [dash, setDash] = useState<MonitoringDashboard>();
  const load = useCallback(() => {
    if (bureau) cycleApi.dashboard(year).then(setDash, (e: Error) => message.error(e.message));
  }, [bureau, year, message]);
  useEffect(load, [load]);
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
        <UnitMonitoring year={year} />
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
      <MonitoringDashboardView dash={dash} reload={load} />
    </>
  );
}
