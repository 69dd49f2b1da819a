// Last year's 整改 items not yet done: the 自评 lists them and asks for their outcome (recorded on the item itself).
import { Alert, Button, List, Space } from 'antd';
import { useState } from 'react';
import type { RectificationView } from '../cycle/api';
import { DueCell, StatusCell } from '../cycle/RectificationCells';
import { RectificationEditModal } from '../cycle/RectificationEditModal';

export function CarriedOverList({ items, onSaved }: { items: RectificationView[]; onSaved: () => void }) {
  const [editing, setEditing] = useState<RectificationView>();
  const unanswered = items.filter((i) => !i.outcome).length;
  return (
    <>
      <h3 className="jx-subhead">上年未完成的整改事项（{items.length}）</h3>
      {unanswered ? (
        <Alert
          type="warning"
          showIcon
          title={`请说明${unanswered}项上年整改事项的整改结果：已完成的附佐证材料并标记为“已完成”，未完成的写明进展和原因`}
        />
      ) : null}
      <List
        size="small"
        dataSource={items}
        renderItem={(i) => (
          <List.Item
            actions={[
              <Button key="o" size="small" onClick={() => setEditing(i)}>
                填写整改结果
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <StatusCell item={i} />
                  <span>
                    {i.year}年度 · {i.sourceLabel}：{i.problem}
                  </span>
                </Space>
              }
              description={
                <span>
                  {i.owner ? `责任人：${i.owner}；` : ''}
                  {i.due ? (
                    <>
                      期限：
                      <DueCell item={i} />；
                    </>
                  ) : null}
                  整改结果：{i.outcome ?? <span className="jx-sev-warning">未填写</span>}
                </span>
              }
            />
          </List.Item>
        )}
      />
      <RectificationEditModal
        item={editing}
        title="上年整改事项：填写整改结果"
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          onSaved();
        }}
      />
    </>
  );
}
