import {
  CheckCircleFilled,
  CloudSyncOutlined,
  DeleteOutlined,
  DownloadOutlined,
  ExclamationCircleFilled,
  InboxOutlined,
  SaveOutlined,
  WarningFilled,
  WifiOutlined,
} from '@ant-design/icons';
import type { IndicatorNode } from '@core/framework/model.js';
import type { Finding, ScoreResult } from '@core/scoring.js';
import { App, Button, Card, Empty, Modal, Popconfirm, Progress, Timeline, Tooltip, Upload } from 'antd';
import { memo, useState } from 'react';
import { api } from '../app/api';
import { ACTION_DONE, dateTime, fromNow, score as fmtScore } from '../app/format';
import { GRADE_COLOURS } from '../app/theme';
import type { Attachment, Comment } from '../app/types';
import type { Problem } from './check';
import type { AutosaveSnapshot } from './autosave';
import { domId } from './doc';
import { fieldId } from './inputs';

const SECTIONS: Array<[string, string]> = [
  ['sec-basic', '基本信息'],
  ['sec-budget', '预算执行'],
  ['sec-staff', '人员'],
  ['sec-funds', '经费与采购'],
  ['sec-assets', '资产与履职'],
  ['sec-tasks', '年度任务'],
  ['sec-indicators', '绩效指标'],
  ['sec-findings', '问题'],
  ['sec-comments', '审核意见'],
];

export function SaveIndicator({ snap }: { snap: AutosaveSnapshot }) {
  const map: Record<AutosaveSnapshot['state'], { icon: React.ReactNode; text: string; cls: string }> = {
    saved: {
      icon: <CheckCircleFilled aria-hidden />,
      text: snap.savedAt ? `已保存 ${fromNow(new Date(snap.savedAt).toISOString())}` : '已保存',
      cls: 'ok',
    },
    pending: { icon: <SaveOutlined aria-hidden />, text: '有修改，即将自动保存', cls: 'busy' },
    saving: { icon: <CloudSyncOutlined spin aria-hidden />, text: '正在保存…', cls: 'busy' },
    offline: { icon: <WifiOutlined aria-hidden />, text: '网络异常：修改已存在本机，将自动重试', cls: 'warn' },
    invalid: { icon: <WarningFilled aria-hidden />, text: '有输入错误：修改已存在本机，改正后自动保存', cls: 'warn' },
    conflict: { icon: <ExclamationCircleFilled aria-hidden />, text: '保存冲突：他人已修改', cls: 'err' },
    readonly: { icon: null, text: '只读', cls: 'muted' },
  };
  const m = map[snap.state];
  return (
    <Tooltip title={snap.error}>
      <span
        className={`jx-save jx-save-${m.cls}`}
        role="status"
        aria-live="polite"
        data-state={snap.state}
        tabIndex={snap.error ? 0 : -1}
      >
        {m.icon} {m.text}
      </span>
    </Tooltip>
  );
}

/** The sticky bar: live total and grade, 一级 subtotals, errors and warnings, save state, section links. */
export const ScoreBar = memo(function ScoreBar({
  result,
  decimals,
  stale,
  errors,
  warnings,
  snap,
  extra,
}: {
  result: ScoreResult | undefined;
  decimals: number;
  stale: boolean;
  errors: number;
  warnings: number;
  snap: AutosaveSnapshot;
  extra?: React.ReactNode;
}) {
  const level1 = result?.nodes.filter((n) => n.level === 1) ?? [];
  const grade = result?.grade;
  return (
    <div className="jx-scorebar" aria-label="实时得分">
      <div className="jx-scorebar-row">
        <div className="jx-total" aria-live="polite">
          <span className="jx-total-label">规则总分</span>
          <span className="jx-total-value" data-testid="live-total" data-total={result?.total}>
            {fmtScore(result?.total, decimals)}
          </span>
          <span className="jx-total-unit">分</span>
          {grade ? (
            <span
              className="jx-total-grade"
              style={{ color: GRADE_COLOURS[grade] ?? '#3f3f46', borderColor: GRADE_COLOURS[grade] ?? '#3f3f46' }}
              data-testid="live-grade"
            >
              {grade}
            </span>
          ) : null}
          {stale ? <span className="jx-stale">（有输入错误，得分暂未更新）</span> : null}
        </div>
        <div className="jx-level1">
          {level1.map((n) => (
            <div key={n.id} className="jx-level1-item">
              <span className="jx-level1-name">{n.name}</span>
              <Progress
                percent={n.weight ? Math.round((n.score / n.weight) * 100) : 0}
                size="small"
                showInfo={false}
                strokeColor="#1d4ed8"
                aria-label={`${n.name}得分率`}
              />
              <span className="jx-level1-val">
                {fmtScore(n.score, decimals)}/{fmtScore(n.weight, decimals)}
              </span>
            </div>
          ))}
        </div>
        <div className="jx-scorebar-side">
          <a href="#sec-findings" className="jx-counts">
            {errors ? <span className="jx-count-err">错误 {errors}</span> : null}
            <span className="jx-count-warn">提示 {warnings}</span>
          </a>
          <SaveIndicator snap={snap} />
          {extra}
        </div>
      </div>
      <nav className="jx-sections" aria-label="表单各部分">
        {SECTIONS.map(([id, name]) => (
          <a key={id} href={`#${id}`}>
            {name}
          </a>
        ))}
      </nav>
    </div>
  );
});

const SEV: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' };

