// Shared pieces of the figure sections: derived-rate chips and rows of numeric fields.
import type { ScoreResult } from '@core/scoring.js';
import { Col, Tooltip } from 'antd';
import { pct } from '../../app/format';
import type { Problem } from '../check';
import { getIn } from '../doc';
import { FIGURE_LABELS } from '../fields';
import { NumField } from '../inputs';

export type Metrics = ScoreResult['metrics'];
export type Problems = Map<string, Problem[]>;

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

export const num = (src: unknown, k: string) => getIn(src, k.split('.'));

/** Fields `prefix.key` of one slice of the figures (the section re-renders only when its slice changes). */
export function Nums({
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

export interface SectionProps {
  problems: Problems;
  metrics: Metrics | undefined;
}
export type Slice = Record<string, unknown> | undefined;
