// 问题与提示: the rule findings and form problems, each linking to its field or indicator.
import { CheckCircleFilled, ExclamationCircleFilled, WarningFilled } from '@ant-design/icons';
import type { IndicatorNode } from '@core/framework/model.js';
import type { Finding } from '@core/scoring.js';
import { Card, Empty } from 'antd';
import { memo } from 'react';
import type { Problem } from './check';
import { domId } from './doc';
import { fieldId } from './inputs';

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
