// A server-side evaluation list (ProTable-style): filters, sortable paged table, column settings, export, batch.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Table } from 'antd';
import type { BatchAction, ReviewFilters as Filters } from '../app/reviewApi';
import { reviewApi } from '../app/reviewApi';
import type { ReviewRow, SortField } from '../app/types';
import { BatchBar } from './BatchBar';
import { ColumnSettings } from './ColumnSettings';
import { needsAttention } from './attention';
import { tableColumns, useHiddenColumns } from './columns';
import { ReviewFilters } from './ReviewFilters';
import { useReviewList } from './useReviewList';

export function ReviewTable({
  initial,
  batch,
  canExport,
  showRound,
}: {
  initial: Filters;
  /** The two batch actions this role has (approve, return), or none. */
  batch?: [BatchAction, BatchAction];
  canExport: boolean;
  showRound?: boolean;
}) {
  const list = useReviewList(initial);
  const [hidden, setHidden] = useHiddenColumns();
  const f = list.filters;
  return (
    <div className="jx-review">
      <ReviewFilters list={list} showRound={showRound} />
      <div className="jx-review-tools">
        <span className="jx-muted" data-testid="review-total">
          共 {list.data?.total ?? '…'} 份
        </span>
        {batch ? <BatchBar selected={list.selected} actions={batch} onDone={list.reload} /> : null}
        <span className="jx-grow" />
        {canExport ? (
          <Button icon={<DownloadOutlined />} href={reviewApi.exportUrl(f)} download>
            导出 XLSX
          </Button>
        ) : null}
        <ColumnSettings hidden={hidden} onChange={setHidden} />
      </div>
      {list.error ? <Alert type="error" showIcon title={list.error} className="jx-alert" /> : null}
      <Table<ReviewRow>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={tableColumns(hidden, { field: f.sortField, order: f.sortOrder })}
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (needsAttention(r) ? 'jx-row-attention' : '')}
        rowSelection={
          batch ? { selectedRowKeys: list.selected, onChange: (keys) => list.setSelected(keys as number[]) } : undefined
        }
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100, 200],
          showTotal: (t, [a, b]) => `第 ${a}–${b} 项，共 ${t} 项`,
          onChange: list.paginate,
        }}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const field = s?.order ? (s.columnKey as SortField) : undefined;
          if (field !== f.sortField || (s?.order ?? undefined) !== f.sortOrder)
            list.update({ sortField: field, sortOrder: s?.order ?? undefined });
        }}
        locale={{ emptyText: '没有符合条件的评价' }}
      />
    </div>
  );
}
