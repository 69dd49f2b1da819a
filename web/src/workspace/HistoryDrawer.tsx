// 修改记录: an evaluation's history as Chinese sentences (src/core/history.ts), newest first.
import { describeEntry } from '@core/history.js';
import { findIndicator, type TreeIndex } from '@core/framework/model.js';
import { Drawer } from 'antd';
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
