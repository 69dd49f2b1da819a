// The indicator table (绩效指标计分表): one memoised row per leaf indicator.
import type { IndicatorInput } from '@core/evaluation.js';
import type { Framework, IndicatorNode } from '@core/framework/model.js';
import type { Finding, IndicatorScore } from '@core/scoring.js';
import { useMemo } from 'react';
import type { Problem } from './check';
import { IndicatorRow, type Metric } from './IndicatorRow';
import { DEPTH_LABELS, layoutOf } from './indicatorLayout';

/**
 * The indicator table as the paper form prints it: 一级 / 二级 / 三级 (merged cells), 分值, 指标值,
 * 实际完成值, the judgment a rule needs (要点, 定性档次, 是否, 扣分项数 …), 得分 (live, with the rule's
 * explanation on hover or focus), 偏差原因, 佐证材料. Rows are memoised: typing in one row renders
 * that row only; the live score re-renders rows when it changes. On a phone each row shows as a card.
 */

export interface IndicatorTableProps {
  framework: Framework;
  roots: IndicatorNode[];
  inputs: Record<string, IndicatorInput>;
  keys: Map<string, string>;
  scores: Map<string, IndicatorScore>;
  findings: Map<string, Finding[]>;
  problems: Map<string, Problem[]>;
  metrics: Map<string, Metric>;
  evidence: Map<string, number>;
  onEvidence(node: IndicatorNode): void;
  decimals: number;
}

export function IndicatorTable(p: IndicatorTableProps) {
  const layout = useMemo(() => layoutOf(p.roots), [p.roots]);
  return (
    <div className="jx-ind-wrap" role="region" aria-label="绩效指标计分表" tabIndex={0}>
      <table className="jx-ind-table">
        <caption className="jx-sr">绩效指标计分表：每行一个末级指标，得分随填写实时计算</caption>
        <thead>
          <tr>
            {Array.from({ length: layout.depth }, (_, d) => (
              <th key={d} scope="col" className={`jx-col-l${d + 1}`}>
                {DEPTH_LABELS[d]}
              </th>
            ))}
            <th scope="col" className="jx-col-w">
              分值
            </th>
            <th scope="col" className="jx-col-target">
              指标值
            </th>
            <th scope="col" className="jx-col-actual">
              实际完成值
            </th>
            <th scope="col" className="jx-col-judge">
              评判（定性/要点）
            </th>
            <th scope="col" className="jx-col-score">
              得分
            </th>
            <th scope="col" className="jx-col-reason">
              偏差原因
            </th>
            <th scope="col" className="jx-col-ev">
              佐证材料
            </th>
          </tr>
        </thead>
        <tbody>
          {layout.rows.map(({ leaf, cells }) => {
            const key = p.keys.get(leaf.id) ?? leaf.id;
            return (
              <IndicatorRow
                key={leaf.id}
                node={leaf}
                cells={cells}
                docKey={key}
                input={p.inputs[key]}
                score={p.scores.get(leaf.id)}
                findings={p.findings.get(leaf.id)}
                problems={rowProblems(p.problems, key)}
                metric={leaf.metric ? p.metrics.get(leaf.metric) : undefined}
                evidence={p.evidence.get(leaf.id) ?? 0}
                onEvidence={p.onEvidence}
                framework={p.framework}
                decimals={p.decimals}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function rowProblems(all: Map<string, Problem[]>, docKey: string): Map<string, Problem[]> | undefined {
  let out: Map<string, Problem[]> | undefined;
  const prefix = `indicators.${docKey}.`;
  for (const [k, v] of all) {
    if (!k.startsWith(prefix)) continue;
    out ??= new Map();
    out.set(k, v);
  }
  return out;
}
