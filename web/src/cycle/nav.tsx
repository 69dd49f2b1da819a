// The cycle's entries in the side menu: 绩效目标, 运行监控, 整改, for the bureau 结果应用与公开, for its admin the settings.
import { AimOutlined, FundOutlined, SettingOutlined, SolutionOutlined, ToolOutlined } from '@ant-design/icons';
import { isBureauStaffRole, type Role } from '@core/workflow.js';
import type { ReactNode } from 'react';

export function cycleNavItems(role: Role): Array<{ key: string; label: string; icon: ReactNode }> {
  const bureau = isBureauStaffRole(role);
  return [
    { key: '/targets', label: '绩效目标', icon: <AimOutlined /> },
    { key: '/monitoring', label: bureau ? '监控看板' : '运行监控', icon: <FundOutlined /> },
    { key: '/rectification', label: '整改', icon: <ToolOutlined /> },
    ...(bureau ? [{ key: '/results', label: '结果应用与公开', icon: <SolutionOutlined /> }] : []),
    ...(role === 'bureau_admin' ? [{ key: '/cycle/settings', label: '全年管理设置', icon: <SettingOutlined /> }] : []),
  ];
}
