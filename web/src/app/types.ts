import type { Dashboard } from '@core/dashboard.js';
import type { Evaluation } from '@core/evaluation.js';
import type { ScoreResult } from '@core/scoring.js';

/** The API's answers as the web app reads them (see src/server/schemas.ts and docs/web.md). */
export type Role = 'bureau_admin' | 'bureau_reviewer' | 'unit_filler' | 'unit_leader' | 'public';
export type Status = 'draft' | 'submitted_leader' | 'submitted_bureau' | 'returned' | 'approved' | 'locked';
export type Action = 'submit' | 'leader-approve' | 'leader-return' | 'approve' | 'return' | 'lock' | 'reopen';

export interface Me {
  user: { id: number; username: string; displayName: string; role: Role; roleLabel: string };
  organisation: { id: number; name: string; kind: 'bureau' | 'unit' | 'subunit'; regionId: number };
  csrfToken: string;
}

export interface Organisation {
  id: number;
  parentId: number | null;
  regionId: number;
  kind: 'bureau' | 'unit' | 'subunit';
  kindLabel: string;
  name: string;
  code: string;
  createdAt: string;
}

export interface Round {
  id: number;
  regionId: number;
  name: string;
  year: number;
  frameworkVersionId: number;
  frameworkId: string;
  frameworkVersion: number;
  frameworkName: string;
  deadline: string | null;
  createdAt: string;
}

export interface EvaluationSummary {
  id: number;
  roundId: number;
  roundName: string;
  year: number;
  orgId: number;
  orgName: string;
  status: Status;
  statusLabel: string;
  version: number;
  total: number | null;
  grade: string | null;
  updatedAt: string;
}

export interface Comment {
  id: number;
  author: string;
  action: string;
  body: string;
  createdAt: string;
}

/** The document as the web app edits it: the shape of examples/seeds/*.yaml, loosely typed. */
export type EvaluationDocument = Partial<Evaluation> & Record<string, unknown>;

export interface EvaluationDetail extends EvaluationSummary {
  framework: { id: string; version: number; name: string };
  deadline: string | null;
  document: EvaluationDocument;
  result: ScoreResult | null;
  comments: Comment[];
  editable: boolean;
  actions: Action[];
}

export interface Attachment {
  id: number;
  evaluationId: number;
  indicator: string | null;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: string;
}

export interface FrameworkVersion {
  id: number;
  frameworkId: string;
  version: number;
  name: string;
  region: string;
  year: number;
  kind: string;
  frozen: boolean;
  frozenAt: string | null;
  sha256: string;
}

export interface CatalogueEntry extends FrameworkVersion {
  owner: 'builtin' | 'region';
  regionId: number | null;
  createdBy: string | null;
  createdAt: string;
  basedOn: { id: number; frameworkId: string; version: number } | null;
  editable: boolean;
}

export interface FrameworkDetail extends FrameworkVersion {
  total: number;
  decimals: number;
  grades: Array<{ name: string; min: number }>;
  sourceYaml: string;
}

export type DashboardScope = 'approved' | 'submitted' | 'all';

export interface DashboardView extends Dashboard {
  round: Round;
  scope: DashboardScope;
  scopeLabel: string;
  framework: { id: string; version: number; name: string; decimals: number; total: number };
  progress: { byStatus: Array<{ status: Status; label: string; count: number }>; units: number; notStarted: number } | null;
  trend: Array<{ year: number; count: number; average: number }>;
}

export interface FieldProblem {
  field: string;
  message: string;
}
