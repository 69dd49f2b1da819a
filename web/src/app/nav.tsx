// The main menu: which pages a role sees, and which entry the current path selects.
import {
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  HomeOutlined,
  PartitionOutlined,
} from '@ant-design/icons';
import { isBureauStaffRole, isUnitStaffRole, type Role } from '@core/workflow.js';
import type { ReactNode } from 'react';
import { cycleNavItems } from '../cycle/nav';
import { Link, useLocation } from './router';

interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
}

function navItems(role: Role): NavItem[] {
  const items: NavItem[] = [{ key: '/', label: '工作台', icon: <HomeOutlined /> }];
  if (isUnitStaffRole(role)) items.push({ key: '/evaluations', label: '本单位自评', icon: <FileDoneOutlined /> });
  if (isBureauStaffRole(role)) {
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

/**
 * The menu (in the side bar on a wide screen, in the drawer on a phone); onPick closes the drawer.
 * Plain links, not antd's Menu: the menu is on every page, and rc-menu would be in every route's JS.
 */
export function NavMenu({ role, onPick }: { role: Role; onPick?: () => void }) {
  const loc = useLocation();
  const items = navItems(role);
  const current = selectedKey(loc.path, items);
  return (
    <nav aria-label="主菜单">
      <ul className="jx-nav">
        {items.map((i) => (
          <li key={i.key}>
            <Link
              to={i.key}
              className={i.key === current ? 'jx-nav-item jx-nav-current' : 'jx-nav-item'}
              aria-current={i.key === current ? 'page' : undefined}
              onClick={onPick}
              title={i.label}
            >
              <span className="jx-nav-icon" aria-hidden>
                {i.icon}
              </span>
              <span className="jx-nav-label">{i.label}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
