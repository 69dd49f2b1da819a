// 修改记录: an evaluation's history as Chinese sentences (src/core/history.ts), newest first.
import { describeEntry } from '@core/history.js';
import { findIndicator, type TreeIndex } from '@core/framework/model.js';
import { HistoryOutlined } from '@ant-design/icons';
import { App, Button, Drawer } from 'antd';
import { useState } from 'react';
import { api } from '../app/api';
import { useSession } from '../app/session';
import { dateTime } from '../app/format';
import type { AuditEntry } from '../app/types';

export function HistoryDrawer({
  entries,
  index,
  onClose,
}: {
  entries: AuditEntry[] | undefined;
  index: TreeIndex;
  onClose(): void;
}) {
  const indicatorName = (id: string) => {
    const hit = findIndicator(index, id);
    return hit && !Array.isArray(hit) ? hit.name : undefined;
  };
  return (
    <Drawer open={Boolean(entries)} onClose={onClose} title="修改记录" size={560}>
      <ol className="jx-history" data-testid="history">
        {[...(entries ?? [])].reverse().map((h) => {
          const t = describeEntry(h, { indicatorName });
          return (
            <li key={h.id}>
              <div>
                <b>{dateTime(h.at)}</b> {t.sentence}
              </div>
              {t.lines.length ? (
                <ul>
                  {t.lines.map((l, i) => (
                    <li key={i}>{l}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
    </Drawer>
  );
}

/** The 修改记录 button and the drawer it opens (not for the public: the API answers 403). */
export function HistoryButton({ evaluationId, index }: { evaluationId: number; index: TreeIndex }) {
  const s = useSession();
  const { message } = App.useApp();
  const [entries, setEntries] = useState<AuditEntry[]>();
  if (s.me.user.role === 'public') return null;
  const show = async () => {
    try {
      setEntries(await api.history(evaluationId));
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <Button icon={<HistoryOutlined />} onClick={() => void show()}>
        修改记录
      </Button>
      <HistoryDrawer entries={entries} index={index} onClose={() => setEntries(undefined)} />
    </>
  );
}
