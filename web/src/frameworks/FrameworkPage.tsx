import type { Framework, IndicatorNode } from '@core/framework/model.js';
import { Button, Card, Descriptions, Table } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../app/api';
import { loadFramework } from '../app/frameworks';
import { Link, navigate } from '../app/router';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import type { FrameworkDetail } from '../app/types';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { describeMetric, describeRule } from '@core/rules/describe.js';
import { Problem } from '../components/Problem';

interface Row {
  key: string;
  node: IndicatorNode;
  children?: Row[];
}

const toRows = (ns: IndicatorNode[]): Row[] => ns.map((n) => ({ key: n.id, node: n, ...(n.children.length ? { children: toRows(n.children) } : {}) }));

export default function FrameworkPage({ params }: PageProps) {
  const id = Number(params.id);
  const s = useSession();
  const [data, setData] = useState<{ detail: FrameworkDetail; framework: Framework }>();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    loadFramework(id).then(setData, setError);
  }, [id]);
  const rows = useMemo(() => (data ? toRows(data.framework.roots) : []), [data]);
  if (error) return <Problem status={error instanceof ApiError && error.status === 404 ? '404' : 'error'} title="无法打开该指标框架" subTitle={error.message} />;
  if (!data) return <Loading />;
  const { detail, framework: fw } = data;
  const leaves = rows.length ? countLeaves(fw.roots) : 0;
  return (
    <div className="jx-page">
      <PageHeader
        crumbs={[{ to: '/frameworks', label: '指标框架' }, { label: fw.name }]}
        title={fw.name}
        sub={`${fw.region} · ${fw.year}年度 · 第${fw.version}版 · ${leaves}项末级指标`}
        extra={
          s.me.user.role === 'bureau_admin' ? (
            <Button type="primary" onClick={() => navigate(`/frameworks/${id}/edit`)}>
              复制并编辑
            </Button>
          ) : null
        }
      />
      <Card className="jx-card">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'id', label: '标识', children: <code>{`${fw.id}@${fw.version}`}</code> },
            { key: 'issuer', label: '发布单位', children: fw.issuer ?? '—' },
            { key: 'kind', label: '类别', children: fw.kind === 'project' ? '项目支出' : '部门整体支出' },
            { key: 'total', label: '总分', children: `${fw.total.toString()}分（得分保留${fw.decimals}位小数，四舍五入）` },
            { key: 'grades', label: '等级', children: [...fw.grades.bands].sort((a, b) => b.min - a.min).map((b) => `${b.name}≥${b.min}`).join('，') + (fw.grades.mode === 'integer' ? '（先四舍五入到整数）' : '') },
            { key: 'tiers', label: '定性档次', children: fw.tiers.map((t) => `${t.name} ${t.max}%～${t.min}%`).join('；') },
            { key: 'frozen', label: '使用情况', children: detail.frozen ? `已被评价轮次使用（${detail.frozenAt?.slice(0, 10)}起冻结）` : '尚未被评价轮次使用' },
            { key: 'source', label: '依据', children: fw.source ?? '—', span: 2 },
          ]}
        />
        {fw.notes.length ? (
          <details className="jx-notes">
            <summary>框架说明（{fw.notes.length}条）</summary>
            <ol>
              {fw.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ol>
          </details>
        ) : null}
      </Card>
      <Card className="jx-card" title="指标体系（分值与评分规则）">
        <Table<Row>
          size="small"
          tableLayout="fixed"
          className="jx-tree-table"
          dataSource={rows}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          columns={[
            {
              title: '指标',
              key: 'name',
              width: 260,
              render: (_, r) => (
                <span className={`jx-tree-name jx-name-l${r.node.level}`}>
                  {r.node.name}
                  {r.node.optional ? <span className="jx-badge">可删减</span> : null}
                  {r.node.fixedWeight ? <span className="jx-badge">分值固定</span> : null}
                  {r.node.unitWeights ? <span className="jx-badge">下级分值由单位设定</span> : null}
                  {r.node.open ? <span className="jx-badge">单位自设个性指标</span> : null}
                </span>
              ),
            },
            { title: '分值', key: 'w', width: 64, align: 'right', render: (_, r) => (r.node.weight ? r.node.weight.toString() : <span className="jx-muted">单位设定</span>) },
            ...(hasReference(fw.roots) ? [{ title: '参考分值', key: 'rw', width: 76, align: 'right' as const, render: (_: unknown, r: Row) => r.node.referenceWeight?.toString() ?? '' }] : []),
            { title: '指标值', key: 't', width: 110, render: (_, r) => (r.node.target !== undefined ? String(r.node.target) : '') },
            { title: '计分规则', key: 'rule', render: (_, r) => <span className="jx-rule">{describeRule(r.node.rule, fw)}</span> },
            { title: '取数', key: 'metric', width: 200, render: (_, r) => <span className="jx-muted">{describeMetric(r.node.metric)}</span> },
            {
              title: '指标解释 / 评分标准',
              key: 'std',
              width: 240,
              render: (_, r) =>
                r.node.explanation || r.node.standard ? (
                  <details className="jx-std">
                    <summary>{(r.node.explanation ?? r.node.standard ?? '').slice(0, 24)}…</summary>
                    {r.node.explanation ? <p>{r.node.explanation}</p> : null}
                    {r.node.standard ? <pre>{r.node.standard}</pre> : null}
                  </details>
                ) : null,
            },
          ]}
        />
      </Card>
      <p className="jx-muted">
        <Link to="/frameworks">返回框架列表</Link>
      </p>
    </div>
  );
}

function hasReference(ns: IndicatorNode[]): boolean {
  return ns.some((n) => n.referenceWeight !== undefined || hasReference(n.children));
}

function countLeaves(ns: IndicatorNode[]): number {
  return ns.reduce((a, n) => a + (n.children.length ? countLeaves(n.children) : 1), 0);
}
