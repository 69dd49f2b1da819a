import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ScoreResult } from '@core/scoring.js';
import { Button, Card, Col, Form, Input, Row, Tooltip } from 'antd';
import { memo, useContext } from 'react';
import { pct, wan } from '../app/format';
import type { Problem } from './check';
import { getIn } from './doc';
import { FIGURE_LABELS } from './fields';
import { EditCtx, fieldId, NumField, statusOf, TextField } from './inputs';
import { NumInput } from './NumInput';

type Metrics = ScoreResult['metrics'];
type Problems = Map<string, Problem[]>;

/** Derived rates (预算执行率 …) the unit's figures give, with the formula on hover. */
export function MetricList({ metrics, ids }: { metrics: Metrics | undefined; ids: string[] }) {
  const list = (metrics ?? []).filter((m) => ids.includes(m.id));
  if (!list.length) return null;
  return (
    <div className="jx-metrics" aria-label="按基础数据计算的指标">
      <span className="jx-metrics-title">按基础数据计算</span>
      {list.map((m) => (
        <Tooltip key={m.id} title={m.explanation}>
          <span
            className={`jx-metric ${m.value === undefined ? 'jx-metric-missing' : ''}`}
            tabIndex={0}
            aria-label={`${m.name}：${m.value === undefined ? m.explanation : pct(m.value)}`}
          >
            {m.name} <b>{m.value === undefined ? '—' : pct(m.value)}</b>
          </span>
        </Tooltip>
      ))}
    </div>
  );
}

const num = (src: unknown, k: string) => getIn(src, k.split('.'));

/** Fields `prefix.key` of one slice of the figures (the section re-renders only when its slice changes). */
function Nums({
  src,
  prefix,
  problems,
  keys,
  unit,
  span = 6,
  integer,
}: {
  src: unknown;
  prefix: string;
  problems: Problems;
  keys: string[];
  unit?: '万元' | '%' | '人' | '项';
  span?: number;
  integer?: boolean;
}) {
  return (
    <>
      {keys.map((key) => {
        const k = `${prefix}.${key}`;
        return (
          <Col key={k} xs={24} sm={12} md={span}>
            <NumField
              k={k}
              label={FIGURE_LABELS[k] ?? k}
              unit={unit}
              value={num(src, key)}
              problems={problems.get(k)}
              integer={integer}
            />
          </Col>
        );
      })}
    </>
  );
}

interface SectionProps {
  problems: Problems;
  metrics: Metrics | undefined;
}
type Slice = Record<string, unknown> | undefined;

export const BasicInfo = memo(function BasicInfo({
  contact,
  goals,
  problems,
  meta,
}: {
  contact: unknown;
  goals: unknown;
  problems: Problems;
  meta: { unit: string; year: number; framework: string; round: string };
}) {
  return (
    <Card id="sec-basic" title="一、基本信息" className="jx-card jx-section">
      <dl className="jx-dl jx-dl-grid">
        <dt>单位名称</dt>
        <dd>{meta.unit}</dd>
        <dt>评价年度</dt>
        <dd>{meta.year}年度</dd>
        <dt>评价轮次</dt>
        <dd>{meta.round}</dd>
        <dt>指标框架</dt>
        <dd>{meta.framework}</dd>
      </dl>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <TextField
            k="contact"
            label="联系人及电话"
            value={contact}
            problems={problems.get('contact')}
            placeholder="例如：张三 0737-1234567"
          />
        </Col>
        <Col xs={24} md={16}>
          <TextField
            k="goals"
            label="年度绩效目标"
            value={goals}
            problems={problems.get('goals')}
            multiline
            placeholder="本年度部门整体绩效目标（可从部门预算绩效目标表摘录）"
          />
        </Col>
      </Row>
    </Card>
  );
});

