// The dashboard below its headline figures: grades, ranking, lost points, level-1 radar, yearly trend.
import { Card, Col, Empty, Row } from 'antd';
import { useMemo } from 'react';
import { score as fmtScore } from '../../app/format';
import type { DashboardScope, DashboardView } from '../../app/types';
import { Chart } from '../../components/Chart';
import { gradesChart, rankingChart, trendChart } from './charts';
import { Level1Card } from './Level1Card';
import { MissedCard } from './MissedCard';
import { RankingTable } from './RankingTable';

interface Props {
  d: DashboardView;
  dec: number;
  scope: DashboardScope;
  roundId: number;
  picked: number[];
  setPicked(v: number[]): void;
}

export function DashboardBody({ d, dec, scope, roundId, picked, setPicked }: Props) {
  const grades = useMemo(() => gradesChart(d), [d]);
  const ranking = useMemo(() => rankingChart(d, dec), [d, dec]);
  const trend = useMemo(() => trendChart(d), [d]);
  if (d.count === 0) {
    return (
      <Card className="jx-card">
        <Empty
          description={`“${d.scopeLabel}”范围内还没有评价。${scope === 'approved' ? '可切换到“已报送”或“全部”查看。' : ''}`}
        />
      </Card>
    );
  }
  const rankLabel = d.ranking
    .slice(0, 10)
    .map((r) => `${r.rank}.${r.orgName}${fmtScore(r.total, dec)}分`)
    .join('；');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <Card className="jx-card" title="等级分布">
          <Chart option={grades} label={`等级分布：${d.grades.map((g) => `${g.name}${g.count}个`).join('，')}`} />
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card className="jx-card" title="得分排名">
          <Chart
            option={ranking}
            height={Math.max(220, Math.min(20, d.ranking.length) * 30 + 40)}
            label={`得分排名：${rankLabel}`}
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card className="jx-card" title="排名明细（含同比）">
          <RankingTable d={d} dec={dec} roundId={roundId} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <MissedCard d={d} dec={dec} />
      </Col>
      <Col xs={24} lg={12}>
        <Level1Card d={d} picked={picked} setPicked={setPicked} />
      </Col>
      <Col span={24}>
        <Card className="jx-card" title="历年平均分（同比）">
          {d.trend.length > 1 ? (
            <Chart
              option={trend}
              height={240}
              label={`历年平均分：${d.trend.map((t) => `${t.year}年度${t.average}分（${t.count}个单位）`).join('；')}`}
            />
          ) : (
            <p className="jx-muted">
              只有 {d.trend.map((t) => `${t.year}年度`).join('、') || '本轮次'}{' '}
              的数据，暂无可比较的往年数据；往年轮次的评价通过审核后，这里显示历年平均分和各单位同比。
            </p>
          )}
        </Card>
      </Col>
    </Row>
  );
}
