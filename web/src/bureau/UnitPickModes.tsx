// The unit picker's two detailed modes: the organisation tree with search, and a pasted or imported list.
import { UploadOutlined } from '@ant-design/icons';
import type { matchUnitList } from '@core/unit-list.js';
import { Alert, App, Button, Input, Space, Tree, Upload } from 'antd';
import { useMemo } from 'react';
import { api } from '../app/api';
import type { Organisation } from '../app/types';

/** Units and their sub-units as a checkable tree, filtered by name or code; checks survive a search. */
export function UnitTreePick({
  units,
  orgIds,
  search,
  onSearch,
  onChange,
}: {
  units: Organisation[];
  orgIds: number[];
  search: string;
  onSearch(q: string): void;
  onChange(orgIds: number[]): void;
}) {
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
  const visible = useMemo(() => new Set(tree.flatMap((t) => [t.key, ...t.children.map((c) => c.key)])), [tree]);
  return (
    <div className="jx-block">
      <Input.Search
        allowClear
        placeholder="按名称或代码查找单位"
        aria-label="查找单位"
        value={search}
        onChange={(e) => onSearch(e.target.value)}
      />
      <Tree
        checkable
        checkStrictly
        defaultExpandAll
        height={260}
        treeData={tree}
        // Only keys of the (filtered) tree shown; the choice itself survives a search.
        checkedKeys={orgIds.filter((id) => visible.has(id))}
        onCheck={(_, info) => {
          const id = Number(info.node.key);
          const rest = orgIds.filter((x) => x !== id);
          onChange(info.checked ? [...rest, id] : rest);
        }}
      />
    </div>
  );
}

/** A list of unit codes or names, typed, pasted or read from a file by the server; the lines that match nothing. */
export function UnitListPick({
  list,
  listed,
  onChange,
}: {
  list: string;
  listed: ReturnType<typeof matchUnitList>;
  onChange(list: string): void;
}) {
  const { message } = App.useApp();
  const importFile = async (file: File) => {
    try {
      const r = await api.readUnitList(file);
      onChange([list.trim(), ...r.lines].filter(Boolean).join('\n'));
      message.success(`已读入“${file.name}”：${r.matched.length} 个单位，${r.unmatched.length} 行未能对应`);
    } catch (e) {
      message.error((e as Error).message);
    }
    return false;
  };
  return (
    <div className="jx-block">
      <Input.TextArea
        rows={5}
        aria-label="单位清单"
        placeholder={'每行一个单位代码或全称，可直接从表格复制\n例如：\n江源市教育局\njy-wsj'}
        value={list}
        onChange={(e) => onChange(e.target.value)}
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
  );
}
