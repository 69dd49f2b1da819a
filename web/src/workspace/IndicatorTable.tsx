import { ExclamationCircleFilled, InfoCircleFilled, PaperClipOutlined, WarningFilled } from '@ant-design/icons';
import type { IndicatorInput } from '@core/evaluation.js';
import type { Framework, IndicatorNode } from '@core/framework/model.js';
import { MEASURED_KINDS, type Rule } from '@core/rules/schema.js';
import type { Finding, IndicatorScore, ScoreResult } from '@core/scoring.js';
import { Button, Checkbox, Form, Input, Radio, Select, Tooltip } from 'antd';
import { memo, type ReactNode, useContext, useMemo } from 'react';
import { pct, score as fmtScore } from '../app/format';
import type { Problem } from './check';
import { domId, type Path } from './doc';
import { EditCtx, statusOf } from './inputs';
import { NumInput } from './NumInput';

/**
 * The indicator table as the paper form prints it: 一级 / 二级 / 三级 (merged cells), 分值, 指标值,
 * 实际完成值, the judgment a rule needs (要点, 定性档次, 是否, 扣分项数 …), 得分 (live, with the rule's
 * explanation on hover or focus), 偏差原因, 佐证材料. Rows are memoised: typing in one row renders
 * that row only; the live score re-renders rows when it changes.
 */

const KIND_HINT: Partial<Record<Rule['kind'], string>> = {
  ratio: '按完成比例计分',
  reverse: '反向指标',
  equal: '等于指标值',
  target: '按指标值方向计分',
  rate: '比率×分值',
  'threshold-linear': '及格门槛线性计分',
  bands: '分档计分',
  'excess-deduction': '超限扣分',
};

type Metric = ScoreResult['metrics'][number];

interface Cell {
  node: IndicatorNode;
  rowSpan: number;
  colSpan: number;
}

interface Layout {
  depth: number;
  rows: Array<{ leaf: IndicatorNode; cells: Cell[] }>;
}

function layoutOf(roots: IndicatorNode[]): Layout {
  const leaves: Array<{ leaf: IndicatorNode; chain: IndicatorNode[] }> = [];
  const walk = (ns: IndicatorNode[], chain: IndicatorNode[]) => {
    for (const n of ns) {
      if (n.children.length === 0) leaves.push({ leaf: n, chain: [...chain, n] });
      else walk(n.children, [...chain, n]);
    }
  };
  walk(roots, []);
  const depth = Math.max(1, ...leaves.map((l) => l.chain.length));
  const count = new Map<string, number>();
  for (const l of leaves) for (const n of l.chain) count.set(n.id, (count.get(n.id) ?? 0) + 1);
  const seen = new Set<string>();
  const rows = leaves.map(({ leaf, chain }) => {
    const cells: Cell[] = [];
    chain.forEach((n, d) => {
      if (seen.has(n.id)) return;
      seen.add(n.id);
      cells.push({ node: n, rowSpan: count.get(n.id) ?? 1, colSpan: n === leaf ? depth - d : 1 });
    });
    return { leaf, cells };
  });
  return { depth, rows };
}

const DEPTH_LABELS = ['一级指标', '二级指标', '三级指标', '四级指标'];

export interface IndicatorTableProps {
  framework: Framework;
  roots: IndicatorNode[];
  inputs: Record<string, IndicatorInput>;
  keys: Map<string, string>;
  scores: Map<string, IndicatorScore>;
  findings: Map<string, Finding[]>;
  problems: Map<string, Problem[]>;
  metrics: Map<string, Metric>;
  evidence: Map<string, number>;
  onEvidence(node: IndicatorNode): void;
  decimals: number;
}

