// 佐证材料 of one indicator: list, download, upload and delete (while editable).
import { DeleteOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { IndicatorNode } from '@core/framework/model.js';
import { App, Button, Modal, Popconfirm, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../app/api';
import { dateTime } from '../app/format';
import type { Attachment } from '../app/types';

/** 佐证材料 of one indicator: list, download, upload and delete (while editable). */
export function EvidenceModal({
  evaluationId,
  node,
  attachments,
  editable,
  onClose,
  onChanged,
}: {
  evaluationId: number;
  node: IndicatorNode | undefined;
  attachments: Attachment[];
  editable: boolean;
  onClose(): void;
  onChanged(): void;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const mine = node ? attachments.filter((a) => a.indicator === node.id || a.indicator === node.name) : [];
  return (
    <Modal
      open={Boolean(node)}
      title={node ? `佐证材料：${node.path.join(' / ')}` : ''}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      destroyOnHidden
    >
      {mine.length === 0 ? <p className="jx-muted">尚未上传佐证材料。</p> : null}
      <ul className="jx-files">
        {mine.map((a) => (
          <li key={a.id}>
            <a href={`/api/attachments/${a.id}`} download={a.filename}>
              <DownloadOutlined aria-hidden /> {a.filename}
            </a>
            <span className="jx-muted">
              {' '}
              {(a.size / 1024).toFixed(1)} KB · {a.uploadedBy ?? ''} · {dateTime(a.createdAt)}
            </span>
            {editable ? (
              <Popconfirm
                title={`删除“${a.filename}”？`}
                okText="删除"
                cancelText="取消"
                onConfirm={async () => {
                  try {
                    await api.deleteAttachment(a.id);
                    onChanged();
                  } catch (e) {
                    message.error((e as Error).message);
                  }
                }}
              >
                <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={`删除${a.filename}`} />
              </Popconfirm>
            ) : null}
          </li>
        ))}
      </ul>
      {editable && node ? (
        <Upload.Dragger
          multiple
          showUploadList={false}
          disabled={busy}
          customRequest={async (opt) => {
            setBusy(true);
            try {
              await api.upload(evaluationId, opt.file as File, node.id);
              message.success(`已上传：${(opt.file as File).name}`);
              onChanged();
              opt.onSuccess?.({});
            } catch (e) {
              message.error((e as Error).message);
              opt.onError?.(e as Error);
            } finally {
              setBusy(false);
            }
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p>点击或拖拽文件到此处上传</p>
          <p className="jx-muted">支持 PDF、Word、Excel、图片等，单个文件大小以系统限制为准</p>
        </Upload.Dragger>
      ) : null}
    </Modal>
  );
}
