// 结果应用: each unit's grade with the region's rule for next year's budget; export; publication of approved 自评.
import { App, Button, Card, Space, Table, Tag } from 'antd';
import { InputNumber } from '../components/InputNumber';
import { useEffect, useState } from 'react';
import { Link, type PageProps } from '../app/router';
import { useSession } from '../app/session';
import { PageHeader } from '../components/PageHeader';
import { cycleApi, defaultYear, type PublicationView, type Results } from './api';

type Row = Results['rows'][number];

export default function ResultsPage(_: PageProps) {
  const s = useSession();
  const { message } = App.useApp();
  const admin = s.me.user.role === 'bureau_admin';
  const [year, setYear] = useState(defaultYear(s.round?.year));
  const [res, setRes] = useState<Results>();
  const [pubs, setPubs] = useState<PublicationView[]>([]);
  const load = () => {
    cycleApi.results(year).then(setRes, (e: Error) => message.error(e.message));
    cycleApi.publications().then(setPubs, () => setPubs([]));
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(load, [year]);
  const live = (evaluationId: number) => pubs.find((p) => p.evaluationId === evaluationId && !p.withdrawnAt);
  const toggle = async (r: Row) => {
    try {
      const p = live(r.evaluationId);
      if (p) await cycleApi.withdraw(p.id, '财政局撤回');
      else await cycleApi.publish(r.evaluationId);
      message.success(p ? `已撤回“${r.unit}”的公开` : `已公开“${r.unit}”的自评`);
      load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const code = s.orgs.find((o) => o.id === s.me.organisation.regionId)?.code;
  return (
    <>
      <PageHeader
        title="结果应用与公开"
        sub={
          res ? (
            <span>
              本地区规则：
              {Object.entries(res.rules)
                .map(([g, u]) => `${g}：${u}`)
                .join('；')}
              {admin ? (
                <>
                  {' '}
                  <Link to="/cycle/settings">修改规则</Link>
                </>
              ) : null}
            </span>
          ) : undefined
        }
        extra={
          <Space>
            <InputNumber aria-label="年度" value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
            <Button href={`/api/results/export?year=${year}`}>导出 CSV</Button>
            {code ? (
              <Button href={`/public/${code}`} target="_blank">
                公开页面
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Table<Row>
          rowKey="orgId"
          loading={!res}
          dataSource={res?.rows ?? []}
          pagination={false}
          locale={{ emptyText: `${year}年度暂无已通过的自评` }}
          columns={[
            { title: '单位', dataIndex: 'unit' },
            { title: '规则总分', dataIndex: 'total', width: 100, align: 'right', render: (v: number) => v.toFixed(2) },
            { title: '等级', dataIndex: 'grade', width: 70 },
            { title: '结果应用', dataIndex: 'use' },
            {
              title: '未完成整改',
              dataIndex: 'openItems',
              width: 100,
              render: (v: number) => (v ? <Tag color="orange">{v}项</Tag> : ''),
            },
            {
              title: '公开',
              key: 'pub',
              width: 150,
              render: (_, r) => (
                <Space>
                  {live(r.evaluationId) ? <Tag color="green">已公开</Tag> : <Tag>未公开</Tag>}
                  {admin ? (
                    <Button size="small" onClick={() => toggle(r)}>
                      {live(r.evaluationId) ? '撤回' : '公开'}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
