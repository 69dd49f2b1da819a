// 二、预算编制与执行's 基本支出 / 项目支出 table: budget and execution by use, each row's rate and the totals.
import { Form } from 'antd';
import { useContext } from 'react';
import { pct, wan } from '../../app/format';
import { rateOf, totalOf } from '../../app/totals';
import { FIGURE_LABELS } from '../fields';
import { EditCtx, fieldId, statusOf } from '../inputs';
import { NumInput } from '../NumInput';
import { num, type Problems, type Slice } from './shared';

const PARTS: Array<[string, string]> = [
  ['basic', '基本支出'],
  ['project', '项目支出'],
  ['other', '其他支出'],
];

export function BudgetByUse({ budget, problems }: { budget: Slice; problems: Problems }) {
  const { change, readOnly } = useContext(EditCtx);
  const b = (k: string) => num(budget, k);
  return (
    <>
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
          {PARTS.map(([k, name]) => {
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
            <td className="jx-num-cell">{wan(totalOf(PARTS.map(([k]) => b(`${k}.budget`))))}</td>
            <td className="jx-num-cell">{wan(totalOf(PARTS.map(([k]) => b(`${k}.executed`))))}</td>
            <td className="jx-num-cell">
              {pct(
                rateOf(totalOf(PARTS.map(([k]) => b(`${k}.executed`))), totalOf(PARTS.map(([k]) => b(`${k}.budget`)))),
              )}
            </td>
          </tr>
        </tbody>
      </table>
    </>
  );
}
