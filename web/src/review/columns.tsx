// The review list's columns (key, title, how a cell shows) and which of them a person chose to hide.
import { type TableColumnsType, Tooltip } from 'antd';
import { useState } from 'react';
import { dateTime, score } from '../app/format';
import { Link } from '../app/router';
import type { ReviewRow, SortField } from '../app/types';
import { GradeTag, StatusTag } from '../components/StatusTag';
import { bigDifference } from './attention';

export interface ReviewColumn {
  key: string;
  title: string;
  /** Always shown (the column settings cannot hide it). */
  fixed?: boolean;
  sort?: SortField;
  width?: number;
  align?: 'right';
  render(r: ReviewRow): React.ReactNode;
}

const diffText = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${score(v, 2)}`);

export const REVIEW_COLUMNS: ReviewColumn[] = [
  {
    key: 'org',
    title: '单位',
    fixed: true,
    sort: 'orgName',
    render: (r) => <Link to={`/evaluations/${r.id}`}>{r.orgName}</Link>,
  },
  { key: 'kind', title: '单位类型', width: 110, render: (r) => r.orgKindLabel },
  { key: 'round', title: '评价轮次', render: (r) => r.roundName },
  { key: 'status', title: '状态', width: 150, sort: 'status', render: (r) => <StatusTag status={r.status} /> },
  { key: 'total', title: '核定分', width: 96, align: 'right', sort: 'total', render: (r) => score(r.total, 2) },
  { key: 'grade', title: '等级', width: 72, render: (r) => <GradeTag grade={r.grade} /> },
  {
    key: 'pending',
    title: '待核实分',
    width: 150,
    align: 'right',
    sort: 'unverifiable',
    render: (r) =>
      r.unverifiable?.count ? (
        <Tooltip
          title={`${r.unverifiable.count}项指标缺少计分数据；严格口径（待核实按0分计）${score(r.strictTotal, 2)}分`}
        >
          <span className={r.gradeMayChange ? 'jx-pending jx-attention' : 'jx-pending'}>
            {score(r.unverifiable.points, 2)}（{r.unverifiable.count}项）{r.gradeMayChange ? '，可能影响等级' : ''}
          </span>
        </Tooltip>
      ) : (
        <span className="jx-muted">0</span>
      ),
  },
  {
    key: 'claimed',
    title: '自评分',
    width: 90,
    align: 'right',
    sort: 'claimed',
    render: (r) => (r.claimedTotal === null ? <span className="jx-muted">未填</span> : score(r.claimedTotal, 2)),
  },
  {
    key: 'diff',
    title: '自评−核定',
    width: 100,
    align: 'right',
    sort: 'diff',
    render: (r) => <span className={bigDifference(r.diff) ? 'jx-bad' : undefined}>{diffText(r.diff)}</span>,
  },
  { key: 'updated', title: '最后修改', width: 160, sort: 'updatedAt', render: (r) => dateTime(r.updatedAt) },
];

const STORE = 'jx-review-columns-hidden';

/** The hidden column keys, kept in this browser. */
export function useHiddenColumns() {
  const [hidden, setHidden] = useState<string[]>(() => {
    try {
      const v = JSON.parse(localStorage.getItem(STORE) ?? '[]') as unknown;
      return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
    } catch {
      return [];
    }
  });
  const set = (next: string[]) => {
    setHidden(next);
    localStorage.setItem(STORE, JSON.stringify(next));
  };
  return [hidden, set] as const;
}

export function tableColumns(
  hidden: string[],
  sort: { field?: SortField; order?: 'ascend' | 'descend' },
): TableColumnsType<ReviewRow> {
  return REVIEW_COLUMNS.filter((c) => c.fixed || !hidden.includes(c.key)).map((c) => ({
    key: c.sort ?? c.key,
    title: c.title,
    width: c.width,
    align: c.align,
    sorter: Boolean(c.sort),
    sortOrder: c.sort && sort.field === c.sort ? (sort.order ?? null) : null,
    render: (_: unknown, r: ReviewRow) => c.render(r),
  }));
}
