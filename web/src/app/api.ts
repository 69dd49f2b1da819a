import type {
  Action,
  Attachment,
  AuditEntry,
  CatalogueEntry,
  DashboardScope,
  DashboardView,
  EvaluationDetail,
  EvaluationDocument,
  EvaluationSummary,
  FieldProblem,
  FrameworkDetail,
  Me,
  Ok,
  Organisation,
  ReportFormat,
  ReportJobView,
  Round,
  RoundUnit,
  SessionState,
  Status,
  UnitListAnswer,
  UnitSelection,
} from './types';

export type { ReportFormat };

/** An answer other than 2xx, or no answer at all (status 0): the API's Chinese message and fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get network(): boolean {
    return this.status === 0 || this.status >= 502;
  }
}

let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

export function setCsrf(token: string | undefined): void {
  csrfToken = token;
}
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '网络连接失败：无法连接服务器，请检查网络后重试');
  }
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('application/json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    if (res.status === 401 && !url.endsWith('/api/auth/login') && !url.endsWith('/api/auth/me')) onUnauthorized?.();
    const e = (data as { error?: Record<string, unknown> } | null)?.error;
    const message =
      typeof e?.message === 'string'
        ? e.message
        : res.status >= 500
          ? `服务器暂时不可用（${res.status}），请稍后重试`
          : `请求失败（${res.status}）`;
    throw new ApiError(
      res.status,
      typeof e?.code === 'string' ? e.code : 'http',
      message,
      Array.isArray(e?.fields) ? (e!.fields as FieldProblem[]) : [],
      e ?? {},
    );
  }
  return data as T;
}

export const q = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const t = s.toString();
  return t ? `?${t}` : '';
};

export const api = {
  me: () => request<Me>('GET', '/api/auth/me'),
  /** Signed in or not, always a 200: the login page loads without a 401 in the console. */
  session: () => request<SessionState>('GET', '/api/auth/session'),
  login: (username: string, password: string) => request<Me>('POST', '/api/auth/login', { username, password }),
  logout: () => request<Ok>('POST', '/api/auth/logout', {}),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<Ok>('POST', '/api/auth/password', { currentPassword, newPassword }),

  organisations: () => request<Organisation[]>('GET', '/api/organisations'),
  rounds: () => request<Round[]>('GET', '/api/rounds'),
  round: (id: number) => request<Round>('GET', `/api/rounds/${id}`),
  createRound: (r: {
    name: string;
    year: number;
    frameworkVersionId: number;
    deadline: string | null;
    units?: UnitSelection;
  }) => request<Round>('POST', '/api/rounds', r),
  roundUnits: (id: number) => request<RoundUnit[]>('GET', `/api/rounds/${id}/units`),
  addRoundUnits: (id: number, sel: UnitSelection) => request<RoundUnit[]>('POST', `/api/rounds/${id}/units`, sel),
  withdrawRoundUnit: (id: number, orgId: number) => request<RoundUnit[]>('DELETE', `/api/rounds/${id}/units/${orgId}`),
  readUnitList: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<UnitListAnswer>('POST', '/api/rounds/unit-list', form);
  },
  updateRound: (id: number, r: { name?: string; deadline?: string | null }) =>
    request<Round>('PATCH', `/api/rounds/${id}`, r),

  frameworks: () => request<CatalogueEntry[]>('GET', '/api/web/frameworks'),
  framework: (id: number) => request<FrameworkDetail>('GET', `/api/frameworks/${id}`),
  saveFramework: (source: unknown, basedOn?: number) =>
    request<CatalogueEntry>('POST', '/api/web/frameworks', { source, ...(basedOn ? { basedOn } : {}) }),

  evaluations: (f: { roundId?: number; status?: Status; orgId?: number } = {}) =>
    request<EvaluationSummary[]>('GET', `/api/evaluations${q(f)}`),
  evaluation: (id: number) => request<EvaluationDetail>('GET', `/api/evaluations/${id}`),
  createEvaluation: (roundId: number, document?: EvaluationDocument, from?: 'previous') =>
    request<EvaluationDetail>('POST', `/api/rounds/${roundId}/evaluations`, {
      ...(document ? { document } : {}),
      ...(from ? { from } : {}),
    }),
  /** A draft from a file: a published report (the importers) or the round's filled-in template. */
  importEvaluation: (roundId: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<EvaluationDetail>('POST', `/api/rounds/${roundId}/evaluations/import`, form);
  },
  templateUrl: (roundId: number) => `/api/rounds/${roundId}/template`,
  confirm: (id: number, version: number, fields?: string[]) =>
    request<EvaluationDetail>('POST', `/api/evaluations/${id}/confirm`, { version, ...(fields ? { fields } : {}) }),
  saveEvaluation: (id: number, version: number, document: EvaluationDocument) =>
    request<EvaluationDetail>('PUT', `/api/evaluations/${id}`, { version, document }),
  transition: (id: number, action: Action, version: number, comment?: string) =>
    request<EvaluationDetail>('POST', `/api/evaluations/${id}/transitions`, {
      action,
      version,
      ...(comment ? { comment } : {}),
    }),
  history: (id: number) => request<AuditEntry[]>('GET', `/api/evaluations/${id}/history`),

  attachments: (id: number) => request<Attachment[]>('GET', `/api/evaluations/${id}/attachments`),
  upload: (id: number, file: File, indicator?: string) => {
    const form = new FormData();
    form.append('file', file);
    if (indicator) form.append('indicator', indicator);
    return request<Attachment>('POST', `/api/evaluations/${id}/attachments`, form);
  },
  deleteAttachment: (id: number) => request<Ok>('DELETE', `/api/attachments/${id}`),

  /** The 自评表 and 自评报告 as a file (html: the preview, opened in the browser). */
  reportUrl: (id: number, format: ReportFormat) => `/api/evaluations/${id}/report/${format}`,
  startReportJob: (roundId: number, formats: ReportFormat[]) =>
    request<ReportJobView>('POST', `/api/rounds/${roundId}/report-jobs`, { formats }),
  reportJob: (jobId: string) => request<ReportJobView>('GET', `/api/report-jobs/${jobId}`),
  reportJobUrl: (jobId: string) => `/api/report-jobs/${jobId}/download`,

  dashboard: (roundId: number, scope: DashboardScope) =>
    request<DashboardView>('GET', `/api/web/rounds/${roundId}/dashboard${q({ scope })}`),
};
