// 六、重点工作任务: a row per task with budget, execution and status.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input } from 'antd';
import { NumInput } from '../NumInput';
import { memo, useContext } from 'react';
import { pct, wan } from '../../app/format';
import { EditCtx, fieldId, statusOf } from '../inputs';
import { type Problems } from './shared';

type TaskRow = { name?: string; content?: string; budget?: number; executed?: number; status?: string };

export const TasksSection = memo(function TasksSection({
  tasks,
  problems,
}: {
  tasks: Array<TaskRow | null> | undefined;
  problems: Problems;
}) {
  const { change, readOnly } = useContext(EditCtx);
  const rows = tasks ?? [];
  const setRows = (next: Array<TaskRow | null>) => change(['tasks'], next.length ? next : undefined);
  const sum = (k: 'budget' | 'executed') =>
    rows.reduce((a, t) => a + (typeof t?.[k] === 'number' ? (t[k] as number) : 0), 0);
  const cell = (i: number, k: keyof TaskRow, label: string) => {
    const key = `tasks.${i}.${k}`;
    const { status, help } = statusOf(problems.get(key));
    const v = rows[i]?.[k];
    if (readOnly)
      return (
        <span className={k === 'budget' || k === 'executed' ? 'jx-readonly-value jx-right' : ''}>
          {typeof v === 'number' ? wan(v) : (v ?? '—')}
        </span>
      );
    return (
      <Form.Item validateStatus={status} help={help} className="jx-cell-field">
        {k === 'budget' || k === 'executed' ? (
          <NumInput
            id={fieldId(key)}
            aria-label={`第${i + 1}行${label}`}
            value={v}
            unit="wan"
            onChange={(x) => change(['tasks', i, k], x)}
            className="jx-num"
            suffix="万元"
          />
        ) : (
          <Input
            id={fieldId(key)}
            aria-label={`第${i + 1}行${label}`}
            value={typeof v === 'string' ? v : ''}
            onChange={(e) => change(['tasks', i, k], e.target.value)}
          />
        )}
      </Form.Item>
    );
  };
  return (
    <Card
      id="sec-tasks"
      title="六、年度主要任务及预算执行"
      className="jx-card jx-section"
      extra={
        readOnly ? null : (
          <Button icon={<PlusOutlined />} onClick={() => setRows([...rows, { name: '' }])}>
            添加任务
          </Button>
        )
      }
    >
      {rows.length === 0 ? (
        <p className="jx-muted">
          尚未填写年度主要任务。{readOnly ? '' : '点击“添加任务”逐项填写任务名称、预算数和执行数。'}
        </p>
      ) : (
        <table className="jx-grid-table jx-tasks-table">
          <caption className="jx-sr">年度主要任务</caption>
          <thead>
            <tr>
              <th scope="col" style={{ width: 48 }}>
                序号
              </th>
              <th scope="col">任务名称</th>
              <th scope="col">主要内容</th>
              <th scope="col" style={{ width: 150 }}>
                预算数
              </th>
              <th scope="col" style={{ width: 150 }}>
                执行数
              </th>
              <th scope="col" style={{ width: 80 }}>
                执行率
              </th>
              <th scope="col">完成情况</th>
              {readOnly ? null : <th scope="col" style={{ width: 56 }} aria-label="操作" />}
            </tr>
          </thead>
          <tbody>
            {rows.map((t, i) => (
              <tr key={i}>
                <td className="jx-num-cell">{i + 1}</td>
                <td>{cell(i, 'name', '任务名称')}</td>
                <td>{cell(i, 'content', '主要内容')}</td>
                <td>{cell(i, 'budget', '预算数')}</td>
                <td>{cell(i, 'executed', '执行数')}</td>
                <td className="jx-num-cell">
                  {typeof t?.budget === 'number' && typeof t.executed === 'number' && t.budget > 0
                    ? pct((t.executed / t.budget) * 100)
                    : '—'}
                </td>
                <td>{cell(i, 'status', '完成情况')}</td>
                {readOnly ? null : (
                  <td>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`删除第${i + 1}行任务`}
                      onClick={() => setRows(rows.filter((_, k) => k !== i))}
                    />
                  </td>
                )}
              </tr>
            ))}
            <tr className="jx-total-row">
              <td />
              <th scope="row" colSpan={2}>
                合计（{rows.length}项）
              </th>
              <td className="jx-num-cell">{wan(sum('budget'))}</td>
              <td className="jx-num-cell">{wan(sum('executed'))}</td>
              <td className="jx-num-cell">{sum('budget') > 0 ? pct((sum('executed') / sum('budget')) * 100) : '—'}</td>
              <td colSpan={readOnly ? 1 : 2} />
            </tr>
          </tbody>
        </table>
      )}
    </Card>
  );
});
