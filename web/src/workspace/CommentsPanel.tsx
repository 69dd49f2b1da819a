// 审核意见: the workflow comments on an evaluation, as a timeline.
import { Card, Timeline } from 'antd';
import { memo } from 'react';
import { ACTION_DONE, actionTone, dateTime } from '../app/format';
import type { Comment } from '../app/types';

export const CommentsPanel = memo(function CommentsPanel({ comments }: { comments: Comment[] }) {
  return (
    <Card id="sec-comments" title="十、审核意见与流转记录" className="jx-card jx-section">
      {comments.length === 0 ? (
        <p className="jx-muted">暂无审核意见。</p>
      ) : (
        <Timeline
          items={comments.map((c) => ({
            key: c.id,
            color: actionTone(c.action) === 'back' ? 'red' : c.action.includes('approve') ? 'green' : 'blue',
            content: (
              <div className="jx-comment">
                <div>
                  <b>{ACTION_DONE[c.action] ?? c.action}</b> · {c.author} ·{' '}
                  <span className="jx-muted">{dateTime(c.createdAt)}</span>
                </div>
                <p>{c.body}</p>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
});
