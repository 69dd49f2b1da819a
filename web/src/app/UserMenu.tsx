// The header's user menu: who is signed in, the organisation, 修改密码, 退出登录.
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { navigate } from './router';
import { useSession } from './session';

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
  );
}
