// One 绩效目标表: the unit fills and submits it; the bureau reviews, returns, approves and adjusts; checks shown live from the server.
import { App, Alert, Button, Card, Descriptions, Form, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { PageProps } from '../app/router';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { cycleApi, type TargetSetView } from './api';
import { CycleDownload } from './CycleDownload';
import { cycleFiles } from './documents';
import { Findings } from './Findings';
import { fromForm, TargetForm, type TargetFormValues, toForm } from './TargetForm';
import { TargetReview } from './TargetReview';

export default function TargetSetPage({ params }: PageProps) {
  const id = Number(params.id);
  const { message } = App.useApp();
  const [t, setT] = useState<TargetSetView>();
  const [form] = Form.useForm<TargetFormValues>();
  const [busy, setBusy] = useState(false);
  const show = (v: TargetSetView) => {
    setT(v);
    form.setFieldsValue(toForm(v.document));
  };
  useEffect(() => {
    cycleApi.target(id).then(show, (e: Error) => message.error(e.message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  if (!t) return <Loading />;
  const save = async (): Promise<TargetSetView | undefined> => {
    setBusy(true);
    try {
      const v = await cycleApi.saveTarget(t.id, t.version, fromForm(form.getFieldsValue(true)));
      show(v);
      message.success('已保存');
      return v;
    } catch (e) {
      message.error((e as Error).message);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    const v = await save();
    if (!v) return;
    try {
      show(await cycleApi.transitionTarget(v.id, { action: 'submit', version: v.version }));
      message.success('已报送财政局');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <PageHeader
        title={`${t.orgName} ${t.year}年度绩效目标表`}
        crumbs={[{ to: '/targets', label: '绩效目标' }, { label: t.orgName }]}
        extra={
          <Space>
            <Tag color={t.status === 'approved' ? 'green' : t.status === 'returned' ? 'red' : 'blue'}>
              {t.statusLabel}
            </Tag>
            <CycleDownload label="目标表" url={(f) => cycleFiles.targetsUrl(t.id, f)} />
            {t.editable ? (
              <>
                <Button onClick={save} loading={busy}>
                  保存
                </Button>
                <Button type="primary" onClick={submit} loading={busy}>
                  报送财政局
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      {t.approved ? (
        <Alert
          type="success"
          showIcon
          className="jx-alert"
          title={`已批复（第${t.approved.version}版，${t.approved.approvedAt.slice(0, 10)}，${t.approved.approvedBy}）：指标值已冻结，年底自评以此为准`}
          description={
            t.approved.adjustments
              .map(
                (a) =>
                  `第${a.version}版调整“${a.indicator ?? a.task}”：${String(a.from ?? '')} → ${String(a.target ?? a.budget ?? '')}（${a.reason}）`,
              )
              .join('；') || undefined
          }
        />
      ) : null}
      {t.status === 'returned' && t.review?.comment ? (
        <Alert type="error" showIcon className="jx-alert" title="已退回修改" description={t.review.comment} />
      ) : null}
      <Card title="检查" size="small" className="jx-card">
        <Findings findings={t.findings} empty="未发现问题：指标值有数值和单位、任务预算合计等于部门预算总额" />
      </Card>
      {t.editable ? (
        <TargetForm form={form} disabled={false} />
      ) : (
        <Card size="small" className="jx-card">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'g', label: '年度总体目标', children: t.document.goals.join('；') },
              {
                key: 't',
                label: '年度主要任务',
                children: t.document.tasks.map((x) => `${x.name}（${x.budget.toFixed(2)}万元）`).join('；'),
              },
              { key: 'b', label: '部门预算总额', children: `${t.document.budget.total.toFixed(2)}万元` },
            ]}
          />
        </Card>
      )}
      {t.status !== 'draft' ? <TargetReview t={t} onChange={show} /> : null}
    </>
  );
}
