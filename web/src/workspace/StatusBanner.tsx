// The workflow steps of an evaluation and the notices above its form (returned, read-only, orphaned local edits).
import { Alert, Button, Steps } from 'antd';
import { actionTone, dateTime } from '../app/format';
import { useSession } from '../app/session';
import type { EvaluationDetail } from '../app/types';

const STEP_OF: Record<string, number> = {
  draft: 0,
  returned: 0,
  submitted_leader: 1,
  submitted_bureau: 2,
  approved: 3,
  locked: 3,
};

export function WorkflowSteps({ status }: { status: EvaluationDetail['status'] }) {
  return (
    <Steps
      className="jx-steps"
      size="small"
      current={STEP_OF[status]}
      status={status === 'returned' ? 'error' : status === 'approved' || status === 'locked' ? 'finish' : 'process'}
      items={[
        { title: status === 'returned' ? '已退回修改' : '单位填报' },
        { title: '单位负责人审核' },
        { title: '财政局审核' },
        { title: status === 'locked' ? '已锁定' : '审核通过' },
      ]}
    />
  );
}

export function StatusAlerts({
  detail,
  editable,
  orphan,
  onDiscardOrphan,
}: {
  detail: EvaluationDetail;
  editable: boolean;
  orphan: boolean;
  onDiscardOrphan(): void;
}) {
  const s = useSession();
  const lastReturn = [...detail.comments].reverse().find((c) => actionTone(c.action) === 'back');
  return (
    <>
      {detail.status === 'returned' && lastReturn ? (
        <Alert
          type="error"
          showIcon
          className="jx-alert"
          title={`已退回修改（${lastReturn.author}，${dateTime(lastReturn.createdAt)}）`}
          description={lastReturn.body}
        />
      ) : null}
      {orphan ? (
        <Alert
          type="warning"
          showIcon
          className="jx-alert"
          title="本机保存有未提交到服务器的修改，但这份评价现在不能修改"
          description={`当前状态为“${detail.statusLabel}”。如需保留这些修改，请联系审核人退回后再填报。`}
          action={
            <Button size="small" onClick={onDiscardOrphan}>
              丢弃本机修改
            </Button>
          }
        />
      ) : null}
      {!editable && detail.status !== 'returned' && !orphan ? (
        <Alert
          type="info"
          showIcon
          className="jx-alert"
          title={
            s.me.user.role === 'unit_filler' && detail.orgId === s.me.organisation.id
              ? `当前状态为“${detail.statusLabel}”，不能修改。`
              : '只读：您可以查看这份评价和实时得分。'
          }
        />
      ) : null}
    </>
  );
}
