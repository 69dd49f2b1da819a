import { Button, Card, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../app/api';
import { date } from '../app/format';
import { Link, navigate } from '../app/router';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import type { CatalogueEntry } from '../app/types';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';

export default function FrameworksPage(_: PageProps) {
  const s = useSession();
  const [list, setList] = useState<CatalogueEntry[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api.frameworks().then(setList, (e: Error) => setError(e.message));
  }, []);
  const admin = s.me.user.role === 'bureau_admin';
  if (error) return <p role="alert">{error}</p>;
  if (!list) return <Loading />;
  return (
    <div className="jx-page">
      <PageHeader title="指标框架" sub="各地区的部门整体支出绩效评价指标体系：指标树、分值和评分规则。内置框架照录发文；财政局管理员可复制后增删指标、调整分值，另存为本地区的框架。" />
      <Card className="jx-card">
        <Table<CatalogueEntry>
          rowKey="id"
          dataSource={list}
          pagination={false}
          columns={[
            { title: '名称', dataIndex: 'name', render: (v: string, f) => <Link to={`/frameworks/${f.id}`}>{v}</Link> },
            { title: '地区', dataIndex: 'region', width: 180 },
            { title: '年度', dataIndex: 'year', width: 70 },
            { title: '标识 / 版本', key: 'id', width: 230, render: (_, f) => <code>{`${f.frameworkId} 第${f.version}版`}</code> },
            { title: '类别', dataIndex: 'kind', width: 110, render: (v: string) => (v === 'project' ? '项目支出' : '部门整体支出') },
            {
              title: '来源',
              key: 'owner',
              width: 200,
              render: (_, f) =>
                f.owner === 'builtin' ? (
                  <Tag>内置</Tag>
                ) : (
                  <span>
                    <Tag color="blue">本地区</Tag>
                    {f.createdBy} {date(f.createdAt)}
                    {f.basedOn ? <div className="jx-muted">复制自 {f.basedOn.frameworkId} 第{f.basedOn.version}版</div> : null}
                  </span>
                ),
            },
            { title: '状态', key: 'frozen', width: 100, render: (_, f) => (f.frozen ? <span title={`冻结于 ${date(f.frozenAt)}`}>已被轮次使用</span> : <span className="jx-muted">未使用</span>) },
            {
              title: '操作',
              key: 'ops',
              width: 190,
              render: (_, f) => (
                <span className="jx-ops">
                  <Link to={`/frameworks/${f.id}`}>查看</Link>
                  {admin ? (
                    <Button type="link" size="small" onClick={() => navigate(`/frameworks/${f.id}/edit`)}>
                      {f.editable ? '修改为新版本' : '复制并编辑'}
                    </Button>
                  ) : null}
                </span>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
