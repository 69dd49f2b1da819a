// 修改记录: the evaluation's audit trail (saves and workflow steps with the fields they changed), in a drawer.
import type { TreeIndex } from '@core/framework/model.js';
import { App, Button, Drawer } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api } from '../app/api';
import { ACTION_LABELS, dateTime } from '../app/format';
import type { Action } from '../app/types';
import { fieldLabel } from './check';

type History = Awaited<ReturnType<typeof api.history>>;

function actionName(action: string): string {
  if (action.startsWith('transition:')) return ACTION_LABELS[action.slice(11) as Action] ?? action;
  return action === 'update' ? '保存' : action === 'create' ? '新建' : action;
}

/** The 修改记录 button and the drawer it opens. */
export function HistoryButton({ evaluationId, index }: { evaluationId: number; index: TreeIndex }) {
  const { message } = App.useApp();
  const [history, setHistory] = useState<History>();
  const show = async () => {
    try {
      setHistory(await api.history(evaluationId));
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <Button icon={<HistoryOutlined />} onClick={() => void show()}>
        修改记录
      </Button>
      <Drawer open={Boolean(history)} onClose={() => setHistory(undefined)} title="修改记录" size={560}>
        <ol className="jx-history">
          {[...(history ?? [])].reverse().map((h) => (
            <li key={h.id}>
              <div>
                <b>{dateTime(h.at)}</b> {h.actor} · {actionName(h.action)}
              </div>
              <ul>
                {h.changes.slice(0, 12).map((c, i) => (
                  <li key={i}>
                    {c.field === 'status'
                      ? '状态'
                      : fieldLabel(c.field.replace(/^document\./, '').replace(/\[(\d+)\]/g, '.$1'), index)}
                    ：{c.old === null ? '空' : String(c.old)} → {c.new === null ? '空' : String(c.new)}
                  </li>
                ))}
                {h.changes.length > 12 ? <li className="jx-muted">……另有 {h.changes.length - 12} 处</li> : null}
              </ul>
            </li>
          ))}
        </ol>
      </Drawer>
    </>
  );
}
