// A list of cycle findings (错误/警告/提示) with their field, as on the workspace's findings panel.
import { SEVERITY_ZH } from '@core/findings.js';
import { Alert, List } from 'antd';
import type { CycleFinding } from './api';

const TYPE = { error: 'error', warning: 'warning', info: 'info' } as const;

export function Findings({ findings, empty = '未发现问题' }: { findings: CycleFinding[]; empty?: string }) {
  if (!findings.length) return <Alert type="success" showIcon title={empty} />;
  return (
    <List
      size="small"
      dataSource={findings}
      renderItem={(f) => (
        <List.Item>
          <Alert
            type={TYPE[f.severity]}
            showIcon
            style={{ width: '100%' }}
            title={`[${SEVERITY_ZH[f.severity]}] ${f.message}`}
          />
        </List.Item>
      )}
    />
  );
}
