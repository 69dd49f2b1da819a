// /dashboard — the region's dashboard for one round and scope (approved, submitted, all).
import { Segmented, Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../app/api';
import { score as fmtScore, STATUS_LABELS } from '../app/format';
import { type PageProps, setQuery, useLocation } from '../app/router';
import { useSession } from '../app/session';
import type { DashboardScope, DashboardView } from '../app/types';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { DashboardBody } from './dashboard/DashboardBody';
import { StatsRow } from './dashboard/StatsRow';
import { Problem } from '../components/Problem';

const SCOPES: Array<{ value: DashboardScope; label: string }> = [
  { value: 'approved', label: '已通过' },
  { value: 'submitted', label: '已报送' },
  { value: 'all', label: '全部' },
];

export default function DashboardPage(_: PageProps) {
  const s = useSession();
  const loc = useLocation();
  const roundId = Number(loc.query.get('round')) || s.roundId;
  // The public sees approved evaluations only: no scope to switch (the other scopes would always be empty).
  const isPublic = s.me.user.role === 'public';
  const [scope, setScope] = useState<DashboardScope>(
    isPublic ? 'approved' : (loc.query.get('scope') as DashboardScope) || 'approved',
  );
  const [data, setData] = useState<DashboardView>();
  const [error, setError] = useState<string>();
  const [picked, setPicked] = useState<number[]>([]);

  useEffect(() => {
    if (!roundId) return;
    setData(undefined);
    setError(undefined);
    api.dashboard(roundId, scope).then(
      (d) => {
        setData(d);
        setPicked(d.level1.units.slice(0, 3).map((u) => u.orgId));
      },
      (e: Error) => setError(e.message),
    );
  }, [roundId, scope, s.evaluations]);

  if (!roundId) return <Problem status="info" title="本地区还没有评价轮次" />;
  const round = s.rounds.find((r) => r.id === roundId);
  const d = data;
  const dec = d?.framework.decimals ?? 2;
  return (
    <div className="jx-page">
      <PageHeader
        title="地区看板"
        sub={round ? `${round.name} · ${round.frameworkName}（第${round.frameworkVersion}版）` : ''}
        extra={
          <div className="jx-page-tools">
            <label className="jx-inline-label">
              <span>评价轮次</span>
              <Select
                aria-label="看板的评价轮次"
                value={roundId}
                style={{ minWidth: 260 }}
                onChange={(v: number) => {
                  s.setRoundId(v);
                  setQuery('round', String(v));
                }}
                options={s.rounds.map((r) => ({ value: r.id, label: r.name }))}
              />
            </label>
            {isPublic ? null : (
              <Segmented
                aria-label="统计范围"
                value={scope}
                onChange={(v) => {
                  setScope(v as DashboardScope);
                  setQuery('scope', v as string);
                }}
                options={SCOPES}
              />
            )}
          </div>
        }
      />
      {error ? <Problem status="error" title="看板加载失败" subTitle={error} /> : null}
      {!d && !error ? <Loading /> : null}
      {d ? (
        <>
          <StatsRow d={d} dec={dec} />
          <DashboardBody d={d} dec={dec} scope={scope} roundId={roundId} picked={picked} setPicked={setPicked} />
          <p className="jx-muted jx-mt">
            说明：核定总分按指标框架的评分规则计算（与填报页面实时得分一致），缺少计分数据的指标暂按自评得分计入并标为待核实
            {d.unverifiable.units
              ? `（${d.unverifiable.units}个单位共${fmtScore(d.unverifiable.points, dec)}分待核实，其中${d.unverifiable.gradeMayChange}个可能影响等级）`
              : ''}
            ；统计范围“{d.scopeLabel}”。状态：
            {Object.values(STATUS_LABELS).join('、')}。
          </p>
        </>
      ) : null}
    </div>
  );
}
