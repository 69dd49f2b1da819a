// The cycle's files: download URLs of 绩效目标表 / 绩效监控表 and the upload of a monthly execution XLSX.
import { request } from '../app/api';
import type { ExecutionImport } from '../../../src/server/resources/monitoring/contract.js';
import type { ReportFormat } from '../app/api';

export type { ExecutionImport };

export const cycleFiles = {
  targetsUrl: (id: number, format: ReportFormat) => `/api/targets/${id}/document?format=${format}`,
  monitoringUrl: (id: number, format: ReportFormat) => `/api/monitoring/${id}/document?format=${format}`,
  importExecution: (id: number, version: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    form.append('version', String(version));
    return request<ExecutionImport>('POST', `/api/monitoring/${id}/execution`, form);
  },
};
