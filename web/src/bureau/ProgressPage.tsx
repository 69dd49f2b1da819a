// /rounds/:id — a round's progress: bars by status, every unit and its evaluation, 催办 for those not started.
import { Card, Row, Segmented, Table } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../app/api';
import { STATUS_ORDER } from '@core/workflow.js';
import { dateTime, isBureau, score, STATUS_LABELS } from '../app/format';
import { reviewApi } from '../app/reviewApi';
import { Link } from '../app/router';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import type { EvaluationSummary, Organisation, RoundProgress, Status } from '../app/types';
import { Loading } from '../components/Loading';
import { ExportRound } from './ExportRound';
import { PageHeader } from '../components/PageHeader';
import { GradeTag, StatusTag } from '../components/StatusTag';
import { ProgressBars } from './progress/ProgressBars';
import { RemindCard } from './progress/RemindCard';
import { Problem } from '../components/Problem';

interface Row {
  org: Organisation;
  ev?: EvaluationSummary;
}

/** A round's progress: every unit the round asks and where its evaluation stands. */
export default function ProgressPage({ params }: PageProps) {
  const s = useSession();
  const id = Number(params.id);
  const round = s.rounds.find((r) => r.id === id);
  const [evs, setEvs] = useState<EvaluationSummary[]>();
  const [filter, setFilter] = useState<'all' | 'none' | Status>('all');
  // The round's own units (评价范围), not every unit of the region.
  const [scope, setScope] = useState<Set<number>>();
  useEffect(() => {
    api.evaluations({ roundId: id }).then(setEvs, () => setEvs([]));
    api.roundUnits(id).then(
      (u) => setScope(new Set(u.filter((x) => x.active).map((x) => x.orgId))),
      () => setScope(new Set()),
    );
  }, [id, s.evaluations]);
  // Counts by status and 催办 are the bureau's (a unit gets 403 and sees the table only).
  const [progress, setProgress] = useState<RoundProgress>();
  const loadProgress = useCallback(() => {
    if (isBureau(s.me.user.role)) reviewApi.progress(id).then(setProgress, () => undefined);
  }, [id, s.me.user.role]);
  useEffect(loadProgress, [loadProgress, s.evaluations]);
  const rows = useMemo<Row[]>(
    () =>
      s.orgs
        .filter((o) => o.kind !== 'bureau' && scope?.has(o.id))
        .map((o) => ({ org: o, ev: evs?.find((e) => e.orgId === o.id) })),
    [s.orgs, evs, scope],
  );
  if (!round) return <Problem status="404" title="未找到该评价轮次，或您无权查看" />;
  if (!evs || !scope) return <Loading />;
  const count = (f: (r: Row) => boolean) => rows.filter(f).length;
  const shown = rows.filter((r) => filter === 'all' || (filter === 'none' ? !r.ev : r.ev?.status === filter));
  const options: Array<{ value: typeof filter; label: string }> = [
    { value: 'all', label: `全部 ${rows.length}` },
    { value: 'none', label: `未开始 ${count((r) => !r.ev)}` },
    ...STATUS_ORDER.map((st) => ({
      value: st,
      label: `${STATUS_LABELS[st]} ${count((r) => r.ev?.status === st)}`,
    })),
  ];
  return (
    <div className="jx-page">
      <PageHeader
        crumbs={[{ to: '/rounds', label: '评价轮次' }, { label: round.name }]}
        title={`${round.name}：各单位进度`}
        sub={`指标框架：${round.frameworkName}（第${round.frameworkVersion}版） · 截止 ${dateTime(round.deadline)}`}
        extra={<ExportRound roundId={id} count={evs.length} />}
      />
      {progress ? (
        <Card className="jx-card" title="填报进度">
          <ProgressBars p={progress} />
        </Card>
      ) : null}
      <Card className="jx-card">
        <Segmented
          aria-label="按状态筛选"
          value={filter}
          onChange={(v) => setFilter(v as typeof filter)}
          options={options}
          className="jx-mb"
        />
        <Table<Row>
          rowKey={(r) => r.org.id}
          dataSource={shown}
          pagination={shown.length > 30 ? { pageSize: 30 } : false}
          columns={[
            {
              title: '单位',
              key: 'org',
              render: (_, r) => (r.ev ? <Link to={`/evaluations/${r.ev.id}`}>{r.org.name}</Link> : r.org.name),
            },
            { title: '类别', key: 'kind', width: 120, render: (_, r) => r.org.kindLabel },
            {
              title: '状态',
              key: 'status',
              width: 160,
              render: (_, r) => (r.ev ? <StatusTag status={r.ev.status} /> : <span className="jx-muted">未开始</span>),
            },
            {
              title: '核定总分',
              key: 'total',
              width: 120,
              align: 'right',
              render: (_, r) => score(r.ev?.total, 2),
              sorter: (a, b) => (a.ev?.total ?? -1) - (b.ev?.total ?? -1),
            },
            { title: '等级', key: 'grade', width: 80, render: (_, r) => <GradeTag grade={r.ev?.grade} /> },
            { title: '最后更新', key: 'updated', width: 160, render: (_, r) => dateTime(r.ev?.updatedAt) },
            {
              title: '操作',
              key: 'ops',
              width: 100,
              render: (_, r) =>
                r.ev ? (
                  <Link to={`/evaluations/${r.ev.id}`}>{r.ev.status === 'submitted_bureau' ? '审核' : '查看'}</Link>
                ) : null,
            },
          ]}
        />
      </Card>
      {progress ? <RemindCard p={progress} onSent={loadProgress} /> : null}
    </div>
  );
}