export const FindingsPanel = memo(function FindingsPanel({
  findings,
  problems,
  nodeByPath,
}: {
  findings: Finding[];
  problems: Problem[];
  nodeByPath: Map<string, IndicatorNode>;
}) {
  const go = focusElement;
  return (
    <Card
      id="sec-findings"
      title={`九、问题与提示（${problems.length + findings.length}）`}
      className="jx-card jx-section"
    >
      {problems.length + findings.length === 0 ? <Empty description="没有发现问题" /> : null}
      {problems.length ? (
        <>
          <h3 className="jx-subhead">填写问题</h3>
          <ul className="jx-findings">
            {problems.map((p, i) => (
              <li key={`p${i}`} className={`jx-find-${p.level}`}>
                {p.level === 'error' ? (
                  <ExclamationCircleFilled className="jx-sev-error" aria-hidden />
                ) : (
                  <WarningFilled className="jx-sev-warning" aria-hidden />
                )}
                <span className="jx-sr">{p.level === 'error' ? '错误' : '警告'}：</span>
                <button type="button" className="jx-link-btn" onClick={() => go(fieldTarget(p.key, nodeByPath))}>
                  {p.label}
                </button>
                ：{p.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {findings.length ? (
        <>
          <h3 className="jx-subhead">按评分规则核查</h3>
          <ul className="jx-findings">
            {findings.map((f, i) => {
              const node = f.path ? nodeByPath.get(f.path.join('/')) : undefined;
              return (
                <li key={`f${i}`} className={`jx-find-${f.severity}`}>
                  {f.severity === 'error' ? (
                    <ExclamationCircleFilled className="jx-sev-error" aria-hidden />
                  ) : f.severity === 'warning' ? (
                    <WarningFilled className="jx-sev-warning" aria-hidden />
                  ) : (
                    <CheckCircleFilled className="jx-sev-info" aria-hidden />
                  )}
                  <span className="jx-sr">{SEV[f.severity]}：</span>
                  {node ? (
                    <button type="button" className="jx-link-btn" onClick={() => go(domId('ind', node.id))}>
                      {f.indicator ?? node.name}
                    </button>
                  ) : f.indicator ? (
                    <b>{f.indicator}</b>
                  ) : null}
                  {f.indicator || node ? '：' : ''}
                  {f.message}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </Card>
  );
});

function nodeOfKey(key: string, nodeByPath: Map<string, IndicatorNode>): string {
  const name = key.split('.')[1] ?? '';
  for (const n of nodeByPath.values()) if (n.id === name || n.name === name || n.path.join('/') === name) return n.id;
  return name;
}

/** The DOM id a field key links to: the input itself, or an indicator's row. */
export function fieldTarget(key: string, nodeByPath: Map<string, IndicatorNode>): string {
  return key.startsWith('indicators.') ? domId('ind', nodeOfKey(key, nodeByPath)) : fieldId(key);
}

/** Scrolls to an element and focuses it (or the first thing in it that takes focus). */
export function focusElement(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const focusable = el.matches('input,textarea,button')
    ? el
    : el.querySelector<HTMLElement>('input,textarea,button,[tabindex]');
  focusable?.focus({ preventScroll: true });
}

export const CommentsPanel = memo(function CommentsPanel({ comments }: { comments: Comment[] }) {
  return (
    <Card id="sec-comments" title="十、审核意见与流转记录" className="jx-card jx-section">
      {comments.length === 0 ? (
        <p className="jx-muted">暂无审核意见。</p>
      ) : (
        <Timeline
          items={comments.map((c) => ({
            key: c.id,
            color:
              c.action.includes('return') || c.action === 'reopen'
                ? 'red'
                : c.action.includes('approve')
                  ? 'green'
                  : 'blue',
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

/** 佐证材料 of one indicator: list, download, upload and delete (while editable). */
export function EvidenceModal({
  evaluationId,
  node,
  attachments,
  editable,
  onClose,
  onChanged,
}: {
  evaluationId: number;
  node: IndicatorNode | undefined;
  attachments: Attachment[];
  editable: boolean;
  onClose(): void;
  onChanged(): void;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const mine = node ? attachments.filter((a) => a.indicator === node.id || a.indicator === node.name) : [];
  return (
    <Modal
      open={Boolean(node)}
      title={node ? `佐证材料：${node.path.join(' / ')}` : ''}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      destroyOnHidden
    >
      {mine.length === 0 ? <p className="jx-muted">尚未上传佐证材料。</p> : null}
      <ul className="jx-files">
        {mine.map((a) => (
          <li key={a.id}>
            <a href={`/api/attachments/${a.id}`} download={a.filename}>
              <DownloadOutlined aria-hidden /> {a.filename}
            </a>
            <span className="jx-muted">
              {' '}
              {(a.size / 1024).toFixed(1)} KB · {a.uploadedBy ?? ''} · {dateTime(a.createdAt)}
            </span>
            {editable ? (
              <Popconfirm
                title={`删除“${a.filename}”？`}
                okText="删除"
                cancelText="取消"
                onConfirm={async () => {
                  try {
                    await api.deleteAttachment(a.id);
                    onChanged();
                  } catch (e) {
                    message.error((e as Error).message);
                  }
                }}
              >
                <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={`删除${a.filename}`} />
              </Popconfirm>
            ) : null}
          </li>
        ))}
      </ul>
      {editable && node ? (
        <Upload.Dragger
          multiple
          showUploadList={false}
          disabled={busy}
          customRequest={async (opt) => {
            setBusy(true);
            try {
              await api.upload(evaluationId, opt.file as File, node.id);
              message.success(`已上传：${(opt.file as File).name}`);
              onChanged();
              opt.onSuccess?.({});
            } catch (e) {
              message.error((e as Error).message);
              opt.onError?.(e as Error);
            } finally {
              setBusy(false);
            }
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p>点击或拖拽文件到此处上传</p>
          <p className="jx-muted">支持 PDF、Word、Excel、图片等，单个文件大小以系统限制为准</p>
        </Upload.Dragger>
      ) : null}
    </Modal>
  );
}
