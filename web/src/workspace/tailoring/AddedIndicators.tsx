// 个性指标: the table of indicators the unit adds under the framework's open nodes.
import { PlusOutlined } from '@ant-design/icons';
import type { IndicatorNode } from '@core/framework/model.js';
import { Button } from 'antd';
import { useContext } from 'react';
import type { Problem } from '../check';
import { EditCtx } from '../inputs';
import { type Added, AddedRow } from './AddedRow';

export function AddedIndicators({
  open,
  add,
  problems,
}: {
  open: IndicatorNode[];
  add: Added[];
  problems: Map<string, Problem[]>;
}) {
  const { change, readOnly } = useContext(EditCtx);
  const setAdd = (next: Added[]) => change(['tailoring', 'add'], next.length ? next : undefined);
  return (
    <>
      <table className="jx-grid-table">
        <caption className="jx-sr">个性指标</caption>
        <thead>
          <tr>
            <th scope="col">上级指标</th>
            <th scope="col">指标名称</th>
            <th scope="col" style={{ width: 120 }}>
              分值
            </th>
            <th scope="col">指标值</th>
            <th scope="col">计分方式</th>
            {readOnly ? null : <th scope="col" aria-label="操作" style={{ width: 48 }} />}
          </tr>
        </thead>
        <tbody>
          {add.map((a, i) => (
            <AddedRow
              key={i}
              a={a}
              i={i}
              open={open}
              problems={problems}
              onDelete={() => setAdd(add.filter((_, k) => k !== i))}
            />
          ))}
        </tbody>
      </table>
      {readOnly ? null : (
        <Button
          icon={<PlusOutlined />}
          onClick={() => setAdd([...add, { parent: open[0]!.id, name: '', weight: 0 } as Added])}
          className="jx-mt"
        >
          添加个性指标
        </Button>
      )}
    </>
  );
}
