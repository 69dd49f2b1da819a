// The main menu: which pages a role sees, and which entry the current path selects.
import {
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  HomeOutlined,
  PartitionOutlined,
} from '@ant-design/icons';
import { Menu } from 'antd';
import type { ReactNode } from 'react';
import { cycleNavItems } from '../cycle/nav';
import { Link, useLocation } from './router';

interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
}

function navItems(role: string): NavItem[] {
  const items: NavItem[] = [{ key: '/', label: '工作台', icon: <HomeOutlined /> }];
  if (role === 'unit_filler' || role === 'unit_leader')
    items.push({ key: '/evaluations', label: '本单位自评', icon: <FileDoneOutlined /> });
  if (role === 'bureau_admin' || role === 'bureau_reviewer') {
    items.push({ key: '/rounds', label: '评价轮次', icon: <CalendarOutlined /> });
    items.push({ key: '/review', label: '审核队列', icon: <AuditOutlined /> });
    items.push({ key: '/evaluations', label: '全部评价', icon: <FileDoneOutlined /> });
  }
  if (role === 'unit_leader') items.push({ key: '/review', label: '待我审核', icon: <AuditOutlined /> });
  if (role === 'public') items.push({ key: '/evaluations', label: '已公开的评价', icon: <FileDoneOutlined /> });
  if (role !== 'public') items.push(...cycleNavItems(role));
  items.push({ key: '/dashboard', label: '地区看板', icon: <DashboardOutlined /> });
  items.push({ key: '/frameworks', label: '指标框架', icon: <PartitionOutlined /> });
  return items;
}

function selectedKey(path: string, items: NavItem[]): string {
  const hit = items
    .map((i) => i.key)
    .filter((k) => (k === '/' ? path === '/' : path === k || path.startsWith(`${k}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return hit ?? '';
}

/** The menu (in the side bar on a wide screen, in the drawer on a phone); onPick closes the drawer. */
export function NavMenu({ role, onPick }: { role: string; onPick?: () => void }) {
  const loc = useLocation();
  const items = navItems(role);
  return (
    <nav aria-label="主菜单">
      <Menu
        mode="inline"
        selectedKeys={[selectedKey(loc.path, items)]}
        onClick={onPick}
        items={items.map((i) => ({ key: i.key, icon: i.icon, label: <Link to={i.key}>{i.label}</Link> }))}
      />
    </nav>
  );
}
