// 二、预算编制与执行: budget figures by source and by use, with the rates they give.
import { Card, Col, Form, Row } from 'antd';
import { NumInput } from '../NumInput';
import { memo, useContext } from 'react';
import { pct, wan } from '../../app/format';
import { FIGURE_LABELS } from '../fields';
import { EditCtx, fieldId, NumField, statusOf } from '../inputs';
import { MetricList, num, Nums, type Slice, type SectionProps } from './shared';

export const BudgetSection = memo(function BudgetSection({
  budget,
  problems,
  metrics,
}: SectionProps & { budget: Slice }) {
  const b = (k: string) => num(budget, k);
  const computedTotal =
    typeof b('initial') === 'number'
      ? (b('initial') as number) +
        ((b('adjustment') as number) || 0) +
        ((b('otherAdjustment') as number) || 0) +
        ((b('carryOver') as number) || 0)
      : undefined;
  const { change, readOnly } = useContext(EditCtx);
  const parts: Array<[string, string]> = [
    ['basic', '基本支出'],
    ['project', '项目支出'],
    ['other', '其他支出'],
  ];
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
      <h3 className="jx-subhead">基本支出 / 项目支出</h3>
      <table className="jx-grid-table">
        <caption className="jx-sr">按支出类别的预算与执行（万元）</caption>
        <thead>
          <tr>
            <th scope="col">支出类别</th>
            <th scope="col">预算数（万元）</th>
            <th scope="col">执行数（万元）</th>
            <th scope="col">执行率</th>
          </tr>
        </thead>
        <tbody>
          {parts.map(([k, name]) => {
            const pb = b(`${k}.budget`) as number | undefined;
            const pe = b(`${k}.executed`) as number | undefined;
            return (
              <tr key={k}>
                <th scope="row">{name}</th>
                {(['budget', 'executed'] as const).map((f) => {
                  const key = `figures.budget.${k}.${f}`;
                  const { status, help } = statusOf(problems.get(key));
                  return (
                    <td key={f}>
                      {readOnly ? (
                        <span className="jx-readonly-value jx-right">
                          {typeof b(`${k}.${f}`) === 'number' ? wan(b(`${k}.${f}`) as number) : '—'}
                        </span>
                      ) : (
                        <Form.Item validateStatus={status} help={help} className="jx-cell-field">
                          <NumInput
                            id={fieldId(key)}
                            aria-label={FIGURE_LABELS[key]}
                            value={b(`${k}.${f}`)}
                            unit="wan"
                            onChange={(x) => change(['figures', 'budget', k, f], x)}
                            className="jx-num"
                          />
                        </Form.Item>
                      )}
                    </td>
                  );
                })}
                <td className="jx-num-cell">
                  {typeof pb === 'number' && typeof pe === 'number' && pb > 0 ? pct((pe / pb) * 100) : '—'}
                </td>
              </tr>
            );
          })}
          <tr className="jx-total-row">
            <th scope="row">合计</th>
            <td className="jx-num-cell">{wan(parts.reduce((a, [k]) => a + ((b(`${k}.budget`) as number) || 0), 0))}</td>
            <td className="jx-num-cell">
              {wan(parts.reduce((a, [k]) => a + ((b(`${k}.executed`) as number) || 0), 0))}
            </td>
            <td />
          </tr>
        </tbody>
      </table>
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
