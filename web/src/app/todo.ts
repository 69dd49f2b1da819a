import { isBureauStaffRole } from '@core/workflow.js';
import type { EvaluationSummary, Me, Round } from './types';

/** 待办: what needs this user's action now, most urgent first. */
export interface Todo {
  key: string;
  kind: 'start' | 'fill' | 'fix' | 'leader-review' | 'bureau-review';
  title: string;
  detail: string;
  roundId: number;
  evaluationId?: number;
  deadline: string | null;
}

export function todos(me: Me, rounds: Round[], evaluations: EvaluationSummary[], now = Date.now()): Todo[] {
  const role = me.user.role;
  const orgId = me.organisation.id;
  const deadlineOf = (roundId: number) => rounds.find((r) => r.id === roundId)?.deadline ?? null;
  const out: Todo[] = [];
  if (role === 'unit_filler') {
    for (const r of rounds) {
      const open = !r.deadline || new Date(r.deadline).getTime() > now;
      if (open && !evaluations.some((e) => e.roundId === r.id && e.orgId === orgId)) {
        out.push({
          key: `start-${r.id}`,
          kind: 'start',
          title: `填报“${r.name}”`,
          detail: `尚未开始 · 指标框架：${r.frameworkName}`,
          roundId: r.id,
          deadline: r.deadline,
        });
      }
    }
    for (const e of evaluations) {
      // A round the unit was withdrawn from is not in its list: its draft stays, but is no to-do.
      if (e.orgId !== orgId || !rounds.some((r) => r.id === e.roundId)) continue;
      if (e.status === 'returned')
        out.push({
          key: `fix-${e.id}`,
          kind: 'fix',
          title: `修改“${e.roundName}”的自评`,
          detail: '已退回：请按审核意见修改后重新提交',
          roundId: e.roundId,
          evaluationId: e.id,
          deadline: deadlineOf(e.roundId),
        });
      if (e.status === 'draft')
        out.push({
          key: `fill-${e.id}`,
          kind: 'fill',
          title: `继续填报“${e.roundName}”`,
          detail: '草稿：填写完成后提交单位负责人审核',
          roundId: e.roundId,
          evaluationId: e.id,
          deadline: deadlineOf(e.roundId),
        });
    }
  }
  if (role === 'unit_leader') {
    for (const e of evaluations) {
      if (e.orgId === orgId && e.status === 'submitted_leader') {
        out.push({
          key: `leader-${e.id}`,
          kind: 'leader-review',
          title: `审核本单位“${e.roundName}”的自评`,
          detail: '填报人已提交：审核通过后报送财政局，或退回修改',
          roundId: e.roundId,
          evaluationId: e.id,
          deadline: deadlineOf(e.roundId),
        });
      }
    }
  }
  if (isBureauStaffRole(role)) {
    for (const e of evaluations) {
      if (e.status === 'submitted_bureau') {
        out.push({
          key: `bureau-${e.id}`,
          kind: 'bureau-review',
          title: `审核“${e.orgName}”的自评`,
          detail: `${e.roundName} · 已报送财政局`,
          roundId: e.roundId,
          evaluationId: e.id,
          deadline: deadlineOf(e.roundId),
        });
      }
    }
  }
  const order: Record<Todo['kind'], number> = { fix: 0, 'leader-review': 1, 'bureau-review': 1, fill: 2, start: 3 };
  return out.sort((a, b) => order[a.kind] - order[b.kind] || (a.deadline ?? '9').localeCompare(b.deadline ?? '9'));
}
