// Workflow actions on the open evaluation (submit, approve, return…): confirmation, the comment, the transition call.
import type { IndicatorNode } from '@core/framework/model.js';
import type { ScoreResult } from '@core/scoring.js';
import { App } from 'antd';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../app/api';
import { ACTION_LABELS, score as fmtScore } from '../app/format';
import { useSession } from '../app/session';
import type { Action, EvaluationDetail } from '../app/types';
import type { AutosaveController } from './autosave';
import type { Problem } from './check';
import { GapList } from './SubmitGate';

export function useWorkflow(
  detail: EvaluationDetail,
  setDetail: (d: EvaluationDetail) => void,
  ctl: AutosaveController,
  result: ScoreResult | undefined,
  decimals: number,
  /** What stops a submission (issue 11.3): listed instead of submitting. */
  gate: { gaps: Problem[]; nodeByPath: Map<string, IndicatorNode> },
) {
  const s = useSession();
  const { message, modal } = App.useApp();
  const [acting, setActing] = useState<Action>();
  const [commentFor, setCommentFor] = useState<Action>();
  const run = async (action: Action, text?: string) => {
    setActing(action);
    try {
      if (action === 'submit') {
        const ok = await ctl.flush();
        if (!ok) {
          message.error('还有未能保存的修改（见页面上方的保存状态），请处理后再提交');
          return;
        }
      }
      const d = await api.transition(detail.id, action, ctl.get().version, text);
      ctl.reset(d);
      setDetail(d);
      setCommentFor(undefined);
      await s.reload();
      message.success(`已${ACTION_LABELS[action]}：当前状态“${d.statusLabel}”`);
    } catch (e) {
      message.error((e as Error).message);
      if (e instanceof ApiError && e.status === 409) {
        const d = await api.evaluation(detail.id);
        ctl.reset(d);
        setDetail(d);
      }
    } finally {
      setActing(undefined);
    }
  };
  const ask = (action: Action) => {
    if (action === 'submit' && gate.gaps.length) {
      const dlg = modal.warning({
        title: '还不能提交',
        width: 640,
        content: <GapList gaps={gate.gaps} nodeByPath={gate.nodeByPath} onGo={() => dlg.destroy()} />,
        okText: '知道了',
      });
      return;
    }
    if (action !== 'submit') {
      setCommentFor(action);
      return;
    }
    const errors = (result?.findings ?? []).filter((f) => f.severity === 'error').length;
    modal.confirm({
      title: '提交单位负责人审核？',
      content: (
        <div>
          <p>
            核定总分 <b>{fmtScore(result?.total, decimals)}</b> 分（{result?.grade}）
            {result?.unverifiable.count
              ? `，其中待核实 ${fmtScore(result.unverifiable.points, decimals)} 分（${result.unverifiable.count} 项）`
              : ''}
            。{errors ? `按评分规则核查还有 ${errors} 项错误（如缺少计分数据），请确认。` : ''}
          </p>
          <p>提交后由单位负责人审核，审核期间不能修改。</p>
        </div>
      ),
      okText: '提交',
      cancelText: '取消',
      onOk: () => run('submit'),
    });
  };
  // Stable functions (reading this render's through a ref), so the memoised action buttons and
  // dialogs of the workspace do not re-render on every keystroke.
  const latest = useRef({ ask, run });
  useLayoutEffect(() => {
    latest.current = { ask, run };
  });
  const stable = useMemo(
    () => ({
      ask: (action: Action) => latest.current.ask(action),
      run: (action: Action, text?: string) => latest.current.run(action, text),
      cancelComment: () => setCommentFor(undefined),
    }),
    [],
  );
  return { acting, commentFor, ...stable };
}
