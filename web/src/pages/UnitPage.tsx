import { useEffect } from 'react';
import { navigate } from '../app/router';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import { StartEvaluation } from '../workspace/StartEvaluation';
import { Problem } from '../components/Problem';

/** The org switcher's target: the unit's evaluation in the current round, or why there is none. */
export default function UnitPage({ params }: PageProps) {
  const s = useSession();
  const orgId = Number(params.orgId);
  const org = s.orgs.find((o) => o.id === orgId);
  const ev = s.evaluations.find((e) => e.orgId === orgId && e.roundId === s.roundId);
  useEffect(() => {
    if (ev) navigate(`/evaluations/${ev.id}`, { replace: true });
  }, [ev]);
  if (ev) return null;
  if (!org) return <Problem status="404" title="未找到该单位，或您无权查看" />;
  const mayStart = s.me.user.role === 'unit_filler' && s.me.organisation.id === orgId && s.round;
  return (
    <Problem
      status="info"
      title={`${org.name}尚未开始填报`}
      subTitle={s.round ? `“${s.round.name}”中还没有这个单位的自评。` : '请先在页面顶部选择评价轮次。'}
      extra={mayStart ? <StartEvaluation roundId={s.round!.id} /> : null}
    />
  );
}
