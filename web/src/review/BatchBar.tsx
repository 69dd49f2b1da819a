// Batch approve / return of the selected evaluations with one comment, and each one's result.
import { Alert, App, Button, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { WORKFLOW } from '@core/workflow.js';
import type { BatchAction } from '../app/reviewApi';
import { reviewApi } from '../app/reviewApi';
import type { BatchResult } from '../app/types';

const LABEL: Record<BatchAction, string> = {
  approve: '批量审核通过',
  return: '批量退回修改',
  'leader-approve': '批量审核通过',
  'leader-return': '批量退回修改',
};
// From the workflow's one table: a backward step is the danger button and needs a comment.
const isReturn = (a: BatchAction) => WORKFLOW[a].tone === 'back';
const needsComment = (a: BatchAction) => WORKFLOW[a].comment === 'required';

export function BatchBar({
  selected,
  actions,
  onDone,
}: {
  selected: number[];
  actions: [BatchAction, BatchAction];
  onDone(): void;
}) {
  const { message } = App.useApp();
  const [action, setAction] = useState<BatchAction>();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BatchResult>();
  const run = async () => {
    if (!action) return;
    setBusy(true);
    try {
      const r = await reviewApi.batch(action, selected, comment.trim() || undefined);
      setResult(r);
      setAction(undefined);
      setComment('');
      onDone();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="jx-batch-bar" aria-live="polite">
      <span>已选 {selected.length} 项</span>
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a}
            type={isReturn(a) ? 'default' : 'primary'}
            danger={isReturn(a)}
            disabled={!selected.length}
            onClick={() => setAction(a)}
          >
            {LABEL[a]}
          </Button>
        ))}
      </Space>
      <Modal
        open={Boolean(action)}
        title={action ? `${LABEL[action]}（${selected.length}份）` : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ disabled: Boolean(action && needsComment(action) && !comment.trim()) }}
        onOk={() => void run()}
        onCancel={() => setAction(undefined)}
        destroyOnHidden
      >
        <label htmlFor="jx-batch-comment" className="jx-block-label">
          {action && needsComment(action) ? '退回意见（必填，同一条意见告知每个单位）' : '审核意见（可选）'}
        </label>
        <Input.TextArea
          id="jx-batch-comment"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={5000}
        />
      </Modal>
      <Modal open={Boolean(result)} title="批量处理结果" footer={null} onCancel={() => setResult(undefined)}>
        {result ? (
          <>
            <Alert
              type={result.failed ? 'warning' : 'success'}
              showIcon
              title={`成功 ${result.succeeded} 份${result.failed ? `，未成功 ${result.failed} 份` : ''}`}
            />
            <ul className="jx-batch-results" data-testid="batch-results">
              {result.results.map((r) => (
                <li key={r.id} className={r.ok ? 'jx-ok' : 'jx-bad'}>
                  {r.orgName ?? `评价 ${r.id}`}：{r.ok ? `已处理，当前状态“${r.statusLabel}”` : r.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Modal>
    </div>
  );
}
