// A round's progress as bars: started of all units, then each status's share, 未开始 first.
import { Progress } from 'antd';
import type { RoundProgress, Status } from '../../app/types';

const COLOURS: Record<Status, string> = {
  draft: '#64748b',
  returned: '#b42318',
  submitted_leader: '#9a5b00',
  submitted_bureau: '#1d4ed8',
  approved: '#166534',
  locked: '#14532d',
};

const pct = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : 0);

export function ProgressBars({ p }: { p: RoundProgress }) {
  const started = p.units - p.notStarted;
  const done = p.byStatus
    .filter((x) => x.status === 'approved' || x.status === 'locked')
    .reduce((s, x) => s + x.count, 0);
  return (
    <div data-testid="round-progress">
      <div className="jx-progress-main">
        <span>
          已开始填报 {started} / {p.units}
        </span>
        <Progress percent={pct(started, p.units)} aria-label={`已开始填报 ${started} / ${p.units}`} />
        <span>
          审核通过 {done} / {p.units}
        </span>
        <Progress percent={pct(done, p.units)} strokeColor="#166534" aria-label={`审核通过 ${done} / ${p.units}`} />
      </div>
      <div className="jx-progress-bars">
        <div>
          <span>未开始 {p.notStarted}</span>
          <Progress percent={pct(p.notStarted, p.units)} size="small" strokeColor="#94a3b8" />
        </div>
        {p.byStatus.map((x) => (
          <div key={x.status}>
            <span>
              {x.label} {x.count}
            </span>
            <Progress percent={pct(x.count, p.units)} size="small" strokeColor={COLOURS[x.status]} />
          </div>
        ))}
      </div>
    </div>
  );
}
