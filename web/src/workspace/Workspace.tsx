// The evaluation workspace: header and actions, live score, the form, findings, comments and the dialogs.
import type { Framework } from '@core/framework/model.js';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { dateTime } from '../app/format';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import type { EvaluationDetail, Round } from '../app/types';
import { PageHeader } from '../components/PageHeader';
import { StatusTag } from '../components/StatusTag';
import { useAutosave } from './autosave';
import { CommentModal } from './CommentModal';
import { ConflictModal } from './ConflictModal';
import { CycleSection } from './CycleSection';
import { DocumentForm } from './DocumentForm';
import { CommentsPanel, EvidenceModal, FindingsPanel, ScoreBar } from './Panels';
import { StatusAlerts, WorkflowSteps } from './StatusBanner';
import { useEditContext } from './useEditContext';
import { useEvidence } from './useEvidence';
import { useIndicatorView } from './useIndicatorView';
import { ProvenanceNotice } from './ProvenanceNotice';
import { useLiveCheck } from './useLiveCheck';
import { useWorkflow } from './useWorkflow';
import { useFollowRound, useSaveNotices } from './useWorkspaceNotices';
import { WorkspaceActions } from './WorkspaceActions';

export function Workspace({
  detail: initial,
  framework,
  round,
}: {
  detail: EvaluationDetail;
  framework: Framework;
  round: Round;
}) {
  const s = useSession();
  const [detail, setDetail] = useState(initial);
  const blocked = useRef(false);
  const onSaved = useCallback((d: EvaluationDetail) => setDetail((prev) => ({ ...d, document: prev.document })), []);
  const [snap, ctl] = useAutosave(initial.id, s.me.user.id, initial, onSaved, () => blocked.current);
  useFollowRound(initial.roundId);
  const doc = snap.doc;
  const editable = detail.editable && snap.state !== 'readonly';
  const meta = useMemo(() => ({ unit: detail.orgName, year: detail.year }), [detail.orgName, detail.year]);
  const decimals = framework.decimals;

  const live = useLiveCheck(framework, doc, meta, snap.serverFields, detail.result ?? undefined);
  const { checked, result, problems } = live;
  blocked.current = checked.errors > 0;
  useEffect(() => ctl.revalidate(), [checked, ctl]);
  useSaveNotices(snap);

  const edit = useEditContext(ctl, editable, detail.id);
  const view = useIndicatorView(framework, doc, result);
  // The public sees no evidence (the server answers 403): the list is not asked for.
  const evidence = useEvidence(detail.id, view.index, s.me.user.role !== 'public');
  const flow = useWorkflow(detail, setDetail, ctl, result, decimals, {
    gaps: checked.gaps,
    nodeByPath: view.nodeByPath,
  });

  const infoMeta = useMemo(
    () => ({
      unit: detail.orgName,
      year: detail.year,
      framework: `${detail.framework.name}（第${detail.framework.version}版）`,
      round: round.name,
    }),
    [detail.orgName, detail.year, detail.framework.name, detail.framework.version, round.name],
  );
  const actionButtons = (
    <WorkspaceActions
      detail={detail}
      flow={flow}
      index={view.index}
      flush={editable ? () => ctl.flush() : undefined}
      showChanges={s.me.user.role !== 'public'}
    />
  );

  return (
    <div className="jx-page jx-workspace">
      <PageHeader
        crumbs={[{ to: '/', label: '工作台' }, { to: '/evaluations', label: '评价' }, { label: detail.orgName }]}
        title={`${detail.orgName} · ${detail.year}年度部门整体支出绩效自评`}
        sub={
          <span>
            <StatusTag status={detail.status} /> {round.name} · 指标框架{' '}
            <Link to={`/frameworks/${round.frameworkVersionId}`}>{detail.framework.name}</Link> · 截止{' '}
            {dateTime(detail.deadline)}
          </span>
        }
        extra={actionButtons}
      />
      <WorkflowSteps status={detail.status} />
      <ScoreBar
        result={result}
        decimals={decimals}
        stale={!checked.result}
        errors={live.errors}
        warnings={live.warnings}
        snap={snap}
      />
      <ProvenanceNotice
        detail={detail}
        flush={() => ctl.flush()}
        version={() => ctl.get().version}
        onConfirmed={(d) => {
          ctl.reset(d);
          setDetail(d);
        }}
      />
      <StatusAlerts
        detail={detail}
        editable={editable}
        orphan={Boolean(snap.orphan)}
        onDiscardOrphan={() => ctl.discardOrphan()}
      />
      <CycleSection evaluationId={detail.id} version={detail.version} indicators={doc.indicators} />
      <DocumentForm
        edit={edit}
        framework={framework}
        doc={doc}
        view={view}
        result={result}
        problems={problems.byKey}
        infoMeta={infoMeta}
        evidence={evidence.counts}
        onEvidence={evidence.open}
      />
      <FindingsPanel findings={result?.findings ?? []} problems={problems.list} nodeByPath={view.nodeByPath} />
      <CommentsPanel comments={detail.comments} />
      <div className="jx-bottom-actions">{actionButtons}</div>
      <EvidenceModal
        evaluationId={detail.id}
        node={evidence.openFor}
        attachments={evidence.attachments}
        editable={editable}
        onClose={evidence.close}
        onChanged={evidence.reload}
      />
      <CommentModal
        action={flow.commentFor}
        busy={Boolean(flow.acting)}
        onOk={(a, text) => void flow.run(a, text)}
        onCancel={flow.cancelComment}
      />
      <ConflictModal snap={snap} ctl={ctl} index={view.index} />
    </div>
  );
}
