// The target set's workflow, defined once: statuses, actions, who takes them — used by the DB check, the server and the web.
import type { Role } from '../workflow.js';

export const TARGET_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
export const TARGET_STATUS_LABELS = {
  draft: '草稿',
  submitted: '待财政局审核',
  returned: '已退回',
  approved: '已批复',
} as const satisfies Record<TargetStatus, string>;

export const TARGET_ACTIONS = ['submit', 'return', 'approve', 'adjust'] as const;
export type TargetAction = (typeof TARGET_ACTIONS)[number];

export interface TargetTransition {
  from: readonly TargetStatus[];
  to: TargetStatus;
  roles: readonly Role[];
  comment: 'required' | 'optional';
  label: string;
}

export const TARGET_TRANSITIONS = {
  submit: {
    from: ['draft', 'returned'],
    to: 'submitted',
    roles: ['unit_filler', 'unit_leader'],
    comment: 'optional',
    label: '报送绩效目标',
  },
  return: {
    from: ['submitted'],
    to: 'returned',
    roles: ['bureau_admin', 'bureau_reviewer'],
    comment: 'required',
    label: '退回修改',
  },
  approve: {
    from: ['submitted'],
    to: 'approved',
    roles: ['bureau_admin', 'bureau_reviewer'],
    comment: 'optional',
    label: '批复绩效目标',
  },
  // 目标调整: the approved set stays approved, at a new version; the reason is the comment.
  adjust: {
    from: ['approved'],
    to: 'approved',
    roles: ['bureau_admin', 'bureau_reviewer'],
    comment: 'required',
    label: '目标调整',
  },
} as const satisfies Record<TargetAction, TargetTransition>;

export const TARGET_EDITABLE: readonly TargetStatus[] = ['draft', 'returned'];

export function targetTransition(action: TargetAction, from: TargetStatus, role: Role): string | undefined {
  const t: TargetTransition = TARGET_TRANSITIONS[action];
  if (!t.roles.includes(role)) return `当前角色不能“${t.label}”`;
  if (!t.from.includes(from)) return `绩效目标${TARGET_STATUS_LABELS[from]}，不能“${t.label}”`;
  return undefined;
}
