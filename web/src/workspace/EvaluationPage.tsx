import { HistoryOutlined } from '@ant-design/icons';
import { type Evaluation, effectiveTree, type IndicatorInput } from '@core/evaluation.js';
import { allNodes, type Framework, type IndicatorNode, indexTree } from '@core/framework/model.js';
import type { Finding, IndicatorScore, ScoreResult } from '@core/scoring.js';
import { Alert, App, Button, Card, Drawer, Input, Modal, Result, Space, Steps } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../app/api';
import { ACTION_LABELS, COMMENT_REQUIRED, dateTime, score as fmtScore } from '../app/format';
import { loadFramework } from '../app/frameworks';
import { Link } from '../app/router';
import type { PageProps } from '../app/routes';
import { useSession } from '../app/session';
import type { Action, Attachment, EvaluationDetail, Round } from '../app/types';
import { ExportMenu } from '../components/ExportMenu';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { StatusTag } from '../components/StatusTag';
import { useAutosave } from './autosave';
import { type Checked, checkDocument, fieldLabel, type Problem } from './check';
import { getIn, indicatorKeys, type Path, serverFieldKey, setIn } from './doc';
import {
  AssetsWorkSection,
  BasicInfo,
  BudgetSection,
  FundsSection,
  NarrativeSection,
  StaffingSection,
  TasksSection,
} from './FigureSections';
import { IndicatorTable } from './IndicatorTable';
import { EditCtx, type EditContext } from './inputs';
import { CommentsPanel, EvidenceModal, FindingsPanel, ScoreBar } from './Panels';
import { GapList } from './SubmitGate';
import { tailorable, TailoringSection } from './Tailoring';

type Slice = Record<string, unknown> | undefined;

interface Loaded {
  detail: EvaluationDetail;
  framework: Framework;
  round: Round;
}

