// A round's progress in the rounds list: started, waiting and approved of the round's own units, as text and a bar.
import { Progress } from 'antd';
import type { EvaluationSummary, Round } from '../app/types';

export function RoundProgressCell({ round: r, evaluations }: { round: Round; evaluations: EvaluationSummary[] }) {
  const list = evaluations.filter((e) => e.roundId === r.id);
  const c = {
    total: list.length,
    approved: list.filter((e) => e.status === 'approved' || e.status === 'locked').length,
    waiting: list.filter((e) => e.status === 'submitted_bureau').length,
  };
  const share = (n: number) => (r.unitCount ? Math.round((n / r.unitCount) * 1000) / 10 : 0);
  return (
    <div className="jx-round-progress">
      <span>
        已开始 {c.total}/{r.unitCount} · 待审核 {c.waiting} · 已通过 {c.approved}
      </span>
      {/* The bar: started of the round's units, the approved share in green. */}
      <Progress
        percent={share(c.total)}
        success={{ percent: share(c.approved), strokeColor: '#166534' }}
        size="small"
        showInfo={false}
        aria-label={`${r.name}：已开始 ${c.total} / ${r.unitCount}，已通过 ${c.approved}`}
      />
    </div>
  );
}
