// 催办 notifications for a unit: the bureau's reminders to start a round, newest first, on the 工作台.
import { isUnitStaffRole } from '@core/workflow.js';
import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { dateTime } from '../../app/format';
import { reviewApi } from '../../app/reviewApi';
import { useSession } from '../../app/session';
import type { Notification } from '../../app/types';

export function Notifications() {
  const s = useSession();
  const [list, setList] = useState<Notification[]>([]);
  const unit = isUnitStaffRole(s.me.user.role);
  useEffect(() => {
    if (unit) reviewApi.notifications().then(setList, () => undefined);
  }, [unit]);
  // A reminder stops mattering once the unit has started that round.
  const open = list.filter((n) => !s.evaluations.some((e) => e.roundId === n.roundId && e.orgId === n.orgId));
  if (!open.length) return null;
  const last = open[0]!;
  return (
    <Alert
      type="warning"
      showIcon
      className="jx-alert"
      data-testid="reminder"
      title={`催办：${last.roundName}`}
      description={
        <>
          {last.message}（{last.sentBy}，{dateTime(last.sentAt)}
          {open.length > 1 ? `；共催办 ${open.length} 次` : ''}
          {last.deadline ? `；截止 ${dateTime(last.deadline)}` : ''}）
        </>
      }
    />
  );
}
