// The header's to-do button and its popover (the switchers and user menu load lazily: Switchers.tsx, UserMenu.tsx).
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Popover } from 'antd';
import { date } from './format';
import { Link } from './router';
import type { Todo } from './todo';

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
