/**
 * The review workflow, defined once: organisation kinds, roles, evaluation statuses and the actions
 * that move an evaluation between them — who may take each, its Chinese label, the button text,
 * the past-tense entry of the timeline and whether a comment is required. The database schema
 * (status/role checks), the server (src/server/resources/evaluations) and the web app import this
 * table; nothing else spells a transition.
 */
export const ORG_KINDS = ['bureau', 'unit', 'subunit'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ROLES = ['bureau_admin', 'bureau_reviewer', 'unit_filler', 'unit_leader', 'public'] as const;
export type Role = (typeof ROLES)[number];

export const STATUSES = ['draft', 'submitted_leader', 'submitted_bureau', 'returned', 'approved', 'locked'] as const;
export type Status = (typeof STATUSES)[number];

export const ROLE_LABELS = {
  bureau_admin: '财政局管理员',
  bureau_reviewer: '财政局审核人员',
  unit_filler: '单位填报人',
  unit_leader: '单位负责人',
  public: '公众（只读）',
} as const satisfies Record<Role, string>;

export const STATUS_LABELS = {
  draft: '草稿',
  submitted_leader: '待单位负责人审核',
  submitted_bureau: '待财政局审核',
  returned: '已退回',
  approved: '已通过',
  locked: '已锁定',
} as const satisfies Record<Status, string>;

export const ORG_KIND_LABELS = {
  bureau: '财政局',
  unit: '部门（单位）',
  subunit: '下属单位',
} as const satisfies Record<OrgKind, string>;

/** The order a round's progress is shown in: where the work is, from not yet sent to finished. */
export const STATUS_ORDER: readonly Status[] = [
  'draft',
  'submitted_leader',
  'returned',
  'submitted_bureau',
  'approved',
  'locked',
];

/** Statuses in which the unit's filler may change the document and its evidence. */
export const EDITABLE_STATUSES: readonly Status[] = ['draft', 'returned'];
/** Statuses the public role may read. */
export const PUBLIC_STATUSES: readonly Status[] = ['approved', 'locked'];

/** Roles a user of an organisation of this kind may have. */
export const ROLES_BY_ORG_KIND = {
  bureau: ['bureau_admin', 'bureau_reviewer', 'public'],
  unit: ['unit_filler', 'unit_leader'],
  subunit: ['unit_filler', 'unit_leader'],
} as const satisfies Record<OrgKind, readonly Role[]>;

/** The bureau's staff (the public role also belongs to a bureau, but only reads). */
export const BUREAU_STAFF_ROLES = ['bureau_admin', 'bureau_reviewer'] as const satisfies readonly Role[];
export const isBureauStaffRole = (r: Role | 'system'): boolean => (BUREAU_STAFF_ROLES as readonly string[]).includes(r);
/** A unit's (or sub-unit's) own people. */
export const isUnitStaffRole = (r: Role | 'system'): boolean =>
  (ROLES_BY_ORG_KIND.unit as readonly string[]).includes(r);

export const ACTIONS = ['submit', 'leader-approve', 'leader-return', 'approve', 'return', 'lock', 'reopen'] as const;
export type Action = (typeof ACTIONS)[number];

export interface Transition {
  from: readonly Status[];
  to: Status;
  /** Who may take it. */
  roles: readonly Role[];
  /** Unit roles act only on their own organisation's evaluation. */
  ownUnit: boolean;
  comment: 'required' | 'optional';
  /** What it is, in messages and the audit log: “不能‘财政局退回修改’”. */
  label: string;
  /** The button a user presses. */
  button: string;
  /** Past tense, for the comment timeline. */
  done: string;
  /** Forward (primary button), back (danger button), or neither. */
  tone: 'forward' | 'back' | 'neutral';
}

/**
 * 草稿 → 待单位负责人审核 → 待财政局审核 → 已通过 → 已锁定, with 退回 (with a comment) from either
 * review, and 重新打开 by the bureau after approval or locking.
 */
export const WORKFLOW = {
  submit: {
    from: ['draft', 'returned'],
    to: 'submitted_leader',
    roles: ['unit_filler'],
    ownUnit: true,
    comment: 'optional',
    label: '提交单位负责人审核',
    button: '提交单位负责人审核',
    done: '提交审核',
    tone: 'forward',
  },
  'leader-approve': {
    from: ['submitted_leader'],
    to: 'submitted_bureau',
    roles: ['unit_leader'],
    ownUnit: true,
    comment: 'optional',
    label: '单位负责人审核通过，报送财政局',
    button: '审核通过，报送财政局',
    done: '负责人审核通过',
    tone: 'forward',
  },
  'leader-return': {
    from: ['submitted_leader'],
    to: 'returned',
    roles: ['unit_leader'],
    ownUnit: true,
    comment: 'required',
    label: '单位负责人退回修改',
    button: '退回修改',
    done: '负责人退回',
    tone: 'back',
  },
  approve: {
    from: ['submitted_bureau'],
    to: 'approved',
    roles: ['bureau_reviewer', 'bureau_admin'],
    ownUnit: false,
    comment: 'optional',
    label: '财政局审核通过',
    button: '审核通过',
    done: '财政局审核通过',
    tone: 'forward',
  },
  return: {
    from: ['submitted_bureau'],
    to: 'returned',
    roles: ['bureau_reviewer', 'bureau_admin'],
    ownUnit: false,
    comment: 'required',
    label: '财政局退回修改',
    button: '退回修改',
    done: '财政局退回',
    tone: 'back',
  },
  lock: {
    from: ['approved'],
    to: 'locked',
    roles: ['bureau_admin'],
    ownUnit: false,
    comment: 'optional',
    label: '锁定',
    button: '锁定',
    done: '锁定',
    tone: 'neutral',
  },
  reopen: {
    from: ['approved', 'locked'],
    to: 'returned',
    roles: ['bureau_admin'],
    ownUnit: false,
    comment: 'required',
    label: '财政局重新打开',
    button: '重新打开',
    done: '财政局重新打开',
    tone: 'back',
  },
} as const satisfies Record<Action, Transition>;

export const isAction = (v: string): v is Action => (ACTIONS as readonly string[]).includes(v);

/** Who is asking, as far as the workflow cares: a role (or the command line) and whether it is the unit's own. */
export interface WorkflowActor {
  role: Role | 'system';
  ownUnit: boolean;
}

/** Whether the actor may take this action now (status, role, own unit). The command line may take any legal one. */
export function mayTake(action: Action, status: Status, who: WorkflowActor): boolean {
  const t: Transition = WORKFLOW[action];
  if (!t.from.includes(status)) return false;
  if (who.role === 'system') return true;
  if (!t.roles.includes(who.role)) return false;
  return !t.ownUnit || who.ownUnit;
}

/** The actions the actor may take now, in workflow order. */
export function allowedActions(status: Status, who: WorkflowActor): Action[] {
  return ACTIONS.filter((a) => mayTake(a, status, who));
}

/** Whether the actor may change the document and evidence now. */
export function mayEditDocument(status: Status, who: WorkflowActor): boolean {
  if (!EDITABLE_STATUSES.includes(status)) return false;
  return who.role === 'system' || (who.role === 'unit_filler' && who.ownUnit);
}
