// A page-level message (not found, no access, failed to load) — in place of antd's Result, whose 403/404/500 illustrations cost every route ≈ 9 KB gzip.
import { CloseCircleFilled, ExclamationCircleFilled, InfoCircleFilled, StopOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';

const ICONS = {
  error: <CloseCircleFilled style={{ color: '#c41d1f' }} />,
  info: <InfoCircleFilled style={{ color: '#1d4ed8' }} />,
  '403': <StopOutlined style={{ color: '#ad5b00' }} />,
  '404': <ExclamationCircleFilled style={{ color: '#ad5b00' }} />,
} satisfies Record<string, ReactNode>;

export interface ProblemProps {
  status: keyof typeof ICONS;
  title: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
}

export function Problem({ status, title, subTitle, extra }: ProblemProps) {
  return (
    <div className={`jx-problem jx-problem-${status}`} role={status === 'info' ? 'status' : 'alert'}>
      <div className="jx-problem-icon" aria-hidden>
        {ICONS[status]}
      </div>
      <div className="jx-problem-title">{title}</div>
      {subTitle ? <div className="jx-problem-subtitle">{subTitle}</div> : null}
      {extra ? <div className="jx-problem-extra">{extra}</div> : null}
    </div>
  );
}
