// 开始填报: a new evaluation from a blank form, from last year's, or from a file (a published report or the round's template).
import { CopyOutlined, DownloadOutlined, FileAddOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Modal, Space, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../app/api';
import { useStartEvaluation } from '../app/useStart';

export function StartEvaluation({ roundId, label = '开始填报' }: { roundId: number; label?: string }) {
  const { start, busy } = useStartEvaluation();
  const [open, setOpen] = useState(false);
  const go = (from: Parameters<typeof start>[1]) => void start(roundId, from).then(() => setOpen(false));
  return (
    <>
      <Button type="primary" loading={busy} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal open={open} title="开始填报" footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <p className="jx-muted">
          沿用或导入的内容进入草稿后逐项标记来源，请在页面上核对确认；与年度有关的数值（预算、执行、完成值）不沿用。
        </p>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button block icon={<CopyOutlined />} loading={busy} onClick={() => go({ kind: 'previous' })}>
            沿用上年评价（基础情况、工作任务、指标值、报告框架）
          </Button>
          <Upload
            accept=".txt,.md,.html,.htm,.docx,.xlsx,.pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              go({ kind: 'file', file });
              return false;
            }}
          >
            <Button block icon={<UploadOutlined />} loading={busy}>
              从文件开始：已有的自评报告（txt、html、docx、xlsx、pdf，不超过 30 MB）或填好的离线模板
            </Button>
          </Upload>
          <Button block icon={<DownloadOutlined />} href={api.templateUrl(roundId)}>
            下载本轮次的离线填报模板（XLSX）
          </Button>
          <Button block icon={<FileAddOutlined />} loading={busy} onClick={() => go({ kind: 'blank' })}>
            从空白开始
          </Button>
        </Space>
      </Modal>
    </>
  );
}