export const BudgetSection = memo(function BudgetSection({
  budget,
  problems,
  metrics,
}: SectionProps & { budget: Slice }) {
  const b = (k: string) => num(budget, k);
  const computedTotal =
    typeof b('initial') === 'number'
      ? (b('initial') as number) +
        ((b('adjustment') as number) || 0) +
        ((b('otherAdjustment') as number) || 0) +
        ((b('carryOver') as number) || 0)
      : undefined;
  const { change, readOnly } = useContext(EditCtx);
  const parts: Array<[string, string]> = [
    ['basic', '基本支出'],
    ['project', '项目支出'],
    ['other', '其他支出'],
  ];
  return (
    <Card
      id="sec-budget"
      title="二、预算收支与执行"
      className="jx-card jx-section"
      extra={<span className="jx-muted">金额单位：万元</span>}
    >
      <Row gutter={16}>
        <Nums
          src={budget}
          prefix="figures.budget"
          problems={problems}
          unit="万元"
          keys={['initial', 'adjustment', 'otherAdjustment', 'carryOver']}
        />
        <Col xs={24} sm={12} md={6}>
          <NumField
            k="figures.budget.total"
            label={FIGURE_LABELS['figures.budget.total']!}
            unit="万元"
            value={b('total')}
            problems={problems.get('figures.budget.total')}
            placeholder={computedTotal !== undefined ? `按年初+调整+结转：${wan(computedTotal)}` : '留空则自动计算'}
          />
        </Col>
        <Nums
          src={budget}
          prefix="figures.budget"
          problems={problems}
          unit="万元"
          keys={['executed', 'balance', 'previousBalance', 'finalAccounts', 'keySpending']}
        />
        <Nums
          src={budget}
          prefix="figures.budget"
          problems={problems}
          unit="%"
          keys={['paymentPlanned', 'paymentActual']}
        />
      </Row>
      <h3 className="jx-subhead">基本支出 / 项目支出</h3>
      <table className="jx-grid-table">
        <caption className="jx-sr">按支出类别的预算与执行（万元）</caption>
        <thead>
          <tr>
            <th scope="col">支出类别</th>
            <th scope="col">预算数（万元）</th>
            <th scope="col">执行数（万元）</th>
            <th scope="col">执行率</th>
          </tr>
        </thead>
        <tbody>
          {parts.map(([k, name]) => {
            const pb = b(`${k}.budget`) as number | undefined;
            const pe = b(`${k}.executed`) as number | undefined;
            return (
              <tr key={k}>
                <th scope="row">{name}</th>
                {(['budget', 'executed'] as const).map((f) => {
                  const key = `figures.budget.${k}.${f}`;
                  const { status, help } = statusOf(problems.get(key));
                  return (
                    <td key={f}>
                      {readOnly ? (
                        <span className="jx-readonly-value jx-right">
                          {typeof b(`${k}.${f}`) === 'number' ? wan(b(`${k}.${f}`) as number) : '—'}
                        </span>
                      ) : (
                        <Form.Item validateStatus={status} help={help} className="jx-cell-field">
                          <NumInput
                            id={fieldId(key)}
                            aria-label={FIGURE_LABELS[key]}
                            value={b(`${k}.${f}`)}
                            unit="wan"
                            onChange={(x) => change(['figures', 'budget', k, f], x)}
                            className="jx-num"
                          />
                        </Form.Item>
                      )}
                    </td>
                  );
                })}
                <td className="jx-num-cell">
                  {typeof pb === 'number' && typeof pe === 'number' && pb > 0 ? pct((pe / pb) * 100) : '—'}
                </td>
              </tr>
            );
          })}
          <tr className="jx-total-row">
            <th scope="row">合计</th>
            <td className="jx-num-cell">{wan(parts.reduce((a, [k]) => a + ((b(`${k}.budget`) as number) || 0), 0))}</td>
            <td className="jx-num-cell">
              {wan(parts.reduce((a, [k]) => a + ((b(`${k}.executed`) as number) || 0), 0))}
            </td>
            <td />
          </tr>
        </tbody>
      </table>
      <h3 className="jx-subhead">季度支出进度（季度末累计，%）</h3>
      <Row gutter={16}>
        {[0, 1, 2, 3].map((i) => (
          <Col key={i} xs={12} md={6}>
            <NumField
              k={`figures.budget.quarterly.${i}`}
              label={`第${'一二三四'[i]}季度末`}
              unit="%"
              value={num(budget, `quarterly.${i}`)}
              problems={problems.get(`figures.budget.quarterly.${i}`)}
            />
          </Col>
        ))}
      </Row>
      {problems.get('figures.budget.quarterly')?.map((p) => (
        <p key={p.message} className="jx-warning-text">
          季度进度：{p.message}
        </p>
      ))}
      <MetricList
        metrics={metrics}
        ids={[
          'budgetExecutionRate',
          'budgetAdjustmentRate',
          'carryOverRate',
          'carryOverChangeRate',
          'paymentProgressRate',
          'budgetFinalDifferenceRate',
          'keySpendingRate',
        ]}
      />
    </Card>
  );
});

