// The list's search and filter bar: keyword, round, status, grade, unit type, 自评分 vs 核定分, reset.
import { Button, Input, Select } from 'antd';
import { InputNumber } from '../components/InputNumber';
import { STATUS_LABELS } from '../app/format';
import { useSession } from '../app/session';
import type { Status } from '../app/types';
import type { ReviewList } from './useReviewList';

const GRADES = ['优', '良', '中', '差'];

export function ReviewFilters({ list, showRound = true }: { list: ReviewList; showRound?: boolean }) {
  const s = useSession();
  const f = list.filters;
  return (
    <div className="jx-filters" role="search" aria-label="筛选评价">
      <Input.Search
        aria-label="搜索单位名称或编码"
        placeholder="搜索单位名称或编码"
        allowClear
        defaultValue={f.q}
        onChange={(e) => list.update({ q: e.target.value })}
        className="jx-filter-q"
      />
      {showRound ? (
        <Select
          aria-label="评价轮次"
          value={f.roundId ?? 0}
          onChange={(v: number) => list.update({ roundId: v || undefined })}
          options={[{ value: 0, label: '全部轮次' }, ...s.rounds.map((r) => ({ value: r.id, label: r.name }))]}
          className="jx-filter-round"
          popupMatchSelectWidth={false}
        />
      ) : null}
      <Select<Status[]>
        mode="multiple"
        aria-label="状态"
        placeholder="状态（全部）"
        value={f.status ?? []}
        onChange={(v) => list.update({ status: v })}
        options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value: value as Status, label }))}
        className="jx-filter-status"
        maxTagCount="responsive"
        allowClear
      />
      <Select<string[]>
        mode="multiple"
        aria-label="等级"
        placeholder="等级（全部）"
        value={f.grade ?? []}
        onChange={(v) => list.update({ grade: v })}
        options={GRADES.map((g) => ({ value: g, label: g }))}
        className="jx-filter-grade"
        allowClear
      />
      <Select
        aria-label="单位类型"
        value={f.orgKind ?? ''}
        onChange={(v: '' | 'unit' | 'subunit') => list.update({ orgKind: v || undefined })}
        options={[
          { value: '', label: '全部单位类型' },
          { value: 'unit', label: '部门（单位）' },
          { value: 'subunit', label: '下属单位' },
        ]}
        className="jx-filter-kind"
      />
      <label className="jx-inline-label">
        <span>自评分与核定分相差≥</span>
        <InputNumber
          aria-label="自评分与核定分相差不小于（分）"
          min={0}
          max={100}
          value={f.diffMin ?? null}
          onChange={(v) => list.update({ diffMin: v ?? undefined })}
          suffix="分"
          style={{ width: 100 }}
        />
      </label>
      <Button onClick={list.reset}>重置</Button>
    </div>
  );
}
