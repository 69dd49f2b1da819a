// The header's tools: round and unit switchers, the to-do popover and the user menu.
import { BellOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Popover, Select } from 'antd';
import { date, isBureau } from './format';
import { Link, navigate, useLocation } from './router';
import { useSession } from './session';
import type { Todo } from './todo';

/** 评价轮次 and 单位 pickers; a bureau picks any unit of its region, a unit itself or one of its 下属单位. */
export function Switchers() {
  const s = useSession();
  const loc = useLocation();
  const role = s.me.user.role;
  const orgOptions = s.orgs
    .filter((o) => o.kind !== 'bureau')
    .map((o) => ({ value: o.id, label: o.kind === 'subunit' ? `　${o.name}` : o.name }));
  const showOrgSwitch = role !== 'public' && (isBureau(role) || orgOptions.length > 1);
  const currentOrg = loc.path.startsWith('/units/') ? Number(loc.path.split('/')[2]) : undefined;
  return (
    <>
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
    </>
  );
}

export function TodoButton({ list }: { list: Todo[] }) {
  const panel = (
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
    <Popover content={panel} title="待办" trigger="click" placement="bottomRight">
      <Button type="text" className="jx-header-btn" aria-label={`待办事项 ${list.length} 项`} icon={<BellOutlined />}>
        <Badge count={list.length} size="small" offset={[4, -2]} color="#d4380d">
          <span className="jx-header-btn-text">待办</span>
        </Badge>
      </Button>
    </Popover>
  );
}

export function UserMenu() {
  const s = useSession();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', label: `${s.me.user.displayName}（${s.me.user.roleLabel}）`, disabled: true },
          { key: 'org', label: s.me.organisation.name, disabled: true },
          { type: 'divider' },
          { key: 'logout', label: '退出登录', icon: <LogoutOutlined /> },
        ],
        onClick: ({ key }) => {
          if (key === 'logout') void s.logout();
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
  );
}
