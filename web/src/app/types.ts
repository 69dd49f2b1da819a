import type { Evaluation } from '@core/evaluation.js';
import type { Role, Status } from '../../../src/db/schema.js';
import type { EvaluationDetail as ServerEvaluationDetail } from '../../../src/server/services/evaluations.js';

/**
 * The API's answers as the web app reads them: the server's own view types (type-only imports,
 * nothing of the server is bundled), so a change there is a type error here.
 */
export type { Role, Status };
export type { FieldProblem } from '../../../src/server/errors.js';
export type { AttachmentView as Attachment } from '../../../src/server/services/attachments.js';
export type {
  Action,
  EvaluationComment as Comment,
  EvaluationSummary,
} from '../../../src/server/services/evaluations.js';
export type {
  FrameworkDetailView as FrameworkDetail,
  FrameworkVersionView as FrameworkVersion,
} from '../../../src/server/services/frameworks.js';
export type { OrganisationView as Organisation } from '../../../src/server/services/organisations.js';
export type { ReportJobView } from '../../../src/server/services/reports.js';
export type { RoundView as Round } from '../../../src/server/services/rounds.js';
export type { DashboardScope, DashboardView } from '../../../src/server/services/web-dashboard.js';
export type { CatalogueEntry } from '../../../src/server/services/web-frameworks.js';

export interface Me {
  user: { id: number; username: string; displayName: string; role: Role; roleLabel: string };
  organisation: { id: number; name: string; kind: 'bureau' | 'unit' | 'subunit'; regionId: number };
  csrfToken: string;
}

/** The document as the web app edits it: the shape of examples/seeds/*.yaml, loosely typed. */
export type EvaluationDocument = Partial<Evaluation> & Record<string, unknown>;

export interface EvaluationDetail extends Omit<ServerEvaluationDetail, 'document'> {
  document: EvaluationDocument;
}
