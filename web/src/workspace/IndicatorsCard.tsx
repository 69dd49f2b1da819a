// 七、绩效指标计分表: tailoring, the indicator table and its total.
import { POINT_KIND_HELP } from '@core/verification.js';
import type { IndicatorInput } from '@core/evaluation.js';
import type { Framework, IndicatorNode } from '@core/framework/model.js';
import type { ScoreResult } from '@core/scoring.js';
import { Card } from 'antd';
import { score as fmtScore } from '../app/format';
import type { EvaluationDocument } from '../app/types';
import type { Problem } from './check';
import { IndicatorTable } from './IndicatorTable';
import { useProblemSlice } from './useProblemSlice';
import { tailorable, TailoringSection } from './Tailoring';
import type { IndicatorView } from './useIndicatorView';

const TAILORING = ['tailoring'] as const;

export function IndicatorsCard({
  framework,
  doc,
  view,
  result,
  problems,
  evidence,
  onEvidence,
}: {
  framework: Framework;
  doc: EvaluationDocument;
  view: IndicatorView;
  result: ScoreResult | undefined;
  problems: Map<string, Problem[]>;
  evidence: Map<string, number>;
  onEvidence(n: IndicatorNode): void;
}) {
  const decimals = framework.decimals;
  const tailoringProblems = useProblemSlice(problems, TAILORING);
  return (
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
        <TailoringSection framework={framework} tailoring={doc.tailoring} problems={tailoringProblems} />
      ) : null}
      <IndicatorTable
        framework={framework}
        roots={view.roots}
        inputs={view.indicators as Record<string, IndicatorInput>}
        keys={view.keys}
        scores={view.scores}
        findings={view.rowFindings}
        problems={problems}
        metrics={view.metrics}
        evidence={evidence}
        onEvidence={onEvidence}
        decimals={decimals}
      />
      <div className="jx-ind-total">
        核定总分 <b data-testid="table-total">{fmtScore(result?.total, decimals)}</b> 分，等级{' '}
        <b>{result?.grade ?? '—'}</b>
        {result?.unverifiable.count ? (
          <span className="jx-pending" data-testid="unverifiable" title={POINT_KIND_HELP.unverifiable}>
            ；待核实 {fmtScore(result.unverifiable.points, decimals)} 分（{result.unverifiable.count} 项）
            {result.gradeMayChange ? '，可能影响等级' : ''}；严格口径 {fmtScore(result.strictTotal, decimals)} 分
          </span>
        ) : null}
      </div>
    </Card>
  );
}