export default function EvaluationPage({ params }: PageProps) {
  const id = Number(params.id);
  const s = useSession();
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<ApiError | Error>();
  useEffect(() => {
    let alive = true;
    (async () => {
      const detail = await api.evaluation(id);
      const round = s.rounds.find((r) => r.id === detail.roundId) ?? (await api.round(detail.roundId));
      const { framework } = await loadFramework(round.frameworkVersionId);
      if (alive) setLoaded({ detail, framework, round });
    })().catch((e: Error) => alive && setError(e));
    return () => {
      alive = false;
    };
    // The round list may refresh; the evaluation is loaded once per visit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  if (error) {
    return (
      <Result
        status={error instanceof ApiError && error.status === 404 ? '404' : 'error'}
        title={error instanceof ApiError && error.status === 404 ? '未找到该评价，或您无权查看' : '加载失败'}
        subTitle={error.message}
        extra={<Link to="/">返回工作台</Link>}
      />
    );
  }
  if (!loaded) return <Loading tip="正在加载评价和指标框架…" />;
  return <Workspace {...loaded} />;
}

function sanitizeTailoring(t: unknown): Evaluation['tailoring'] {
  if (!t || typeof t !== 'object') return undefined;
  const tt = t as NonNullable<Evaluation['tailoring']>;
  return {
    ...(tt.drop ? { drop: tt.drop.filter((x) => typeof x === 'string') } : {}),
    ...(tt.weights
      ? { weights: Object.fromEntries(Object.entries(tt.weights).filter(([, v]) => typeof v === 'number' && v >= 0)) }
      : {}),
    ...(tt.add
      ? { add: tt.add.filter((a) => a && a.parent && a.name && typeof a.weight === 'number' && a.weight >= 0) }
      : {}),
  };
}

/** A field's value as the conflict dialog shows it. */
function shown(v: unknown): string {
  if (v === undefined || v === null || v === '') return '空';
  if (Array.isArray(v))
    return v.length === 0
      ? '空'
      : v.every((x) => typeof x === 'boolean')
        ? `勾选${v.filter(Boolean).length}项`
        : `${v.length}项`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const STEP_OF: Record<string, number> = {
  draft: 0,
  returned: 0,
  submitted_leader: 1,
  submitted_bureau: 2,
  approved: 3,
  locked: 3,
};

function Workspace({ detail: initial, framework, round }: Loaded) {
  const s = useSession();
  const { message, modal } = App.useApp();
  const [detail, setDetail] = useState(initial);
  const blocked = useRef(false);
  const onSaved = useCallback((d: EvaluationDetail) => setDetail((prev) => ({ ...d, document: prev.document })), []);
  const [snap, ctl] = useAutosave(initial.id, s.me.user.id, initial, onSaved, () => blocked.current);
  const doc = snap.doc;
  const editable = detail.editable && snap.state !== 'readonly';
  const meta = useMemo(() => ({ unit: detail.orgName, year: detail.year }), [detail.orgName, detail.year]);
  const decimals = framework.decimals;

  // Live scoring: the core's score() on the document, 150 ms after the last change.
  const [checked, setChecked] = useState<Checked>(() => checkDocument(framework, doc, meta));
  const lastGood = useRef<ScoreResult | undefined>(checked.result ?? detail.result ?? undefined);
  useEffect(() => {
    const t = setTimeout(() => setChecked(checkDocument(framework, doc, meta)), 150);
    return () => clearTimeout(t);
  }, [framework, doc, meta]);
  if (checked.result) lastGood.current = checked.result;
  const result = checked.result ?? lastGood.current;
  blocked.current = checked.errors > 0;
  useEffect(() => ctl.revalidate(), [checked, ctl]);
  useEffect(() => {
    if (snap.mergedAt) void message.info('他人同时修改了这份评价（不同的栏目），已将双方的修改合并保存。');
  }, [snap.mergedAt, message]);

  const change = useCallback((path: Path, value: unknown) => ctl.change((d) => setIn(d, path, value)), [ctl]);
  const edit = useMemo<EditContext>(() => ({ change, readOnly: !editable }), [change, editable]);

  // Problems: ours, plus the server's answer to the last save (400 naming fields).
  const problems = useMemo(() => {
    const list: Problem[] = [...checked.problems];
    for (const f of snap.serverFields) {
      const key = serverFieldKey(f.field);
      if (!list.some((p) => p.key === key && p.message === f.message))
        list.push({ key, label: fieldLabel(key), message: f.message, level: 'error' });
    }
    const byKey = new Map<string, Problem[]>();
    for (const p of list) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
    return { list, byKey };
  }, [checked.problems, snap.serverFields]);

  const tailoring = doc.tailoring;
  const roots = useMemo(
    () => effectiveTree(framework, { tailoring: sanitizeTailoring(tailoring) } as Evaluation).roots,
    [framework, tailoring],
  );
  const index = useMemo(() => indexTree(roots), [roots]);
  const nodeByPath = useMemo(() => new Map(allNodes(roots).map((n) => [n.path.join('/'), n])), [roots]);
  const indicators = doc.indicators as Record<string, IndicatorInput> | undefined;
  const keys = useMemo(() => indicatorKeys({ indicators } as never, index), [indicators, index]);
  const scores = useMemo(
    () => new Map<string, IndicatorScore>((result?.indicators ?? []).map((i) => [i.id, i])),
    [result],
  );
  const metrics = useMemo(() => new Map((result?.metrics ?? []).map((m) => [m.id as string, m])), [result]);
  const rowFindings = useMemo(() => {
    const m = new Map<string, Finding[]>();
    for (const f of result?.findings ?? []) {
      const n = f.path ? nodeByPath.get(f.path.join('/')) : undefined;
      if (n) m.set(n.id, [...(m.get(n.id) ?? []), f]);
    }
    return m;
  }, [result, nodeByPath]);

  // 佐证材料
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const loadAttachments = useCallback(() => {
    api.attachments(detail.id).then(setAttachments, () => undefined);
  }, [detail.id]);
  useEffect(loadAttachments, [loadAttachments]);
  const evidence = useMemo(() => {
    const m = new Map<string, number>();
    for (const a of attachments) {
      if (!a.indicator) continue;
      const hit = index.byId.get(a.indicator) ?? index.byName.get(a.indicator)?.[0];
      if (hit) m.set(hit.id, (m.get(hit.id) ?? 0) + 1);
    }
    return m;
  }, [attachments, index]);
  const [evidenceFor, setEvidenceFor] = useState<IndicatorNode>();
  const openEvidence = useCallback((n: IndicatorNode) => setEvidenceFor(n), []);

  useEffect(() => {
    if (snap.restored) message.info('已恢复您上次在本机未保存的修改，正在保存到服务器');
  }, [snap.restored, message]);

  // Workflow actions
  const [acting, setActing] = useState<Action>();
  const [commentFor, setCommentFor] = useState<Action>();
  const [comment, setComment] = useState('');
  const run = async (action: Action, text?: string) => {
    setActing(action);
    try {
      if (action === 'submit') {
        const ok = await ctl.flush();
        if (!ok) {
          message.error('还有未能保存的修改（见页面上方的保存状态），请处理后再提交');
          return;
        }
      }
      const d = await api.transition(detail.id, action, ctl.get().version, text);
      ctl.reset(d);
      setDetail(d);
      setCommentFor(undefined);
      setComment('');
      await s.reload();
      message.success(`已${ACTION_LABELS[action]}：当前状态“${d.statusLabel}”`);
    } catch (e) {
      message.error((e as Error).message);
      if (e instanceof ApiError && e.status === 409) {
        const d = await api.evaluation(detail.id);
        ctl.reset(d);
        setDetail(d);
      }
    } finally {
      setActing(undefined);
    }
  };
  const ask = (action: Action) => {
    if (action === 'submit' && checked.gaps.length) {
      const dlg = modal.warning({
        title: '还不能提交',
        width: 640,
        content: <GapList gaps={checked.gaps} nodeByPath={nodeByPath} onGo={() => dlg.destroy()} />,
        okText: '知道了',
      });
      return;
    }
    if (action === 'submit') {
      const errors = (result?.findings ?? []).filter((f) => f.severity === 'error').length;
      modal.confirm({
        title: '提交单位负责人审核？',
        content: (
          <div>
            <p>
              规则总分 <b>{fmtScore(result?.total, decimals)}</b> 分（{result?.grade}）。
              {errors ? `按评分规则核查还有 ${errors} 项错误（如缺少计分数据），请确认。` : ''}
            </p>
            <p>提交后由单位负责人审核，审核期间不能修改。</p>
          </div>
        ),
        okText: '提交',
        cancelText: '取消',
        onOk: () => run('submit'),
      });
      return;
    }
    setComment('');
    setCommentFor(action);
  };

  const [history, setHistory] = useState<Awaited<ReturnType<typeof api.history>>>();
  const showHistory = async () => {
    try {
      setHistory(await api.history(detail.id));
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const fig = doc.figures as Record<string, unknown> | undefined;
  const infoMeta = useMemo(
    () => ({
      unit: detail.orgName,
      year: detail.year,
      framework: `${detail.framework.name}（第${detail.framework.version}版）`,
      round: round.name,
    }),
    [detail.orgName, detail.year, detail.framework.name, detail.framework.version, round.name],
  );
  const lastReturn = [...detail.comments]
    .reverse()
    .find((c) => c.action === 'return' || c.action === 'leader-return' || c.action === 'reopen');
  const warnings =
    problems.list.filter((p) => p.level === 'warning').length +
    (result?.findings ?? []).filter((f) => f.severity !== 'info').length;
  const errors = problems.list.filter((p) => p.level === 'error').length;
  const actionButtons = (
    <Space wrap>
      {detail.actions.map((a) => (
        <Button
          key={a}
          type={a === 'submit' || a === 'leader-approve' || a === 'approve' ? 'primary' : 'default'}
          danger={a === 'return' || a === 'leader-return' || a === 'reopen'}
          loading={acting === a}
          onClick={() => ask(a)}
        >
          {ACTION_LABELS[a]}
        </Button>
      ))}
      <ExportMenu evaluationId={detail.id} flush={editable ? () => ctl.flush() : undefined} />
      <Button icon={<HistoryOutlined />} onClick={() => void showHistory()}>
        修改记录
      </Button>
    </Space>
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
      <Steps
        className="jx-steps"
        size="small"
        current={STEP_OF[detail.status]}
        status={
          detail.status === 'returned'
            ? 'error'
            : detail.status === 'approved' || detail.status === 'locked'
              ? 'finish'
              : 'process'
        }
        items={[
          { title: detail.status === 'returned' ? '已退回修改' : '单位填报' },
          { title: '单位负责人审核' },
          { title: '财政局审核' },
          { title: detail.status === 'locked' ? '已锁定' : '审核通过' },
        ]}
      />
      <ScoreBar
        result={result}
        decimals={decimals}
        stale={!checked.result}
        errors={errors}
        warnings={warnings}
        snap={snap}
      />
      {detail.status === 'returned' && lastReturn ? (
        <Alert
          type="error"
          showIcon
          className="jx-alert"
          title={`已退回修改（${lastReturn.author}，${dateTime(lastReturn.createdAt)}）`}
          description={lastReturn.body}
        />
      ) : null}
      {snap.orphan ? (
        <Alert
          type="warning"
          showIcon
          className="jx-alert"
          title="本机保存有未提交到服务器的修改，但这份评价现在不能修改"
          description={`当前状态为“${detail.statusLabel}”。如需保留这些修改，请联系审核人退回后再填报。`}
          action={
            <Button size="small" onClick={() => ctl.discardOrphan()}>
              丢弃本机修改
            </Button>
          }
        />
      ) : null}
      {!editable && detail.status !== 'returned' && !snap.orphan ? (
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
      <EditCtx.Provider value={edit}>
        <BasicInfo contact={doc.contact} goals={doc.goals} problems={problems.byKey} meta={infoMeta} />
        <BudgetSection budget={fig?.budget as Slice} problems={problems.byKey} metrics={result?.metrics} />
        <StaffingSection staffing={fig?.staffing as Slice} problems={problems.byKey} metrics={result?.metrics} />
        <FundsSection
          threePublic={fig?.threePublic as Slice}
          publicFunds={fig?.publicFunds as Slice}
          procurement={fig?.procurement as Slice}
          problems={problems.byKey}
          metrics={result?.metrics}
        />
        <AssetsWorkSection
          assets={fig?.assets as Slice}
          work={fig?.tasks as Slice}
          satisfaction={fig?.satisfaction}
          problems={problems.byKey}
          metrics={result?.metrics}
        />
        <TasksSection tasks={doc.tasks as never} problems={problems.byKey} />
        <Card
          id="sec-indicators"
          title="七、绩效指标计分表"
          className="jx-card jx-section"
          extra={
            <span className="jx-muted">
              满分 {fmtScore(framework.total.toNumber(), decimals)} 分 · 得分保留{decimals}位小数 ·
              鼠标悬停或键盘聚焦得分可查看计分说明
            </span>
          }
        >
          {tailorable(framework) ? (
            <TailoringSection framework={framework} tailoring={doc.tailoring} problems={problems.byKey} />
          ) : null}
          <IndicatorTable
            framework={framework}
            roots={roots}
            inputs={(indicators ?? {}) as Record<string, IndicatorInput>}
            keys={keys}
            scores={scores}
            findings={rowFindings}
            problems={problems.byKey}
            metrics={metrics}
            evidence={evidence}
            onEvidence={openEvidence}
            decimals={decimals}
          />
          <div className="jx-ind-total">
            合计 <b data-testid="table-total">{fmtScore(result?.total, decimals)}</b> 分，等级{' '}
            <b>{result?.grade ?? '—'}</b>
            {result?.unscored.count ? (
              <span className="jx-muted">（其中 {result.unscored.count} 项指标缺少计分数据，按0分计）</span>
            ) : null}
          </div>
        </Card>
        <NarrativeSection narrative={doc.narrative as Record<string, string> | undefined} problems={problems.byKey} />
      </EditCtx.Provider>
      <FindingsPanel findings={result?.findings ?? []} problems={problems.list} nodeByPath={nodeByPath} />
      <CommentsPanel comments={detail.comments} />
      <div className="jx-bottom-actions">{actionButtons}</div>

      <EvidenceModal
        evaluationId={detail.id}
        node={evidenceFor}
        attachments={attachments}
        editable={editable}
        onClose={() => setEvidenceFor(undefined)}
        onChanged={loadAttachments}
      />

      <Modal
        open={Boolean(commentFor)}
        title={commentFor ? ACTION_LABELS[commentFor] : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={Boolean(acting)}
        okButtonProps={{ disabled: Boolean(commentFor && COMMENT_REQUIRED.has(commentFor) && !comment.trim()) }}
        onOk={() => commentFor && void run(commentFor, comment.trim() || undefined)}
        onCancel={() => setCommentFor(undefined)}
        destroyOnHidden
      >
        <label htmlFor="jx-comment" className="jx-block-label">
          {commentFor && COMMENT_REQUIRED.has(commentFor) ? '意见（必填，将告知填报单位）' : '意见（可选）'}
        </label>
        <Input.TextArea
          id="jx-comment"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          autoSize={{ minRows: 4, maxRows: 10 }}
          maxLength={5000}
          showCount
          placeholder={
            commentFor === 'return' || commentFor === 'leader-return'
              ? '例如：预算执行率的偏差原因请写具体，并补充执行数'
              : ''
          }
        />
      </Modal>

      <Modal
        open={snap.state === 'conflict'}
        title="保存冲突：这份评价已被他人修改"
        closable={false}
        mask={{ closable: false }}
        footer={
          <Space>
            <Button onClick={() => ctl.resolve('theirs')} disabled={!snap.conflict}>
              这些栏目采用最新版本
            </Button>
            <Button type="primary" onClick={() => ctl.resolve('mine')} disabled={!snap.conflict?.editable}>
              这些栏目保留我的修改
            </Button>
          </Space>
        }
      >
        {/* The API's message ends by telling API clients to reload; here nothing needs reloading. */}
        <p>
          {(snap.error ?? '').replace(/您的修改没有保存[^。]*。/, '').trim() ||
            '服务器上的版本比您开始修改时的版本新。'}
        </p>
        <p>
          您的修改没有丢失，仍保存在本机。双方修改了不同栏目的部分已自动合并；下列栏目双方都改了且不一致，请选择保留哪一份：
        </p>
        {snap.conflict ? (
          <>
            <p className="jx-muted">
              最新版本：第 {snap.conflict.version} 版，{dateTime(snap.conflict.updatedAt)}，状态“
              {snap.conflict.statusLabel}”。双方都修改的栏目：
            </p>
            <ul className="jx-diff">
              {(snap.conflictPaths ?? []).map((path) => {
                const p = path.join('.');
                return (
                  <li key={p}>
                    {fieldLabel(path.slice(0, p.startsWith('indicators.') ? 3 : undefined).join('.'), index)}：我的“
                    {shown(getIn(snap.doc, path))}”，最新“{shown(getIn(snap.conflict!.document, path))}”
                  </li>
                );
              })}
            </ul>
          </>
        ) : (
          <p className="jx-muted">正在读取最新版本…</p>
        )}
      </Modal>

      <Drawer open={Boolean(history)} onClose={() => setHistory(undefined)} title="修改记录" size={560}>
        <ol className="jx-history">
          {[...(history ?? [])].reverse().map((h) => (
            <li key={h.id}>
              <div>
                <b>{dateTime(h.at)}</b> {h.actor} ·{' '}
                {h.action.startsWith('transition:')
                  ? (ACTION_LABELS[h.action.slice(11) as Action] ?? h.action)
                  : h.action === 'update'
                    ? '保存'
                    : h.action === 'create'
                      ? '新建'
                      : h.action}
              </div>
              <ul>
                {h.changes.slice(0, 12).map((c, i) => (
                  <li key={i}>
                    {c.field === 'status'
                      ? '状态'
                      : fieldLabel(c.field.replace(/^document\./, '').replace(/\[(\d+)\]/g, '.$1'), index)}
                    ：{c.old === null ? '空' : String(c.old)} → {c.new === null ? '空' : String(c.new)}
                  </li>
                ))}
                {h.changes.length > 12 ? <li className="jx-muted">……另有 {h.changes.length - 12} 处</li> : null}
              </ul>
            </li>
          ))}
        </ol>
      </Drawer>
    </div>
  );
}
