// The app shell: header, the menu (side bar; on a phone a drawer opened from the header), and the page.
import { AppstoreOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Grid, Layout } from 'antd';
import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { isUnit } from './format';
import { TodoButton } from './HeaderTools';
import { NavMenu } from './nav';
import { Link } from './router';
import { useSession } from './session';
import { todos } from './todo';

const { Header, Sider, Content } = Layout;

// The switchers (antd Select), the user menu (Dropdown) and the phone's drawer load after the page:
// they would otherwise add rc-select, rc-menu and rc-drawer to every route's first download.
const Switchers = lazy(() => import('./Switchers').then((m) => ({ default: m.Switchers })));
const UserMenu = lazy(() => import('./UserMenu').then((m) => ({ default: m.UserMenu })));
const PhoneNav = lazy(() => import('./PhoneNav').then((m) => ({ default: m.PhoneNav })));

export function AppLayout({ children }: { children: ReactNode }) {
  const s = useSession();
  const role = s.me.user.role;
  const list = useMemo(() => todos(s.me, s.rounds, s.evaluations), [s.me, s.rounds, s.evaluations]);
  // Below md (768 px) the side bar and the switchers move into a drawer: a phone has no room for them.
  const phone = Grid.useBreakpoint().md === false;
  const [drawer, setDrawer] = useState(false);

  return (
    <Layout className={`jx-app${phone ? ' jx-phone' : ''}`}>
      <a className="jx-skip" href="#main">
        跳到主要内容
      </a>
      <Header className="jx-header">
        {phone ? (
          <Button
            type="text"
            className="jx-header-btn jx-menu-btn"
            icon={<MenuOutlined />}
            aria-label="打开菜单"
            aria-expanded={drawer}
            onClick={() => setDrawer(true)}
          />
        ) : null}
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
          <Suspense fallback={null}>{phone ? null : <Switchers />}</Suspense>
          {role !== 'public' ? <TodoButton list={list} /> : null}
          <Suspense fallback={<span className="jx-header-btn-slot" />}>
            <UserMenu />
          </Suspense>
        </div>
      </Header>
      <Layout>
        {phone ? (
          <Suspense fallback={null}>
            <PhoneNav open={drawer} onClose={() => setDrawer(false)} />
          </Suspense>
        ) : (
          <Sider width={196} breakpoint="lg" collapsedWidth={56} className="jx-sider" theme="light">
            <NavMenu role={role} />
            {isUnit(role) ? null : (
              <div className="jx-sider-foot">
                <AppstoreOutlined aria-hidden /> {s.me.user.roleLabel}
              </div>
            )}
          </Sider>
        )}
        <Content id="main" className="jx-content" tabIndex={-1}>
          {children}
        </Content>
      </Layout>
    </Layout>
  );
}
