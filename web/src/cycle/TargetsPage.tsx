// 绩效目标: the target sets a caller sees, and a unit's button to start this year's.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Table, Tag } from 'antd';
import { InputNumber } from '../components/InputNumber';
import { useEffect, useState } from 'react';
import { dateTime } from '../app/format';
import { Link, navigate } from '../app/router';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import { PageHeader } from '../components/PageHeader';
import { cycleApi, defaultYear, type TargetSummary } from './api';

const SKELETON = {
  goals: ['（年度总体目标）'],
  tasks: [{ name: '保障机构正常运转', content: '人员经费和公用经费', budget: 0 }],
  budget: { total: 0 },
  indicators: [{ level1: '产出指标', level2: '重点工作任务完成', name: '（三级指标）', target: '' }],
};

export default function TargetsPage(_: PageProps) {
  const s = useSession();
  const { message } = App.useApp();
  const [year, setYear] = useState(defaultYear(s.round?.year));
  const [rows, setRows] = useState<TargetSummary[]>();
  useEffect(() => {
    cycleApi.targets(year).then(setRows, (e: Error) => message.error(e.message));
  }, [year, message]);
  const mine = rows?.find((r) => r.orgId === s.me.organisation.id);
  const create = async () => {
    try {
      const t = await cycleApi.createTarget(year, SKELETON);
      navigate(`/targets/${t.id}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <PageHeader
        title="绩效目标"
        sub="部门整体支出绩效目标表：随预算申报，财政局逐项审核后批复；批复的指标值是年底自评的依据"
        extra={
          <Space>
            <InputNumber aria-label="年度" value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
            {s.me.user.role === 'unit_filler' && !mine ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={create}>
                填报{year}年度绩效目标
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Table<TargetSummary>
          rowKey="id"
          loading={!rows}
          dataSource={rows ?? []}
          pagination={false}
          locale={{ emptyText: `${year}年度暂无绩效目标表` }}
          columns={[
            { title: '单位', dataIndex: 'orgName', render: (v, r) => <Link to={`/targets/${r.id}`}>{v}</Link> },
            { title: '年度', dataIndex: 'year', width: 80 },
            {
              title: '状态',
              dataIndex: 'statusLabel',
              width: 130,
              render: (v, r) => (
                <Tag color={r.status === 'approved' ? 'green' : r.status === 'returned' ? 'red' : 'blue'}>{v}</Tag>
              ),
            },
            {
              title: '批复版本',
              dataIndex: 'approvedVersion',
              width: 90,
              render: (v: number | null) => (v ? `第${v}版` : ''),
            },
            {
              title: '检查',
              key: 'f',
              width: 140,
              render: (_, r) =>
                (r.errors ? <Tag color="red">错误{r.errors}</Tag> : null) ??
                (r.warnings ? <Tag color="orange">警告{r.warnings}</Tag> : <Tag>无问题</Tag>),
            },
            { title: '更新时间', dataIndex: 'updatedAt', width: 160, render: (v: string) => dateTime(v) },
          ]}
        />
      </Card>
    </>
  );
}
