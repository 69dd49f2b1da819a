// One 绩效监控表 (1–N月): monthly execution against 序时进度, and per indicator the actuals, forecast, 偏差原因, likelihood, 纠偏措施.
import { Alert, Button, Card, Form, Space } from 'antd';
import type { PageProps } from '../app/router';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { CycleDownload } from './CycleDownload';
import { cycleFiles } from './documents';
import { Findings } from './Findings';
import { MonitoringBudget } from './MonitoringBudget';
import { MonitoringIndicators } from './MonitoringIndicators';
import { useMonitoringForm } from './useMonitoringForm';

export default function MonitoringFormPage({ params }: PageProps) {
  const m = useMonitoringForm(params.id!);
  const { view, doc, n } = m;
  if (!doc) return <Loading />;
  const p = view?.progress;
  return (
    <>
      <PageHeader
        title={`${m.orgName} ${view?.year ?? m.year}年1–${n}月绩效监控表`}
        crumbs={[{ to: '/monitoring', label: '运行监控' }, { label: `1–${n}月` }]}
        extra={
          <Space>
            {view ? <CycleDownload label="监控表" url={(f) => cycleFiles.monitoringUrl(view.id, f)} /> : null}
            {m.editable ? (
              <Button type="primary" onClick={m.save}>
                {m.isNew ? '填报' : '保存'}
              </Button>
            ) : null}
          </Space>
        }
      />
      {p ? (
        <Alert
          type={p.lagging ? 'error' : 'success'}
          showIcon
          className="jx-alert"
          title={`预算执行率${p.rate.toFixed(2)}%，序时进度${p.timeProgress.toFixed(2)}%${p.lag > 0 ? `，落后${p.lag.toFixed(2)}个百分点` : ''}${p.lagging ? `（超过财政局设定的${view!.threshold}个百分点）` : ''}`}
          description={view?.urgedNote ? `财政局督促整改：${view.urgedNote}` : undefined}
        />
      ) : null}
      {view ? (
        <Card title="检查" size="small" className="jx-card">
          <Findings findings={view.findings} />
        </Card>
      ) : null}
      <Form form={m.form} disabled={!m.editable} layout="vertical">
        <MonitoringBudget n={n} view={view} editable={m.editable} onImported={m.show} />
        <Card title="绩效目标实现情况" size="small" className="jx-card">
          <MonitoringIndicators doc={doc} n={n} />
        </Card>
      </Form>
    </>
  );
}
