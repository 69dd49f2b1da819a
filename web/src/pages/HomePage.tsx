import { ArrowRightOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Statistic, Table } from 'antd';
import { useMemo } from 'react';
import { date, dateTime, isBureau, score, STATUS_LABELS } from '../app/format';
import { Link, navigate } from '../app/router';
import type { PageProps } from '../app/routes';
import { useSession } from '../app/session';
import { todos } from '../app/todo';
import type { EvaluationSummary, Status } from '../app/types';
import { StartEvaluation } from '../workspace/StartEvaluation';
import { PageHeader } from '../components/PageHeader';
import { GradeTag, StatusTag } from '../components/StatusTag';

const KIND_LABEL = {
  start: '待填报',
  fill: '填报中',
  fix: '已退回',
  'leader-review': '待审核',
  'bureau-review': '待审核',
} as const;

export default function HomePage(_: PageProps) {
  const s = useSession();
  const list = useMemo(() => todos(s.me, s.rounds, s.evaluations), [s.me, s.rounds, s.evaluations]);
  const role = s.me.user.role;
  const round = s.round;
  const inRound = s.evaluations.filter((e) => e.roundId === round?.id);
  const units = s.orgs.filter((o) => o.kind !== 'bureau');
  const counts = (st: Status[]) => inRound.filter((e) => st.includes(e.status)).length;
  const mine = s.evaluations.filter((e) => e.orgId === s.me.organisation.id);

  return (
    <div className="jx-page">
      <PageHeader
        title="工作台"
        sub={`${s.me.user.displayName}，您好。${s.me.organisation.name} · ${s.me.user.roleLabel}`}
        extra={round ? <span className="jx-muted">当前轮次：{round.name}</span> : null}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={<span>待办事项（{list.length}）</span>} className="jx-card" id="todo">
            {list.length === 0 ? (
              <Empty description={role === 'public' ? '公众账号只能查看已公开的评价结果' : '暂无需要您处理的事项'} />
            ) : (
              <ul className="jx-todo" aria-label="待办事项">
                {list.map((t) => (
                  <li key={t.key} className={`jx-todo-item jx-todo-${t.kind}`}>
                    <div className="jx-todo-main">
                      <span className="jx-todo-kind">{KIND_LABEL[t.kind]}</span>
                      <div>
                        <div className="jx-todo-title">{t.title}</div>
                        <div className="jx-muted">
                          {t.detail}
                          {t.deadline ? (
                            <span>
                              {' '}
                              · <ClockCircleOutlined aria-hidden /> 截止 {date(t.deadline)}
                            </span>
                          ) : null}
                        </div>
                      </div>
                    </div>
                    {t.kind === 'start' ? (
                      <StartEvaluation roundId={t.roundId} />
                    ) : (
                      <Button
                        type={t.kind === 'fill' ? 'default' : 'primary'}
                        onClick={() => navigate(`/evaluations/${t.evaluationId}`)}
                        aria-label={`${t.title}：去处理`}
                      >
                        去处理 <ArrowRightOutlined aria-hidden />
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          {round ? (
            <Card title="当前评价轮次" className="jx-card">
              <dl className="jx-dl">
                <dt>名称</dt>
                <dd>{round.name}</dd>
                <dt>指标框架</dt>
                <dd>
                  <Link to={`/frameworks/${round.frameworkVersionId}`}>
                    {round.frameworkName}（第{round.frameworkVersion}版）
                  </Link>
                </dd>
                <dt>截止时间</dt>
                <dd>{dateTime(round.deadline)}</dd>
              </dl>
              {isBureau(role) ? (
                <Row gutter={12} className="jx-stats">
                  <Col span={6}>
                    <Statistic title="单位数" value={units.length} />
                  </Col>
                  <Col span={6}>
                    <Statistic title="未开始" value={Math.max(0, units.length - inRound.length)} />
                  </Col>
                  <Col span={6}>
                    <Statistic title="待审核" value={counts(['submitted_bureau'])} />
                  </Col>
                  <Col span={6}>
                    <Statistic title="已通过" value={counts(['approved', 'locked'])} />
                  </Col>
                </Row>
              ) : null}
              {isBureau(role) ? <Button onClick={() => navigate(`/rounds/${round.id}`)}>查看各单位进度</Button> : null}
            </Card>
          ) : (
            <Card className="jx-card">
              <Empty description={role === 'bureau_admin' ? '还没有评价轮次' : '本地区还没有评价轮次'}>
                {role === 'bureau_admin' ? (
                  <Button type="primary" onClick={() => navigate('/rounds?new=1')}>
                    新建评价轮次
                  </Button>
                ) : null}
              </Empty>
            </Card>
          )}
        </Col>
        {role === 'unit_filler' || role === 'unit_leader' ? (
          <Col span={24}>
            <Card title="本单位的自评" className="jx-card">
              <EvaluationTable rows={mine} decimals={2} />
            </Card>
          </Col>
        ) : null}
      </Row>
    </div>
  );
}

export function EvaluationTable({
  rows,
  decimals,
  showUnit = false,
}: {
  rows: EvaluationSummary[];
  decimals: number;
  showUnit?: boolean;
}) {
  return (
    <Table<EvaluationSummary>
      size="middle"
      rowKey="id"
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: '暂无评价' }}
      columns={[
        ...(showUnit
          ? [
              {
                title: '单位',
                dataIndex: 'orgName',
                key: 'org',
                render: (v: string, r: EvaluationSummary) => <Link to={`/evaluations/${r.id}`}>{v}</Link>,
              },
            ]
          : []),
        {
          title: '评价轮次',
          dataIndex: 'roundName',
          key: 'round',
          render: (v: string, r: EvaluationSummary) => (showUnit ? v : <Link to={`/evaluations/${r.id}`}>{v}</Link>),
        },
        { title: '年度', dataIndex: 'year', key: 'year', width: 80 },
        {
          title: '状态',
          dataIndex: 'status',
          key: 'status',
          width: 150,
          render: (v: Status) => <StatusTag status={v} />,
          filters: Object.entries(STATUS_LABELS).map(([value, text]) => ({ value, text })),
          onFilter: (v, r) => r.status === v,
        },
        {
          title: '规则总分',
          dataIndex: 'total',
          key: 'total',
          width: 100,
          align: 'right' as const,
          render: (v: number | null) => score(v, decimals),
          sorter: (a, b) => (a.total ?? -1) - (b.total ?? -1),
        },
        {
          title: '等级',
          dataIndex: 'grade',
          key: 'grade',
          width: 70,
          render: (v: string | null) => <GradeTag grade={v} />,
        },
        { title: '更新时间', dataIndex: 'updatedAt', key: 'updated', width: 150, render: (v: string) => dateTime(v) },
      ]}
    />
  );
}
