// 七、绩效指标计分表: tailoring, the indicator table and its total.
import type { IndicatorInput } from '@core/evaluation.js';
import type { Framework, IndicatorNode } from '@core/framework/model.js';
import type { ScoreResult } from '@core/scoring.js';
import { Card } from 'antd';
import { score as fmtScore } from '../app/format';
import type { EvaluationDocument } from '../app/types';
import type { Problem } from './check';
import { IndicatorTable } from './IndicatorTable';
import { tailorable, TailoringSection } from './Tailoring';
import type { IndicatorView } from './useIndicatorView';

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
        <TailoringSection framework={framework} tailoring={doc.tailoring} problems={problems} />
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
        合计 <b data-testid="table-total">{fmtScore(result?.total, decimals)}</b> 分，等级 <b>{result?.grade ?? '—'}</b>
        {result?.unscored.count ? (
          <span className="jx-muted">（其中 {result.unscored.count} 项指标缺少计分数据，按0分计）</span>
        ) : null}
      </div>
    </Card>
  );
}
