// The dashboard's headline figures (count, average, median, max, min, not started) and the progress by status.
import { Card, Col, Row, Statistic } from 'antd';
import type { DashboardView, Status } from '../../app/types';
import { StatusTag } from '../../components/StatusTag';

export function StatsRow({ d, dec }: { d: DashboardView; dec: number }) {
  const figures: Array<[string, number | null, number]> = [
    ['统计单位数', d.count, 0],
    ['平均分', d.average, dec],
    ['中位数', d.median, dec],
    ['最高分', d.max, dec],
    ['最低分', d.min, dec],
  ];
  return (
    <>
      <Row gutter={[16, 16]} className="jx-stats">
        {figures.map(([t, v, p]) => (
          <Col key={t} xs={12} md={4}>
            <Card className="jx-card">
              <Statistic title={t} value={v === null ? '—' : v} precision={v === null ? undefined : p} />
            </Card>
          </Col>
        ))}
        <Col xs={24} md={4}>
          <Card className="jx-card">
            <Statistic
              title="未开始 / 单位总数"
              value={d.progress ? `${d.progress.notStarted} / ${d.progress.units}` : '—'}
            />
          </Card>
        </Col>
      </Row>
      {d.progress ? (
        <Card className="jx-card" size="small" title="填报进度">
          <div className="jx-progress-tags">
            {d.progress.byStatus.map((p) => (
              <span key={p.status}>
                <StatusTag status={p.status as Status} /> {p.count}
              </span>
            ))}
            <span className="jx-muted">统计范围：{d.scopeLabel}</span>
          </div>
        </Card>
      ) : null}
    </>
  );
}
