// 五、资产管理 and the unit's work figures, with 满意度.
import { Card, Col, Row } from 'antd';
import { memo } from 'react';
import { NumField } from '../inputs';
import { MetricList, Nums, type Slice, type SectionProps } from './shared';

export const AssetsWorkSection = memo(function AssetsWorkSection({
  assets,
  work,
  satisfaction,
  problems,
  metrics,
}: SectionProps & { assets: Slice; work: Slice; satisfaction: unknown }) {
  return (
    <Card id="sec-assets" title="五、资产与履职情况" className="jx-card jx-section">
      <Row gutter={16}>
        <Nums src={assets} prefix="figures.assets" problems={problems} unit="万元" keys={['total', 'inUse']} />
        <Col xs={24} sm={12} md={6}>
          <NumField
            k="figures.satisfaction"
            label="满意度（调查结果）"
            unit="%"
            value={satisfaction}
            problems={problems.get('figures.satisfaction')}
          />
        </Col>
      </Row>
      <Row gutter={16}>
        <Nums
          src={work}
          prefix="figures.tasks"
          problems={problems}
          unit="项"
          integer
          keys={[
            'planned',
            'completed',
            'onTime',
            'qualified',
            'keyAssigned',
            'keyCompleted',
            'projects',
            'projectsOnTime',
          ]}
        />
      </Row>
      <MetricList
        metrics={metrics}
        ids={[
          'fixedAssetUtilization',
          'completionRate',
          'timelinessRate',
          'qualityRate',
          'keyTaskCompletionRate',
          'projectTimelinessRate',
          'satisfaction',
        ]}
      />
    </Card>
  );
});