export function IndicatorTable(p: IndicatorTableProps) {
  const layout = useMemo(() => layoutOf(p.roots), [p.roots]);
  return (
    <div className="jx-ind-wrap" role="region" aria-label="绩效指标计分表" tabIndex={0}>
      <table className="jx-ind-table">
        <caption className="jx-sr">绩效指标计分表：每行一个末级指标，得分随填写实时计算</caption>
        <thead>
          <tr>
            {Array.from({ length: layout.depth }, (_, d) => (
              <th key={d} scope="col" className={`jx-col-l${d + 1}`}>
                {DEPTH_LABELS[d]}
              </th>
            ))}
            <th scope="col" className="jx-col-w">
              分值
            </th>
            <th scope="col" className="jx-col-target">
              指标值
            </th>
            <th scope="col" className="jx-col-actual">
              实际完成值
            </th>
            <th scope="col" className="jx-col-judge">
              评判（定性/要点）
            </th>
            <th scope="col" className="jx-col-score">
              得分
            </th>
            <th scope="col" className="jx-col-reason">
              偏差原因
            </th>
            <th scope="col" className="jx-col-ev">
              佐证材料
            </th>
          </tr>
        </thead>
        <tbody>
          {layout.rows.map(({ leaf, cells }) => {
            const key = p.keys.get(leaf.id) ?? leaf.id;
            return (
              <IndicatorRow
                key={leaf.id}
                node={leaf}
                cells={cells}
                docKey={key}
                input={p.inputs[key]}
                score={p.scores.get(leaf.id)}
                findings={p.findings.get(leaf.id)}
                problems={rowProblems(p.problems, key)}
                metric={leaf.metric ? p.metrics.get(leaf.metric) : undefined}
                evidence={p.evidence.get(leaf.id) ?? 0}
                onEvidence={p.onEvidence}
                framework={p.framework}
                decimals={p.decimals}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function rowProblems(all: Map<string, Problem[]>, docKey: string): Map<string, Problem[]> | undefined {
  let out: Map<string, Problem[]> | undefined;
  const prefix = `indicators.${docKey}.`;
  for (const [k, v] of all) {
    if (!k.startsWith(prefix)) continue;
    out ??= new Map();
    out.set(k, v);
  }
  return out;
}

const sig = (v: unknown) => JSON.stringify(v ?? null);
const sameScore = (a?: IndicatorScore, b?: IndicatorScore) =>
  a === b ||
  (!!a &&
    !!b &&
    a.score === b.score &&
    a.explanation === b.explanation &&
    a.missed === b.missed &&
    a.incomplete === b.incomplete &&
    a.weight === b.weight);
const sameMap = (a?: Map<string, Problem[]>, b?: Map<string, Problem[]>) =>
  a === b || sig(a && [...a]) === sig(b && [...b]);

/** Rows re-render when what they show changes, not whenever the live score is recomputed. */
function sameRow(a: RowProps, b: RowProps): boolean {
  return (
    a.node === b.node &&
    a.cells === b.cells &&
    a.docKey === b.docKey &&
    a.input === b.input &&
    a.evidence === b.evidence &&
    a.onEvidence === b.onEvidence &&
    a.framework === b.framework &&
    a.decimals === b.decimals &&
    sameScore(a.score, b.score) &&
    (a.findings === b.findings || sig(a.findings?.map((f) => f.message)) === sig(b.findings?.map((f) => f.message))) &&
    sameMap(a.problems, b.problems) &&
    (a.metric === b.metric || (a.metric?.value === b.metric?.value && a.metric?.explanation === b.metric?.explanation))
  );
}

interface RowProps {
  node: IndicatorNode;
  cells: Cell[];
  docKey: string;
  input: IndicatorInput | undefined;
  score: IndicatorScore | undefined;
  findings: Finding[] | undefined;
  problems: Map<string, Problem[]> | undefined;
  metric: Metric | undefined;
  evidence: number;
  onEvidence(node: IndicatorNode): void;
  framework: Framework;
  decimals: number;
}

const SEVERITY_ICON = {
  error: <ExclamationCircleFilled className="jx-sev-error" aria-hidden />,
  warning: <WarningFilled className="jx-sev-warning" aria-hidden />,
  info: <InfoCircleFilled className="jx-sev-info" aria-hidden />,
};
const SEVERITY_TEXT = { error: '错误', warning: '警告', info: '提示' };

const IndicatorRow = memo(function IndicatorRow({
  node,
  cells,
  docKey,
  input,
  score,
  findings,
  problems,
  metric,
  evidence,
  onEvidence,
  framework,
  decimals,
}: RowProps) {
  const { change, readOnly } = useContext(EditCtx);
  const rule = node.rule ?? ({ kind: 'manual' } as Rule);
  const base: Path = ['indicators', docKey];
  const pk = (f: string) => problems?.get(`indicators.${docKey}.${f}`);
  const needsActual = MEASURED_KINDS.has(rule.kind);
  const reasonExpected = score?.missed && !input?.deviationReason?.trim();
  const target = statusOf(pk('target'));
  const actual = statusOf(pk('actual'));
  const reason = statusOf(pk('deviationReason'));
  const label = node.name;

  return (
    <tr
      id={domId('ind', node.id)}
      data-indicator={node.id}
      className={score?.incomplete ? 'jx-row-incomplete' : score?.missed ? 'jx-row-missed' : undefined}
    >
      {cells.map((c) => (
        <th
          key={c.node.id}
          scope={c.node === node ? 'row' : 'rowgroup'}
          rowSpan={c.rowSpan}
          colSpan={c.colSpan}
          className={`jx-name jx-name-l${c.node.level}`}
        >
          <span>{c.node.name}</span>
          {c.node === node ? (
            <>
              {node.added ? <span className="jx-badge">个性</span> : null}
              {node.explanation || node.standard ? (
                <Tooltip
                  title={
                    <div className="jx-tip">
                      {node.explanation ? <p>{node.explanation}</p> : null}
                      {node.standard ? <pre>{node.standard}</pre> : null}
                    </div>
                  }
                  placement="right"
                >
                  <button type="button" className="jx-info-btn" aria-label={`${node.name}的指标解释与评分标准`}>
                    <InfoCircleFilled aria-hidden />
                  </button>
                </Tooltip>
              ) : null}
              {findings?.length ? (
                <ul className="jx-row-findings">
                  {findings.map((f, i) => (
                    <li key={i} className={`jx-find-${f.severity}`} title={f.message}>
                      {SEVERITY_ICON[f.severity]} <span className="jx-sr">{SEVERITY_TEXT[f.severity]}：</span>
                      {f.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : c.node.weight ? (
            <span className="jx-muted jx-node-w">{fmtScore(c.node.weight.toNumber(), decimals)}分</span>
          ) : null}
        </th>
      ))}
      <td className="jx-num-cell">{node.weight ? fmtScore(node.weight.toNumber(), decimals) : '—'}</td>
      <td>
        {readOnly ? (
          <span>{input?.target ?? node.target ?? '—'}</span>
        ) : (
          <Form.Item validateStatus={target.status} help={target.help} className="jx-cell-field">
            <Input
              aria-label={`${label} 指标值`}
              value={input?.target === undefined ? '' : String(input.target)}
              placeholder={node.target !== undefined ? String(node.target) : needsActual ? '例如 ≥95%' : ''}
              onChange={(e) => change([...base, 'target'], e.target.value)}
            />
          </Form.Item>
        )}
      </td>
      <td>
        {needsActual ? (
          readOnly ? (
            <span>{input?.actual ?? (metric?.value !== undefined ? `${pct(metric.value)}（按基础数据）` : '—')}</span>
          ) : (
            <Form.Item
              validateStatus={actual.status}
              help={actual.help}
              className="jx-cell-field"
              extra={metric?.value !== undefined ? <MetricHint metric={metric} entered={input?.actual} /> : undefined}
            >
              <Input
                aria-label={`${label} 实际完成值`}
                value={input?.actual === undefined ? '' : String(input.actual)}
                placeholder={
                  metric?.value !== undefined
                    ? `按基础数据 ${pct(metric.value)}`
                    : node.unit === '%'
                      ? '例如 98.5%'
                      : '填写数值'
                }
                onChange={(e) => change([...base, 'actual'], e.target.value)}
              />
            </Form.Item>
          )
        ) : (
          <span className="jx-muted">—</span>
        )}
      </td>
      <td>
        <RuleInputs
          rule={rule}
          input={input}
          base={base}
          label={label}
          weight={node.weight?.toNumber() ?? 0}
          framework={framework}
          nested={false}
        />
        {needsActual && !readOnly ? <span className="jx-muted jx-kind">{KIND_HINT[rule.kind]}</span> : null}
      </td>
      <td className="jx-score-cell">
        {score ? (
          <Tooltip
            title={<span className="jx-tip">{score.explanation}</span>}
            trigger={['hover', 'focus']}
            placement="left"
          >
            <button
              type="button"
              className={`jx-score ${score.incomplete ? 'jx-score-missing' : score.score < score.weight ? 'jx-score-lost' : ''}`}
              aria-label={`${label} 得分 ${fmtScore(score.score, decimals)} 分：${score.explanation}`}
              data-score={score.score}
            >
              {fmtScore(score.score, decimals)}
            </button>
          </Tooltip>
        ) : (
          <span className="jx-muted">—</span>
        )}
      </td>
      <td>
        {readOnly ? (
          <span>{input?.deviationReason || <span className="jx-muted">—</span>}</span>
        ) : (
          <Form.Item
            validateStatus={reason.status ?? (reasonExpected ? 'warning' : undefined)}
            help={reason.help ?? (reasonExpected ? '未达到指标值，请填写偏差原因' : undefined)}
            className="jx-cell-field"
          >
            <Input.TextArea
              aria-label={`${label} 偏差原因`}
              value={input?.deviationReason ?? ''}
              autoSize={{ minRows: 1, maxRows: 6 }}
              placeholder={score?.missed ? '未完成原因分析' : ''}
              onChange={(e) => change([...base, 'deviationReason'], e.target.value)}
            />
          </Form.Item>
        )}
      </td>
      <td>
        <Button
          size="small"
          icon={<PaperClipOutlined aria-hidden />}
          onClick={() => onEvidence(node)}
          aria-label={`${label} 佐证材料（${evidence}份）`}
        >
          {evidence ? `${evidence}份` : readOnly ? '无' : '上传'}
        </Button>
      </td>
    </tr>
  );
}, sameRow);

function MetricHint({ metric, entered }: { metric: Metric; entered: unknown }) {
  if (metric.value === undefined) return <span className="jx-hint">{metric.explanation}</span>;
  return (
    <span className="jx-hint">
      {entered !== undefined && entered !== '' ? '已填写，优先于' : '未填写时取'}
      {metric.explanation}
    </span>
  );
}

function truthy(c: boolean | number | undefined): boolean {
  return c === true || (typeof c === 'number' && c > 0);
}

/** The judgment each rule kind needs, bound to the indicator's input (recursively for 分项). */
function RuleInputs({
  rule,
  input,
  base,
  label,
  weight,
  framework,
  nested,
}: {
  rule: Rule;
  input: IndicatorInput | undefined;
  base: Path;
  label: string;
  weight: number;
  framework: Framework;
  nested: boolean;
}) {
  const { change, readOnly } = useContext(EditCtx);
  const set = (field: string, v: unknown) => change([...base, field], v);
  let body: ReactNode;
  switch (rule.kind) {
    case 'checklist': {
      const checks = input?.checks;
      const done = rule.items.filter((_, i) => truthy(checks?.[i])).length;
      body = (
        <fieldset className="jx-checklist" aria-label={`${label} 评价要点`}>
          {rule.items.map((it, i) => (
            <Checkbox
              key={i}
              checked={truthy(checks?.[i])}
              disabled={readOnly}
              onChange={(e) =>
                set(
                  'checks',
                  rule.items.map((_, k) => (k === i ? e.target.checked : truthy(checks?.[k]))),
                )
              }
            >
              <span className="jx-check-text">
                {'①②③④⑤⑥⑦⑧⑨⑩'[i] ?? `${i + 1}.`}
                {it.text}
              </span>
              <span className="jx-muted">（{it.points}分）</span>
            </Checkbox>
          ))}
          {rule.veto ? (
            <Checkbox
              checked={input?.vetoed === true}
              disabled={readOnly}
              onChange={(e) => set('vetoed', e.target.checked || undefined)}
              className="jx-veto"
            >
              存在否决情形：{rule.veto}
            </Checkbox>
          ) : null}
          <span className="jx-muted">
            {checks ? `已达到 ${done}/${rule.items.length} 项` : '未逐项勾选'}
            {checks && !readOnly ? (
              <Button type="link" size="small" onClick={() => set('checks', undefined)}>
                清除
              </Button>
            ) : null}
          </span>
        </fieldset>
      );
      break;
    }
    case 'qualitative': {
      const tiers = rule.tiers ?? framework.tiers;
      body = readOnly ? (
        <span>{input?.tier ? `${input.tier}${input.value !== undefined ? `（${input.value}%）` : ''}` : '未评定'}</span>
      ) : (
        <div className="jx-inline-inputs">
          <Select
            aria-label={`${label} 定性档次`}
            value={input?.tier}
            allowClear
            placeholder="选择档次"
            style={{ minWidth: 150 }}
            onChange={(v?: string) => set('tier', v)}
            options={tiers.map((t) => ({ value: t.name, label: `${t.name}（${t.max}%–${t.min}%）` }))}
          />
          <NumInput
            aria-label={`${label} 档内比例（分值的百分比）`}
            value={input?.value}
            unit="percent"
            suffix="%"
            placeholder="档内比例"
            style={{ width: 120 }}
            onChange={(v) => set('value', v)}
          />
        </div>
      );
      break;
    }
    case 'levels':
      body = readOnly ? (
        <span>{input?.tier ?? '未评定'}</span>
      ) : (
        <Select
          aria-label={`${label} 档次`}
          value={input?.tier}
          allowClear
          placeholder="选择档次"
          style={{ minWidth: 170 }}
          onChange={(v?: string) => set('tier', v)}
          options={rule.levels.map((l) => ({ value: l.name, label: `${l.name}（${l.points}分）` }))}
        />
      );
      break;
    case 'yesno':
      body = (
        <Radio.Group
          aria-label={`${label} 是否达到`}
          value={input?.met}
          disabled={readOnly}
          onChange={(e) => set('met', e.target.value)}
        >
          <Radio value={true}>是</Radio>
          <Radio value={false}>否</Radio>
        </Radio.Group>
      );
      break;
    case 'deduction':
      body = readOnly ? (
        <span>{input?.count !== undefined ? `发现问题 ${input.count} 项` : '未填写'}</span>
      ) : (
        <label className="jx-inline-label">
          <span>发现问题</span>
          <NumInput
            aria-label={`${label} 发现问题（扣分项）数`}
            value={input?.count}
            unit="count"
            suffix="项"
            style={{ width: 110 }}
            onChange={(v) => set('count', v)}
          />
          <span className="jx-muted">每项扣{rule.perItem}分</span>
        </label>
      );
      break;
    case 'manual':
      body = readOnly ? (
        <span>{input?.judged !== undefined ? `判断得分 ${input.judged}` : '未填写'}</span>
      ) : (
        <label className="jx-inline-label">
          <span>判断得分</span>
          <NumInput
            aria-label={`${label} 评价人判断得分`}
            value={input?.judged}
            placeholder={`0～${weight}`}
            suffix="分"
            style={{ width: 110 }}
            onChange={(v) => set('judged', v)}
          />
        </label>
      );
      break;
    case 'quarterly':
      body = (
        <div className="jx-inline-inputs">
          {[0, 1, 2, 3].map((q) => (
            <NumInput
              key={q}
              aria-label={`${label} 第${'一二三四'[q]}季度末累计进度`}
              value={input?.quarters?.[q]}
              unit="percent"
              readOnly={readOnly}
              placeholder={`Q${q + 1}`}
              suffix="%"
              style={{ width: 92 }}
              onChange={(v) => {
                const arr = [0, 1, 2, 3].map((k) => (k === q ? (v ?? null) : (input?.quarters?.[k] ?? null)));
                set('quarters', arr.every((x) => x === null) ? undefined : arr);
              }}
            />
          ))}
          <span className="jx-muted">不填则取基础数据中的季度进度</span>
        </div>
      );
      break;
    case 'excess-deduction':
      body =
        rule.limit === undefined ? (
          readOnly ? (
            <span>上年值 {input?.previous ?? '—'}</span>
          ) : (
            <Input
              aria-label={`${label} 上年值`}
              value={input?.previous === undefined ? '' : String(input.previous)}
              placeholder="上年值，例如 3.2%"
              onChange={(e) => set('previous', e.target.value)}
              style={{ maxWidth: 160 }}
            />
          )
        ) : null;
      break;
    case 'composite':
      body = (
        <div className="jx-parts">
          {rule.parts.map((part) => (
            <fieldset key={part.name} className="jx-part">
              <legend>
                {part.name}（{part.points}分）
              </legend>
              {MEASURED_KINDS.has(part.rule.kind) ? (
                readOnly ? (
                  <span>{input?.parts?.[part.name]?.actual ?? '按基础数据'}</span>
                ) : (
                  <Input
                    aria-label={`${label}·${part.name} 实际完成值`}
                    value={
                      input?.parts?.[part.name]?.actual === undefined ? '' : String(input?.parts?.[part.name]?.actual)
                    }
                    placeholder={part.metric ? '留空则按基础数据计算' : '实际完成值'}
                    onChange={(e) => change([...base, 'parts', part.name, 'actual'], e.target.value)}
                  />
                )
              ) : null}
              <RuleInputs
                rule={part.rule}
                input={input?.parts?.[part.name]}
                base={[...base, 'parts', part.name]}
                label={`${label}·${part.name}`}
                weight={part.points}
                framework={framework}
                nested
              />
            </fieldset>
          ))}
        </div>
      );
      break;
    default:
      body = nested ? null : null;
  }
  return <>{body}</>;
}
