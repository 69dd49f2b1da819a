// The app shell: header, the menu (side bar; on a phone a drawer opened from the header), and the page.
import { AppstoreOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { isUnit } from './format';
import { Switchers, TodoButton, UserMenu } from './HeaderTools';
import { NavMenu } from './nav';
import { Link } from './router';
import { useSession } from './session';
import { todos } from './todo';

const { Header, Sider, Content } = Layout;

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
          {phone ? null : <Switchers />}
          {role !== 'public' ? <TodoButton list={list} /> : null}
          <UserMenu />
        </div>
      </Header>
      <Layout>
        {phone ? (
          <Drawer
            open={drawer}
            onClose={() => setDrawer(false)}
            placement="left"
            size={280}
            title={s.me.organisation.name}
            className="jx-nav-drawer"
          >
            <NavMenu role={role} onPick={() => setDrawer(false)} />
            <div className="jx-drawer-switchers">
              <Switchers />
            </div>
          </Drawer>
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