export const StaffingSection = memo(function StaffingSection({
  staffing,
  problems,
  metrics,
}: SectionProps & { staffing: Slice }) {
  return (
    <Card id="sec-staff" title="三、人员编制" className="jx-card jx-section">
      <Row gutter={16}>
        <Nums
          src={staffing}
          prefix="figures.staffing"
          problems={problems}
          unit="人"
          integer
          span={5}
          keys={['authorized', 'actual', 'onPayroll', 'supernumerary', 'retired']}
        />
      </Row>
      <MetricList metrics={metrics} ids={['staffControlRate', 'fundedStaffControlRate', 'supernumeraryRate']} />
    </Card>
  );
});

export const FundsSection = memo(function FundsSection({
  threePublic,
  publicFunds,
  procurement,
  problems,
  metrics,
}: SectionProps & { threePublic: Slice; publicFunds: Slice; procurement: Slice }) {
  return (
    <Card
      id="sec-funds"
      title="四、“三公”经费与公用经费、政府采购"
      className="jx-card jx-section"
      extra={<span className="jx-muted">金额单位：万元</span>}
    >
      <Row gutter={16}>
        <Nums
          src={threePublic}
          prefix="figures.threePublic"
          problems={problems}
          unit="万元"
          span={8}
          keys={['budget', 'actual', 'previousBudget']}
        />
        <Nums
          src={publicFunds}
          prefix="figures.publicFunds"
          problems={problems}
          unit="万元"
          keys={['budget', 'actual']}
        />
        <Nums
          src={procurement}
          prefix="figures.procurement"
          problems={problems}
          unit="万元"
          keys={['budget', 'actual']}
        />
      </Row>
      <MetricList
        metrics={metrics}
        ids={['threePublicControlRate', 'threePublicChangeRate', 'publicFundsControlRate', 'procurementExecutionRate']}
      />
    </Card>
  );
});

export const AssetsWorkSection = memo(function AssetsWorkSection({
  assets,
  work,
  satisfaction,
  problems,
  metrics,
}: SectionProps & { assets: Slice; work: Slice; satisfaction: unknown }) {
  return (
    <Card id="sec-assets" title="五、资产与履职情况" className="jx-card jx-section">
      <Row gutter={16}>
        <Nums src={assets} prefix="figures.assets" problems={problems} unit="万元" keys={['total', 'inUse']} />
        <Col xs={24} sm={12} md={6}>
          <NumField
            k="figures.satisfaction"
            label="满意度（调查结果）"
            unit="%"
            value={satisfaction}
            problems={problems.get('figures.satisfaction')}
          />
        </Col>
      </Row>
      <Row gutter={16}>
        <Nums
          src={work}
          prefix="figures.tasks"
          problems={problems}
          unit="项"
          integer
          keys={[
            'planned',
            'completed',
            'onTime',
            'qualified',
            'keyAssigned',
            'keyCompleted',
            'projects',
            'projectsOnTime',
          ]}
        />
      </Row>
      <MetricList
        metrics={metrics}
        ids={[
          'fixedAssetUtilization',
          'completionRate',
          'timelinessRate',
          'qualityRate',
          'keyTaskCompletionRate',
          'projectTimelinessRate',
          'satisfaction',
        ]}
      />
    </Card>
  );
});

type TaskRow = { name?: string; content?: string; budget?: number; executed?: number; status?: string };

