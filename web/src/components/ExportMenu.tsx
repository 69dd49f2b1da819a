import { DownloadOutlined, EyeOutlined, FileExcelOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import type { ReactNode } from 'react';
import { api, type ReportFormat } from '../app/api';

/** Opens a URL as a download (or, for the preview, in a new tab) from code: a click on a made-up link. */
export function openUrl(url: string, newTab = false): void {
  const a = document.createElement('a');
  a.href = url;
  if (newTab) {
    a.target = '_blank';
    a.rel = 'noopener';
  } else a.download = '';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

const ITEMS: Array<{ key: ReportFormat; label: string; icon: ReactNode }> = [
  { key: 'html', label: '预览自评报告（网页）', icon: <EyeOutlined /> },
  { key: 'docx', label: '下载 Word（公文格式）', icon: <FileWordOutlined /> },
  { key: 'xlsx', label: '下载 Excel 自评表（含公式）', icon: <FileExcelOutlined /> },
  { key: 'pdf', label: '下载 PDF', icon: <FilePdfOutlined /> },
];

/**
 * 导出: the evaluation's 自评表 and 自评报告 as the server writes them. What is typed but not yet saved
 * is saved first (`flush`), so the file has what the page shows.
 */
export function ExportMenu({ evaluationId, flush }: { evaluationId: number; flush?: () => Promise<boolean> }) {
  const { message } = App.useApp();
  const go = async (format: ReportFormat) => {
    if (flush && !(await flush())) {
      void message.warning('还有未保存的修改（或有错误未改正），导出的是最近一次保存的版本');
    }
    if (format === 'pdf') void message.info('正在生成 PDF，约需数秒…');
    openUrl(api.reportUrl(evaluationId, format), format === 'html');
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: ITEMS.map((i) => ({ key: i.key, label: i.label, icon: i.icon })),
        onClick: ({ key }) => void go(key as ReportFormat),
      }}
    >
      <Button icon={<DownloadOutlined />}>导出自评表和报告</Button>
    </Dropdown>
  );
}
