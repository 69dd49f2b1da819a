// The cycle's API calls (targets, monitoring, 整改, results, publication), typed by the server's contracts.
import { request } from '../app/api';
import type { CycleFinding, MonitoringReport, TargetSet } from '@core/cycle/index.js';
import type { MonitoringDashboard, MonitoringView } from '../../../src/server/resources/monitoring/contract.js';
import type { PublicationView } from '../../../src/server/resources/publication/contract.js';
import type {
  CycleSettings,
  RectificationView,
  Results,
} from '../../../src/server/resources/rectification/contract.js';
import type { CycleView, TargetSetView, TargetSummary } from '../../../src/server/resources/targets/contract.js';

export type {
  CycleFinding,
  CycleSettings,
  CycleView,
  MonitoringDashboard,
  MonitoringReport,
  MonitoringView,
  PublicationView,
  RectificationView,
  Results,
  TargetSet,
  TargetSetView,
  TargetSummary,
};
export type Review = Record<string, { verdict: 'reasonable' | 'adjust'; reason?: string }>;

const y = (year?: number) => (year ? `?year=${year}` : '');

export const cycleApi = {
  targets: (year?: number) => request<TargetSummary[]>('GET', `/api/targets${y(year)}`),
  target: (id: number) => request<TargetSetView>('GET', `/api/targets/${id}`),
  createTarget: (year: number, document: Partial<TargetSet>) =>
    request<TargetSetView>('POST', '/api/targets', { year, document }),
  saveTarget: (id: number, version: number, document: Partial<TargetSet>) =>
    request<TargetSetView>('PUT', `/api/targets/${id}`, { version, document }),
  transitionTarget: (
    id: number,
    b: { action: 'submit' | 'return' | 'approve'; version: number; comment?: string; review?: Review },
  ) => request<TargetSetView>('POST', `/api/targets/${id}/transitions`, b),
  adjustTarget: (id: number, b: { version: number; indicator: string; target: string; reason: string }) =>
    request<TargetSetView>('POST', `/api/targets/${id}/adjustments`, b),

  monitoring: (year?: number) => request<MonitoringView[]>('GET', `/api/monitoring${y(year)}`),
  monitoringOne: (id: number) => request<MonitoringView>('GET', `/api/monitoring/${id}`),
  createMonitoring: (year: number, month: number, document: Partial<MonitoringReport>) =>
    request<MonitoringView>('POST', '/api/monitoring', { year, month, document }),
  saveMonitoring: (id: number, version: number, document: Partial<MonitoringReport>) =>
    request<MonitoringView>('PUT', `/api/monitoring/${id}`, { version, document }),
  urge: (id: number, note: string) => request<MonitoringView>('POST', `/api/monitoring/${id}/urge`, { note }),
  dashboard: (year: number) => request<MonitoringDashboard>('GET', `/api/monitoring/dashboard?year=${year}`),

  rectification: (year?: number) => request<RectificationView[]>('GET', `/api/rectification${y(year)}`),
  updateRectification: (id: number, b: Partial<RectificationView> & { version: number }) =>
    request<RectificationView>('PATCH', `/api/rectification/${id}`, b),
  rectifyFromEvaluation: (id: number) =>
    request<RectificationView[]>('POST', `/api/evaluations/${id}/rectification`, {}),

  results: (year: number) => request<Results>('GET', `/api/results?year=${year}`),
  settings: () => request<CycleSettings>('GET', '/api/cycle/settings'),
  saveSettings: (patch: Partial<CycleSettings>) => request<CycleSettings>('PUT', '/api/cycle/settings', patch),
  evaluationCycle: (id: number) => request<CycleView>('GET', `/api/evaluations/${id}/cycle`),
  publications: () => request<PublicationView[]>('GET', '/api/publications'),
  /** Whether the target table goes too is the region's setting (公开绩效目标表), decided by the server. */
  publish: (evaluationId: number) => request<PublicationView>('POST', '/api/publications', { evaluationId }),
  withdraw: (id: number, reason: string) =>
    request<PublicationView>('POST', `/api/publications/${id}/withdraw`, { reason }),
};

/** The year a cycle page starts on: the round chosen in the header, else last year. */
export const defaultYear = (roundYear?: number): number => roundYear ?? new Date().getFullYear() - 1;
