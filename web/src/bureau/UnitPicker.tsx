// The unit picker of a round: the organisation tree with search, "all units of a kind", or a pasted/imported list.
import { UploadOutlined } from '@ant-design/icons';
import { matchUnitList } from '@core/unit-list.js';
import { Alert, App, Button, Checkbox, Input, Radio, Space, Tree, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../app/api';
import type { Organisation, UnitSelection } from '../app/types';

export type PickMode = 'all' | 'kinds' | 'tree' | 'list';

export interface Pick {
  mode: PickMode;
  kinds: Array<'unit' | 'subunit'>;
  orgIds: number[];
  list: string;
}

export const EMPTY_PICK: Pick = { mode: 'all', kinds: ['unit'], orgIds: [], list: '' };

/** The selection the API takes; undefined: every unit of the region. */
export function selectionOf(p: Pick): UnitSelection | undefined {
  if (p.mode === 'all') return undefined;
  if (p.mode === 'kinds') return { kinds: p.kinds };
  if (p.mode === 'tree') return { orgIds: p.orgIds };
  return { list: p.list };
}

interface Props {
  orgs: Organisation[];
  value: Pick;
  onChange(p: Pick): void;
  /** Without "every unit": adding to a round names its units. */
  noAll?: boolean;
}

export function UnitPicker({ orgs, value, onChange, noAll }: Props) {
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const units = useMemo(() => orgs.filter((o) => o.kind !== 'bureau'), [orgs]);
  const tree = useMemo(() => {
    const q = search.trim();
    const hit = (o: Organisation) => !q || o.name.includes(q) || o.code.includes(q);
    return units
      .filter((o) => o.kind === 'unit')
      .map((u) => {
        const subs = units.filter((s) => s.parentId === u.id && (hit(s) || hit(u)));
        return { u, subs };
      })
      .filter(({ u, subs }) => hit(u) || subs.length)
      .map(({ u, subs }) => ({
        key: u.id,
        title: `${u.name}（${u.code}）`,
        children: subs.map((s) => ({ key: s.id, title: `${s.name}（${s.code}）` })),
      }));
  }, [units, search]);
  const listed = useMemo(() => matchUnitList(value.list, units), [value.list, units]);
  const set = (p: Partial<Pick>) => onChange({ ...value, ...p });
  const count =
    value.mode === 'all'
      ? units.length
      : value.mode === 'kinds'
        ? units.filter((o) => value.kinds.includes(o.kind as 'unit' | 'subunit')).length
        : value.mode === 'tree'
          ? value.orgIds.length
          : listed.matched.length;

  const importFile = async (file: File) => {
    try {
      const r = await api.readUnitList(file);
      set({ list: [value.list.trim(), ...r.lines].filter(Boolean).join('\n') });
      message.success(`已读入“${file.name}”：${r.matched.length} 个单位，${r.unmatched.length} 行未能对应`);
    } catch (e) {
      message.error((e as Error).message);
    }
    return false;
  };

  return (
    <div className="jx-unit-picker" data-testid="unit-picker">
      <Radio.Group
        value={value.mode}
        onChange={(e) => set({ mode: e.target.value as PickMode })}
        options={[
          ...(noAll ? [] : [{ value: 'all', label: '本地区全部单位' }]),
          { value: 'kinds', label: '某一类全部单位' },
          { value: 'tree', label: '从组织树选择' },
          { value: 'list', label: '粘贴或导入清单' },
        ]}
      />
      {value.mode === 'kinds' ? (
        <Checkbox.Group
          className="jx-block"
          value={value.kinds}
          onChange={(v) => set({ kinds: v as Pick['kinds'] })}
          options={[
            { value: 'unit', label: '部门（单位）' },
            { value: 'subunit', label: '下属单位' },
          ]}
        />
      ) : null}
      {value.mode === 'tree' ? (
        <div className="jx-block">
          <Input.Search
            allowClear
            placeholder="按名称或代码查找单位"
            aria-label="查找单位"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Tree
            checkable
            defaultExpandAll
            height={260}
            treeData={tree}
            checkedKeys={value.orgIds}
            onCheck={(keys) => set({ orgIds: (Array.isArray(keys) ? keys : keys.checked).map(Number) })}
          />
        </div>
      ) : null}
      {value.mode === 'list' ? (
        <div className="jx-block">
          <Input.TextArea
            rows={5}
            aria-label="单位清单"
            placeholder={'每行一个单位代码或全称，可直接从表格复制\n例如：\n江源市教育局\njy-wsj'}
            value={value.list}
            onChange={(e) => set({ list: e.target.value })}
          />
          <Space className="jx-block">
            <Upload accept=".xlsx,.txt,.csv" showUploadList={false} beforeUpload={(f) => importFile(f)}>
              <Button icon={<UploadOutlined />}>从 XLSX 或文本导入（不超过 1 MB）</Button>
            </Upload>
          </Space>
          {listed.unmatched.length ? (
            <Alert
              type="warning"
              showIcon
              message={`${listed.unmatched.length} 行未能对应到本地区的单位`}
              description={listed.unmatched
                .slice(0, 5)
                .map((u) => `第${u.line}行“${u.text}”`)
                .join('；')}
            />
          ) : null}
        </div>
      ) : null}
      <div className="jx-muted" data-testid="unit-count">
        已选 {count} 个单位
      </div>
    </div>
  );
}
