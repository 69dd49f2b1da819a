// 指标体系 in the framework editor: the whole tree as one table of editable rows.
import type { NodePath } from '@core/framework-edit.js';
import { removeNode } from '@core/framework-edit.js';
import { IndicatorTreeRow } from './IndicatorTreeRow';
import { type Draft, pkey } from './useDraft';

const COLUMNS: Array<[string, number | undefined]> = [
  ['指标名称', 380],
  ['分值', 120],
  ['下级分值合计', 110],
  ['计分规则', undefined],
  ['可删减', 70],
  ['操作', 170],
];

export function IndicatorTreeTable({ d, onAdd }: { d: Draft; onAdd(path: NodePath): void }) {
  return (
    <table className="jx-grid-table jx-fw-table">
      <caption className="jx-sr">指标树：名称、分值、下级合计、计分规则</caption>
      <thead>
        <tr>
          {COLUMNS.map(([title, width]) => (
            <th key={title} scope="col" style={width ? { width } : undefined}>
              {title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {d.rows.map((row) => (
          <IndicatorTreeRow
            key={pkey(row.path)}
            row={row}
            check={d.checkByPath.get(pkey(row.path))}
            rowIssues={d.issuesByNode.get(pkey(row.path)) ?? []}
            edit={d.edit}
            onAdd={onAdd}
            onRemove={(path) => d.setDraft((x) => removeNode(x, path))}
          />
        ))}
      </tbody>
    </table>
  );
}
