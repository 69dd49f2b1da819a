// 框架编辑 (bureau admin): edit a framework draft and save it as a new version; src/core/framework-edit.ts validates every change.
import { PlusOutlined } from '@ant-design/icons';
import { addNode, type FrameworkDraft, type NodePath } from '@core/framework-edit.js';
import { App, Button, Card, Space } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { api } from '../app/api';
import { navigate } from '../app/router';
import type { FrameworkDetail } from '../app/types';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { AddIndicator } from './AddIndicator';
import { FrameworkInfoCard } from './FrameworkInfoCard';
import { IndicatorTreeTable } from './IndicatorTreeTable';
import { pkey, useDraft } from './useDraft';
import { ValidationSummary } from './ValidationSummary';

const YamlPreview = lazy(() => import('./YamlPreview'));

export function Editor({ initial, basedOn, own }: { initial: FrameworkDraft; basedOn: FrameworkDetail; own: boolean }) {
  const { message } = App.useApp();
  const d = useDraft(initial);
  const [saving, setSaving] = useState(false);
  const [adding, setAdding] = useState<NodePath>();
  const [showYaml, setShowYaml] = useState(false);

  const save = async () => {
    const now = d.recheck();
    if (now.length) {
      message.error(`还有 ${now.length} 处问题，改正后才能保存`);
      return;
    }
    setSaving(true);
    try {
      const saved = await api.saveFramework(d.draft, basedOn.id);
      message.success(`已保存：${saved.name}（${saved.frameworkId} 第${saved.version}版）`);
      navigate(`/frameworks/${saved.id}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="jx-page">
      <PageHeader
        crumbs={[
          { to: '/frameworks', label: '指标框架' },
          { to: `/frameworks/${basedOn.id}`, label: basedOn.name },
          { label: '编辑' },
        ]}
        title={own ? `修改指标框架（保存为第${basedOn.version + 1}版）` : '复制并编辑指标框架'}
        sub={
          own
            ? `在“${basedOn.name}”第${basedOn.version}版的基础上修改，保存后成为新版本；已被轮次使用的版本不受影响。`
            : `复制自“${basedOn.name}”（${basedOn.frameworkId} 第${basedOn.version}版），保存为本地区的框架。`
        }
        extra={
          <Space>
            <Button onClick={() => navigate(`/frameworks/${basedOn.id}`)}>取消</Button>
            <Button type="primary" loading={saving} disabled={d.issues.length > 0} onClick={() => void save()}>
              保存为新版本
            </Button>
          </Space>
        }
      />
      <FrameworkInfoCard draft={d.draft} issues={d.issues} own={own} set={d.set} />
      <ValidationSummary d={d} />
      <Card
        className="jx-card"
        title="指标体系"
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setAdding([])}>
            添加一级指标
          </Button>
        }
      >
        <IndicatorTreeTable d={d} onAdd={setAdding} />
      </Card>
      <Card
        className="jx-card"
        title="框架数据（YAML）"
        extra={<Button onClick={() => setShowYaml((v) => !v)}>{showYaml ? '收起' : '展开'}</Button>}
      >
        {showYaml ? (
          <Suspense fallback={<Loading />}>
            <YamlPreview data={d.draft} />
          </Suspense>
        ) : (
          <p className="jx-muted">保存时以此数据创建新的框架版本，与 frameworks/*.yaml 同构。</p>
        )}
      </Card>
      <AddIndicator
        parent={adding}
        parentName={adding && adding.length ? d.rows.find((r) => pkey(r.path) === pkey(adding))?.node.name : undefined}
        onCancel={() => setAdding(undefined)}
        onAdd={(n) => {
          d.setDraft((x) => addNode(x, adding ?? [], n));
          setAdding(undefined);
        }}
      />
    </div>
  );
}
