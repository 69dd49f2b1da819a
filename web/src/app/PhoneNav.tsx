// On a phone, the menu and the round/unit switchers in a drawer opened from the header.
import { Drawer } from 'antd';
import { Switchers } from './Switchers';
import { NavMenu } from './nav';
import { useSession } from './session';

export function PhoneNav({ open, onClose }: { open: boolean; onClose(): void }) {
  const s = useSession();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="left"
      size={280}
      title={s.me.organisation.name}
      className="jx-nav-drawer"
    >
      <NavMenu role={s.me.user.role} onPick={onClose} />
      <div className="jx-drawer-switchers">
        <Switchers />
      </div>
    </Drawer>
  );
}
