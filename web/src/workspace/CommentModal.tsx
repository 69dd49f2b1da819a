// The dialog asking for a reviewer's comment before a workflow action (required to return).
import { Input, Modal } from 'antd';
import { useState } from 'react';
import { ACTION_LABELS, COMMENT_REQUIRED } from '../app/format';
import type { Action } from '../app/types';

export function CommentModal({
  action,
  busy,
  onOk,
  onCancel,
}: {
  action: Action | undefined;
  busy: boolean;
  onOk(action: Action, comment: string | undefined): void;
  onCancel(): void;
}) {
  const [comment, setComment] = useState('');
  const required = Boolean(action && COMMENT_REQUIRED.has(action));
  return (
    <Modal
      open={Boolean(action)}
      title={action ? ACTION_LABELS[action] : ''}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: required && !comment.trim() }}
      onOk={() => action && onOk(action, comment.trim() || undefined)}
      onCancel={onCancel}
      afterOpenChange={(open) => open || setComment('')}
      destroyOnHidden
    >
      <label htmlFor="jx-comment" className="jx-block-label">
        {required ? '意见（必填，将告知填报单位）' : '意见（可选）'}
      </label>
      <Input.TextArea
        id="jx-comment"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        autoSize={{ minRows: 4, maxRows: 10 }}
        maxLength={5000}
        showCount
        placeholder={
          action === 'return' || action === 'leader-return' ? '例如：预算执行率的偏差原因请写具体，并补充执行数' : ''
        }
      />
    </Modal>
  );
}
