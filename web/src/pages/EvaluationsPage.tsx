import { Card, Select } from 'antd';
import { useState } from 'react';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import { PageHeader } from '../components/PageHeader';
import { EvaluationTable } from '../components/EvaluationTable';

export default function EvaluationsPage(_: PageProps) {
  const s = useSession();
  const [round, setRound] = useState<number | 'all'>('all');
  const role = s.me.user.role;
  const rows = s.evaluations.filter((e) => round === 'all' || e.roundId === round);
  const title =
    role === 'public' ? '已公开的评价' : role === 'unit_filler' || role === 'unit_leader' ? '本单位自评' : '全部评价';
  return (
    <div className="jx-page">
      <PageHeader
        title={title}
        sub={role === 'public' ? '财政局审核通过的部门整体支出绩效自评' : `共 ${rows.length} 份`}
        extra={
          <label className="jx-inline-label">
            <span>评价轮次</span>
            <Select
              aria-label="按评价轮次筛选"
              value={round}
              onChange={setRound}
              style={{ minWidth: 260 }}
              options={[
                { value: 'all' as const, label: '全部轮次' },
                ...s.rounds.map((r) => ({ value: r.id, label: r.name })),
              ]}
            />
          </label>
        }
      />
      <Card className="jx-card">
        <EvaluationTable rows={rows} decimals={2} showUnit={role !== 'unit_filler'} />
      </Card>
    </div>
  );
}
