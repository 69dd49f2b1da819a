// The evaluation workspace: header and actions, live score, the form, findings, comments and the dialogs.
import type { Framework } from '@core/framework/model.js';
import type { Finding } from '@core/scoring.js';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { dateTime } from '../app/format';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import type { Action, EvaluationDetail, Round } from '../app/types';
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
import { useStable } from './useStable';
import { useWorkflow } from './useWorkflow';
import { useFollowRound, useSaveNotices } from './useWorkspaceNotices';
import { WorkspaceActions } from './WorkspaceActions';

const NO_FINDINGS: Finding[] = [];

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
  const orphan = Boolean(snap.orphan);
  const meta = useMemo(() => ({ unit: detail.orgName, year: detail.year }), [detail.orgName, detail.year]);
  const decimals = framework.decimals;

  const live = useLiveCheck(framework, doc, meta, snap.serverFields, detail.result ?? undefined);
  const { checked, result, problems } = live;
  blocked.current = checked.errors > 0;
  useEffect(() => ctl.revalidate(), [checked, ctl]);
  useSaveNotices(snap);
  // Each check makes new findings; the panel (a button per finding) re-renders only when they read differently.
  const findings = useStable(result?.findings ?? NO_FINDINGS, (f) => JSON.stringify(f));

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
  // The parts that do not follow the typing are memoised elements: a keystroke renders the workspace
  // twice (the input, then the deferred live check), and each render re-rendered the header, the
  // workflow buttons, the steps and the closed dialogs (antd Buttons, Dropdowns, Modals: ≈ 10 ms).
  const flush = useCallback(() => ctl.flush(), [ctl]);
  const version = useCallback(() => ctl.get().version, [ctl]);
  const onConfirmed = useCallback(
    (d: EvaluationDetail) => {
      ctl.reset(d);
      setDetail(d);
    },
    [ctl],
  );
  const discardOrphan = useCallback(() => ctl.discardOrphan(), [ctl]);
  const run = flow.run;
  const onComment = useCallback((a: Action, text: string) => void run(a, text), [run]);
  const showChanges = s.me.user.role !== 'public';
  const actionButtons = useMemo(
    () => (
      <WorkspaceActions
        detail={detail}
        acting={flow.acting}
        ask={flow.ask}
        index={view.index}
        flush={editable ? flush : undefined}
        showChanges={showChanges}
      />
    ),
    [detail, flow.acting, flow.ask, view.index, editable, flush, showChanges],
  );
  const header = useMemo(
    () => (
      <>
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
      </>
    ),
    [detail, round, actionButtons],
  );
  const save = useMemo(
    () => ({ state: snap.state, savedAt: snap.savedAt, error: snap.error }),
    [snap.state, snap.savedAt, snap.error],
  );
  const notices = useMemo(
    () => (
      <>
        <ProvenanceNotice detail={detail} flush={flush} version={version} onConfirmed={onConfirmed} />
        <StatusAlerts detail={detail} editable={editable} orphan={orphan} onDiscardOrphan={discardOrphan} />
      </>
    ),
    [detail, flush, version, onConfirmed, editable, orphan, discardOrphan],
  );
  const dialogs = useMemo(
    () => (
      <>
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
          onOk={onComment}
          onCancel={flow.cancelComment}
        />
      </>
    ),
    [
      detail.id,
      evidence.openFor,
      evidence.attachments,
      editable,
      evidence.close,
      evidence.reload,
      flow.commentFor,
      flow.acting,
      onComment,
      flow.cancelComment,
    ],
  );

  return (
    <div className="jx-page jx-workspace">
      {header}
      <ScoreBar
        result={result}
        decimals={decimals}
        stale={!checked.result}
        errors={live.errors}
        warnings={live.warnings}
        snap={save}
      />
      {notices}
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
      <FindingsPanel findings={findings} problems={problems.list} nodeByPath={view.nodeByPath} />
      <CommentsPanel comments={detail.comments} />
      <div className="jx-bottom-actions">{actionButtons}</div>
      {dialogs}
      <ConflictModal snap={snap} ctl={ctl} index={view.index} />
    </div>
  );
}
