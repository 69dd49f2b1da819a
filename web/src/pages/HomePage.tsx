// The 工作台: to-do list, the current round and (for a unit) its own evaluations.
import { isUnitStaffRole } from '@core/workflow.js';
import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import { todos } from '../app/todo';
import { EvaluationTable } from '../components/EvaluationTable';
import { PageHeader } from '../components/PageHeader';
import { Notifications } from './home/Notifications';
import { RoundCard } from './home/RoundCard';
import { TodoList } from './home/TodoList';

export default function HomePage(_: PageProps) {
  const s = useSession();
  const list = useMemo(() => todos(s.me, s.rounds, s.evaluations), [s.me, s.rounds, s.evaluations]);
  const role = s.me.user.role;
  const round = s.round;
  const mine = s.evaluations.filter((e) => e.orgId === s.me.organisation.id);

  return (
    <div className="jx-page">
      <PageHeader
        title="工作台"
        sub={`${s.me.user.displayName}，您好。${s.me.organisation.name} · ${s.me.user.roleLabel}`}
        extra={round ? <span className="jx-muted">当前轮次：{round.name}</span> : null}
      />
      <Notifications />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={<span>待办事项（{list.length}）</span>} className="jx-card" id="todo">
            <TodoList list={list} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <RoundCard />
        </Col>
        {isUnitStaffRole(role) ? (
          <Col span={24}>
            <Card title="本单位的自评" className="jx-card">
              <EvaluationTable rows={mine} decimals={2} />
            </Card>
          </Col>
        ) : null}
      </Row>
    </div>
  );
}
