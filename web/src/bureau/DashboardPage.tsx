import { Card, Col, Empty, Result, Row, Segmented, Select, Statistic, Table } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../app/api';
import { score as fmtScore, STATUS_LABELS } from '../app/format';
import { Link, setQuery, useLocation } from '../app/router';
import type { PageProps } from '../app/routes';
import { useSession } from '../app/session';
import { GRADE_COLOURS } from '../app/theme';
import type { DashboardScope, DashboardView, Status } from '../app/types';
import { Chart, type ChartOption } from '../components/Chart';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { GradeTag, StatusTag } from '../components/StatusTag';

const PALETTE = ['#1d4ed8', '#c2410c', '#15803d', '#7e22ce', '#0e7490', '#b91c1c', '#4d7c0f', '#a16207'];

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

  const d = data;
  const dec = d?.framework.decimals ?? 2;
  const charts = useMemo(() => {
    if (!d) return undefined;
    const grades: ChartOption = {
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
    const top = d.ranking.slice(0, 20);
    const ranking: ChartOption = {
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
    const missed: ChartOption = {
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
    const units = d.level1.units.filter((u) => picked.includes(u.orgId));
    const radar: ChartOption = {
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
    const trend: ChartOption = {
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: d.trend.map((t) => `${t.year}年度`) },
      yAxis: { type: 'value', min: 0, max: d.framework.total, name: '平均分' },
      series: [
        { type: 'line', data: d.trend.map((t) => t.average), label: { show: true }, itemStyle: { color: '#1d4ed8' } },
      ],
    };
    return { grades, ranking, missed, radar, trend };
  }, [d, picked, dec]);

  if (!roundId) return <Result status="info" title="本地区还没有评价轮次" />;
  const round = s.rounds.find((r) => r.id === roundId);

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
                options={[
                  { value: 'approved', label: '已通过' },
                  { value: 'submitted', label: '已报送' },
                  { value: 'all', label: '全部' },
                ]}
              />
            )}
          </div>
        }
      />
      {error ? <Result status="error" title="看板加载失败" subTitle={error} /> : null}
      {!d && !error ? <Loading /> : null}
      {d && charts ? (
        <>
          <Row gutter={[16, 16]} className="jx-stats">
            {[
              ['统计单位数', d.count, 0],
              ['平均分', d.average, dec],
              ['中位数', d.median, dec],
              ['最高分', d.max, dec],
              ['最低分', d.min, dec],
            ].map(([t, v, p]) => (
              <Col key={t as string} xs={12} md={4}>
                <Card className="jx-card">
                  <Statistic
                    title={t as string}
                    value={v === null ? '—' : (v as number)}
                    precision={v === null ? undefined : (p as number)}
                  />
                </Card>
              </Col>
            ))}
            <Col xs={24} md={4}>
              <Card className="jx-card">
                <Statistic
                  title="未开始 / 单位总数"
                  value={d.progress ? `${d.progress.notStarted} / ${d.progress.units}` : '—'}
                />
              </Card>
            </Col>
          </Row>
          {d.progress ? (
            <Card className="jx-card" size="small" title="填报进度">
              <div className="jx-progress-tags">
                {d.progress.byStatus.map((p) => (
                  <span key={p.status}>
                    <StatusTag status={p.status as Status} /> {p.count}
                  </span>
                ))}
                <span className="jx-muted">统计范围：{d.scopeLabel}</span>
              </div>
            </Card>
          ) : null}
          {d.count === 0 ? (
            <Card className="jx-card">
              <Empty
                description={`“${d.scopeLabel}”范围内还没有评价。${scope === 'approved' && !isPublic ? '可切换到“已报送”或“全部”查看。' : ''}`}
              />
            </Card>
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={8}>
                <Card className="jx-card" title="等级分布">
                  <Chart
                    option={charts.grades}
                    label={`等级分布：${d.grades.map((g) => `${g.name}${g.count}个`).join('，')}`}
                  />
                </Card>
              </Col>
              <Col xs={24} lg={16}>
                <Card className="jx-card" title="得分排名">
                  <Chart
                    option={charts.ranking}
                    height={Math.max(220, Math.min(20, d.ranking.length) * 30 + 40)}
                    label={`得分排名：${d.ranking
                      .slice(0, 10)
                      .map((r) => `${r.rank}.${r.orgName}${fmtScore(r.total, dec)}分`)
                      .join('；')}`}
                  />
                </Card>
              </Col>
              <Col span={24}>
                <Card className="jx-card" title="排名明细（含同比）">
                  <Table
                    rowKey="orgId"
                    size="small"
                    dataSource={d.ranking}
                    pagination={d.ranking.length > 20 ? { pageSize: 20 } : false}
                    columns={[
                      { title: '名次', dataIndex: 'rank', width: 70 },
                      {
                        title: '单位',
                        dataIndex: 'orgName',
                        render: (v: string, r) => {
                          const ev = s.evaluations.find((e) => e.orgId === r.orgId && e.roundId === roundId);
                          return ev ? <Link to={`/evaluations/${ev.id}`}>{v}</Link> : v;
                        },
                      },
                      {
                        title: '状态',
                        dataIndex: 'status',
                        width: 150,
                        render: (v: Status) => <StatusTag status={v} />,
                      },
                      {
                        title: '规则总分',
                        dataIndex: 'total',
                        width: 100,
                        align: 'right',
                        render: (v: number) => fmtScore(v, dec),
                      },
                      { title: '等级', dataIndex: 'grade', width: 70, render: (v: string) => <GradeTag grade={v} /> },
                      {
                        title: '上年',
                        key: 'prev',
                        width: 130,
                        render: (_, r) =>
                          r.previousTotal !== undefined ? (
                            `${r.previousYear}年度 ${fmtScore(r.previousTotal, dec)}`
                          ) : (
                            <span className="jx-muted">无上年数据</span>
                          ),
                      },
                      {
                        title: '同比',
                        dataIndex: 'change',
                        width: 90,
                        align: 'right',
                        render: (v?: number) =>
                          v === undefined ? (
                            '—'
                          ) : (
                            <span
                              className={v >= 0 ? 'jx-up' : 'jx-down'}
                            >{`${v >= 0 ? '+' : ''}${fmtScore(v, dec)}`}</span>
                          ),
                      },
                    ]}
                  />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card className="jx-card" title="失分最多的指标">
                  {d.missed.length ? (
                    <>
                      <Chart
                        option={charts.missed}
                        height={Math.max(200, d.missed.length * 30 + 40)}
                        label={`失分最多的指标：${d.missed.map((m) => `${m.name}${m.lostCount}个单位失分`).join('；')}`}
                      />
                      <Table
                        rowKey="id"
                        size="small"
                        pagination={false}
                        dataSource={d.missed}
                        columns={[
                          {
                            title: '指标',
                            dataIndex: 'name',
                            render: (v: string, m) => <span title={m.path.join(' / ')}>{v}</span>,
                          },
                          { title: '分值', dataIndex: 'weight', width: 60, align: 'right' },
                          { title: '失分单位', dataIndex: 'lostCount', width: 80, align: 'right' },
                          { title: '缺数据', dataIndex: 'incompleteCount', width: 70, align: 'right' },
                          {
                            title: '合计失分',
                            dataIndex: 'lostPoints',
                            width: 90,
                            align: 'right',
                            render: (v: number) => fmtScore(v, dec),
                          },
                          {
                            title: '平均得分',
                            dataIndex: 'averageScore',
                            width: 90,
                            align: 'right',
                            render: (v: number) => fmtScore(v, dec),
                          },
                        ]}
                      />
                    </>
                  ) : (
                    <Empty description="没有失分的指标" />
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={12}>
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
                  <Chart
                    option={charts.radar}
                    height={340}
                    label={`一级指标得分雷达图：${d.level1.units
                      .filter((u) => picked.includes(u.orgId))
                      .map(
                        (u) =>
                          `${u.orgName}${u.scores.map((x, i) => `${d.level1.indicators[i]?.name}${x ?? '无'}`).join('、')}`,
                      )
                      .join('；')}`}
                  />
                </Card>
              </Col>
              <Col span={24}>
                <Card className="jx-card" title="历年平均分（同比）">
                  {d.trend.length > 1 ? (
                    <Chart
                      option={charts.trend}
                      height={240}
                      label={`历年平均分：${d.trend.map((t) => `${t.year}年度${t.average}分（${t.count}个单位）`).join('；')}`}
                    />
                  ) : (
                    <p className="jx-muted">
                      只有 {d.trend.map((t) => `${t.year}年度`).join('、') || '本轮次'}{' '}
                      的数据，暂无可比较的往年数据；往年轮次的评价通过审核后，这里显示历年平均分和各单位同比。
                    </p>
                  )}
                </Card>
              </Col>
            </Row>
          )}
          <p className="jx-muted jx-mt">
            说明：得分均按指标框架的评分规则计算（与填报页面实时得分一致）；统计范围“{d.scopeLabel}”。状态：
            {Object.values(STATUS_LABELS).join('、')}。
          </p>
        </>
      ) : null}
    </div>
  );
}