export const TasksSection = memo(function TasksSection({
  tasks,
  problems,
}: {
  tasks: Array<TaskRow | null> | undefined;
  problems: Problems;
}) {
  const { change, readOnly } = useContext(EditCtx);
  const rows = tasks ?? [];
  const setRows = (next: Array<TaskRow | null>) => change(['tasks'], next.length ? next : undefined);
  const sum = (k: 'budget' | 'executed') =>
    rows.reduce((a, t) => a + (typeof t?.[k] === 'number' ? (t[k] as number) : 0), 0);
  const cell = (i: number, k: keyof TaskRow, label: string) => {
    const key = `tasks.${i}.${k}`;
    const { status, help } = statusOf(problems.get(key));
    const v = rows[i]?.[k];
    if (readOnly)
      return (
        <span className={k === 'budget' || k === 'executed' ? 'jx-readonly-value jx-right' : ''}>
          {typeof v === 'number' ? wan(v) : (v ?? '—')}
        </span>
      );
    return (
      <Form.Item validateStatus={status} help={help} className="jx-cell-field">
        {k === 'budget' || k === 'executed' ? (
          <NumInput
            id={fieldId(key)}
            aria-label={`第${i + 1}行${label}`}
            value={v}
            unit="wan"
            onChange={(x) => change(['tasks', i, k], x)}
            className="jx-num"
            suffix="万元"
          />
        ) : (
          <Input
            id={fieldId(key)}
            aria-label={`第${i + 1}行${label}`}
            value={typeof v === 'string' ? v : ''}
            onChange={(e) => change(['tasks', i, k], e.target.value)}
          />
        )}
      </Form.Item>
    );
  };
  return (
    <Card
      id="sec-tasks"
      title="六、年度主要任务及预算执行"
      className="jx-card jx-section"
      extra={
        readOnly ? null : (
          <Button icon={<PlusOutlined />} onClick={() => setRows([...rows, { name: '' }])}>
            添加任务
          </Button>
        )
      }
    >
      {rows.length === 0 ? (
        <p className="jx-muted">
          尚未填写年度主要任务。{readOnly ? '' : '点击“添加任务”逐项填写任务名称、预算数和执行数。'}
        </p>
      ) : (
        <table className="jx-grid-table jx-tasks-table">
          <caption className="jx-sr">年度主要任务</caption>
          <thead>
            <tr>
              <th scope="col" style={{ width: 48 }}>
                序号
              </th>
              <th scope="col">任务名称</th>
              <th scope="col">主要内容</th>
              <th scope="col" style={{ width: 150 }}>
                预算数
              </th>
              <th scope="col" style={{ width: 150 }}>
                执行数
              </th>
              <th scope="col" style={{ width: 80 }}>
                执行率
              </th>
              <th scope="col">完成情况</th>
              {readOnly ? null : <th scope="col" style={{ width: 56 }} aria-label="操作" />}
            </tr>
          </thead>
          <tbody>
            {rows.map((t, i) => (
              <tr key={i}>
                <td className="jx-num-cell">{i + 1}</td>
                <td>{cell(i, 'name', '任务名称')}</td>
                <td>{cell(i, 'content', '主要内容')}</td>
                <td>{cell(i, 'budget', '预算数')}</td>
                <td>{cell(i, 'executed', '执行数')}</td>
                <td className="jx-num-cell">
                  {typeof t?.budget === 'number' && typeof t.executed === 'number' && t.budget > 0
                    ? pct((t.executed / t.budget) * 100)
                    : '—'}
                </td>
                <td>{cell(i, 'status', '完成情况')}</td>
                {readOnly ? null : (
                  <td>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`删除第${i + 1}行任务`}
                      onClick={() => setRows(rows.filter((_, k) => k !== i))}
                    />
                  </td>
                )}
              </tr>
            ))}
            <tr className="jx-total-row">
              <td />
              <th scope="row" colSpan={2}>
                合计（{rows.length}项）
              </th>
              <td className="jx-num-cell">{wan(sum('budget'))}</td>
              <td className="jx-num-cell">{wan(sum('executed'))}</td>
              <td className="jx-num-cell">{sum('budget') > 0 ? pct((sum('executed') / sum('budget')) * 100) : '—'}</td>
              <td colSpan={readOnly ? 1 : 2} />
            </tr>
          </tbody>
        </table>
      )}
    </Card>
  );
});

const NARRATIVE_KEYS = ['部门（单位）基本情况', '绩效目标完成情况', '存在的问题及原因分析', '下一步改进措施'];
const CN = '一二三四五六七八九十';
/** 引言 first, then 一、二、… in order (the database does not keep key order). */
function narrativeOrder(k: string): number {
  const m = /^([一二三四五六七八九十]{1,3})、/.exec(k);
  if (!m) return k === '引言' ? -1 : 1000;
  const t = m[1]!;
  if (t.length === 1) return CN.indexOf(t) + 1;
  if (t[0] === '十') return 10 + CN.indexOf(t[1]!) + 1;
  return (CN.indexOf(t[0]!) + 1) * 10 + (t[2] ? CN.indexOf(t[2]) + 1 : 0);
}

export const NarrativeSection = memo(function NarrativeSection({
  narrative,
  problems,
}: {
  narrative: Record<string, string> | undefined;
  problems: Problems;
}) {
  const existing = Object.keys(narrative ?? {}).sort((a, b) => narrativeOrder(a) - narrativeOrder(b));
  const keys = existing.length ? existing : NARRATIVE_KEYS;
  return (
    <Card id="sec-narrative" title="八、情况说明" className="jx-card jx-section">
      {keys.map((k) => (
        <TextField
          key={k}
          k={`narrative.${k}`}
          path={['narrative', k]}
          label={k}
          value={narrative?.[k]}
          problems={problems.get(`narrative.${k}`)}
          multiline
        />
      ))}
    </Card>
  );
});
