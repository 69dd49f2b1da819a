// The workspace's sticky score bar: live total and grade, problems, save state, section links.
import { POINT_KIND_HELP } from '@core/verification.js';
import {
  CheckCircleFilled,
  CloudSyncOutlined,
  ExclamationCircleFilled,
  SaveOutlined,
  WarningFilled,
  WifiOutlined,
} from '@ant-design/icons';
import type { ScoreResult } from '@core/scoring.js';
import { Progress, Tooltip } from 'antd';
import { memo } from 'react';
import { fromNow, score as fmtScore } from '../app/format';
import { GRADE_COLOURS } from '../app/theme';
import type { AutosaveSnapshot } from './autosave';

const SECTIONS: Array<[string, string]> = [
  ['sec-basic', '基本信息'],
  ['sec-budget', '预算执行'],
  ['sec-staff', '人员'],
  ['sec-funds', '经费与采购'],
  ['sec-assets', '资产与履职'],
  ['sec-tasks', '年度任务'],
  ['sec-indicators', '绩效指标'],
  ['sec-findings', '问题'],
  ['sec-comments', '审核意见'],
];

/** The save state alone (not the document): what the bar shows of the autosave. */
export type SaveStatus = Pick<AutosaveSnapshot, 'state' | 'savedAt' | 'error'>;

export function SaveIndicator({ snap }: { snap: SaveStatus }) {
  const map: Record<SaveStatus['state'], { icon: React.ReactNode; text: string; cls: string }> = {
    saved: {
      icon: <CheckCircleFilled aria-hidden />,
      text: snap.savedAt ? `已保存 ${fromNow(new Date(snap.savedAt).toISOString())}` : '已保存',
      cls: 'ok',
    },
    pending: { icon: <SaveOutlined aria-hidden />, text: '有修改，即将自动保存', cls: 'busy' },
    saving: { icon: <CloudSyncOutlined spin aria-hidden />, text: '正在保存…', cls: 'busy' },
    offline: { icon: <WifiOutlined aria-hidden />, text: '网络异常：修改已存在本机，将自动重试', cls: 'warn' },
    invalid: { icon: <WarningFilled aria-hidden />, text: '有输入错误：修改已存在本机，改正后自动保存', cls: 'warn' },
    conflict: { icon: <ExclamationCircleFilled aria-hidden />, text: '保存冲突：他人已修改', cls: 'err' },
    readonly: { icon: null, text: '只读', cls: 'muted' },
  };
  const m = map[snap.state];
  return (
    <Tooltip title={snap.error}>
      <span
        className={`jx-save jx-save-${m.cls}`}
        role="status"
        aria-live="polite"
        data-state={snap.state}
        tabIndex={snap.error ? 0 : -1}
      >
        {m.icon} {m.text}
      </span>
    </Tooltip>
  );
}

/** The sticky bar: live total and grade, 一级 subtotals, errors and warnings, save state, section links. */
export const ScoreBar = memo(function ScoreBar({
  result,
  decimals,
  stale,
  errors,
  warnings,
  snap,
  extra,
}: {
  result: ScoreResult | undefined;
  decimals: number;
  stale: boolean;
  errors: number;
  warnings: number;
  snap: SaveStatus;
  extra?: React.ReactNode;
}) {
  const level1 = result?.nodes.filter((n) => n.level === 1) ?? [];
  const grade = result?.grade;
  return (
    <div className="jx-scorebar" aria-label="实时得分">
      <div className="jx-scorebar-row">
        <div className="jx-total" aria-live="polite">
          <span className="jx-total-label">核定总分</span>
          <span className="jx-total-value" data-testid="live-total" data-total={result?.total}>
            {fmtScore(result?.total, decimals)}
          </span>
          <span className="jx-total-unit">分</span>
          {grade ? (
            <span
              className="jx-total-grade"
              style={{ color: GRADE_COLOURS[grade] ?? '#3f3f46', borderColor: GRADE_COLOURS[grade] ?? '#3f3f46' }}
              data-testid="live-grade"
            >
              {grade}
            </span>
          ) : null}
          {result?.unverifiable.count ? (
            <span className="jx-pending" data-testid="live-pending" title={POINT_KIND_HELP.unverifiable}>
              待核实 {fmtScore(result.unverifiable.points, decimals)} 分（{result.unverifiable.count} 项）
              {result.gradeMayChange ? '，可能影响等级' : ''}；严格口径 {fmtScore(result.strictTotal, decimals)} 分
            </span>
          ) : null}
          {stale ? <span className="jx-stale">（有输入错误，得分暂未更新）</span> : null}
        </div>
        <div className="jx-level1">
          {level1.map((n) => (
            <div key={n.id} className="jx-level1-item">
              <span className="jx-level1-name">{n.name}</span>
              <Progress
                percent={n.weight ? Math.round((n.score / n.weight) * 100) : 0}
                size="small"
                showInfo={false}
                strokeColor="#1d4ed8"
                aria-label={`${n.name}得分率`}
              />
              <span className="jx-level1-val">
                {fmtScore(n.score, decimals)}/{fmtScore(n.weight, decimals)}
              </span>
            </div>
          ))}
        </div>
        <div className="jx-scorebar-side">
          <a href="#sec-findings" className="jx-counts">
            {errors ? <span className="jx-count-err">错误 {errors}</span> : null}
            <span className="jx-count-warn">提示 {warnings}</span>
          </a>
          <SaveIndicator snap={snap} />
          {extra}
        </div>
      </div>
      <nav className="jx-sections" aria-label="表单各部分">
        {SECTIONS.map(([id, name]) => (
          <a key={id} href={`#${id}`}>
            {name}
          </a>
        ))}
      </nav>
    </div>
  );
});
