// The 预算执行 card of a 绩效监控表: 全年预算数 and each month's 执行数, typed in or imported from the 一体化 system's XLSX.
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Space, Upload } from 'antd';
import { useState } from 'react';
import { InputNumber } from '../components/InputNumber';
import type { MonitoringView } from './api';
import { cycleFiles } from './documents';

/** Import is offered on a stored report the caller may edit (the file is saved into it as an edit). */
export function MonitoringBudget(props: {
  n: number;
  view?: MonitoringView;
  editable: boolean;
  onImported: (v: MonitoringView) => void;
}) {
  const { n, view, editable, onImported } = props;
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    if (!view) return;
    setBusy(true);
    try {
      const r = await cycleFiles.importExecution(view.id, view.version, file);
      onImported(r.report);
      modal.success({
        title: `已导入1–${r.imported.months}月执行数`,
        content: [
          `工作表“${r.imported.sheet}”${r.imported.total !== null ? `，全年预算数${r.imported.total.toFixed(2)}万元` : ''}`,
          ...r.imported.notes,
        ].join('；'),
      });
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const importButton =
    view && editable ? (
      <Upload
        accept=".xlsx"
        showUploadList={false}
        beforeUpload={(f) => {
          void upload(f);
          return false;
        }}
      >
        <Button size="small" icon={<UploadOutlined />} loading={busy}>
          从一体化系统导入（XLSX）
        </Button>
      </Upload>
    ) : null;
  return (
    <Card title="预算执行（万元）" size="small" className="jx-card" extra={importButton}>
      <Space wrap>
        <Form.Item name={['budget', 'total']} label="全年预算数">
          <InputNumber min={0} precision={2} />
        </Form.Item>
        {Array.from({ length: n }, (_, i) => (
          <Form.Item key={i} name={['budget', 'monthly', i]} label={`${i + 1}月执行数`}>
            <InputNumber min={0} precision={2} style={{ width: 110 }} />
          </Form.Item>
        ))}
      </Space>
    </Card>
  );
}
