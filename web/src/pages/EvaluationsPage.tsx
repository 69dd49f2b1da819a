// /evaluations — every evaluation the caller may see, as a searchable, filterable, paged list.
import { isUnitStaffRole } from '@core/workflow.js';
import { Card } from 'antd';
import { isBureau } from '../app/format';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import { PageHeader } from '../components/PageHeader';
import { ReviewTable } from '../review/ReviewTable';

export default function EvaluationsPage(_: PageProps) {
  const s = useSession();
  const role = s.me.user.role;
  const title = role === 'public' ? '已公开的评价' : isUnitStaffRole(role) ? '本单位自评' : '全部评价';
  return (
    <div className="jx-page">
      <PageHeader
        title={title}
        sub={
          role === 'public' ? '财政局审核通过的部门整体支出绩效自评' : '按关键词、轮次、状态、等级筛选；点击列标题排序'
        }
      />
      <Card className="jx-card">
        <ReviewTable initial={{}} canExport={isBureau(role) || role === 'unit_leader'} />
      </Card>
    </div>
  );
}
