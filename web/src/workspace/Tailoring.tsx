// 指标设置: what a framework leaves to the unit (个性指标, 删减, 设定分值), as one card of the indicator section.
import { type Framework, type IndicatorNode, walk } from '@core/framework/model.js';
import { Card } from 'antd';
import { memo, useMemo } from 'react';
import type { EvaluationDocument } from '../app/types';
import type { Problem } from './check';
import { AddedIndicators } from './tailoring/AddedIndicators';
import { DropWeights } from './tailoring/DropWeights';

type Tailoring = NonNullable<EvaluationDocument['tailoring']>;

/** Whether the framework leaves anything to the unit: 个性指标, indicators it may drop, weights it sets. */
export function tailorable(fw: Framework): boolean {
  let yes = false;
  walk(fw.roots, (n) => {
    if (n.open || n.optional || n.unitWeights) yes = true;
  });
  return yes;
}

/**
 * 指标设置: the unit's own indicators (个性指标) under the framework's open nodes, the optional
 * indicators it drops as not applicable, and the weights it sets where the framework says so.
 */
export const TailoringSection = memo(function TailoringSection({
  framework,
  tailoring,
  problems,
}: {
  framework: Framework;
  tailoring: Tailoring | undefined;
  problems: Map<string, Problem[]>;
}) {
  const { open, optional, weighted } = useMemo(() => {
    const open: IndicatorNode[] = [];
    const optional: IndicatorNode[] = [];
    const weighted: IndicatorNode[] = [];
    walk(framework.roots, (n) => {
      if (n.open) open.push(n);
      if (n.optional) optional.push(n);
      if (n.unitWeights) for (const c of n.children) if (!c.fixedWeight) weighted.push(c);
    });
    return { open, optional, weighted };
  }, [framework]);
  const add = tailoring?.add ?? [];

  return (
    <Card id="sec-tailoring" type="inner" title="指标设置（个性指标、删减与设定分值）" className="jx-card jx-inner">
      {open.length ? (
        <>
          <h3 className="jx-subhead">个性指标</h3>
          <p className="jx-muted">
            以下指标由单位根据本单位情况自行设置：{open.map((n) => n.path.join(' / ')).join('；')}
            。指标值含数值的按定量计分，否则按定性分档计分。
          </p>
          <AddedIndicators open={open} add={add} problems={problems} />
        </>
      ) : null}
      <DropWeights optional={optional} weighted={weighted} tailoring={tailoring} problems={problems} />
    </Card>
  );
});
