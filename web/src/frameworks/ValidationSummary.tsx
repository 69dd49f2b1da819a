// The editor's verdict line (top-level 分值 sum against the total) and the list of issues, each with a 定位 link.
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { DraftIssue, NodePath } from '@core/framework-edit.js';
import { Alert } from 'antd';
import { type Draft, pkey } from './useDraft';

function focusRow(p: NodePath) {
  const el = document.getElementById(`fw-row-${pkey(p)}`);
  el?.scrollIntoView({ block: 'center' });
  el?.querySelector<HTMLElement>('input')?.focus({ preventScroll: true });
}

export function ValidationSummary({ d }: { d: Draft }) {
  const { issues, weights } = d;
  const ok = weights.total.ok && issues.length === 0;
  return (
    <>
      <div
        className={`jx-weight-summary ${ok ? 'ok' : 'bad'}`}
        role="status"
        aria-live="polite"
        data-testid="fw-validation"
      >
        {ok ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />} 一级指标分值合计{' '}
        <b>{weights.total.sum}</b> 分 / 总分 {weights.total.expected} 分
        {issues.length ? (
          <span>；还有 {issues.length} 处问题，改正后才能保存</span>
        ) : (
          <span>；各级分值相加无误，可以保存</span>
        )}
      </div>
      {issues.length ? <IssueList issues={issues} /> : null}
    </>
  );
}

function IssueList({ issues }: { issues: DraftIssue[] }) {
  return (
    <Alert
      type="error"
      className="jx-alert"
      title="需要改正"
      description={
        <ul className="jx-findings">
          {issues.slice(0, 20).map((i, k) => (
            <li key={k}>
              {i.node ? (
                <button type="button" className="jx-link-btn" onClick={() => focusRow(i.node!)}>
                  定位
                </button>
              ) : null}{' '}
              {i.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}
