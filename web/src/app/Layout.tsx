import {
  AppstoreOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  PartitionOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Badge, Button, Dropdown, Layout, Menu, Popover, Select } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { date, isBureau, isUnit } from './format';
import { Link, navigate, useLocation } from './router';
import { useSession } from './session';
import { todos } from './todo';

const { Header, Sider, Content } = Layout;

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

export function AppLayout({ children }: { children: ReactNode }) {
  const s = useSession();
  const loc = useLocation();
  const role = s.me.user.role;
  const items = navItems(role);
  const list = useMemo(() => todos(s.me, s.rounds, s.evaluations), [s.me, s.rounds, s.evaluations]);

  // Org switcher: a bureau picks any unit of its region; a unit itself or one of its 下属单位.
  const orgOptions = s.orgs
    .filter((o) => o.kind !== 'bureau')
    .map((o) => ({ value: o.id, label: o.kind === 'subunit' ? `　${o.name}` : o.name }));
  const showOrgSwitch = role !== 'public' && (isBureau(role) || orgOptions.length > 1);
  const currentOrg = loc.path.startsWith('/units/') ? Number(loc.path.split('/')[2]) : undefined;

  const todoPanel = (
    <div className="jx-todo-pop" role="list" aria-label="待办事项">
      {list.length === 0 ? <p className="jx-muted">暂无待办事项</p> : null}
      {list.slice(0, 8).map((t) => (
        <div role="listitem" key={t.key} className="jx-todo-pop-item">
          <Link to={t.evaluationId ? `/evaluations/${t.evaluationId}` : '/'}>{t.title}</Link>
          <div className="jx-muted">
            {t.detail}
            {t.deadline ? ` · 截止 ${date(t.deadline)}` : ''}
          </div>
        </div>
      ))}
      <Link to="/">查看全部待办</Link>
    </div>
  );

  return (
    <Layout className="jx-app">
      <a className="jx-skip" href="#main">
        跳到主要内容
      </a>
      <Header className="jx-header">
        <Link to="/" className="jx-brand" aria-label="绩效 工作台">
          <span className="jx-brand-mark" aria-hidden>
            绩
          </span>
          <span className="jx-brand-text">
            部门整体支出绩效自评
            <small>{s.me.organisation.name}</small>
          </span>
        </Link>
        <div className="jx-header-tools">
          <label className="jx-switch">
            <span>评价轮次</span>
            <Select
              aria-label="评价轮次"
              className="jx-round-select"
              value={s.roundId}
              placeholder="暂无轮次"
              onChange={(v: number) => s.setRoundId(v)}
              options={s.rounds.map((r) => ({ value: r.id, label: r.name }))}
              popupMatchSelectWidth={false}
            />
          </label>
          {showOrgSwitch ? (
            <label className="jx-switch">
              <span>单位</span>
              <Select
                aria-label="切换单位"
                className="jx-org-select"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择单位"
                value={currentOrg}
                onChange={(v: number) => navigate(`/units/${v}`)}
                options={orgOptions}
                popupMatchSelectWidth={false}
              />
            </label>
          ) : null}
          {role !== 'public' ? (
            <Popover content={todoPanel} title="待办" trigger="click" placement="bottomRight">
              <Button
                type="text"
                className="jx-header-btn"
                aria-label={`待办事项 ${list.length} 项`}
                icon={<BellOutlined />}
              >
                <Badge count={list.length} size="small" offset={[4, -2]} color="#d4380d">
                  <span className="jx-header-btn-text">待办</span>
                </Badge>
              </Button>
            </Popover>
          ) : null}
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'who', label: `${s.me.user.displayName}（${s.me.user.roleLabel}）`, disabled: true },
                { key: 'org', label: s.me.organisation.name, disabled: true },
                { type: 'divider' },
                { key: 'password', label: '修改密码', icon: <KeyOutlined /> },
                { key: 'logout', label: '退出登录', icon: <LogoutOutlined /> },
              ],
              onClick: ({ key }) => {
                if (key === 'logout') void s.logout();
                if (key === 'password') navigate('/password');
              },
            }}
          >
            <Button
              type="text"
              className="jx-header-btn"
              icon={<UserOutlined />}
              aria-label={`当前用户 ${s.me.user.displayName}，打开用户菜单`}
            >
              <span className="jx-header-btn-text">{s.me.user.displayName}</span>
            </Button>
          </Dropdown>
        </div>
      </Header>
      <Layout>
        <Sider width={196} breakpoint="lg" collapsedWidth={56} className="jx-sider" theme="light">
          <nav aria-label="主菜单">
            <Menu
              mode="inline"
              selectedKeys={[selectedKey(loc.path, items)]}
              items={items.map((i) => ({ key: i.key, icon: i.icon, label: <Link to={i.key}>{i.label}</Link> }))}
            />
          </nav>
          {isUnit(role) ? null : (
            <div className="jx-sider-foot">
              <AppstoreOutlined aria-hidden /> {s.me.user.roleLabel}
            </div>
          )}
        </Sider>
        <Content id="main" className="jx-content" tabIndex={-1}>
          {children}
        </Content>
      </Layout>
    </Layout>
  );
}
