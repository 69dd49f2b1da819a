import dayjs from 'dayjs';
import {
  type Action,
  ACTIONS,
  isAction,
  isBureauStaffRole,
  isUnitStaffRole,
  type Transition,
  WORKFLOW,
} from '@core/workflow.js';
import type { Role } from './types';

/** Money in 万元: always two decimals, thousands separated (1,586.78). */
export function wan(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A score with the framework's decimals (93.50 with 2). */
export function score(v: number | null | undefined, decimals = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return v.toFixed(decimals);
}

export function pct(v: number | null | undefined, decimals = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${v.toFixed(decimals)}%`;
}

export function dateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}

export function date(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : '—';
}

export function fromNow(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  const mins = dayjs().diff(d, 'minute');
  if (mins < 1) return '刚刚';
  if (mins < 60) return `${mins} 分钟前`;
  const hours = dayjs().diff(d, 'hour');
  if (hours < 24) return `${hours} 小时前`;
  return d.format('MM-DD HH:mm');
}

export { ROLE_LABELS, STATUS_LABELS } from '@core/workflow.js';

/** Button text, past tense and “comment required” per action: the core's workflow table. */
export const ACTION_LABELS = Object.fromEntries(ACTIONS.map((a) => [a, WORKFLOW[a].button])) as Record<Action, string>;
/** Past tense, for the comment timeline. */
export const ACTION_DONE: Record<string, string> = Object.fromEntries(ACTIONS.map((a) => [a, WORKFLOW[a].done]));
export const COMMENT_REQUIRED: ReadonlySet<Action> = new Set(ACTIONS.filter((a) => WORKFLOW[a].comment === 'required'));
/** Forward (primary button), back (danger: 退回, 重新打开) or neutral; none for a comment without an action. */
export const actionTone = (a: string): Transition['tone'] | undefined => (isAction(a) ? WORKFLOW[a].tone : undefined);

/** Bureau staff, and a unit's own people: core's roles. */
export const isBureau = (r: Role) => isBureauStaffRole(r);
export const isUnit = (r: Role) => isUnitStaffRole(r);
