/** @module Background job kinds and states (one home): the queue, the API and the web all use these. */

/** What runs in the background, each on its own queue. */
export const JOB_KINDS = ['round-zip', 'round-rescore', 'round-reminders', 'import-audit'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_KIND_LABELS = {
  'round-zip': '批量导出自评表和报告',
  'round-rescore': '按指标框架重新计分',
  'round-reminders': '截止日期提醒',
  'import-audit': '批量导入与核查',
} as const satisfies Record<JobKind, string>;

/** queued → running → done | failed | cancelled; a running job whose worker stopped goes back to queued. */
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JOB_STATE_LABELS = {
  queued: '排队中',
  running: '进行中',
  done: '已完成',
  failed: '失败',
  cancelled: '已取消',
} as const satisfies Record<JobState, string>;

export const isJobFinished = (s: JobState): boolean => s === 'done' || s === 'failed' || s === 'cancelled';
