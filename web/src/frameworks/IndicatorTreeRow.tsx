// One indicator of the framework editor's tree: name, 分值, the sum of its children, rule, optional, actions.
import { CheckCircleFilled, CloseCircleFilled, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { DraftIssue, IndicatorDraft, NodePath, weightChecks } from '@core/framework-edit.js';
import { Button, Checkbox, Input, Popconfirm, Space } from 'antd';
import { InputNumber } from '../components/InputNumber';
import { describeRule } from '@core/rules/describe.js';
import { type FlatRow, pkey } from './useDraft';

type NodeCheck = ReturnType<typeof weightChecks>['nodes'][number];

function RuleCell({ node }: { node: IndicatorDraft }) {
  if (node.children?.length) return <span className="jx-muted">（有下级指标）</span>;
  if (node.rule) return <span className="jx-rule">{describeRule(node.rule as never)}</span>;
  if (node.open) return <span className="jx-muted">单位自设个性指标</span>;
  return <span className="jx-bad">缺少评分规则</span>;
}

export function IndicatorTreeRow({
  row: { path, node, depth },
  check,
  rowIssues,
  edit,
  onAdd,
  onRemove,
}: {
  row: FlatRow;
  check: NodeCheck | undefined;
  rowIssues: DraftIssue[];
  edit(path: NodePath, patch: Partial<IndicatorDraft>): void;
  onAdd(path: NodePath): void;
  onRemove(path: NodePath): void;
}) {
  const k = pkey(path);
  const label = node.name || `第${path.map((i) => i + 1).join('.')}项`;
  return (
    <tr id={`fw-row-${k}`} className={rowIssues.length ? 'jx-row-bad' : undefined}>
      <td>
        <div style={{ paddingLeft: depth * 22 }} className="jx-fw-name">
          <span className="jx-level-tag">{['一级', '二级', '三级', '四级'][depth] ?? `${depth + 1}级`}</span>
          <Input
            aria-label={`${label} 名称`}
            value={node.name}
            onChange={(e) => edit(path, { name: e.target.value })}
            status={rowIssues.some((i) => i.field.endsWith('.name')) ? 'error' : undefined}
          />
        </div>
        {rowIssues.length ? (
          <div className="jx-row-issues" role="alert">
            {rowIssues.map((i, n) => (
              <div key={n}>{i.message}</div>
            ))}
          </div>
        ) : null}
      </td>
      <td>
        <InputNumber
          aria-label={`${label} 分值`}
          value={typeof node.weight === 'number' ? node.weight : null}
          min={0}
          suffix="分"
          placeholder={node.unitWeights ? '单位设定' : ''}
          status={check && !check.ok ? 'error' : undefined}
          onChange={(v) => edit(path, { weight: v ?? undefined })}
          changeOnWheel={false}
          style={{ width: '100%' }}
        />
      </td>
      <td className="jx-num-cell">
        {check?.childrenSum !== undefined ? (
          <span className={check.ok ? 'jx-ok' : 'jx-bad'}>
            {check.ok ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />} {check.childrenSum}
            <span className="jx-sr">{check.ok ? '，与分值相等' : '，与分值不等'}</span>
          </span>
        ) : (
          <span className="jx-muted">—</span>
        )}
      </td>
      <td>
        <RuleCell node={node} />
      </td>
      <td>
        <Checkbox
          checked={node.optional === true}
          onChange={(e) => edit(path, { optional: e.target.checked || undefined })}
          aria-label={`${label} 可删减（不适用时单位可删去）`}
        />
      </td>
      <td>
        <Space size={4}>
          {depth < 2 ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => onAdd(path)} aria-label={`在“${label}”下添加指标`}>
              下级
            </Button>
          ) : null}
          <Popconfirm
            title={`删去“${label}”${node.children?.length ? '及其全部下级指标' : ''}？`}
            okText="删去"
            cancelText="取消"
            onConfirm={() => onRemove(path)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删去“${label}”`}>
              删去
            </Button>
          </Popconfirm>
        </Space>
      </td>
    </tr>
  );
}
