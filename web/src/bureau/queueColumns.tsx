// Columns of the review queue: 自评分, 核定分, 待核实分 and the difference, sortable, large differences highlighted.
import { POINT_KIND_HELP } from '@core/verification.js';
import { Tooltip } from 'antd';
import { dateTime, score } from '../app/format';
import { Link } from '../app/router';
import type { EvaluationSummary } from '../app/types';
import { GradeTag, StatusTag } from '../components/StatusTag';

/** 核定分 − 自评分, or undefined where either is missing. */
export const difference = (r: EvaluationSummary): number | undefined =>
  r.total === null || r.claimedTotal === null ? undefined : Math.round((r.total - r.claimedTotal) * 100) / 100;

/** A reviewer looks here first: the rules moved the score by a point or more, or 待核实 may move the grade. */
export const needsAttention = (r: EvaluationSummary): boolean =>
  Math.abs(difference(r) ?? 0) >= 1 || r.gradeMayChange === true;

const byNumber =
  (f: (r: EvaluationSummary) => number | null | undefined) => (a: EvaluationSummary, b: EvaluationSummary) =>
    (f(a) ?? -Infinity) - (f(b) ?? -Infinity);

const num = { width: 96, align: 'right' as const };

export function queueColumns() {
  return [
    {
      title: '单位',
      dataIndex: 'orgName',
      key: 'org',
      sorter: (a: EvaluationSummary, b: EvaluationSummary) => a.orgName.localeCompare(b.orgName, 'zh-CN'),
      render: (v: string, r: EvaluationSummary) => <Link to={`/evaluations/${r.id}`}>{v}</Link>,
    },
    { title: '评价轮次', dataIndex: 'roundName', key: 'round' },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 150,
      render: (v: EvaluationSummary['status']) => <StatusTag status={v} />,
    },
    {
      title: '自评分',
      dataIndex: 'claimedTotal',
      key: 'claimed',
      ...num,
      sorter: byNumber((r) => r.claimedTotal),
      render: (v: number | null) => score(v, 2),
    },
    {
      title: '核定分',
      dataIndex: 'total',
      key: 'total',
      ...num,
      sorter: byNumber((r) => r.total),
      render: (v: number | null, r: EvaluationSummary) => (
        <span data-testid="queue-total">
          {score(v, 2)} <GradeTag grade={r.grade} />
        </span>
      ),
    },
    {
      title: <Tooltip title={POINT_KIND_HELP.unverifiable}>待核实分</Tooltip>,
      key: 'pending',
      ...num,
      sorter: byNumber((r) => r.unverifiable?.points),
      render: (_: unknown, r: EvaluationSummary) =>
        r.unverifiable?.count ? (
          <Tooltip
            title={`${r.unverifiable.count}项指标缺少计分数据；严格口径（待核实按0分计）${score(r.strictTotal, 2)}分`}
          >
            <span className={r.gradeMayChange ? 'jx-pending jx-attention' : 'jx-pending'}>
              {score(r.unverifiable.points, 2)}（{r.unverifiable.count}项）
              {r.gradeMayChange ? '，可能影响等级' : ''}
            </span>
          </Tooltip>
        ) : (
          <span className="jx-muted">0</span>
        ),
    },
    {
      title: '差额',
      key: 'diff',
      ...num,
      sorter: byNumber((r) => (difference(r) === undefined ? undefined : Math.abs(difference(r)!))),
      render: (_: unknown, r: EvaluationSummary) => {
        const d = difference(r);
        if (d === undefined) return <span className="jx-muted">—</span>;
        const text = d === 0 ? '0' : `${d > 0 ? '+' : '−'}${score(Math.abs(d), 2)}`;
        return <span className={Math.abs(d) >= 1 ? 'jx-attention' : undefined}>{text}</span>;
      },
    },
    {
      title: '报送时间',
      dataIndex: 'updatedAt',
      key: 'updated',
      width: 150,
      sorter: (a: EvaluationSummary, b: EvaluationSummary) => a.updatedAt.localeCompare(b.updatedAt),
      render: (v: string) => dateTime(v),
    },
    {
      title: '操作',
      key: 'ops',
      width: 80,
      render: (_: unknown, r: EvaluationSummary) => <Link to={`/evaluations/${r.id}`}>审核</Link>,
    },
  ];
}
