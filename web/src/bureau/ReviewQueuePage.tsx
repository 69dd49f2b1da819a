// 审核队列: what waits for this reviewer (the bureau's 待财政局审核, a leader's 待单位负责人审核), with batch actions.
import { Card } from 'antd';
import { isBureau } from '../app/format';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import { PageHeader } from '../components/PageHeader';
import { ReviewTable } from '../review/ReviewTable';

export default function ReviewQueuePage(_: PageProps) {
  const s = useSession();
  const role = s.me.user.role;
  const leader = role === 'unit_leader';
  if (!leader && !isBureau(role)) {
    return (
      <div className="jx-page">
        <PageHeader title="审核队列" sub="只有财政局审核人员和单位负责人审核评价。" />
      </div>
    );
  }
  return (
    <div className="jx-page">
      <PageHeader
        title={leader ? '待我审核' : '审核队列'}
        sub={
          leader
            ? '本单位填报人提交的自评：审核通过后报送财政局，或退回修改。可勾选多份一并处理。'
            : '各单位报送财政局的自评：按状态、等级、单位类型、自评分与核定分之差筛选；勾选多份一并审核通过或退回（同一条意见）。'
        }
      />
      <Card className="jx-card">
        <ReviewTable
          initial={{
            status: [leader ? 'submitted_leader' : 'submitted_bureau'],
            ...(leader ? {} : s.roundId ? { roundId: s.roundId } : {}),
          }}
          batch={leader ? ['leader-approve', 'leader-return'] : ['approve', 'return']}
          canExport
          showRound={!leader}
        />
      </Card>
    </div>
  );
}
