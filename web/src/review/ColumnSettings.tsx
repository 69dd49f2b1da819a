// 列设置: which of the list's columns to show (remembered in this browser).
import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover } from 'antd';
import { REVIEW_COLUMNS } from './columns';

export function ColumnSettings({ hidden, onChange }: { hidden: string[]; onChange(next: string[]): void }) {
  const content = (
    <div className="jx-col-settings" role="group" aria-label="显示的列">
      {REVIEW_COLUMNS.map((c) => (
        <Checkbox
          key={c.key}
          checked={c.fixed || !hidden.includes(c.key)}
          disabled={c.fixed}
          onChange={(e) => onChange(e.target.checked ? hidden.filter((k) => k !== c.key) : [...hidden, c.key])}
        >
          {c.title}
        </Checkbox>
      ))}
      <Button type="link" size="small" onClick={() => onChange([])}>
        全部显示
      </Button>
    </div>
  );
  return (
    <Popover content={content} title="列设置" trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />} aria-label="列设置">
        列设置
      </Button>
    </Popover>
  );
}
