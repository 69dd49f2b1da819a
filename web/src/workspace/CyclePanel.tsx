// 全年情况 in the 自评: the approved targets (指标值 locked), the monitoring figures beside the actuals, the cycle's
// warnings (指标值 changed, full marks against 完全不可能) and last year's open 整改 items with their outcome asked for.
import { LockOutlined } from '@ant-design/icons';
import { Alert, Card } from 'antd';
import { Link } from '../app/router';
import type { EvaluationDocument } from '../app/types';
import type { CycleView } from '../cycle/api';
import { Findings } from '../cycle/Findings';
import { CarriedOverList } from './CarriedOverList';
import { CycleIndicatorTable } from './CycleIndicatorTable';
import { useEvaluationCycle } from './useEvaluationCycle';

/** A signal's message does not always name its indicator (“自评满分10分，但…”): the panel puts it in front. */
const named = (signals: CycleView['signals']) =>
  signals.map((s) =>
    s.indicator && !s.message.includes(s.indicator) ? { ...s, message: `〔${s.indicator}〕${s.message}` } : s,
  );

export default function CyclePanel({
  evaluationId,
  version,
  indicators,
}: {
  evaluationId: number;
  version: number;
  indicators: EvaluationDocument['indicators'];
}) {
  const { cycle, error, reload } = useEvaluationCycle(evaluationId, version);
  const title = '全年情况：绩效目标、运行监控与上年整改';
  if (error)
    return (
      <Card id="sec-cycle" title={title} className="jx-card jx-section">
        <Alert type="warning" showIcon title={`未能读取全年情况：${error}`} />
      </Card>
    );
  if (!cycle) return null;
  const empty = cycle.targetSetId === null && !cycle.monitoring.length && !cycle.carriedOver.length;
  return (
    <Card id="sec-cycle" title={title} className="jx-card jx-section">
      {empty ? <p className="jx-muted">本年度没有已批复的绩效目标和监控填报，上年也没有未完成的整改事项。</p> : null}
      {cycle.targetSetId !== null ? (
        <Alert
          type="info"
          showIcon
          icon={<LockOutlined />}
          title={
            <span>
              绩效目标已批复（第{cycle.approvedVersion}
              版）：指标值和年度主要任务的预算资金以批复为准，不能在自评中修改； 确需调整请向财政局申请目标调整。
              <Link to={`/targets/${cycle.targetSetId}`}>查看绩效目标表</Link>
            </span>
          }
        />
      ) : null}
      {cycle.targetSetId !== null || cycle.monitoring.length ? (
        <>
          <h3 className="jx-subhead">与批复目标和运行监控对照</h3>
          <Findings findings={named(cycle.signals)} empty="自评与批复的目标和监控情况一致" />
          <CycleIndicatorTable cycle={cycle} indicators={indicators} />
        </>
      ) : null}
      {cycle.carriedOver.length ? <CarriedOverList items={cycle.carriedOver} onSaved={reload} /> : null}
    </Card>
  );
}
