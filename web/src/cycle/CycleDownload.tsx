// 下载: a 绩效目标表 or 绩效监控表 as the server writes it (Word, Excel, PDF, or the page in a new tab).
import { DownloadOutlined, EyeOutlined, FileExcelOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import type { ReactNode } from 'react';
import type { ReportFormat } from '../app/api';
import { openUrl } from '../components/ExportMenu';

const ITEMS: Array<{ key: ReportFormat; label: string; icon: ReactNode }> = [
  { key: 'html', label: '预览（网页）', icon: <EyeOutlined /> },
  { key: 'docx', label: '下载 Word', icon: <FileWordOutlined /> },
  { key: 'xlsx', label: '下载 Excel', icon: <FileExcelOutlined /> },
  { key: 'pdf', label: '下载 PDF', icon: <FilePdfOutlined /> },
];

/** `url` gives the file of a format; `label` names the table (绩效目标表, 绩效监控表). */
export function CycleDownload({ url, label }: { url: (f: ReportFormat) => string; label: string }) {
  const { message } = App.useApp();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: ITEMS.map((i) => ({ key: i.key, label: i.label, icon: i.icon })),
        onClick: ({ key }) => {
          if (key === 'pdf') void message.info('正在生成 PDF，约需数秒…');
          openUrl(url(key as ReportFormat), key === 'html');
        },
      }}
    >
      <Button icon={<DownloadOutlined />}>{`导出${label}`}</Button>
    </Dropdown>
  );
}
