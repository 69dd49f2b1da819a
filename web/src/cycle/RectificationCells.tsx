// A 整改 item's due date (red once overdue) and state tag, on the 整改 page and in the 自评's cycle panel.
import { Tag } from 'antd';
import type { RectificationView } from './api';

/** The due date, red with （逾期） once passed and not done. */
export function DueCell({ item }: { item: RectificationView }) {
  if (!item.due) return null;
  return (
    <span style={{ color: item.overdue ? '#cf1322' : undefined }}>
      {item.due}
      {item.overdue ? '（逾期）' : ''}
    </span>
  );
}

export function StatusCell({ item }: { item: RectificationView }) {
  const color = item.status === 'done' ? 'green' : item.status === 'in_progress' ? 'blue' : 'default';
  return <Tag color={color}>{item.statusLabel}</Tag>;
}
