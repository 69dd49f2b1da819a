// The admin's 修改截止时间 dialog for one round (empty means no deadline).
import { App, DatePicker, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../app/api';
import { useSession } from '../app/session';
import type { Round } from '../app/types';

export function DeadlineDialog({ round, onClose }: { round: Round; onClose: () => void }) {
  const s = useSession();
  const { message } = App.useApp();
  const [deadline, setDeadline] = useState<Dayjs | null>(round.deadline ? dayjs(round.deadline) : null);
  const save = async () => {
    try {
      await api.updateRound(round.id, { deadline: deadline ? deadline.toISOString() : null });
      await s.reload();
      message.success('截止时间已修改');
      onClose();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Modal
      open
      title={`修改截止时间：${round.name}`}
      okText="保存"
      cancelText="取消"
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <label htmlFor="jx-deadline" className="jx-block-label">
        截止时间（留空表示不设截止）
      </label>
      <DatePicker
        id="jx-deadline"
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        value={deadline}
        onChange={setDeadline}
        style={{ width: 240 }}
      />
    </Modal>
  );
}
