// The unit picker of a round: the organisation tree with search, "all units of a kind", or a pasted/imported list.
import { matchUnitList } from '@core/unit-list.js';
import { Checkbox, Radio } from 'antd';
import { useMemo, useState } from 'react';
import type { Organisation, UnitSelection } from '../app/types';
import { UnitListPick, UnitTreePick } from './UnitPickModes';

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
  const [search, setSearch] = useState('');
  const units = useMemo(() => orgs.filter((o) => o.kind !== 'bureau'), [orgs]);
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
        <UnitTreePick
          units={units}
          orgIds={value.orgIds}
          search={search}
          onSearch={setSearch}
          onChange={(orgIds) => set({ orgIds })}
        />
      ) : null}
      {value.mode === 'list' ? (
        <UnitListPick list={value.list} listed={listed} onChange={(list) => set({ list })} />
      ) : null}
      <div className="jx-muted" data-testid="unit-count">
        已选 {count} 个单位
      </div>
    </div>
  );
}
