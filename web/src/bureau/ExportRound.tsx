import { DownloadOutlined, FileZipOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Modal, Progress, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, type ReportFormat } from '../app/api';
import type { ReportJobView } from '../app/types';
import { openUrl } from '../components/ExportMenu';

const FORMATS: Array<{ value: ReportFormat; label: string }> = [
  { value: 'docx', label: 'Word（公文格式）' },
  { value: 'xlsx', label: 'Excel 自评表' },
  { value: 'pdf', label: 'PDF（较慢，每份约 1 秒）' },
  { value: 'html', label: '网页' },
];

/**
 * 批量导出: every evaluation of the round the caller may read, as one zip with a folder per unit.
 * The server renders in the background; the bar follows its progress (polled twice a second).
 */
export function ExportRound({ roundId, count }: { roundId: number; count: number }) {
  const [open, setOpen] = useState(false);
  const [formats, setFormats] = useState<ReportFormat[]>(['docx', 'xlsx']);
  const [job, setJob] = useState<ReportJobView>();
  const [error, setError] = useState<string>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const poll = (id: string) => {
    timer.current = setTimeout(async () => {
      try {
        const j = await api.reportJob(id);
        setJob(j);
        if (j.state === 'running' || j.state === 'queued') poll(id);
      } catch (e) {
        setError((e as Error).message);
      }
    }, 500);
  };
  const start = async () => {
    setError(undefined);
    try {
      const j = await api.startReportJob(roundId, formats);
      setJob(j);
      poll(j.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const close = () => {
    clearTimeout(timer.current);
    setOpen(false);
    if (!running) setJob(undefined);
  };
  const running = job?.state === 'running' || job?.state === 'queued';
  const percent = job && job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0;
  return (
    <>
      <Button icon={<FileZipOutlined />} onClick={() => setOpen(true)} disabled={count === 0}>
        批量导出自评表和报告
      </Button>
      <Modal
        open={open}
        title="批量导出本轮次的自评表和自评报告"
        onCancel={close}
        footer={
          <Space>
            <Button onClick={close}>关闭</Button>
            {job?.state === 'done' ? (
              <Button type="primary" icon={<DownloadOutlined />} onClick={() => openUrl(api.reportJobUrl(job.id))}>
                下载 {job.fileName}
              </Button>
            ) : (
              <Button
                type="primary"
                onClick={() => void start()}
                loading={running}
                disabled={formats.length === 0 || running}
              >
                开始导出
              </Button>
            )}
          </Space>
        }
      >
        <p>共 {count} 份评价，每个单位一个文件夹，打包为一个 zip 文件。</p>
        <fieldset className="jx-fieldset">
          <legend>导出格式</legend>
          <Checkbox.Group
            value={formats}
            onChange={(v) => setFormats(v as ReportFormat[])}
            options={FORMATS}
            disabled={running}
          />
        </fieldset>
        {job ? (
          <div className="jx-export-progress" aria-live="polite">
            <Progress
              percent={percent}
              status={job.state === 'failed' ? 'exception' : job.state === 'done' ? 'success' : 'active'}
              aria-label="导出进度"
            />
            <p className="jx-muted" data-testid="export-progress">
              {job.state === 'done'
                ? `已完成 ${job.done}/${job.total} 个文件（${(job.size! / 1024).toFixed(0)} KB）`
                : job.state === 'failed'
                  ? `导出失败：${job.message}`
                  : `正在生成 ${job.done}/${job.total}${job.name ? `：${job.name}` : ''}`}
            </p>
            {job.errors.length ? (
              <Alert
                type="warning"
                showIcon
                title={`${job.errors.length} 个文件生成失败（zip 中附有说明）`}
                description={job.errors.map((e) => `${e.name}：${e.message}`).join('；')}
              />
            ) : null}
          </div>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Modal>
    </>
  );
}
