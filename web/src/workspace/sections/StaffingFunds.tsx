// 三、四: staffing (编制与实有人数) and funds (三公经费, 政府采购 …).
import { Card, Row } from 'antd';
import { memo } from 'react';
import { MetricList, Nums, type Slice, type SectionProps } from './shared';

export const StaffingSection = memo(function StaffingSection({
  staffing,
  problems,
  metrics,
}: SectionProps & { staffing: Slice }) {
  return (
    <Card id="sec-staff" title="三、人员编制" className="jx-card jx-section">
      <Row gutter={16}>
        <Nums
          src={staffing}
          prefix="figures.staffing"
          problems={problems}
          unit="人"
          integer
          span={5}
          keys={['authorized', 'actual', 'onPayroll', 'supernumerary', 'retired']}
        />
      </Row>
      <MetricList metrics={metrics} ids={['staffControlRate', 'fundedStaffControlRate', 'supernumeraryRate']} />
    </Card>
  );
});

export const FundsSection = memo(function FundsSection({
  threePublic,
  publicFunds,
  procurement,
  problems,
  metrics,
}: SectionProps & { threePublic: Slice; publicFunds: Slice; procurement: Slice }) {
  return (
    <Card
      id="sec-funds"
      title="四、“三公”经费与公用经费、政府采购"
      className="jx-card jx-section"
      extra={<span className="jx-muted">金额单位：万元</span>}
    >
      <Row gutter={16}>
        <Nums
          src={threePublic}
          prefix="figures.threePublic"
          problems={problems}
          unit="万元"
          span={8}
          keys={['budget', 'actual', 'previousBudget']}
        />
        <Nums
          src={publicFunds}
          prefix="figures.publicFunds"
          problems={problems}
          unit="万元"
          keys={['budget', 'actual']}
        />
        <Nums
          src={procurement}
          prefix="figures.procurement"
          problems={problems}
          unit="万元"
          keys={['budget', 'actual']}
        />
      </Row>
      <MetricList
        metrics={metrics}
        ids={['threePublicControlRate', 'threePublicChangeRate', 'publicFundsControlRate', 'procurementExecutionRate']}
      />
    </Card>
  );
});
