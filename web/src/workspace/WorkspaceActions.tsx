// The workspace's actions, above the form and again below it: the workflow buttons, export, history, changes.
import type { TreeIndex } from '@core/framework/model.js';
import { Button, Space } from 'antd';
import { memo } from 'react';
import { ACTION_LABELS, actionTone } from '../app/format';
import type { Action, EvaluationDetail } from '../app/types';
import { ExportMenu } from '../components/ExportMenu';
import { HistoryButton } from './HistoryDrawer';
import { SinceSubmissionButton } from './SinceSubmission';

export const WorkspaceActions = memo(function WorkspaceActions({
  detail,
  acting,
  ask,
  index,
  flush,
  showChanges,
}: {
  detail: EvaluationDetail;
  /** The action under way (its button spins). */
  acting: Action | undefined;
  ask(action: Action): void;
  index: TreeIndex;
  /** Save what is pending before an export (only while the document is editable). */
  flush: (() => Promise<boolean>) | undefined;
  /** 自提交以来的修改: not for the public. */
  showChanges: boolean;
}) {
  return (
    <Space wrap>
      {detail.actions.map((a) => (
        <Button
          key={a}
          type={actionTone(a) === 'forward' ? 'primary' : 'default'}
          danger={actionTone(a) === 'back'}
          loading={acting === a}
          onClick={() => ask(a)}
        >
          {ACTION_LABELS[a]}
        </Button>
      ))}
      <ExportMenu evaluationId={detail.id} flush={flush} />
      <HistoryButton evaluationId={detail.id} index={index} />
      {showChanges ? <SinceSubmissionButton evaluationId={detail.id} index={index} /> : null}
    </Space>
  );
});
