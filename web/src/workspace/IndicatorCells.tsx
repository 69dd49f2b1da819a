// The read-only cells of an indicator row: the name cells (with explanation, 个性 badge, findings) and the live 得分.
import { POINT_KIND_ZH, pointKind } from '@core/verification.js';
import { SEVERITY_ZH } from '@core/findings.js';
import { ExclamationCircleFilled, InfoCircleFilled, WarningFilled } from '@ant-design/icons';
import type { IndicatorNode } from '@core/framework/model.js';
import type { Finding, IndicatorScore } from '@core/scoring.js';
import { Tooltip } from 'antd';
import { memo } from 'react';
import { score as fmtScore } from '../app/format';
import type { Cell } from './indicatorLayout';

const SEVERITY_ICON = {
  error: <ExclamationCircleFilled className="jx-sev-error" aria-hidden />,
  warning: <WarningFilled className="jx-sev-warning" aria-hidden />,
  info: <InfoCircleFilled className="jx-sev-info" aria-hidden />,
};

/** One name cell: the leaf's own (scope row) or an ancestor's merged cell (scope rowgroup, shows its 分值); memoised (a new score leaves it alone). */
export const NameCell = memo(function NameCell({
  cell: c,
  leaf: node,
  findings,
  decimals,
}: {
  cell: Cell;
  leaf: IndicatorNode;
  findings: Finding[] | undefined;
  decimals: number;
}) {
  return (
    <th
      scope={c.node === node ? 'row' : 'rowgroup'}
      rowSpan={c.rowSpan}
      colSpan={c.colSpan}
      className={`jx-name jx-name-l${c.node.level}`}
    >
      <span>{c.node.name}</span>
      {c.node === node ? (
        <>
          {node.added ? <span className="jx-badge">个性</span> : null}
          {node.explanation || node.standard ? (
            <Tooltip
              title={
                <div className="jx-tip">
                  {node.explanation ? <p>{node.explanation}</p> : null}
                  {node.standard ? <pre>{node.standard}</pre> : null}
                </div>
              }
              placement="right"
            >
              <button type="button" className="jx-info-btn" aria-label={`${node.name}的指标解释与评分标准`}>
                <InfoCircleFilled aria-hidden />
              </button>
            </Tooltip>
          ) : null}
          {findings?.length ? (
            <ul className="jx-row-findings">
              {findings.map((f, i) => (
                <li key={i} className={`jx-find-${f.severity}`} title={f.message}>
                  {SEVERITY_ICON[f.severity]} <span className="jx-sr">{SEVERITY_ZH[f.severity]}：</span>
                  {f.message}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : c.node.weight ? (
        <span className="jx-muted jx-node-w">{fmtScore(c.node.weight.toNumber(), decimals)}分</span>
      ) : null}
    </th>
  );
});

export function ScoreCell({
  score,
  label,
  decimals,
}: {
  score: IndicatorScore | undefined;
  label: string;
  decimals: number;
}) {
  return (
    <td className="jx-score-cell" data-label="得分">
      {score ? (
        <Tooltip
          title={<span className="jx-tip">{score.explanation}</span>}
          trigger={['hover', 'focus']}
          placement="left"
        >
          <button
            type="button"
            className={`jx-score ${score.incomplete ? 'jx-score-missing' : score.score < score.weight ? 'jx-score-lost' : ''}`}
            aria-label={`${label} 得分 ${fmtScore(score.score, decimals)} 分（${POINT_KIND_ZH[pointKind(score)]}）：${score.explanation}`}
            data-score={score.score}
            data-kind={pointKind(score)}
          >
            {fmtScore(score.score, decimals)}
            {pointKind(score) !== 'verified' ? (
              <span className={`jx-point-kind jx-point-${pointKind(score)}`}>
                {POINT_KIND_ZH[pointKind(score)]}
                {score.adjustment ? ` ${fmtScore(Math.abs(score.adjustment.delta), decimals)}` : ''}
              </span>
            ) : null}
          </button>
        </Tooltip>
      ) : (
        <span className="jx-muted">—</span>
      )}
    </td>
  );
}

/** Under an indicator's 实际完成值: the rate the figures give, and whether the typed value overrides it. */
export function MetricHint({ explanation, entered }: { explanation: string; entered: boolean }) {
  return (
    <span className="jx-hint">
      {entered ? '已填写，优先于' : '未填写时取'}
      {explanation}
    </span>
  );
}
