// One row of the indicator table: the leaf's name cells, its inputs, the live 得分 and 佐证材料.
import { PaperClipOutlined } from '@ant-design/icons';
import type { IndicatorNode } from '@core/framework/model.js';
import { MEASURED_KINDS, RULE_KIND_INFO, type Rule } from '@core/rules/schema.js';
import { Button } from 'antd';
import { memo, useContext, useMemo } from 'react';
import { pct, score as fmtScore } from '../app/format';
import { domId, type Path } from './doc';
import { IndicatorField } from './IndicatorField';
import { EditCtx } from './inputs';
import { MetricHint, NameCell, ScoreCell } from './IndicatorCells';
import { RuleInputs } from './RuleInputs';
import { type RowProps, sameRow } from './rowMemo';

export type { Metric } from './indicatorLayout';
export type { RowProps };

export const IndicatorRow = memo(function IndicatorRow({
  node,
  cells,
  docKey,
  input,
  score,
  findings,
  problems,
  metric,
  evidence,
  onEvidence,
  framework,
  decimals,
}: RowProps) {
  const { readOnly, lockedTarget } = useContext(EditCtx);
  const locked = lockedTarget?.(node.name);
  const rule = node.rule ?? ({ kind: 'manual' } as Rule);
  const base: Path = ['indicators', docKey];
  const pk = (f: string) => problems?.get(`indicators.${docKey}.${f}`);
  const needsActual = MEASURED_KINDS.has(rule.kind);
  const reasonExpected = score?.missed && !input?.deviationReason?.trim();
  const label = node.name;
  // The same element while what it says is the same: antd's Form.Item measures its `extra` (a forced
  // layout of the whole page, ≈ 7 ms) in a layout effect whenever it is a new element.
  const entered = input?.actual !== undefined && input.actual !== '';
  const hint = useMemo(
    () => (metric?.value !== undefined ? <MetricHint explanation={metric.explanation} entered={entered} /> : undefined),
    [metric?.value, metric?.explanation, entered],
  );

  return (
    <tr
      id={domId('ind', node.id)}
      data-indicator={node.id}
      className={score?.incomplete ? 'jx-row-incomplete' : score?.missed ? 'jx-row-missed' : undefined}
    >
      {cells.map((c) => (
        <NameCell key={c.node.id} cell={c} leaf={node} findings={findings} decimals={decimals} />
      ))}
      <td className="jx-num-cell" data-label="分值">
        {node.weight ? fmtScore(node.weight.toNumber(), decimals) : '—'}
      </td>
      <td data-label="指标值">
        {locked !== undefined && !readOnly ? (
          <span className="jx-locked" title="已随绩效目标批复锁定；确需调整请向财政局申请目标调整">
            {String(locked)}
            <span className="jx-muted">（已批复）</span>
          </span>
        ) : readOnly ? (
          <span>{input?.target ?? node.target ?? '—'}</span>
        ) : (
          <IndicatorField
            docKey={docKey}
            field="target"
            label={`${label} 指标值`}
            value={input?.target === undefined ? '' : String(input.target)}
            placeholder={node.target !== undefined ? String(node.target) : needsActual ? '例如 ≥95%' : ''}
            problems={pk('target')}
          />
        )}
      </td>
      <td data-label="实际完成值" className={needsActual ? undefined : 'jx-cell-empty'}>
        {needsActual ? (
          readOnly ? (
            <span>{input?.actual ?? (metric?.value !== undefined ? `${pct(metric.value)}（按基础数据）` : '—')}</span>
          ) : (
            <IndicatorField
              docKey={docKey}
              field="actual"
              label={`${label} 实际完成值`}
              value={input?.actual === undefined ? '' : String(input.actual)}
              placeholder={
                metric?.value !== undefined
                  ? `按基础数据 ${pct(metric.value)}`
                  : node.unit === '%'
                    ? '例如 98.5%'
                    : '填写数值'
              }
              problems={pk('actual')}
              extra={hint}
            />
          )
        ) : (
          <span className="jx-muted">—</span>
        )}
      </td>
      <td data-label="评判" className="jx-cell-judge">
        <RuleInputs
          rule={rule}
          input={input}
          base={base}
          label={label}
          weight={node.weight?.toNumber() ?? 0}
          framework={framework}
        />
        {needsActual && !readOnly ? <span className="jx-muted jx-kind">{RULE_KIND_INFO[rule.kind].hint}</span> : null}
      </td>
      <ScoreCell score={score} label={label} decimals={decimals} />
      <td data-label="偏差原因">
        {readOnly ? (
          <span>{input?.deviationReason || <span className="jx-muted">—</span>}</span>
        ) : (
          <IndicatorField
            docKey={docKey}
            field="deviationReason"
            label={`${label} 偏差原因`}
            value={input?.deviationReason ?? ''}
            placeholder={score?.missed ? '未完成原因分析' : ''}
            problems={pk('deviationReason')}
            warning={reasonExpected ? '未达到指标值，请填写偏差原因' : undefined}
            multiline
          />
        )}
      </td>
      <td data-label="佐证材料">
        <EvidenceButton node={node} label={label} count={evidence} readOnly={readOnly} onEvidence={onEvidence} />
      </td>
    </tr>
  );
}, sameRow);

/** 佐证材料: its own memoised button, so a new live score leaves it alone. */
const EvidenceButton = memo(function EvidenceButton({
  node,
  label,
  count,
  readOnly,
  onEvidence,
}: {
  node: IndicatorNode;
  label: string;
  count: number;
  readOnly: boolean;
  onEvidence(node: IndicatorNode): void;
}) {
  return (
    <Button
      size="small"
      icon={<PaperClipOutlined aria-hidden />}
      onClick={() => onEvidence(node)}
      aria-label={`${label} 佐证材料（${count}份）`}
    >
      {count ? `${count}份` : readOnly ? '无' : '上传'}
    </Button>
  );
});
