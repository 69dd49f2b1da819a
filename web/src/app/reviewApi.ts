// The review-at-scale calls: the paged list and its export, batch actions, progress and 催办, notifications, changes.
import { q, request } from './api';
import type {
  BatchAction,
  BatchResult,
  Notification,
  Reminded,
  ReviewPage,
  RoundProgress,
  SinceSubmission,
  SortField,
  Status,
} from './types';

export interface ReviewFilters {
  roundId?: number;
  q?: string;
  status?: Status[];
  grade?: string[];
  orgKind?: 'unit' | 'subunit';
  diffMin?: number;
  sortField?: SortField;
  sortOrder?: 'ascend' | 'descend';
}

const params = (f: ReviewFilters) => ({
  roundId: f.roundId,
  q: f.q?.trim() || undefined,
  status: f.status?.length ? f.status.join(',') : undefined,
  grade: f.grade?.length ? f.grade.join(',') : undefined,
  orgKind: f.orgKind,
  diffMin: f.diffMin,
  sortField: f.sortField,
  sortOrder: f.sortField ? f.sortOrder : undefined,
});

export type { BatchAction };

export const reviewApi = {
  list: (f: ReviewFilters, page: number, pageSize: number) =>
    request<ReviewPage>('GET', `/api/review/evaluations${q({ ...params(f), page, pageSize })}`),
  exportUrl: (f: ReviewFilters) => `/api/review/evaluations.xlsx${q(params(f))}`,
  batch: (action: BatchAction, ids: number[], comment?: string) =>
    request<BatchResult>('POST', '/api/review/batch', { action, ids, ...(comment ? { comment } : {}) }),
  progress: (roundId: number) => request<RoundProgress>('GET', `/api/rounds/${roundId}/progress`),
  remind: (roundId: number, orgIds: number[], message?: string) =>
    request<Reminded>('POST', `/api/rounds/${roundId}/reminders`, {
      orgIds,
      ...(message ? { message } : {}),
    }),
  notifications: () => request<Notification[]>('GET', '/api/notifications'),
  sinceSubmission: (id: number) => request<SinceSubmission>('GET', `/api/evaluations/${id}/since-submission`),
};
