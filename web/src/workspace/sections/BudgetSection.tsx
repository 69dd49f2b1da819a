// 二、预算编制与执行: budget figures by source and by use, with the rates they give.
import { Card, Col, Row } from 'antd';
import { memo } from 'react';
import { wan } from '../../app/format';
import { FIGURE_LABELS } from '../fields';
import { NumField } from '../inputs';
import { BudgetByUse } from './BudgetByUse';
import { MetricList, num, Nums, type Slice, type SectionProps } from './shared';

export const BudgetSection = memo(function BudgetSection({
  budget,
  problems,
  metrics,
}: SectionProps & { budget: Slice }) {
  const b = (k: string) => num(budget, k);
  // A field may hold text that could not be read (kept, with its message): only numbers add up.
  const n = (k: string) => (typeof b(k) === 'number' ? (b(k) as number) : 0);
  const computedTotal =
    typeof b('initial') === 'number'
      ? n('initial') + n('adjustment') + n('otherAdjustment') + n('carryOver')
      : undefined;
  return (
    <Card
      id="sec-budget"
      title="二、预算收支与执行"
      className="jx-card jx-section"
      extra={<span className="jx-muted">金额单位：万元</span>}
    >
      <Row gutter={16}>
        <Nums
          src={budget}
          prefix="figures.budget"
          problems={problems}
          unit="万元"
          keys={['initial', 'adjustment', 'otherAdjustment', 'carryOver']}
        />
        <Col xs={24} sm={12} md={6}>
          <NumField
            k="figures.budget.total"
            label={FIGURE_LABELS['figures.budget.total']!}
            unit="万元"
            value={b('total')}
            problems={problems.get('figures.budget.total')}
            placeholder={computedTotal !== undefined ? `按年初+调整+结转：${wan(computedTotal)}` : '留空则自动计算'}
          />
        </Col>
        <Nums
          src={budget}
          prefix="figures.budget"
          problems={problems}
          unit="万元"
          keys={['executed', 'balance', 'previousBalance', 'finalAccounts', 'keySpending']}
        />
        <Nums
          src={budget}
          prefix="figures.budget"
          problems={problems}
          unit="%"
          keys={['paymentPlanned', 'paymentActual']}
        />
      </Row>
      <BudgetByUse budget={budget} problems={problems} />
      <h3 className="jx-subhead">季度支出进度（季度末累计，%）</h3>
      <Row gutter={16}>
        {[0, 1, 2, 3].map((i) => (
          <Col key={i} xs={12} md={6}>
            <NumField
              k={`figures.budget.quarterly.${i}`}
              label={`第${'一二三四'[i]}季度末`}
              unit="%"
              value={num(budget, `quarterly.${i}`)}
              problems={problems.get(`figures.budget.quarterly.${i}`)}
            />
          </Col>
        ))}
      </Row>
      {problems.get('figures.budget.quarterly')?.map((p) => (
        <p key={p.message} className="jx-warning-text">
          季度进度：{p.message}
        </p>
      ))}
      <MetricList
        metrics={metrics}
        ids={[
          'budgetExecutionRate',
          'budgetAdjustmentRate',
          'carryOverRate',
          'carryOverChangeRate',
          'paymentProgressRate',
          'budgetFinalDifferenceRate',
          'keySpendingRate',
        ]}
      />
    </Card>
  );
});
