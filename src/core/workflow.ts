/**
 * The words of the review workflow: organisation kinds, roles and evaluation statuses, with the
 * Chinese labels users see. Shared by the database schema, the API and the web app, so that a
 * status is called the same everywhere.
 */
export const ORG_KINDS = ['bureau', 'unit', 'subunit'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ROLES = ['bureau_admin', 'bureau_reviewer', 'unit_filler', 'unit_leader', 'public'] as const;
export type Role = (typeof ROLES)[number];

export const STATUSES = ['draft', 'submitted_leader', 'submitted_bureau', 'returned', 'approved', 'locked'] as const;
export type Status = (typeof STATUSES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  bureau_admin: '财政局管理员',
  bureau_reviewer: '财政局审核人员',
  unit_filler: '单位填报人',
  unit_leader: '单位负责人',
  public: '公众（只读）',
};

export const STATUS_LABELS: Record<Status, string> = {
  draft: '草稿',
  submitted_leader: '待单位负责人审核',
  submitted_bureau: '待财政局审核',
  returned: '已退回',
  approved: '已通过',
  locked: '已锁定',
};

export const ORG_KIND_LABELS: Record<OrgKind, string> = { bureau: '财政局', unit: '部门（单位）', subunit: '下属单位' };
