// The 工作台's card on the current round: framework, deadline and, for the bureau, counts by status.
import { Button, Card, Col, Empty, Row, Statistic } from 'antd';
import { dateTime, isBureau } from '../../app/format';
import { Link, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import type { Status } from '../../app/types';

export function RoundCard() {
  const s = useSession();
  const role = s.me.user.role;
  const round = s.round;
  const inRound = s.evaluations.filter((e) => e.roundId === round?.id);
  const units = s.orgs.filter((o) => o.kind !== 'bureau');
  const counts = (st: Status[]) => inRound.filter((e) => st.includes(e.status)).length;
  return (
    <>
      {round ? (
        <Card title="当前评价轮次" className="jx-card">
          <dl className="jx-dl">
            <dt>名称</dt>
            <dd>{round.name}</dd>
            <dt>指标框架</dt>
            <dd>
              <Link to={`/frameworks/${round.frameworkVersionId}`}>
                {round.frameworkName}（第{round.frameworkVersion}版）
              </Link>
            </dd>
            <dt>截止时间</dt>
            <dd>{dateTime(round.deadline)}</dd>
          </dl>
          {isBureau(role) ? (
            <Row gutter={12} className="jx-stats">
              <Col span={6}>
                <Statistic title="单位数" value={units.length} />
              </Col>
              <Col span={6}>
                <Statistic title="未开始" value={Math.max(0, units.length - inRound.length)} />
              </Col>
              <Col span={6}>
                <Statistic title="待审核" value={counts(['submitted_bureau'])} />
              </Col>
              <Col span={6}>
                <Statistic title="已通过" value={counts(['approved', 'locked'])} />
              </Col>
            </Row>
          ) : null}
          {isBureau(role) ? <Button onClick={() => navigate(`/rounds/${round.id}`)}>查看各单位进度</Button> : null}
        </Card>
      ) : (
        <Card className="jx-card">
          <Empty description={role === 'bureau_admin' ? '还没有评价轮次' : '本地区还没有评价轮次'}>
            {role === 'bureau_admin' ? (
              <Button type="primary" onClick={() => navigate('/rounds?new=1')}>
                新建评价轮次
              </Button>
            ) : null}
          </Empty>
        </Card>
      )}
    </>
  );
}
